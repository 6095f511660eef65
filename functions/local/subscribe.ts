/**
 * `strikewatch subscribe` and `strikewatch subscriptions`: subscribers added and removed without
 * redeploying, against a deployed stack (`--stack NAME`, the operator's AWS credentials) or a local
 * store (`--data DIR`). Deployed, email and SMS become SNS subscriptions of the alert topic with
 * the configuration's filter-policy shape, and chat and webhook subscribers a record in the
 * Subscribers table whose secret part is a SecureString under the stack's parameter prefix.
 * Locally, records go to the embedded store and secrets to `<DIR>/subscriber-secrets.json`
 * (mode 0600), and `strikewatch run --data DIR` delivers to them (`localNotifier`).
 */
import { chmod, mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DynamoSubscriberStore } from "../adapters/subscriber-dynamo.js";
import type { RenderedAlert } from "../core/alerts.js";
import { UnknownRegionError } from "../core/regions.js";
import { guardedTransport } from "../notify/http.js";
import { type Delivery, notifyAlert, TELEGRAM_API_BASE } from "../notify/notifier.js";
import {
  buildSubscriber,
  isChatKind,
  newSubscriberId,
  SUBSCRIBER_KINDS,
  type SubscribeRequest,
  type SubscriberKind,
  type SubscriberRecord,
  type SubscriberSecret,
  SubscriptionInputError,
  subscriberFilterPolicy,
} from "../subscriptions/model.js";
import { SecretNotFoundError, type SecretStore } from "../subscriptions/ports.js";
import { ENV, SUBSCRIBERS_TABLE } from "../tables.js";
import type { Io, Printer } from "./output.js";
import { MissingOutputError, stackOutputs } from "./replay.js";
import { type LocalStore, startLocalStore } from "./store.js";

/** The lines of `strikewatch help` for these commands. */
export const SUBSCRIBE_USAGE = `  subscribe  add a subscriber without redeploying (see docs/subscribers.md)
             --email A | --sms +380… | --slack URL | --discord URL | --telegram CHAT_ID | --webhook URL
             --regions "R1,R2"  the regions it follows (required; names as in watchedRegions)
             --min-killed N --min-injured N   thresholds (either one is enough when both are set)
             --name TEXT       a label for the list
             --secret S        --webhook: the signing secret (default: a new one, printed once)
             --telegram-token-param NAME   --telegram with --stack: the SecureString holding the bot
                               token (else the token is read from STRIKEWATCH_TELEGRAM_BOT_TOKEN)
             --stack NAME [--region R]   a deployed stack   |   --data DIR   a local store
             --json            print the new subscriber as JSON
  subscriptions  list subscribers added with subscribe (id, kind, regions, thresholds, masked destination)
             --remove ID       remove one (its SNS subscription or its secret too)
             --stack NAME [--region R] | --data DIR
             --json            JSON lines`;

/** The environment variable `subscribe --telegram` reads the bot token from (never a flag: flags land in shell history). */
export const TELEGRAM_TOKEN_ENV = "STRIKEWATCH_TELEGRAM_BOT_TOKEN";
/** The local secrets file, under the data dir. */
export const LOCAL_SECRETS_FILE = "subscriber-secrets.json";
/** The prefix of local secret names (the key in the local secrets file). */
const LOCAL_PREFIX = "local/subscribers/";

/**
 * Secrets of a local store: one JSON file, `<DIR>/subscriber-secrets.json`, readable by its owner
 * only (0600), rewritten whole through a temporary file, so a crash never leaves half a file.
 */
export class LocalSecretFile implements SecretStore {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, LOCAL_SECRETS_FILE);
  }

  private async read(): Promise<Record<string, SubscriberSecret>> {
    try {
      return JSON.parse(await readFile(this.file, "utf8")) as Record<string, SubscriberSecret>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
      throw new Error(`${this.file}: not readable as JSON (${(error as Error).name})`);
    }
  }

  private async write(secrets: Record<string, SubscriberSecret>): Promise<void> {
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, this.file);
  }

  async put(name: string, secret: SubscriberSecret): Promise<void> {
    const secrets = await this.read();
    if (secrets[name]) throw new Error(`secret ${name} exists already`);
    await this.write({ ...secrets, [name]: secret });
  }

  async get(name: string): Promise<SubscriberSecret> {
    const secret = (await this.read())[name];
    if (!secret) throw new SecretNotFoundError(name);
    return secret;
  }

  async remove(name: string): Promise<void> {
    const secrets = await this.read();
    if (!(name in secrets)) return;
    delete secrets[name];
    await this.write(secrets);
  }
}

