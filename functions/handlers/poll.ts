/**
 * The poll Lambda: SQS messages (one feed each, from dispatch) → fetch, parse, normalize → new
 * articles stored. Returns partial batch failures so only the messages that failed come back.
 * The messages of a batch are polled side by side, so a batch takes as long as its slowest feed
 * (its fetch, at most 20 s, and its full-text pages, at most 30 s), not the sum of five.
 */

import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { DynamoArticleStore } from "../adapters/article-dynamo.js";
import { DynamoFeedStateStore } from "../adapters/feed-state-dynamo.js";
import { HttpFeedFetcher } from "../adapters/http-feed-fetcher.js";
import { ingestFeeds } from "../app/ingest.js";
import { requireEnv, requirePositiveNumberEnv } from "../env.js";
import { emitMetrics } from "../metrics.js";
import type { FeedSource } from "../ports.js";
import { ARTICLES_TABLE, ENV, FEEDS_TABLE, METRICS } from "../tables.js";

const [articlesTable, feedsTable] = requireEnv([ARTICLES_TABLE.envVar, FEEDS_TABLE.envVar]);
const logger = new Logger({ serviceName: "poll" });
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
const articles = new DynamoArticleStore(doc, articlesTable);
// A Telegram channel pages back within the deployment's alert age bound (older posts would not alert).
const fetcher = new HttpFeedFetcher({
  state: new DynamoFeedStateStore(doc, feedsTable),
  telegram: { maxAgeHours: requirePositiveNumberEnv(ENV.alertMaxAgeHours) },
});

/** A message body that is not a feed source; names what is wrong. */
export class BadFeedMessageError extends Error {
  constructor(reason: string) {
    super(`feed message: ${reason}`);
    this.name = "BadFeedMessageError";
  }
}

/** Reads one message body: `{"url": "https://…", "name"?, "fullText"?, "maxBytes"?}`. */
export function parseFeedMessage(body: string): FeedSource {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new BadFeedMessageError("not JSON");
  }
  const feed = value as Partial<FeedSource> | null;
  if (!feed || typeof feed.url !== "string" || !/^https?:\/\//i.test(feed.url)) {
    throw new BadFeedMessageError("needs an http(s) url");
  }
  return {
    url: feed.url,
    ...(typeof feed.name === "string" ? { name: feed.name } : {}),
    ...(feed.fullText === true ? { fullText: true } : {}),
    ...(typeof feed.maxBytes === "number" ? { maxBytes: feed.maxBytes } : {}),
  };
}

/** What polling one message gave: the counts for the metrics, or a failure to report. */
async function pollMessage(record: SQSRecord): Promise<{ stored: number; feedErrors: number } | "failed"> {
  try {
    const feed = parseFeedMessage(record.body);
    // A feed's first successful poll is a backfill: stored and merged, never alerted.
    const report = await ingestFeeds([feed], { fetcher, articles }, { backfillFirstPoll: true });
    for (const { error } of report.feedErrors) logger.warn("feed failed", { feed: feed.url, error });
    for (const { error } of report.itemErrors) logger.warn("item skipped", { feed: feed.url, error });
    const backfill = report.stored.filter((entry) => entry.backfill).length;
    // Most polls find nothing new: those are debug lines, so a quiet month costs little log ingestion.
    const level = report.stored.length > 0 ? "info" : "debug";
    logger[level]("feed polled", {
      feed: feed.url,
      stored: report.stored.length,
      known: report.known,
      ...(backfill > 0 ? { backfill } : {}),
      ...(report.truncated > 0 ? { truncated: report.truncated } : {}),
    });
    return { stored: report.stored.length, feedErrors: report.feedErrors.length };
  } catch (error) {
    logger.error("message failed", { messageId: record.messageId, error: String(error) });
    return "failed";
  }
}

/** Polls the feed of each message. A feed that fails is not an SQS failure (its backoff is in the feed state); a store failure is. */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const results = await Promise.all(event.Records.map(pollMessage));
  const failures: SQSBatchResponse["batchItemFailures"] = [];
  let stored = 0;
  let feedErrors = 0;
  results.forEach((result, index) => {
    if (result === "failed") failures.push({ itemIdentifier: event.Records[index]!.messageId });
    else {
      stored += result.stored;
      feedErrors += result.feedErrors;
    }
  });
  emitMetrics("poll", { [METRICS.articlesStored]: stored, [METRICS.feedErrors]: feedErrors });
  return { batchItemFailures: failures };
}
