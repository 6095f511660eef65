/**
 * The notify Lambda: alerts from the alerts topic (SNS → SQS, raw delivery: each message body is
 * the alert's `default` JSON, {kind, version, incident}) → Slack, Discord, Telegram and signed
 * webhooks of the subscribers table. A record whose deliveries did not all succeed is reported as
 * a batch item failure: SQS offers it again after its visibility timeout, the destinations that
 * received it are skipped (delivery marks), and after three receives it goes to the notify
 * dead-letter queue, which is alarmed. Logs name subscriber ids, never a URL or a token.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SSMClient } from "@aws-sdk/client-ssm";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { DynamoSubscriberStore } from "../adapters/subscriber-dynamo.js";
import { SsmSecretStore } from "../adapters/subscriber-secrets-ssm.js";
import { type AlertKind, type RenderedAlert, renderAlert } from "../core/alerts.js";
import type { Incident } from "../core/incidents.js";
import { requireEnv } from "../env.js";
import { guardedTransport } from "../notify/http.js";
import { type NotifierDeps, notifyAlert, TELEGRAM_API_BASE } from "../notify/notifier.js";
import { ENV, SUBSCRIBERS_TABLE } from "../tables.js";

const [table, parameterPrefix] = requireEnv([SUBSCRIBERS_TABLE.envVar, ENV.subscriberParameterPrefix]);
const logger = new Logger({ serviceName: "notify" });
const store = new DynamoSubscriberStore(
  DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
  table,
);
const secrets = new SsmSecretStore(new SSMClient({}));
const deps: NotifierDeps = {
  marks: store,
  // Subscribers name their own parameter; one outside the deployment's path is refused here as IAM would.
  secrets: {
    get: (name) =>
      name.startsWith(parameterPrefix)
        ? secrets.get(name)
        : Promise.reject(new Error(`secret ${name} is outside ${parameterPrefix}`)),
    put: () => Promise.reject(new Error("the notifier does not write secrets")),
    remove: () => Promise.reject(new Error("the notifier does not delete secrets")),
  },
  transport: guardedTransport(),
  telegramApiBase: process.env[ENV.telegramApiBase] || TELEGRAM_API_BASE,
};

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

/** What a notify handler works with: where subscribers are, and the notifier's ports. */
export interface NotifyHandlerDeps extends NotifierDeps {
  subscribers: Pick<DynamoSubscriberStore, "list">;
}

/**
 * A handler over `deps`: delivers each record's alert and reports the records to offer again. The
 * deployed handler below uses the SDK adapters and the SSRF-guarded transport; tests give theirs.
 */
export function notifyHandler(
  handlerDeps: NotifyHandlerDeps,
): (event: SQSEvent, context?: Pick<Context, "getRemainingTimeInMillis">) => Promise<SQSBatchResponse> {
  return async (event, context) => {
    const failures: SQSBatchResponse["batchItemFailures"] = [];
    const subscribers = await handlerDeps.subscribers.list();
    for (const record of event.Records) {
      // Out of time for another record's worst case: leave it (and the rest) to the queue's next offer.
      if (context && context.getRemainingTimeInMillis() < RECORD_BUDGET_MS) {
        failures.push({ itemIdentifier: record.messageId });
        continue;
      }
      let alert: RenderedAlert;
      try {
        alert = alertOfRecord(record);
      } catch (error) {
        logger.error("not an alert", { messageId: record.messageId, error: (error as Error).message });
        failures.push({ itemIdentifier: record.messageId });
        continue;
      }
      const deliveries = await notifyAlert(alert, subscribers, handlerDeps);
      for (const delivery of deliveries) {
        if (delivery.status === "failed") logger.warn("delivery failed", { ...delivery });
        else logger.info("delivery", { ...delivery });
      }
      if (deliveries.some((delivery) => delivery.status === "failed"))
        failures.push({ itemIdentifier: record.messageId });
    }
    return { batchItemFailures: failures };
  };
}

/** The notify Lambda's handler. */
export const handler = notifyHandler({ ...deps, subscribers: store });