/** Where subscribers live for one command: the stores, and the SNS side when deployed. */
interface Target {
  store: DynamoSubscriberStore;
  secrets: SecretStore;
  secretName: (id: string) => string;
  /** Deployed only: subscribes and unsubscribes email and SMS on the alert topic. */
  sns?: {
    subscribe(record: SubscriberRecord, endpoint: string): Promise<string>;
    unsubscribe(arn: string): Promise<void>;
  };
  /** Deployed only: the parameter path the notifier may read. */
  parameterPrefix?: string;
  close(): Promise<void>;
}

/** The outputs `subscribe --stack` needs (deployments of this version have them). */
export const SUBSCRIBE_OUTPUTS = {
  topic: "AlertsTopicArn",
  table: "SubscribersTableName",
  prefix: "SubscriberParameterPrefix",
  deadLetters: "SubscriptionDeadLettersArn",
} as const;

async function deployedTarget(stack: string, region: string | undefined): Promise<Target> {
  const outputs = await stackOutputs(stack, region);
  const need = (key: string) => {
    const value = outputs[key];
    if (!value) throw new MissingOutputError(stack, key);
    return value;
  };
  const topicArn = need(SUBSCRIBE_OUTPUTS.topic);
  const tableName = need(SUBSCRIBE_OUTPUTS.table);
  const prefix = need(SUBSCRIBE_OUTPUTS.prefix);
  const deadLetters = need(SUBSCRIBE_OUTPUTS.deadLetters);
  // The deployed-stack clients load only for --stack: a local command starts without them.
  const [sns, ssm, { SsmSecretStore }] = await Promise.all([
    import("@aws-sdk/client-sns"),
    import("@aws-sdk/client-ssm"),
    import("../adapters/subscriber-secrets-ssm.js"),
  ]);
  const config = region ? { region } : {};
  const dynamo = new DynamoDBClient(config);
  const snsClient = new sns.SNSClient(config);
  const ssmClient = new ssm.SSMClient(config);
  return {
    store: new DynamoSubscriberStore(
      DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
      tableName,
    ),
    secrets: new SsmSecretStore(ssmClient),
    secretName: (id) => `${prefix}${id}`,
    parameterPrefix: prefix,
    sns: {
      async subscribe(record, endpoint) {
        const { SubscriptionArn } = await snsClient.send(
          new sns.SubscribeCommand({
            TopicArn: topicArn,
            Protocol: record.kind,
            Endpoint: endpoint,
            ReturnSubscriptionArn: true,
            Attributes: {
              FilterPolicyScope: "MessageAttributes",
              FilterPolicy: JSON.stringify(subscriberFilterPolicy(record)),
              RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetters }),
            },
          }),
        );
        if (!SubscriptionArn) throw new Error("SNS returned no SubscriptionArn");
        return SubscriptionArn;
      },
      async unsubscribe(arn) {
        try {
          await snsClient.send(new sns.UnsubscribeCommand({ SubscriptionArn: arn }));
        } catch (error) {
          if ((error as Error).name !== "NotFoundException") throw error;
        }
      },
    },
    close: async () => {
      dynamo.destroy();
      snsClient.destroy();
      ssmClient.destroy();
    },
  };
}

async function localTarget(dataDir: string): Promise<Target> {
  await mkdir(dataDir, { recursive: true });
  const local = await startLocalStore({ dataDir });
  return {
    store: new DynamoSubscriberStore(local.doc, local.tableName(SUBSCRIBERS_TABLE)),
    secrets: new LocalSecretFile(dataDir),
    secretName: (id) => `${LOCAL_PREFIX}${id}`,
    close: () => local.close(),
  };
}

