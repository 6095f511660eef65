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
import { deliverPending, handleStream } from "../app/analyze.js";
import type { UpdateThresholds } from "../core/incidents.js";
import { resolveRegion } from "../core/regions.js";
import { requireEnv, requireJsonEnv } from "../env.js";
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
const logger = new Logger({ serviceName: "analyze" });
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
const deps = {
  incidents: new DynamoIncidentStore(doc, incidentsTable),
  outbox: new DynamoAlertOutbox(doc, outboxTable),
  publisher: new SnsAlertPublisher(new SNSClient({}), topicArn),
  watched,
  thresholds,
};

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
    emitMetrics("analyze", {
      [METRICS.alertsSent]: delivery.sent.length,
      [METRICS.alertsFailed]: delivery.failed.length,
    });
    return { sent: delivery.sent.length, failed: delivery.failed.length };
  }
  const report = await handleStream(event, deps);
  for (const { sequence, error } of report.errors) logger.error("record failed", { sequence, error });
  for (const { record, error } of report.delivery.failed)
    logger.warn("alert not sent", { incidentId: record.incidentId, error });
  logger.info("analyzed", {
    articles: report.analyses.length,
    events: report.analyses.reduce((total, analysis) => total + analysis.events, 0),
  });
  emitMetrics("analyze", {
    [METRICS.alertsSent]: report.delivery.sent.length,
    [METRICS.alertsFailed]: report.delivery.failed.length,
  });
  return report.response;
}
