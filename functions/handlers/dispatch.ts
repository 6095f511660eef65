/**
 * The dispatch Lambda, run by the schedule with the configured feeds as its event
 * (`{"feeds": [...]}`: a schedule's input holds 256 KB, room for thousands of feeds, where
 * environment variables hold 4 KB): the feeds that are due (not backing off) → one SQS message
 * each for the poll Lambda. Also reports how many feeds have been failing for over an hour,
 * which the feeds-failing alarm watches.
 */

import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DynamoFeedStateStore } from "../adapters/feed-state-dynamo.js";
import { requireEnv } from "../env.js";
import { emitMetrics } from "../metrics.js";
import type { FeedSource, FeedState } from "../ports.js";
import { ENV, FEEDS_TABLE, METRICS } from "../tables.js";

const [feedsTable, feedQueueUrl] = requireEnv([FEEDS_TABLE.envVar, ENV.feedQueueUrl]);
const logger = new Logger({ serviceName: "dispatch" });
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const states = new DynamoFeedStateStore(doc, feedsTable);
const sqs = new SQSClient({});

const HOUR_MS = 3_600_000;
const SQS_BATCH = 10;

/** The feeds to poll now: those never polled or whose next poll time has come. */
export function dueFeeds(all: FeedSource[], known: Map<string, FeedState>, now: Date): FeedSource[] {
  return all.filter((feed) => {
    const next = known.get(feed.url)?.nextPollAt;
    return !next || Date.parse(next) <= now.getTime();
  });
}

/** Feeds failing without a success for over an hour. */
export function failingOverAnHour(all: FeedSource[], known: Map<string, FeedState>, now: Date): number {
  return all.filter((feed) => {
    const state = known.get(feed.url);
    if (!state || state.consecutiveFailures === 0) return false;
    const since = Date.parse(state.lastSuccessAt ?? state.lastErrorAt ?? now.toISOString());
    return now.getTime() - since > HOUR_MS;
  }).length;
}

/** The schedule's event: the configured feeds. */
export interface DispatchEvent {
  feeds: FeedSource[];
}

/** An event that is not `{"feeds": [{"url": "https://…"}, …]}`; names what is wrong. */
export class BadDispatchEventError extends Error {
  constructor(reason: string) {
    super(`dispatch event: ${reason}`);
    this.name = "BadDispatchEventError";
  }
}

/** The feeds of a schedule event, checked. */
export function feedsOf(event: unknown): FeedSource[] {
  const feeds = (event as Partial<DispatchEvent> | null)?.feeds;
  if (!Array.isArray(feeds)) throw new BadDispatchEventError("needs a feeds array");
  feeds.forEach((feed: Partial<FeedSource> | null, index) => {
    if (!feed || typeof feed.url !== "string" || !/^https?:\/\//i.test(feed.url)) {
      throw new BadDispatchEventError(`feeds[${index}] needs an http(s) url`);
    }
  });
  return feeds;
}

/** Sends each due feed of the event to the feed queue. */
export async function handler(event: DispatchEvent): Promise<{ dispatched: number; failing: number }> {
  const feeds = feedsOf(event);
  const now = new Date();
  const known = new Map((await states.list()).map((state) => [state.feedUrl, state]));
  const due = dueFeeds(feeds, known, now);
  for (let start = 0; start < due.length; start += SQS_BATCH) {
    const batch = due.slice(start, start + SQS_BATCH);
    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: feedQueueUrl,
        Entries: batch.map((feed, index) => ({ Id: String(index), MessageBody: JSON.stringify(feed) })),
      }),
    );
    if (result.Failed?.length)
      throw new Error(`SQS refused ${result.Failed.length} feed messages: ${result.Failed[0]?.Message}`);
  }
  const failing = failingOverAnHour(feeds, known, now);
  // Only what an alarm or the dashboard reads is a metric (USD 0.30 a month each); the rest is logged.
  emitMetrics("dispatch", { [METRICS.feedsFailingOverAnHour]: failing });
  logger.info("dispatched", { due: due.length, feeds: feeds.length, failing });
  return { dispatched: due.length, failing };
}
