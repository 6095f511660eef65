/**
 * The analyze Lambda: DynamoDB stream records of new articles → incidents → alerts on SNS. Also run
 * by the schedule with `{"action":"deliver"}` so alerts whose publish failed are retried even when
 * no article arrives.
 */

import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SNSClient } from "@aws-sdk/client-sns";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { DynamoIncidentStore } from "../adapters/incident-dynamo.js";
import { DynamoAlertOutbox } from "../adapters/outbox-dynamo.js";
import { SnsAlertPublisher } from "../adapters/sns-publisher.js";
import { type DeliveryReport, deliverPending, handleStream } from "../app/analyze.js";
import type { UpdateThresholds } from "../core/incidents.js";
import { resolveRegion } from "../core/regions.js";
import { requireEnv, requireJsonEnv, requirePositiveNumberEnv } from "../env.js";
import { emitMetrics } from "../metrics.js";
import { ENV, INCIDENTS_TABLE, METRICS, OUTBOX_TABLE } from "../tables.js";

const [incidentsTable, outboxTable, topicArn] = requireEnv([
  INCIDENTS_TABLE.envVar,
  OUTBOX_TABLE.envVar,
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

/** Analyzes a stream batch (partial failures reported by sequence number), or delivers pending alerts. */
export async function handler(
  event: DynamoDBStreamEvent | DeliverEvent,
): Promise<DynamoDBBatchResponse | { sent: number; failed: number }> {
  if ("action" in event) {
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