/** What the flags say about where to act. */
function targetOf(values: { stack?: string; data?: string; region?: string }): Promise<Target> {
  if ((values.stack === undefined) === (values.data === undefined))
    throw new SubscriptionInputError(
      "needs either --stack NAME (a deployed stack) or --data DIR (a local store)",
    );
  if (values.region && !values.stack) throw new SubscriptionInputError("--region goes with --stack");
  return values.stack ? deployedTarget(values.stack, values.region) : localTarget(values.data!);
}

function thresholdText(record: Pick<SubscriberRecord, "minKilled" | "minInjured">): string {
  const parts = [
    ...(record.minKilled !== undefined ? [`killed ≥ ${record.minKilled}`] : []),
    ...(record.minInjured !== undefined ? [`injured ≥ ${record.minInjured}`] : []),
  ];
  return parts.length > 0 ? parts.join(" or ") : "any toll";
}

function wholeNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()))
    throw new SubscriptionInputError(`${flag}: must be a whole number, 0 or more`);
  return Number(value);
}

/** Errors these commands explain themselves (exit 2 for the user's input, 1 for what AWS answered). */
async function explained(io: Io, usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (
      error instanceof SubscriptionInputError ||
      (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
    ) {
      io.err(`strikewatch: ${(error as Error).message}\n\n${usage}`);
      return 2;
    }
    if (error instanceof UnknownRegionError) {
      io.err(error.message);
      return 2;
    }
    const aws = (error as { $metadata?: unknown }).$metadata !== undefined;
    if (error instanceof MissingOutputError || aws || (error as Error).name === "CredentialsProviderError") {
      io.err(
        `strikewatch: ${error instanceof MissingOutputError ? "" : `${(error as Error).name}: `}${(error as Error).message}`,
      );
      return 1;
    }
    throw error;
  }
}

const TARGET_FLAGS = {
  stack: { type: "string" },
  region: { type: "string" },
  data: { type: "string" },
  json: { type: "boolean" },
} as const;

