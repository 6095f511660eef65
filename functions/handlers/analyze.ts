/**
 * The analyze Lambda: DynamoDB stream records of new articles → incidents → alerts on SNS. Also run
 * by the schedule with `{"action":"deliver"}` so alerts whose publish failed are retried even when
 * no article arrives, and by `strikewatch replay --stack` with `{"action":"reanalyze","ids":[…]}`
 * to analyze stored articles again (what the stream dead-letter queue only describes).
 */

import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SNSClient } from "@aws-sdk/client-sns";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { DynamoArticleStore } from "../adapters/article-dynamo.js";
import { DynamoIncidentStore } from "../adapters/incident-dynamo.js";
import { DynamoAlertOutbox } from "../adapters/outbox-dynamo.js";
import { SnsAlertPublisher } from "../adapters/sns-publisher.js";
import { type DeliveryReport, deliverPending, handleStream } from "../app/analyze.js";
import { MAX_REANALYZE_IDS, type ReanalyzeResult, reanalyze, type StoredArticle } from "../app/replay.js";
import type { UpdateThresholds } from "../core/incidents.js";
import { resolveRegion } from "../core/regions.js";
import { requireEnv, requireJsonEnv, requirePositiveNumberEnv } from "../env.js";
import { emitMetrics } from "../metrics.js";
import { ARTICLES_TABLE, ENV, INCIDENTS_TABLE, METRICS, OUTBOX_TABLE } from "../tables.js";

const [incidentsTable, outboxTable, articlesTable, topicArn] = requireEnv([
  INCIDENTS_TABLE.envVar,
  OUTBOX_TABLE.envVar,
  ARTICLES_TABLE.envVar,
  ENV.alertsTopicArn,
]);
const watched = requireJsonEnv<string[]>(ENV.watchedRegions).map((name, index) =>
  resolveRegion(name, `${ENV.watchedRegions}[${index}]`),
);
const thresholds = requireJsonEnv<UpdateThresholds>(ENV.updateThresholds);
const alertMaxAgeHours = requirePositiveNumberEnv(ENV.alertMaxAgeHours);
const logger = new Logger({ serviceName: "analyze" });
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
const outbox = new DynamoAlertOutbox(doc, outboxTable);
const articles = new DynamoArticleStore(doc, articlesTable);
const deps = {
  incidents: new DynamoIncidentStore(doc, incidentsTable),
  outbox,
  publisher: new SnsAlertPublisher(new SNSClient({}), topicArn),
  watched,
  thresholds,
  alertMaxAgeHours,
};

/**
 * Sent and failed publishes of a delivery pass, and the age of the oldest alert still pending after
 * it (one query of the sparse pending index, oldest first): the alarms' view of the outbox.
 */
async function emitDeliveryMetrics(delivery: DeliveryReport): Promise<void> {
  const [oldest] = await outbox.pending(1);
  const age = oldest ? Math.max(0, Math.round((Date.now() - Date.parse(oldest.createdAt)) / 1000)) : 0;
  emitMetrics(
    "analyze",
    {
      [METRICS.alertsSent]: delivery.sent.length,
      [METRICS.alertsFailed]: delivery.failed.length,
      [METRICS.oldestPendingAlertSeconds]: Number.isFinite(age) ? age : 0,
    },
    undefined,
    { [METRICS.oldestPendingAlertSeconds]: "Seconds" },
  );
}

/** The scheduled retry of pending alerts. */
export interface DeliverEvent {
  action: "deliver";
}

/** Re-analysis of stored articles by id (strikewatch replay --stack). */
export interface ReanalyzeEvent {
  action: "reanalyze";
  ids: string[];
  /** Alert as on the day: no age bound, backfills alerted too. */
  asOnTheDay?: boolean;
}

/** An event that is neither a stream batch nor one of the actions; says what is wrong. */
export class BadAnalyzeEventError extends Error {
  constructor(reason: string) {
    super(`analyze event: ${reason}`);
    this.name = "BadAnalyzeEventError";
  }
}

async function reanalyzeIds(event: ReanalyzeEvent): Promise<ReanalyzeResult> {
  const ids = event.ids;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string"))
    throw new BadAnalyzeEventError("reanalyze needs ids, an array of article ids");
  if (ids.length > MAX_REANALYZE_IDS)
    throw new BadAnalyzeEventError(`reanalyze takes at most ${MAX_REANALYZE_IDS} ids, not ${ids.length}`);
  const stored: StoredArticle[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const found = await articles.getStored(id);
    if (found) stored.push(found);
    else missing.push(id);
  }
  const report = await reanalyze(stored, deps, { asOnTheDay: event.asOnTheDay === true });
  for (const { articleId, error } of report.errors) logger.error("article failed", { articleId, error });
  await emitDeliveryMetrics(report.delivery);
  return {
    analyzed: report.analyses.length,
    missing,
    queued: report.analyses.reduce((total, analysis) => total + analysis.queued.length, 0),
    withheld: report.analyses.reduce((total, analysis) => total + analysis.withheld.length, 0),
    errors: report.errors,
    sent: report.delivery.sent.length,
    failed: report.delivery.failed.length,
  };
}

/** Analyzes a stream batch (partial failures reported by sequence number), delivers pending alerts, or re-analyzes stored articles. */
export async function handler(
  event: DynamoDBStreamEvent | DeliverEvent | ReanalyzeEvent,
): Promise<DynamoDBBatchResponse | { sent: number; failed: number } | ReanalyzeResult> {
  if ("action" in event && event.action === "reanalyze") return reanalyzeIds(event);
  if ("action" in event) {
    const action: unknown = (event as { action: unknown }).action;
    if (action !== "deliver") throw new BadAnalyzeEventError(`unknown action ${JSON.stringify(action)}`);
    const delivery = await deliverPending(deps);
    for (const { record, error } of delivery.failed)
      logger.warn("alert not sent", { incidentId: record.incidentId, error });
    await emitDeliveryMetrics(delivery);
    return { sent: delivery.sent.length, failed: delivery.failed.length };
  }
  const report = await handleStream(event, deps);
  for (const { sequence, error } of report.errors) logger.error("record failed", { sequence, error });
  for (const { record, error } of report.delivery.failed)
    logger.warn("alert not sent", { incidentId: record.incidentId, error });
  logger.info("analyzed", {
    articles: report.analyses.length,
    events: report.analyses.reduce((total, analysis) => total + analysis.events, 0),
    withheld: report.analyses.reduce((total, analysis) => total + analysis.withheld.length, 0),
  });
  await emitDeliveryMetrics(report.delivery);
  return report.response;
}
