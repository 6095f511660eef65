/**
 * Subscribers added without redeploying (`strikewatch subscribe`): what a record holds, how a
 * request is validated, how a destination is shown without its secret, and which alerts a
 * subscriber wants, decided by the very filter policy an email or SMS subscription of the
 * configuration gets (functions/core/regions.ts `filterPolicy`). Pure: no SDK, no I/O.
 */
import { randomBytes } from "node:crypto";
import { filterPolicy, resolveRegion } from "../core/regions.js";
import type { SubscriberKind, SubscriberRecord, SubscriberSecret } from "./record.js";

export {
  type ChatKind,
  isChatKind,
  matchesFilterPolicy,
  SUBSCRIBER_KINDS,
  type SubscriberKind,
  type SubscriberRecord,
  type SubscriberSecret,
  wantsAlert,
} from "./record.js";

/** What `strikewatch subscribe` was asked for, before validation. */
export interface SubscribeRequest {
  kind: SubscriberKind;
  /** Email address, phone number, webhook URL or Telegram chat id. */
  target: string;
  regions: string[];
  minKilled?: number;
  minInjured?: number;
  name?: string;
  /** Webhook: the signing secret (one is generated when absent). */
  secret?: string;
  /** Telegram: the bot token (from the environment, never a flag). */
  telegramToken?: string;
  /** Telegram: an existing secret parameter holding the bot token, shared by several subscribers. */
  telegramTokenParameter?: string;
}

/** A subscribe request that cannot be served; the message names the flag and what was wrong. */
export class SubscriptionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SubscriptionInputError";
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[1-9]\d{6,14}$/;
/** A Telegram chat: a numeric id (groups and channels are negative) or a public @channelusername. */
const TELEGRAM_CHAT = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/;
/** A Telegram bot token as BotFather gives it: "<bot id>:<35 characters>". */
const TELEGRAM_TOKEN = /^\d{5,20}:[A-Za-z0-9_-]{30,60}$/;
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * A webhook-style URL a subscriber gives: https, or plain http on loopback only (tests and a
 * receiver on the same machine). No credentials in the URL's user part.
 */
export function checkDestinationUrl(flag: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SubscriptionInputError(`${flag}: not an absolute URL`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)))
    throw new SubscriptionInputError(`${flag}: must be an https:// URL (plain http only on 127.0.0.1)`);
  if (url.username || url.password)
    throw new SubscriptionInputError(`${flag}: user:password@ in the URL is not supported`);
  return url;
}

function count(flag: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0)
    throw new SubscriptionInputError(`${flag}: must be a whole number, 0 or more`);
  return value;
}

/** A new subscriber id: its kind and 8 random hex digits ("slack-3f9a2c1d"). */
export function newSubscriberId(kind: SubscriberKind, random: () => Buffer = () => randomBytes(4)): string {
  return `${kind}-${random().toString("hex")}`;
}

/** A new signing secret for a webhook: 32 random bytes, hex. */
export function newSigningSecret(): string {
  return randomBytes(32).toString("hex");
}

/** The destination as it may be listed: enough to recognize it, nothing that grants access. */
export function maskDestination(kind: SubscriberKind, target: string): string {
  switch (kind) {
    case "email": {
      const [user = "", domain = ""] = target.split("@");
      return `${user.slice(0, 1)}***@${domain}`;
    }
    case "sms":
      return `${target.slice(0, 4)}${"*".repeat(Math.max(0, target.length - 6))}${target.slice(-2)}`;
    case "telegram":
      return `chat ${target}`;
    default: {
      // A webhook's path and query are its credentials (Slack, Discord): the host alone.
      const url = new URL(target);
      return `${url.protocol}//${url.host}/…`;
    }
  }
}

/**
 * Validates a subscribe request and builds the record and the secret to store (none for email and
 * SMS). Region names are resolved against the gazetteer as the configuration's are: a misspelling
 * fails with UnknownRegionError and the nearest names. `secretName` is where the secret will live.
 */
