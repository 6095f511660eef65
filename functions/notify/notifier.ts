/**
 * The notifier: delivers one alert to every chat and webhook subscriber that wants it (its
 * regions and thresholds, as its SNS filter policy would decide), each in its own format, each
 * with its own retries, side by side, so one failing destination never holds up or stops another.
 * A destination that received this alert version (a delivery mark) is skipped, so a batch retried
 * after a partial failure sends nothing twice. Shared by the notify Lambda and the local runner.
 */
import type { RenderedAlert } from "../core/alerts.js";
import type { DeliveryMarks, SecretStore } from "../subscriptions/ports.js";
import {
  isChatKind,
  type SubscriberRecord,
  type SubscriberSecret,
  wantsAlert,
} from "../subscriptions/record.js";
import { discordMessage, slackMessage, telegramMessage, webhookPayload } from "./format.js";
import type { PostResponse, Transport } from "./http.js";
import {
  DEFAULT_RETRY_POLICY,
  type RetryEnvironment,
  type RetryPolicy,
  realEnvironment,
  sendWithRetry,
} from "./retry.js";
import { DELIVERY_HEADER, SIGNATURE_HEADER, signatureHeader } from "./sign.js";

/** The Telegram Bot API unless ENV.telegramApiBase names another (a self-hosted Bot API server, or a test's stand-in). */
export const TELEGRAM_API_BASE = "https://api.telegram.org";

/** What the notifier needs. */
export interface NotifierDeps {
  marks: DeliveryMarks;
  secrets: SecretStore;
  transport: Transport;
  telegramApiBase?: string;
  policy?: RetryPolicy;
  environment?: RetryEnvironment;
  now?: () => Date;
}

/** What became of one alert for one subscriber. Carries no URL and no secret: safe to log and print. */
export interface Delivery {
  subscriberId: string;
  kind: SubscriberRecord["kind"];
  incidentId: string;
  version: number;
  deliveryId: string;
  status: "sent" | "already-sent" | "failed";
  attempts: number;
  error?: string;
}

/** The id of one alert version's delivery to one subscriber: the same on every retry, so a receiver can drop repeats. */
export function deliveryIdOf(
  alert: Pick<RenderedAlert, "incidentId" | "version">,
  subscriberId: string,
): string {
  return `${alert.incidentId}.v${alert.version}.${subscriberId}`;
}

/** The HTTP request that delivers `alert` to `subscriber`; built per attempt (a webhook's signature carries the time). */
export function deliveryRequest(
  alert: RenderedAlert,
  subscriber: SubscriberRecord,
  secret: SubscriberSecret,
  options: { deliveryId: string; now: Date; telegramApiBase: string },
): { url: string; headers: Record<string, string>; body: string } {
  const need = (value: string | undefined, what: string) => {
    if (!value) throw new Error(`secret of ${subscriber.id} has no ${what}`);
    return value;
  };
  switch (subscriber.kind) {
    case "slack":
      return { url: need(secret.url, "url"), headers: {}, body: JSON.stringify(slackMessage(alert)) };
    case "discord":
      return { url: need(secret.url, "url"), headers: {}, body: JSON.stringify(discordMessage(alert)) };
    case "telegram": {
      const base = options.telegramApiBase.replace(/\/+$/, "");
      return {
        url: `${base}/bot${need(secret.token, "bot token")}/sendMessage`,
        headers: {},
        body: JSON.stringify(telegramMessage(alert, need(subscriber.chatId, "chat id"))),
      };
    }
    case "webhook": {
      const body = JSON.stringify(webhookPayload(alert, options.deliveryId));
      return {
        url: need(secret.url, "url"),
        headers: {
          [SIGNATURE_HEADER]: signatureHeader(
            need(secret.signingSecret, "signing secret"),
            body,
            options.now,
          ),
          [DELIVERY_HEADER]: options.deliveryId,
        },
        body,
      };
    }
    default:
      throw new Error(`${subscriber.kind} subscribers are served by SNS, not the notifier`);
  }
}

async function deliverOne(
  alert: RenderedAlert,
  subscriber: SubscriberRecord,
  deps: NotifierDeps,
): Promise<Delivery> {
  const now = deps.now ?? (() => new Date());
  const deliveryId = deliveryIdOf(alert, subscriber.id);
  const delivery: Delivery = {
    subscriberId: subscriber.id,
    kind: subscriber.kind,
    incidentId: alert.incidentId,
    version: alert.version,
    deliveryId,
    status: "failed",
    attempts: 0,
  };
  let secret: SubscriberSecret;
  try {
    secret = await deps.secrets.get(subscriber.secretName ?? "");
  } catch (error) {
    return {
      ...delivery,
      error: `secret unavailable: ${(error as Error).name}: ${(error as Error).message}`,
    };
  }
  const options = { deliveryId, telegramApiBase: deps.telegramApiBase ?? TELEGRAM_API_BASE };
  const outcome = await sendWithRetry(
    async (): Promise<PostResponse> => {
      const request = deliveryRequest(alert, subscriber, secret, { ...options, now: now() });
      return deps.transport(request.url, { headers: request.headers, body: request.body });
    },
    deps.policy ?? DEFAULT_RETRY_POLICY,
    deps.environment ?? realEnvironment,
  );
  if (!outcome.ok) return { ...delivery, attempts: outcome.attempts, error: outcome.error };
  try {
    await deps.marks.mark(alert.incidentId, alert.version, subscriber.id, deliveryId, now());
  } catch (error) {
    // Sent, but unrecorded: failing the alert has it retried, and this destination may see it twice.
    return {
      ...delivery,
      attempts: outcome.attempts,
      error: `sent, but the delivery mark was not saved (${(error as Error).name})`,
    };
  }
  return { ...delivery, status: "sent", attempts: outcome.attempts };
}

/**
 * Delivers `alert` to each chat and webhook subscriber of `subscribers` that wants it and has not
 * received it; all side by side. Never throws for one destination: each Delivery says its fate.
 */
export async function notifyAlert(
  alert: RenderedAlert,
  subscribers: readonly SubscriberRecord[],
  deps: NotifierDeps,
): Promise<Delivery[]> {
  const wanted = subscribers.filter(
    (subscriber) => isChatKind(subscriber.kind) && wantsAlert(subscriber, alert),
  );
  if (wanted.length === 0) return [];
  const done = await deps.marks.delivered(alert.incidentId, alert.version);
  return Promise.all(
    wanted.map((subscriber) =>
      done.has(subscriber.id)
        ? Promise.resolve<Delivery>({
            subscriberId: subscriber.id,
            kind: subscriber.kind,
            incidentId: alert.incidentId,
            version: alert.version,
            deliveryId: deliveryIdOf(alert, subscriber.id),
            status: "already-sent",
            attempts: 0,
          })
        : deliverOne(alert, subscriber, deps),
    ),
  );
}
