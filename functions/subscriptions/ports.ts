/**
 * The ports of subscribers and their notifications: the records (DynamoDB, deployed or in the
 * local store), the secrets (SSM Parameter Store deployed, a 0600 file locally) and the delivery
 * marks that keep a retried batch from sending an alert twice to one destination.
 */
import type { SubscriberRecord, SubscriberSecret } from "./record.js";

/** Subscriber records. */
export interface SubscriberStore {
  /** Stores a new record; throws when its id exists. */
  add(record: SubscriberRecord): Promise<void>;
  /** Every subscriber, by id. */
  list(): Promise<SubscriberRecord[]>;
  get(id: string): Promise<SubscriberRecord | undefined>;
  /** Deletes the record; false when there was none. */
  remove(id: string): Promise<boolean>;
}

/** Where the secret parts of chat and webhook subscribers live. */
export interface SecretStore {
  /** Creates the secret; throws when one exists under that name. */
  put(name: string, secret: SubscriberSecret): Promise<void>;
  /** The secret; throws SecretNotFoundError when there is none. */
  get(name: string): Promise<SubscriberSecret>;
  /** Deletes it; nothing when it is gone already. */
  remove(name: string): Promise<void>;
}

/** A secret a subscriber names that its store does not hold (deleted by hand, or another deployment's). */
export class SecretNotFoundError extends Error {
  constructor(readonly secretName: string) {
    super(`secret ${secretName} not found`);
    this.name = "SecretNotFoundError";
  }
}

/** Which subscribers received which alert version (kept 30 days). */
export interface DeliveryMarks {
  /** The ids of the subscribers that received this alert version already. */
  delivered(incidentId: string, version: number): Promise<Set<string>>;
  /** Records that `subscriberId` received it. */
  mark(
    incidentId: string,
    version: number,
    subscriberId: string,
    deliveryId: string,
    now: Date,
  ): Promise<void>;
}

/** Parses what a secret store holds: a JSON SubscriberSecret, or a bare bot token (a shared Telegram parameter). */
export function parseSecret(name: string, value: string): SubscriberSecret {
  const text = value.trim();
  if (!text.startsWith("{")) return { token: text };
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const secret: SubscriberSecret = {};
    if (typeof parsed.url === "string") secret.url = parsed.url;
    if (typeof parsed.token === "string") secret.token = parsed.token;
    if (typeof parsed.signingSecret === "string") secret.signingSecret = parsed.signingSecret;
    return secret;
  } catch {
    // Never echo the value: it is a secret.
    throw new Error(`secret ${name} is not valid JSON`);
  }
}
