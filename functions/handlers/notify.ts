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
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { DynamoSubscriberStore } from "../adapters/subscriber-dynamo.js";
import { SsmSecretStore } from "../adapters/subscriber-secrets-ssm.js";
import { requireEnv } from "../env.js";
import { type NotifyBatchDeps, notifyBatch } from "../notify/batch.js";
import { guardedTransport } from "../notify/http.js";
import { type NotifierDeps, TELEGRAM_API_BASE } from "../notify/notifier.js";

export { alertOfRecord, BadNotifyMessageError, RECORD_BUDGET_MS } from "../notify/batch.js";

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

/**
 * A handler over `deps`: delivers each record's alert (notify/batch.ts), logs every delivery by subscriber
 * id, and reports the records to offer again. The deployed handler below uses the SDK adapters and the
 * SSRF-guarded transport; tests give theirs.
 */
export function notifyHandler(
  handlerDeps: NotifyBatchDeps,
): (event: SQSEvent, context?: Pick<Context, "getRemainingTimeInMillis">) => Promise<SQSBatchResponse> {
  return async (event, context) => {
    const report = await notifyBatch(
      event.Records,
      handlerDeps,
      context && (() => context.getRemainingTimeInMillis()),
    );
    for (const bad of report.badMessages) logger.error("not an alert", bad);
    for (const delivery of report.deliveries) {
      if (delivery.status === "failed") logger.warn("delivery failed", { ...delivery });
      else logger.info("delivery", { ...delivery });
    }
    return { batchItemFailures: report.retry.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

/** The notify Lambda's handler. */
export const handler = notifyHandler({ ...deps, subscribers: store });
