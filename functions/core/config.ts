/**
 * strikewatch.config.json: its schema and validation. Read by `cdk synth` (infra/) and the local
 * runner alike, so a bad file fails both the same way, naming the path of the bad field.
 */
import * as v from "valibot";

const HTTP_URL = v.pipe(
  v.string(),
  v.url("must be an absolute URL"),
  v.regex(/^https?:\/\//i, "must be an http or https URL"),
);
const REGION = v.pipe(v.string(), v.trim(), v.nonEmpty("must name a region"));
const COUNT = v.pipe(v.number(), v.integer("must be a whole number"), v.minValue(0, "must be 0 or more"));
const REGIONS = v.pipe(v.array(REGION), v.nonEmpty("must list at least one region"));

const FEED_NAME = v.optional(v.pipe(v.string(), v.nonEmpty()));
const MAX_BYTES = v.optional(v.pipe(COUNT, v.minValue(1024, "must be at least 1024 bytes")));

/** A Telegram username: 5–32 letters, digits or underscores, starting with a letter. */
export const TELEGRAM_CHANNEL = /^[A-Za-z][A-Za-z0-9_]{4,31}$/;
/** Where a channel's public web preview lives: a `{telegram}` feed is polled, and known, by this URL and the name. */
export const TELEGRAM_PREVIEW = "https://t.me/s/";

/** A feed entry: an RSS/Atom/RDF feed by its URL, or a public Telegram channel by its username. */
export type FeedEntry =
  | { url: string; name?: string; fullText?: boolean; maxBytes?: number }
  | { telegram: string; name?: string; maxBytes?: number };

// One object with either key, rather than a union, so that a bad field is reported by its own path.
const FeedSchema = v.pipe(
  v.strictObject({
    url: v.optional(HTTP_URL),
    // A public channel read from its web preview (functions/feeds/telegram.ts).
    telegram: v.optional(
      v.pipe(
        v.string(),
        v.check((name) => !name.startsWith("@"), "must be the channel's username without the @"),
        v.regex(
          TELEGRAM_CHANNEL,
          "must be a public channel's username (as in t.me/<username>): 5–32 letters, digits or underscores, starting with a letter",
        ),
      ),
    ),
    name: FEED_NAME,
    fullText: v.optional(v.boolean()),
    maxBytes: MAX_BYTES,
  }),
  v.check(
    (feed) => (feed.url === undefined) !== (feed.telegram === undefined),
    "needs either a url (an RSS/Atom/RDF feed) or a telegram channel's username, not both",
  ),
  v.check(
    (feed) => feed.telegram === undefined || feed.fullText === undefined,
    "fullText is for url feeds: a telegram channel's posts are read whole",
  ),
  v.transform((feed) => feed as FeedEntry),
);

const Thresholds = {
  regions: REGIONS,
  minKilled: v.optional(COUNT),
  minInjured: v.optional(COUNT),
};

const SubscriptionSchema = v.union(
  [
    v.strictObject({ email: v.pipe(v.string(), v.email("must be an email address")), ...Thresholds }),
    v.strictObject({
      sms: v.pipe(v.string(), v.regex(/^\+[1-9]\d{6,14}$/, "must be a phone number in E.164 form (+380…)")),
      ...Thresholds,
    }),
  ],
  "must be {email, regions} or {sms, regions}",
);

/** Alert age bound when the file gives none: an event older than this is stored but not alerted. */
export const DEFAULT_ALERT_MAX_AGE_HOURS = 48;
/** The stack name and the prefix of every account-wide name when the file gives none. */
export const DEFAULT_DEPLOYMENT_NAME = "StrikeWatch";

/**
 * Who hears about the deployment's health: the ops topic's email subscribers, and the alarm
 * thresholds that depend on the deployment (how late an alert may be, how much SMS may cost).
 */
const OpsSchema = v.strictObject({
  emails: v.optional(
    v.pipe(
      v.array(v.pipe(v.string(), v.email("must be an email address"))),
      v.check(
        (emails) => new Set(emails.map((email) => email.toLowerCase())).size === emails.length,
        "lists an address twice",
      ),
    ),
    [],
  ),
  pendingAlertMinutes: v.optional(
    v.pipe(
      v.number(),
      v.integer("must be a whole number"),
      v.minValue(5, "must be at least 5"),
      v.maxValue(1440, "must be at most 1440"),
    ),
    30,
  ),
  smsSpendAlarmUSD: v.optional(
    v.pipe(
      v.number(),
      v.minValue(0.01, "must be at least 0.01"),
      v.maxValue(100_000, "must be at most 100000"),
    ),
    0.8,
  ),
});

/** AWS tag keys: 1–128 characters, not under the reserved `aws:` prefix; values up to 256. */
const TagsSchema = v.pipe(
  v.record(
    v.pipe(
      v.string(),
      v.minLength(1, "tag keys must not be empty"),
      v.maxLength(128, "tag keys must be at most 128 characters"),
      v.regex(
        /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/iu,
        "tag keys use letters, digits, spaces and _.:/=+-@, and not the aws: prefix",
      ),
    ),
    v.pipe(
      v.string(),
      v.maxLength(256, "tag values must be at most 256 characters"),
      v.regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, "tag values use letters, digits, spaces and _.:/=+-@"),
    ),
  ),
  v.check((tags) => Object.keys(tags).length <= 40, "at most 40 tags"),
);

