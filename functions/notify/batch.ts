/**
 * One batch of the notify queue: each record's alert delivered to the chat and webhook subscribers, and
 * the records to offer again. A record whose deliveries did not all succeed is offered again (its
 * delivered destinations are skipped then, by their delivery marks); a record that is no alert too, so
 * that it ends in the dead-letter queue. No AWS SDK: the handler gives the ports.
 */
import type { SQSRecord } from "aws-lambda";
import { type AlertKind, type RenderedAlert, renderAlert } from "../core/alerts.js";
import type { Incident } from "../core/incidents.js";
import type { SubscriberRecord } from "../subscriptions/record.js";
import { type Delivery, type NotifierDeps, notifyAlert } from "./notifier.js";

/** Time kept in hand before starting another record: one record's worst case (retries of 4 attempts, waits). */
export const RECORD_BUDGET_MS = 80_000;

/** A message body that is not an alert; names the message. */
export class BadNotifyMessageError extends Error {
  constructor(messageId: string, reason: string) {
    super(`message ${messageId}: ${reason}`);
    this.name = "BadNotifyMessageError";
  }
}

/** The alert a queue message carries: raw delivery gives the `default` JSON; an SNS envelope is unwrapped too. */
export function alertOfRecord(record: SQSRecord): RenderedAlert {
  let parsed: { kind?: unknown; version?: unknown; incident?: unknown; Type?: unknown; Message?: unknown };
  try {
    parsed = JSON.parse(record.body);
    if (parsed.Type === "Notification" && typeof parsed.Message === "string")
      parsed = JSON.parse(parsed.Message);
  } catch {
    throw new BadNotifyMessageError(record.messageId, "body is not JSON");
  }
  const { kind, version, incident } = parsed;
  if (
    (kind !== "new" && kind !== "update") ||
    typeof version !== "number" ||
    !incident ||
    typeof incident !== "object"
  )
    throw new BadNotifyMessageError(record.messageId, "not an alert ({kind, version, incident})");
  return renderAlert(incident as Incident, kind as AlertKind, version);
}

/** What a batch works with: where the subscribers are, and the notifier's ports. */
export interface NotifyBatchDeps extends NotifierDeps {
  subscribers: { list(): Promise<SubscriberRecord[]> };
}

/** What a batch did: every delivery, the records that are no alert, and the records to offer again. */
export interface NotifyBatchReport {
  deliveries: Delivery[];
  badMessages: Array<{ messageId: string; error: string }>;
  retry: string[];
}

/**
 * Delivers each record's alert; `remainingMs` (the Lambda's time left) stops the batch before a record
 * whose worst case would not fit, leaving it and the rest to the queue's next offer.
 */
export async function notifyBatch(
  records: readonly SQSRecord[],
  deps: NotifyBatchDeps,
  remainingMs?: () => number,
): Promise<NotifyBatchReport> {
  const report: NotifyBatchReport = { deliveries: [], badMessages: [], retry: [] };
  const subscribers = await deps.subscribers.list();
  for (const record of records) {
    if (remainingMs && remainingMs() < RECORD_BUDGET_MS) {
      report.retry.push(record.messageId);
      continue;
    }
    let alert: RenderedAlert;
    try {
      alert = alertOfRecord(record);
    } catch (error) {
      report.badMessages.push({ messageId: record.messageId, error: (error as Error).message });
      report.retry.push(record.messageId);
      continue;
    }
    const deliveries = await notifyAlert(alert, subscribers, deps);
    report.deliveries.push(...deliveries);
    if (deliveries.some((delivery) => delivery.status === "failed")) report.retry.push(record.messageId);
  }
  return report;
}