export function buildSubscriber(
  request: SubscribeRequest,
  options: { id: string; now: Date; secretName: (id: string) => string },
): { record: SubscriberRecord; secret?: SubscriberSecret; generatedSecret?: string } {
  const { kind, target } = request;
  if (request.regions.length === 0)
    throw new SubscriptionInputError('--regions: name at least one region ("Kharkiv Oblast,Sumy Oblast")');
  const regions = [
    ...new Set(request.regions.map((name, index) => resolveRegion(name, `--regions[${index}]`).name)),
  ];
  const minKilled = count("--min-killed", request.minKilled);
  const minInjured = count("--min-injured", request.minInjured);
  const thresholds = {
    ...(minKilled !== undefined ? { minKilled } : {}),
    ...(minInjured !== undefined ? { minInjured } : {}),
  };
  const base = {
    id: options.id,
    kind,
    ...(request.name ? { name: request.name } : {}),
    regions,
    ...thresholds,
    filterPolicy: subscriberFilterPolicy({ regions, ...thresholds }),
    createdAt: options.now.toISOString(),
  };
  if (kind === "email" || kind === "sms") {
    if (kind === "email" && !EMAIL.test(target))
      throw new SubscriptionInputError(`--email: ${JSON.stringify(target)} is not an email address`);
    if (kind === "sms" && !PHONE.test(target))
      throw new SubscriptionInputError("--sms: must be a phone number in E.164 form (+380…)");
    return { record: { ...base, destination: maskDestination(kind, target) } };
  }
  if (kind === "telegram") {
    if (!TELEGRAM_CHAT.test(target))
      throw new SubscriptionInputError("--telegram: a chat id (-1001234567890) or @channelname");
    if (request.telegramTokenParameter) {
      return {
        record: {
          ...base,
          destination: maskDestination(kind, target),
          chatId: target,
          secretName: request.telegramTokenParameter,
          sharedSecret: true,
        },
      };
    }
    const token = request.telegramToken?.trim();
    if (!token)
      throw new SubscriptionInputError(
        "--telegram needs the bot token: set STRIKEWATCH_TELEGRAM_BOT_TOKEN, or name a secret parameter with --telegram-token-param",
      );
    if (!TELEGRAM_TOKEN.test(token))
      throw new SubscriptionInputError(
        "STRIKEWATCH_TELEGRAM_BOT_TOKEN: not a bot token as BotFather gives it (<digits>:<35 characters>)",
      );
    return {
      record: {
        ...base,
        destination: maskDestination(kind, target),
        chatId: target,
        secretName: options.secretName(options.id),
      },
      secret: { token },
    };
  }
  checkDestinationUrl(`--${kind}`, target);
  const record: SubscriberRecord = {
    ...base,
    destination: maskDestination(kind, target),
    secretName: options.secretName(options.id),
  };
  if (kind !== "webhook") return { record, secret: { url: target } };
  if (request.secret !== undefined && request.secret.length < 16)
    throw new SubscriptionInputError("--secret: at least 16 characters");
  const signingSecret = request.secret ?? newSigningSecret();
  return {
    record,
    secret: { url: target, signingSecret },
    ...(request.secret === undefined ? { generatedSecret: signingSecret } : {}),
  };
}

/** The SNS filter policy of a subscriber: the same as a configured subscription with these regions and thresholds. */
export function subscriberFilterPolicy(
  record: Pick<SubscriberRecord, "regions" | "minKilled" | "minInjured">,
): Record<string, unknown> {
  return filterPolicy({
    regions: record.regions.map((name, index) => resolveRegion(name, `regions[${index}]`)),
    ...(record.minKilled !== undefined ? { minKilled: record.minKilled } : {}),
    ...(record.minInjured !== undefined ? { minInjured: record.minInjured } : {}),
  });
}
