/**
 * The DynamoDB tables, described once: infra/ builds them from this and the local runner creates
 * them in dynalite from this. Also the environment variable names shared by infra and handlers.
 */

export interface TableSpec {
  /** Logical name; the deployed name is chosen by CloudFormation and passed in `envVar`. */
  logicalName: string;
  /** The env var that carries the table's name to a function. */
  envVar: string;
  partitionKey: string;
  sortKey?: string;
  /** Attribute holding an epoch-seconds expiry, when items age out. */
  ttlAttribute?: string;
  /** Stream view type when the table has a stream. */
  stream?: "NEW_IMAGE";
  /** Global secondary indexes (all attributes projected; string keys). */
  indexes?: Array<{ name: string; partitionKey: string; sortKey?: string }>;
}

/** Articles by id. Its stream (new images) drives the analyzer. Items expire after ARTICLE_TTL_DAYS. */
export const ARTICLES_TABLE: TableSpec = {
  logicalName: "Articles",
  envVar: "ARTICLES_TABLE",
  partitionKey: "id",
  ttlAttribute: "expiresAt",
  stream: "NEW_IMAGE",
};

/**
 * Incidents: the incident item (pk "INC#<id>", sk "INC") and one area-index item per incident
 * (pk "AREA#<country>#<admin1>", sk "<date>#<id>") to find the candidates of a new event.
 */
export const INCIDENTS_TABLE: TableSpec = {
  logicalName: "Incidents",
  envVar: "INCIDENTS_TABLE",
  partitionKey: "pk",
  sortKey: "sk",
  ttlAttribute: "expiresAt",
  // Every incident item by date, for the read-only API's newest-first lists (area copies have no top-level date).
  indexes: [{ name: "byDate", partitionKey: "sk", sortKey: "date" }],
};

/**
 * Alert outbox: one record per incident alert version (pk incident id, sk "v0001"), written before
 * publishing. A pending record carries `pending` = "P", which puts it in the sparse PENDING_INDEX.
 */
export const OUTBOX_TABLE: TableSpec = {
  logicalName: "Outbox",
  envVar: "OUTBOX_TABLE",
  partitionKey: "pk",
  sortKey: "sk",
  ttlAttribute: "expiresAt",
  indexes: [{ name: "pending", partitionKey: "pending", sortKey: "createdAt" }],
};

/** Per-feed polling state: ETag / Last-Modified, health, backoff. */
export const FEEDS_TABLE: TableSpec = {
  logicalName: "Feeds",
  envVar: "FEEDS_TABLE",
  partitionKey: "feedUrl",
};

/**
 * Chat and webhook subscribers added with `strikewatch subscribe` (pk "SUB", sk the subscriber id; no
 * secret, only the name of the SSM parameter holding it), and the notifier's delivery marks (pk
 * "DLV#<incident>#v0001", sk the subscriber id; expire after 30 days) so a retried batch sends nothing twice.
 */
export const SUBSCRIBERS_TABLE: TableSpec = {
  logicalName: "Subscribers",
  envVar: "SUBSCRIBERS_TABLE",
  partitionKey: "pk",
  sortKey: "sk",
  ttlAttribute: "expiresAt",
};

export const TABLES: readonly TableSpec[] = [
  ARTICLES_TABLE,
  INCIDENTS_TABLE,
  OUTBOX_TABLE,
  FEEDS_TABLE,
  SUBSCRIBERS_TABLE,
];

/** Days an article is kept before DynamoDB's TTL removes it. */
export const ARTICLE_TTL_DAYS = 90;

/**
 * The most an article item may weigh, in bytes: DynamoDB refuses items over 400 KB, so bodies are
 * cut to fit under this (with a marker) and ten of them still fit one 6 MB stream batch.
 */
export const MAX_ARTICLE_ITEM_BYTES = 350 * 1024;

/** Environment variable names other than tables, shared by infra/ and the handlers. */
export const ENV = {
  alertsTopicArn: "ALERTS_TOPIC_ARN",
  feedQueueUrl: "FEED_QUEUE_URL",
  /** JSON array of watched region names, baked in at synth; read by analyze. */
  watchedRegions: "STRIKEWATCH_WATCHED_REGIONS",
  /** JSON {killed: number[], injured: number[]}: the subscribers' thresholds, for the update rule; read by analyze. */
  updateThresholds: "STRIKEWATCH_UPDATE_THRESHOLDS",
  /** Hours: events older than this are stored and merged but not alerted; read by analyze. */
  alertMaxAgeHours: "STRIKEWATCH_ALERT_MAX_AGE_HOURS",
  /** The SSM path under which subscribers' secrets live ("/strikewatch/<deployment>/subscribers/"); read by notify. */
  subscriberParameterPrefix: "STRIKEWATCH_SUBSCRIBER_PARAMETER_PREFIX",
  /** The Telegram Bot API base URL (default https://api.telegram.org; a self-hosted Bot API server, or a test's stand-in). */
  telegramApiBase: "STRIKEWATCH_TELEGRAM_API",
} as const;

/** The CloudWatch metric namespace of StrikeWatch's own metrics (feeds failing, articles stored). */
export const METRICS_NAMESPACE = "StrikeWatch";

/** The metrics the functions emit: only those the alarms and the dashboard read (each costs USD 0.30 a month). */
export const METRICS = {
  articlesStored: "ArticlesStored",
  feedErrors: "FeedErrors",
  feedsFailingOverAnHour: "FeedsFailingOverAnHour",
  alertsSent: "AlertsSent",
  alertsFailed: "AlertsFailed",
  /** Seconds since the oldest alert still pending after a delivery pass was queued (0 when none is). */
  oldestPendingAlertSeconds: "OldestPendingAlertSeconds",
} as const;
