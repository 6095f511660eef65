/**
 * A subscriber as stored, and which alerts it wants: its filter policy (made at subscribe time,
 * functions/subscriptions/model.ts) evaluated against an alert's message attributes as SNS does.
 * Pure and light: the notify function loads this, not the gazetteer.
 */
import type { RenderedAlert } from "../core/alerts.js";

/** The ways a subscriber hears of an alert. Email and SMS go through SNS; the others through the notifier. */
export const SUBSCRIBER_KINDS = ["email", "sms", "slack", "discord", "telegram", "webhook"] as const;
export type SubscriberKind = (typeof SUBSCRIBER_KINDS)[number];
/** The kinds the notifier serves (chat and webhook): their secret part lives in a secret store. */
export type ChatKind = Exclude<SubscriberKind, "email" | "sms">;

/** True for a kind the notifier delivers (not SNS). */
export function isChatKind(kind: SubscriberKind): kind is ChatKind {
  return kind !== "email" && kind !== "sms";
}

/**
 * One subscriber as stored (DynamoDB, or the local store). Never holds a secret: a chat or webhook
 * subscriber names the secret (an SSM parameter, or a key of the local secrets file) instead.
 */
export interface SubscriberRecord {
  id: string;
  kind: SubscriberKind;
  name?: string;
  /** Region names as the gazetteer spells them (resolved at subscribe time). */
  regions: string[];
  /**
   * The SNS filter policy of these regions and thresholds (functions/core/regions.ts
   * `filterPolicy`), computed at subscribe time: the notifier matches alerts with it, as SNS does
   * for email and SMS, without loading the gazetteer.
   */
  filterPolicy: Record<string, unknown>;
  minKilled?: number;
  minInjured?: number;
  /** The destination as it may be shown: an address or a host with the secret parts masked. */
  destination: string;
  /** Where the secret part lives (chat and webhook kinds). */
  secretName?: string;
  /** True when `secretName` is shared (a Telegram bot token parameter given with --telegram-token-param): never deleted with the subscriber. */
  sharedSecret?: boolean;
  /** Telegram: the chat to post to (not secret). */
  chatId?: string;
  /** Email and SMS on a deployed stack: the SNS subscription. */
  subscriptionArn?: string;
  createdAt: string;
}

/** The secret part of a chat or webhook subscriber: what must never reach a table, a template or a log. */
export interface SubscriberSecret {
  /** Slack / Discord / generic webhook URL (their URLs are their credentials). */
  url?: string;
  /** Telegram bot token. */
  token?: string;
  /** Generic webhook: the HMAC-SHA256 signing key. */
  signingSecret?: string;
}

type Attributes = RenderedAlert["attributes"];

/** One condition of a filter policy on one attribute: exact strings, or `{numeric: [">=", n]}`. */
function matchesValue(condition: unknown, value: unknown): boolean {
  if (typeof condition === "string")
    return Array.isArray(value) ? value.includes(condition) : value === condition;
  if (condition && typeof condition === "object" && "numeric" in condition) {
    const [operator, bound] = (condition as { numeric: [string, number] }).numeric;
    if (typeof value !== "number") return false;
    switch (operator) {
      case ">=":
        return value >= bound;
      case ">":
        return value > bound;
      case "<=":
        return value <= bound;
      case "<":
        return value < bound;
      case "=":
        return value === bound;
    }
  }
  return false;
}

/**
 * True when the alert's message attributes pass `policy`, as SNS evaluates it for the shapes
 * `filterPolicy` builds: every key must match one of its conditions; `$or` needs one branch.
 */
export function matchesFilterPolicy(policy: Record<string, unknown>, attributes: Attributes): boolean {
  return Object.entries(policy).every(([key, conditions]) => {
    if (key === "$or")
      return (conditions as Array<Record<string, unknown>>).some((branch) =>
        matchesFilterPolicy(branch, attributes),
      );
    const value = (attributes as unknown as Record<string, unknown>)[key];
    return (conditions as unknown[]).some((condition) => matchesValue(condition, value));
  });
}

/** True when the subscriber wants this alert: its regions and thresholds, as its SNS filter policy would say. */
export function wantsAlert(
  record: Pick<SubscriberRecord, "filterPolicy">,
  alert: Pick<RenderedAlert, "attributes">,
): boolean {
  return matchesFilterPolicy(record.filterPolicy, alert.attributes);
}
