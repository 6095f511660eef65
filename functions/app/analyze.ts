/**
 * The analyze step: new articles (DynamoDB stream INSERT records) → strike events → incidents →
 * outbox records for new or worsened civilian-casualty incidents in watched regions → SNS.
 * Shared by the analyze Lambda and the local runner. Delivery is at-least-once with a claim per
 * outbox record, so a record delivered twice publishes once and a failed publish is retried later.
 */
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type {
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
  AttributeValue as StreamAttributeValue,
} from "aws-lambda";
import { isBackfill, toArticle } from "../adapters/article-dynamo.js";
import { type AlertKind, deservesAlert, renderAlert, type WatchedRegion } from "../core/alerts.js";
import type { Article } from "../core/article.js";
import { extract } from "../core/extract/index.js";
import {
  alertedToll,
  eventDate,
  eventDateKnown,
  findIncident,
  type Incident,
  mergeEvent,
  newIncident,
  REPORT_LAG_DAYS,
  type UpdateThresholds,
  worthUpdate,
} from "../core/incidents.js";
import type { AlertOutbox, AlertPublisher, IncidentStore, OutboxRecord } from "../ports.js";

/** What the analyze step needs. */
export interface AnalyzeDeps {
  incidents: IncidentStore;
  outbox: AlertOutbox;
  watched: WatchedRegion[];
  /** Subscribers' minKilled / minInjured: an update crossing one is sent even when the rise is small. */
  thresholds?: UpdateThresholds;
  /**
   * Events older than this many hours (by the strike's date, else the publication date) are stored
   * and merged but never alerted. Undefined: no bound (a replay of archives).
   */
  alertMaxAgeHours?: number;
  now?: () => Date;
}

/** How one article is analyzed. */
export interface AnalyzeOptions {
  /** Stored by its feed's first poll: merged like any other, alerted never (see StoreOptions.backfill). */
  backfill?: boolean;
}

/** Why an alert an incident called for was not queued. */
export type WithheldReason = "backfill" | "too-old";

/** What delivery needs. */
export interface DeliverDeps {
  outbox: AlertOutbox;
  publisher: AlertPublisher;
  now?: () => Date;
  /** How long a claim keeps other runs off a record (default 60 s). */
  leaseMs?: number;
}

/** What analyzing one article did. */
export interface ArticleAnalysis {
  articleId: string;
  events: number;
  created: string[];
  merged: string[];
  queued: OutboxRecord[];
  /** Incidents whose alert was withheld: the article was a backfill, or the event older than the bound. */
  withheld: Array<{ incidentId: string; reason: WithheldReason }>;
}

/** How many times a save that lost a race is retried with a fresh read. */
const SAVE_ATTEMPTS = 5;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * How old an event is at `now`, in ms: from the end of the strike's day when the text states it
 * (a day is all the text gives, so the event is never older than it could be), else from the
 * article's publication time, else from the end of the day the event carries, else from when the
 * article was fetched (it was published no later than that).
 */
export function eventAgeMs(
  event: { date: string | null; dateStated?: boolean },
  article: Partial<Pick<Article, "publishedAt" | "fetchedAt">>,
  now: Date,
): number {
  const endOfDay = (date: string) => Date.parse(`${date}T00:00:00Z`) + DAY_MS;
  const published = article.publishedAt ? Date.parse(article.publishedAt) : Number.NaN;
  const fetched = article.fetchedAt ? Date.parse(article.fetchedAt) : Number.NaN;
  const since =
    event.date && event.dateStated
      ? endOfDay(event.date)
      : Number.isFinite(published)
        ? published
        : event.date
          ? endOfDay(event.date)
          : fetched;
  return Number.isFinite(since) ? Math.max(0, now.getTime() - since) : 0;
}

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The alert a new state of an incident calls for, if any: its kind and version. Updates are bounded (worthUpdate). */
function alertFor(
  after: Incident,
  tollRose: boolean,
  watched: WatchedRegion[],
  thresholds?: UpdateThresholds,
) {
  if (!deservesAlert(after, watched)) return undefined;
  const kind: AlertKind | undefined =
    after.alertVersion === 0 ? "new" : tollRose && worthUpdate(after, thresholds) ? "update" : undefined;
  if (!kind) return undefined;
  return { kind, version: after.alertVersion + 1 };
}

