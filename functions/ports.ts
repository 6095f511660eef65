/**
 * Ports: the small interfaces the handlers talk to. Each has a DynamoDB/SNS adapter in adapters/
 * and, where the local runner needs one, a local implementation in local/.
 */
import type { Article } from "./core/article.js";

/** Stores articles. `putNew` creates an article only when its id is not stored yet. */
export interface ArticleStore {
  /** Stores the article unless its id exists; true when it was created, false when it was already there. */
  putNew(article: Article): Promise<boolean>;
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
  | { feed: FeedSource; status: "ok"; articles: Article[]; itemErrors: string[]; bytes: number }
  | { feed: FeedSource; status: "not-modified"; bytes: number }
  | { feed: FeedSource; status: "skipped"; nextPollAt: string }
  | { feed: FeedSource; status: "error"; error: string; bytes: number };

/** Reads feeds and normalizes their items. Never throws for one bad feed: that feed's batch says "error". */
export interface FeedFetcher {
  read(feeds: FeedSource[]): Promise<FeedBatch[]>;
}