/** `strikewatch subscribe …`; returns the exit code. */
export function subscribeCommand(
  argv: string[],
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  return explained(io, SUBSCRIBE_USAGE, async () => {
    const { values } = parseArgs({
      args: joinNegativeChatId(argv),
      strict: true,
      options: {
        ...TARGET_FLAGS,
        email: { type: "string" },
        sms: { type: "string" },
        slack: { type: "string" },
        discord: { type: "string" },
        telegram: { type: "string" },
        webhook: { type: "string" },
        regions: { type: "string" },
        "min-killed": { type: "string" },
        "min-injured": { type: "string" },
        name: { type: "string" },
        secret: { type: "string" },
        "telegram-token-param": { type: "string" },
      },
    });
    const given = SUBSCRIBER_KINDS.filter((kind) => typeof values[kind] === "string");
    if (given.length !== 1)
      throw new SubscriptionInputError(
        `subscribe needs exactly one of ${SUBSCRIBER_KINDS.map((kind) => `--${kind}`).join(", ")}${given.length > 1 ? ` (got ${given.map((kind) => `--${kind}`).join(" and ")})` : ""}`,
      );
    const kind = given[0] as SubscriberKind;
    if (values.regions === undefined)
      throw new SubscriptionInputError('subscribe needs --regions "Kharkiv Oblast,Sumy Oblast"');
    if (values.secret !== undefined && kind !== "webhook")
      throw new SubscriptionInputError("--secret goes with --webhook");
    const tokenParameter = values["telegram-token-param"];
    if (tokenParameter !== undefined && kind !== "telegram")
      throw new SubscriptionInputError("--telegram-token-param goes with --telegram");
    if (tokenParameter !== undefined && !values.stack)
      throw new SubscriptionInputError(
        `--telegram-token-param names an SSM parameter of a deployed stack (--stack); locally set ${TELEGRAM_TOKEN_ENV}`,
      );
    const minKilled = wholeNumber("--min-killed", values["min-killed"]);
    const minInjured = wholeNumber("--min-injured", values["min-injured"]);
    const request: SubscribeRequest = {
      kind,
      target: String(values[kind]).trim(),
      regions: values.regions
        .split(",")
        .map((region) => region.trim())
        .filter(Boolean),
      ...(minKilled !== undefined ? { minKilled } : {}),
      ...(minInjured !== undefined ? { minInjured } : {}),
      ...(values.name ? { name: values.name } : {}),
      ...(values.secret !== undefined ? { secret: values.secret } : {}),
      ...(tokenParameter ? { telegramTokenParameter: tokenParameter } : {}),
      ...(kind === "telegram" && !tokenParameter && env[TELEGRAM_TOKEN_ENV]
        ? { telegramToken: env[TELEGRAM_TOKEN_ENV] }
        : {}),
    };
    // Validate everything (regions included) before touching a store or AWS.
    const id = newSubscriberId(kind);
    buildSubscriber(request, { id, now: new Date(), secretName: (value) => value });
    const target = await targetOf(values);
    try {
      const built = buildSubscriber(request, { id, now: new Date(), secretName: target.secretName });
      const { record } = built;
      if (tokenParameter) {
        if (!target.parameterPrefix || !tokenParameter.startsWith(target.parameterPrefix))
          throw new SubscriptionInputError(
            `--telegram-token-param: must be under ${target.parameterPrefix} (the notifier may read only there)`,
          );
        await target.secrets.get(tokenParameter).catch((error: unknown) => {
          if (error instanceof SecretNotFoundError)
            throw new SubscriptionInputError(`--telegram-token-param: no parameter ${tokenParameter}`);
          throw error;
        });
      }
      if ((kind === "email" || kind === "sms") && target.sns) {
        record.subscriptionArn = await target.sns.subscribe(record, request.target);
      }
      if (built.secret && record.secretName) await target.secrets.put(record.secretName, built.secret);
      try {
        await target.store.add(record);
      } catch (error) {
        // Leave nothing behind that no record names.
        if (built.secret && record.secretName) await target.secrets.remove(record.secretName);
        if (record.subscriptionArn && target.sns) await target.sns.unsubscribe(record.subscriptionArn);
        throw error;
      }
      if (values.json) {
        io.out(
          JSON.stringify({
            type: "subscriber",
            ...publicView(record),
            ...(built.generatedSecret ? { signingSecret: built.generatedSecret } : {}),
          }),
        );
        return 0;
      }
      io.out(
        `subscribed ${record.id}: ${record.kind} ${record.destination}, ${record.regions.join(", ")}, ${thresholdText(record)}`,
      );
      if (built.generatedSecret)
        io.out(
          `signing secret (shown once; give it to the receiver, see docs/webhooks.md): ${built.generatedSecret}`,
        );
      if (kind === "email" && target.sns)
        io.out("a confirmation mail is on its way: nothing is sent until its link is followed");
      if ((kind === "email" || kind === "sms") && !target.sns)
        io.out("note: the local runner prints alerts as their email and SMS read; it sends none");
      return 0;
    } finally {
      await target.close();
    }
  });
}

/** Group and channel chat ids are negative: `--telegram -100…` reads as `--telegram=-100…`, not as a flag. */
function joinNegativeChatId(argv: string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const next = argv[index + 1];
    if (argv[index] === "--telegram" && next !== undefined && /^-\d+$/.test(next)) {
      joined.push(`--telegram=${next}`);
      index += 1;
    } else joined.push(argv[index]!);
  }
  return joined;
}

/** A record as it may be shown: no secret name, no subscription ARN. */
function publicView(record: SubscriberRecord) {
  return {
    id: record.id,
    kind: record.kind,
    ...(record.name ? { name: record.name } : {}),
    regions: record.regions,
    minKilled: record.minKilled ?? null,
    minInjured: record.minInjured ?? null,
    destination: record.destination,
    createdAt: record.createdAt,
  };
}