/**
 * Extracts events from an article and folds each into its incident, queueing an outbox record
 * when an incident first deserves an alert or its toll rises. Idempotent: analyzing an article
 * again changes no incident and queues nothing new (the outbox put is conditional).
 */
export async function analyzeArticle(
  article: Article,
  deps: AnalyzeDeps,
  options: AnalyzeOptions = {},
): Promise<ArticleAnalysis> {
  const clock = (deps.now ?? (() => new Date()))();
  const now = clock.toISOString();
  const result: ArticleAnalysis = {
    articleId: article.id,
    events: 0,
    created: [],
    merged: [],
    queued: [],
    withheld: [],
  };
  const events = extract(article);
  result.events = events.length;
  const today = now.slice(0, 10);
  for (const event of events) {
    // Stored and merged like any other, but alerted never: a backfill, or an event older than the bound.
    const withhold: WithheldReason | undefined = options.backfill
      ? "backfill"
      : deps.alertMaxAgeHours !== undefined &&
          eventAgeMs(event, article, clock) > deps.alertMaxAgeHours * HOUR_MS
        ? "too-old"
        : undefined;
    const date = eventDate(event, article);
    const dateKnown = eventDateKnown(event, article);
    // Undated incidents carry their fetch date, on or after the strike: look from the event's date to today.
    const candidates = await deps.incidents.candidates(
      event.place,
      dateKnown ? shiftDate(date, -REPORT_LAG_DAYS) : "0000-00-00",
      shiftDate(dateKnown && date > today ? date : today, REPORT_LAG_DAYS),
    );
    const known = candidates.find((incident) =>
      incident.sources.some(
        (source) => source.articleId === article.id && samePlaceName(incident, event.place.name),
      ),
    );
    let match = known ?? findIncident(candidates, event, date, dateKnown);
    for (let attempt = 1; ; attempt += 1) {
      const merged = match
        ? mergeEvent(match, event, article, now)
        : { incident: newIncident(event, article, now), changed: true, tollRose: false };
      let incident = merged.incident;
      const wanted = merged.changed
        ? alertFor(incident, merged.tollRose, deps.watched, deps.thresholds)
        : undefined;
      const alert = withhold ? undefined : wanted;
      if (alert) incident = { ...incident, alertVersion: alert.version, alertedToll: alertedToll(incident) };
      if (merged.changed && !(await deps.incidents.save(incident, match?.date))) {
        if (attempt >= SAVE_ATTEMPTS) {
          throw new Error(`incident ${incident.id}: gave up after ${attempt} conflicting saves`);
        }
        // Someone saved it first: fold into what is stored now.
        match = await deps.incidents.get(incident.id);
        continue;
      }
      (match ? result.merged : result.created).push(incident.id);
      if (withhold && wanted) result.withheld.push({ incidentId: incident.id, reason: withhold });
      // Queue the incident's current alert version; when this article was folded in by an earlier run that
      // stopped before queueing, this is where the alert is recovered (the put is conditional, so no double).
      // A withheld event recovers nothing: an old alert whose outbox record has expired must not go out again.
      if (!withhold && incident.alertVersion > 0 && (alert || !merged.changed)) {
        const kind: AlertKind = alert?.kind ?? (incident.alertVersion === 1 ? "new" : "update");
        const record: OutboxRecord = {
          incidentId: incident.id,
          version: incident.alertVersion,
          alert: renderAlert(incident, kind, incident.alertVersion),
          createdAt: now,
          attempts: 0,
        };
        if (await deps.outbox.add(record)) result.queued.push(record);
      }
      break;
    }
  }
  return result;
}

function samePlaceName(incident: Incident, name: string): boolean {
  return incident.place.name === name || incident.place.city === name || incident.place.admin1 === name;
}

/** What one delivery pass did. */
export interface DeliveryReport {
  sent: OutboxRecord[];
  failed: Array<{ record: OutboxRecord; error: string }>;
  skipped: number;
}