/** The schema of strikewatch.config.json. Unknown keys are errors. */
export const ConfigSchema = v.strictObject({
  $schema: v.optional(v.string()),
  /**
   * The deployment's name: the CloudFormation stack name and the prefix of every name that must be
   * unique in an account (the dashboard), so two copies with different names fit in one account.
   */
  name: v.optional(
    v.pipe(
      v.string(),
      v.regex(
        /^[A-Za-z][A-Za-z0-9-]{0,63}$/,
        "must start with a letter and use only letters, digits and hyphens (at most 64)",
      ),
    ),
    DEFAULT_DEPLOYMENT_NAME,
  ),
  feeds: v.array(FeedSchema),
  /** The page: a public tile server under the bundled base layer, off unless given (it is fetched by every viewer). */
  web: v.optional(
    v.strictObject({
      tiles: v.optional(
        v.pipe(
          v.string(),
          v.regex(
            /^https:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/,
            "must be an https URL template with {z}, {x} and {y} (https://tile.example.org/{z}/{x}/{y}.png)",
          ),
        ),
      ),
      tilesAttribution: v.optional(v.pipe(v.string(), v.nonEmpty("must say whose tiles they are"))),
    }),
  ),
  pollMinutes: v.optional(
    v.pipe(
      v.number(),
      v.integer(),
      v.minValue(1, "must be at least 1"),
      v.maxValue(1440, "must be at most 1440"),
    ),
    5,
  ),
  /** Events older than this many hours (by the strike's date, else the publication date) are stored but not alerted. */
  alertMaxAgeHours: v.optional(
    v.pipe(
      v.number(),
      v.integer("must be a whole number"),
      v.minValue(1, "must be at least 1"),
      v.maxValue(8760, "must be at most 8760 (a year)"),
    ),
    DEFAULT_ALERT_MAX_AGE_HOURS,
  ),
  watchedRegions: REGIONS,
  subscriptions: v.optional(v.array(SubscriptionSchema), []),
  ops: v.optional(OpsSchema, {}),
  tags: v.optional(TagsSchema, {}),
});

/** A validated configuration. */
export type Config = v.InferOutput<typeof ConfigSchema>;
/** One subscription: an email address or a phone number, the regions it follows, its thresholds. */
export type Subscription = Config["subscriptions"][number];

/** A configuration that failed validation; `problems` lists each bad field as `path: reason`. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: invalid configuration\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

function issuePath(issue: v.BaseIssue<unknown>): string {
  let path = "";
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    path += typeof key === "number" ? `[${key}]` : path ? `.${String(key)}` : String(key);
  }
  return path || "(root)";
}

/** The deepest, most specific message for an issue (a union reports what each branch wanted). */
function describe(issue: v.BaseIssue<unknown>): string[] {
  if (issue.type === "strict_object" && issue.input !== undefined && issue.path?.length) {
    return [`${issuePath(issue)}: unknown key`];
  }
  if (issue.type === "union" && issue.issues?.length) {
    // A branch that matched the shape (email or sms) complains about fields below it: show those.
    const depth = issue.path?.length ?? 0;
    const nested = issue.issues.filter(
      (sub) => (sub.path?.length ?? 0) > depth && sub.type !== "strict_object" && sub.type !== "union",
    );
    if (nested.length > 0 && nested.length < issue.issues.length) return nested.flatMap(describe);
  }
  return [`${issuePath(issue)}: ${issue.message}`];
}

/** Validates parsed JSON against the schema. Throws ConfigError naming every bad field's path. */
export function parseConfig(input: unknown, source = "strikewatch.config.json"): Config {
  const result = v.safeParse(ConfigSchema, input);
  if (result.success) return result.output;
  throw new ConfigError(source, [...new Set(result.issues.flatMap(describe))]);
}

/** Parses config file text (JSON). A syntax error is a ConfigError too. */
export function parseConfigText(text: string, source = "strikewatch.config.json"): Config {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(source, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseConfig(json, source);
}

/**
 * What is valid but deserves a word: a plain http:// feed can be read and altered on its way (a
 * forged item could raise a false alert). Synth and the runner print these; nothing fails.
 */
export function configWarnings(config: { feeds: ReadonlyArray<FeedEntry> }): string[] {
  return config.feeds.flatMap((feed, index) =>
    "url" in feed && /^http:\/\//i.test(feed.url)
      ? [
          `feeds[${index}].url: ${feed.url} is plain http: anyone on the way can read or alter the feed; use https:// if the publisher offers it`,
        ]
      : [],
  );
}

/** A feed as the poller and the schedule take it (ports' FeedSource). */
export interface PolledFeed {
  url: string;
  name?: string;
  fullText?: boolean;
  maxBytes?: number;
}

/**
 * The configured feeds as the poller and the schedule take them: a URL feed as it is, a Telegram
 * channel as its preview URL `https://t.me/s/<channel>`, which the poller reads as a channel.
 */
export function feedSources(feeds: ReadonlyArray<FeedEntry>): PolledFeed[] {
  return feeds.map((feed) =>
    "url" in feed
      ? feed
      : {
          url: `${TELEGRAM_PREVIEW}${feed.telegram}`,
          ...(feed.name ? { name: feed.name } : {}),
          ...(feed.maxBytes !== undefined ? { maxBytes: feed.maxBytes } : {}),
        },
  );
}

/** The subscribers' thresholds, for the update rule: an update that crosses one is worth sending. */
export function subscriptionThresholds(
  subscriptions: ReadonlyArray<{ minKilled?: number | undefined; minInjured?: number | undefined }>,
): { killed: number[]; injured: number[] } {
  const marks = (values: Array<number | undefined>) =>
    [...new Set(values.filter((value): value is number => value !== undefined && value > 0))].sort(
      (a, b) => a - b,
    );
  return {
    killed: marks(subscriptions.map((subscription) => subscription.minKilled)),
    injured: marks(subscriptions.map((subscription) => subscription.minInjured)),
  };
}