/** `strikewatch subscriptions [--remove ID]`; returns the exit code. */
export function subscriptionsCommand(argv: string[], io: Io): Promise<number> {
  return explained(io, SUBSCRIBE_USAGE, async () => {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: { ...TARGET_FLAGS, remove: { type: "string" } },
    });
    if (values.data !== undefined) {
      const entries = await readdir(values.data).catch(() => undefined);
      if (!entries || entries.length === 0)
        throw new SubscriptionInputError(
          `no store at ${values.data} (subscribe or run with --data ${values.data} first)`,
        );
    }
    const target = await targetOf(values);
    try {
      if (values.remove !== undefined) {
        const record = await target.store.get(values.remove);
        if (!record) {
          io.err(`strikewatch: no subscriber ${values.remove} (strikewatch subscriptions lists them)`);
          return 1;
        }
        if (record.subscriptionArn && target.sns) await target.sns.unsubscribe(record.subscriptionArn);
        if (record.secretName && !record.sharedSecret) await target.secrets.remove(record.secretName);
        await target.store.remove(record.id);
        io.out(values.json ? JSON.stringify({ type: "removed", id: record.id }) : `removed ${record.id}`);
        return 0;
      }
      const records = (await target.store.list()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      if (values.json) {
        for (const record of records) io.out(JSON.stringify({ type: "subscriber", ...publicView(record) }));
        return 0;
      }
      if (records.length === 0) {
        io.out(
          "no subscribers added with strikewatch subscribe (the configuration's are in strikewatch.config.json)",
        );
        return 0;
      }
      for (const record of records) {
        io.out(
          `${record.id.padEnd(18)} ${record.kind.padEnd(8)} ${record.destination}${record.name ? `  "${record.name}"` : ""}`,
        );
        io.out(`${"".padEnd(18)} ${"".padEnd(8)} ${record.regions.join(", ")}; ${thresholdText(record)}`);
      }
      return 0;
    } finally {
      await target.close();
    }
  });
}

/** What the local runner's notifier needs to know. */
export interface LocalNotifierOptions {
  /** Let destinations on loopback and private addresses through (run --allow-private; tests). */
  allowPrivateNetwork: boolean;
  json: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * Delivers the alerts a local run published to the chat and webhook subscribers of its store.
 * A destination that still fails after its retries is reported on stderr (or as a `notify-error`
 * line with --json): the local runner has no dead-letter queue, and a later run does not retry it.
 */
export function localNotifier(
  store: Pick<LocalStore, "doc" | "tableName">,
  dataDir: string,
  io: Io,
  options: LocalNotifierOptions,
): (alerts: RenderedAlert[], printer: Printer) => Promise<Delivery[]> {
  const subscribers = new DynamoSubscriberStore(store.doc, store.tableName(SUBSCRIBERS_TABLE));
  const env = options.env ?? process.env;
  const deps = {
    marks: subscribers,
    secrets: new LocalSecretFile(dataDir),
    transport: guardedTransport({ allowPrivateNetwork: options.allowPrivateNetwork }),
    telegramApiBase: env[ENV.telegramApiBase] || TELEGRAM_API_BASE,
  };
  return async (alerts, printer) => {
    if (alerts.length === 0) return [];
    const records = (await subscribers.list()).filter((record) => isChatKind(record.kind));
    if (records.length === 0) return [];
    // Each alert's destinations side by side; alerts in order, so a channel reads them as published.
    const deliveries: Delivery[] = [];
    for (const alert of alerts) deliveries.push(...(await notifyAlert(alert, records, deps)));
    for (const delivery of deliveries) {
      const what = `${delivery.subscriberId} (${delivery.kind})  incident ${delivery.incidentId} v${delivery.version}`;
      if (delivery.status === "sent")
        printer.event(
          { type: "notified", ...delivery },
          `notified  ${what}${delivery.attempts > 1 ? ` after ${delivery.attempts} attempts` : ""}`,
        );
      else if (delivery.status === "failed") {
        if (options.json) printer.event({ type: "notify-error", ...delivery }, "");
        else io.err(`notify failed  ${what}: ${delivery.error} (not retried by later runs)`);
      }
    }
    return deliveries;
  };
}