/** Publishes every pending outbox record it can claim; a failure leaves the record pending for the next pass. */
export async function deliverPending(deps: DeliverDeps): Promise<DeliveryReport> {
  const now = deps.now ?? (() => new Date());
  const report: DeliveryReport = { sent: [], failed: [], skipped: 0 };
  for (const record of await deps.outbox.pending()) {
    if (!(await deps.outbox.claim(record, now(), deps.leaseMs ?? 60_000))) {
      report.skipped += 1;
      continue;
    }
    let messageId: string;
    try {
      messageId = await deps.publisher.publish(record.alert);
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await deps.outbox.markFailed(record, message);
      report.failed.push({ record, error: message });
      continue;
    }
    await deps.outbox.markSent(record, messageId, now());
    report.sent.push(record);
  }
  return report;
}

const REQUIRED = ["id", "url", "source", "feedUrl", "fetchedAt", "body"] as const;

/** A stream image that is not an article; names the record and the missing fields. */
export class BadStreamRecordError extends Error {
  constructor(eventId: string | undefined, missing: readonly string[]) {
    super(`stream record ${eventId ?? "?"}: article image lacks ${missing.join(", ")}`);
    this.name = "BadStreamRecordError";
  }
}

/** One record of a stream batch: its article (and whether it was a backfill), or why it is none. */
export type StreamEntry =
  | { sequence: string; article: Article; backfill: boolean }
  | { sequence: string; error: BadStreamRecordError };

/** The articles of a stream batch: INSERT records with a new image. */
export function streamArticles(event: DynamoDBStreamEvent): StreamEntry[] {
  const articles: StreamEntry[] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== "INSERT" || !image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    const sequence = record.dynamodb?.SequenceNumber ?? "";
    const missing = REQUIRED.filter((field) => typeof item[field] !== "string");
    if (missing.length > 0)
      articles.push({ sequence, error: new BadStreamRecordError(record.eventID, missing) });
    else articles.push({ sequence, article: toArticle(item), backfill: isBackfill(item) });
  }
  return articles;
}

/** The stream event the local runner builds for stored articles: the same shape DynamoDB Streams delivers. */
export function toStreamEvent(images: Array<Record<string, AttributeValue>>): DynamoDBStreamEvent {
  return {
    Records: images.map((image, index) => ({
      eventID: String(index + 1),
      eventName: "INSERT",
      eventSource: "aws:dynamodb",
      dynamodb: {
        NewImage: image as Record<string, StreamAttributeValue>,
        SequenceNumber: String(index + 1).padStart(21, "0"),
        StreamViewType: "NEW_IMAGE",
      },
    })),
  };
}

/** What a stream batch did: each article's analysis, the delivery pass, and the records to retry. */
export interface StreamReport {
  analyses: ArticleAnalysis[];
  /** The record that failed (the rest of the batch after it is retried unread). */
  errors: Array<{ sequence: string; error: string }>;
  delivery: DeliveryReport;
  response: DynamoDBBatchResponse;
}

/**
 * Handles a stream batch: analyze each new article in order; on the first failure, report that
 * record and the rest as failed (Lambda retries them, bisecting); then deliver pending alerts.
 */
export async function handleStream(
  event: DynamoDBStreamEvent,
  deps: AnalyzeDeps & DeliverDeps,
): Promise<StreamReport> {
  const analyses: ArticleAnalysis[] = [];
  const errors: StreamReport["errors"] = [];
  const failures: Array<{ itemIdentifier: string }> = [];
  for (const entry of streamArticles(event)) {
    if (failures.length > 0) {
      failures.push({ itemIdentifier: entry.sequence });
      continue;
    }
    try {
      if ("error" in entry) throw entry.error;
      analyses.push(await analyzeArticle(entry.article, deps, { backfill: entry.backfill }));
    } catch (error) {
      errors.push({
        sequence: entry.sequence,
        error: error instanceof Error ? error.message : String(error),
      });
      failures.push({ itemIdentifier: entry.sequence });
    }
  }
  const delivery = await deliverPending(deps);
  return { analyses, errors, delivery, response: { batchItemFailures: failures } };
}
