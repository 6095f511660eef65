/**
 * Ports: the small interfaces the handlers talk to. Each has a DynamoDB/SNS adapter in adapters/
 * and, where the local runner needs one, a local implementation in local/.
 */
import type { RenderedAlert } from "./core/alerts.js";
import type { Article } from "./core/article.js";
import type { Incident } from "./core/incidents.js";

/** How an article is stored. */
export interface StoreOptions {
  /**
   * Stored by a feed's first poll: the analyze step merges it but alerts on none of its events, so a
   * new deployment (or a newly added feed) does not alert on everything the feed already lists.
   */
  backfill?: boolean;
}

/** An article the store refuses as it is (too large, a malformed attribute): this item is lost, the others are not. */
export class ArticleRejectedError extends Error {
  constructor(
    readonly articleId: string,
    readonly url: string,
    reason: string,
  ) {
    super(`${url}: article ${articleId} not stored: ${reason}`);
    this.name = "ArticleRejectedError";
  }
}

/** Stores articles. `putNew` creates an article only when its id is not stored yet. */
export interface ArticleStore {
  /**
   * Stores the article unless its id exists; true when it was created, false when it was already
   * there. Throws ArticleRejectedError for an article the store can never take; other errors are
   * the store's (throttling, network) and worth a retry.
   */
  putNew(article: Article, options?: StoreOptions): Promise<boolean>;
  get(id: string): Promise<Article | undefined>;
  /** Every stored article, oldest fetch first (then by URL). For export and the local runner; not for Lambda hot paths. */
  list(): Promise<Article[]>;
}

/** What the poller remembers of a feed between polls. */
export interface FeedState {
  feedUrl: string;
  etag?: string;
  lastModified?: string;
  /** ISO 8601 */
  lastSuccessAt?: string;
  /** ISO 8601 */
  lastErrorAt?: string;
  lastError?: string;
  consecutiveFailures: number;
  /** ISO 8601: the feed is not polled before this time. */
  nextPollAt?: string;
  /** Fingerprints of the items of the last stored poll: they are not stored again. */
  seenItems?: string[];
}

/** Per-feed polling state: validators for conditional GET, health and backoff. */
export interface FeedStateStore {
  get(feedUrl: string): Promise<FeedState | undefined>;
  put(state: FeedState): Promise<void>;
  list(): Promise<FeedState[]>;
}

/** A feed to poll, as configured. */
export interface FeedSource {
  url: string;
  name?: string;
  /** Fetch each item's page and take its main text (for feeds that carry only summaries). */
  fullText?: boolean;
  /** Body cap in bytes for this feed. */
  maxBytes?: number;
}

/** What reading one feed gave: normalized articles, or why there are none. */
export type FeedBatch =
  | {
      feed: FeedSource;
      status: "ok";
      articles: Article[];
      itemErrors: string[];
      bytes: number;
      /** Items left out because the last stored poll had them. */
      seen?: number;
      /** The feed's first successful poll: what it lists was published before we watched it (a backfill). */
      firstPoll?: boolean;
      /** Items whose linked page was not fetched because the poll's full-text budget was spent (they keep the feed's text). */
      fullTextSkipped?: number;
      /** Records the poll as done; called once its articles are stored. */
      commit?: () => Promise<void>;
    }
  | { feed: FeedSource; status: "not-modified"; bytes: number }
  | { feed: FeedSource; status: "skipped"; nextPollAt: string }
  | { feed: FeedSource; status: "error"; error: string; bytes: number };

/** Reads feeds and normalizes their items. Never throws for one bad feed: that feed's batch says "error". */
export interface FeedFetcher {
  read(feeds: FeedSource[]): Promise<FeedBatch[]>;
}

/** Incidents and the lookup of candidates for a new event. */
export interface IncidentStore {
  /** Incidents of an area (country + admin1) whose date lies in [from, to] (YYYY-MM-DD). */
  candidates(area: { country: string; admin1: string | null }, from: string, to: string): Promise<Incident[]>;
  get(id: string): Promise<Incident | undefined>;
  /**
   * Saves the incident if its stored revision is still `incident.revision` (or it is new), writing
   * revision + 1. Returns false when someone else saved it first (re-read and retry).
   * `previousDate` is the date it was stored under when the save changes it.
   */
  save(incident: Incident, previousDate?: string): Promise<boolean>;
}

/** One alert to deliver, as written to the outbox. */
export interface OutboxRecord {
  incidentId: string;
  version: number;
  alert: RenderedAlert;
  createdAt: string;
  attempts: number;
  lastError?: string;
}

/** The alert outbox: written before publishing, marked sent after, so nothing is lost or doubled. */
export interface AlertOutbox {
  /** Records the alert as pending unless this incident version is recorded already; true when created. */
  add(record: OutboxRecord): Promise<boolean>;
  /** Pending records, oldest first. */
  pending(limit?: number): Promise<OutboxRecord[]>;
  /** Takes a pending record for `leaseMs` so no other run publishes it meanwhile; false when another run holds it or it was sent. */
  claim(record: OutboxRecord, now: Date, leaseMs: number): Promise<boolean>;
  markSent(record: OutboxRecord, messageId: string, now: Date): Promise<void>;
  /** Releases a claim after a failed publish, counting the attempt. */
  markFailed(record: OutboxRecord, error: string): Promise<void>;
}

/** Publishes a rendered alert (SNS topic, or the local printer). Returns the message id. */
export interface AlertPublisher {
  publish(alert: RenderedAlert): Promise<string>;
}
