/**
 * The `strikewatch` command line. `run` drives the same handler code that runs in Lambda over an
 * embedded DynamoDB (dynalite on 127.0.0.1); `export` writes stored articles in the seed format.
 * `main` returns the exit code so tests can call it in-process.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { marshall } from "@aws-sdk/util-dynamodb";
import { DynamoArticleStore } from "../adapters/article-dynamo.js";
import { DynamoIncidentStore } from "../adapters/incident-dynamo.js";
import { DynamoAlertOutbox } from "../adapters/outbox-dynamo.js";
import { handleStream, toStreamEvent } from "../app/analyze.js";
import { ingestFeeds } from "../app/ingest.js";
import { articleToSeedText, seedFileName } from "../core/article.js";
import { type Config, ConfigError, parseConfigText } from "../core/config.js";
import { resolveConfigRegions, UnknownRegionError } from "../core/regions.js";
import type { FeedFetcher, FeedSource } from "../ports.js";
import { ARTICLES_TABLE, FEEDS_TABLE, INCIDENTS_TABLE, OUTBOX_TABLE } from "../tables.js";
import { consoleIo, type Io, Printer } from "./output.js";
import { LocalPublisher } from "./publisher.js";
import { SeedFetcher, seedSource } from "./seed-fetcher.js";
import { startLocalStore } from "./store.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The project's seeds/ folder. */
export const SEEDS_DIR = join(ROOT, "seeds");
/** The shipped configuration: real feeds, Ukraine and Russia's border regions watched. */
export const DEFAULT_CONFIG = join(ROOT, "strikewatch.config.json");

export const USAGE = `usage: strikewatch <command> [options]

commands:
  run        poll feeds (default: the bundled seeds/) and store new articles
             --feed URL        poll this RSS/Atom/RDF feed instead of the seeds (repeatable)
             --config FILE     read feeds and regions from a strikewatch.config.json
             --data DIR        keep the embedded store on disk in DIR (default: in memory)
             --seeds DIR       read seed files from DIR instead of the bundled seeds/
             --json            print JSON lines (article, feed-error, summary) instead of text
             --allow-private   allow feeds on loopback/private addresses for full-text fetches (testing)
  export     write stored articles as NNN_<id>.txt seed files
             --data DIR        the store to read (required)
             --out DIR         where to write (required)
  help       print this text`;

/** A command-line mistake: usage goes to stderr and the exit code is 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

function parse<T extends NonNullable<ParseArgsConfig["options"]>>(
  argv: string[],
  options: T,
  positionals = 0,
) {
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true as const });
    if (parsed.positionals.length > positionals) {
      throw new Error(`unexpected argument: ${parsed.positionals[positionals]}`);
    }
    return parsed;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function loadConfig(file: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError(file, [
      `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    ]);
  }
  return parseConfigText(text, file);
}

async function run(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    feed: { type: "string", multiple: true },
    config: { type: "string" },
    data: { type: "string" },
    seeds: { type: "string" },
    json: { type: "boolean" },
    "allow-private": { type: "boolean" },
  });
  const started = performance.now();
  const printer = new Printer(io, values.json === true);
  const config = values.config ? await loadConfig(values.config) : undefined;
  // Regions fail fast, before any feed is fetched: a misspelt region is a usage error.
  const { watched } = resolveConfigRegions(config ?? (await loadConfig(DEFAULT_CONFIG)));
  const remote: FeedSource[] = [...(config?.feeds ?? []), ...(values.feed ?? []).map((url) => ({ url }))];
  for (const feed of remote) {
    if (!/^https?:\/\//i.test(feed.url)) throw new UsageError(`--feed needs an http(s) URL: ${feed.url}`);
  }
  if (values.data) await mkdir(values.data, { recursive: true });
  const store = await startLocalStore({ dataDir: values.data });
  try {
    const articles = new DynamoArticleStore(store.doc, store.tableName(ARTICLES_TABLE));
    let feeds: FeedSource[];
    let fetcher: FeedFetcher;
    if (remote.length > 0) {
      feeds = remote;
      // Loaded only when polling real feeds, so a seeds run starts without the HTTP stack.
      const { HttpFeedFetcher } = await import("../adapters/http-feed-fetcher.js");
      const { DynamoFeedStateStore } = await import("../adapters/feed-state-dynamo.js");
      fetcher = new HttpFeedFetcher({
        state: new DynamoFeedStateStore(store.doc, store.tableName(FEEDS_TABLE)),
        fetchOptions: { allowPrivateNetwork: values["allow-private"] === true },
        force: true,
      });
    } else {
      feeds = [seedSource(values.seeds ?? SEEDS_DIR)];
      fetcher = new SeedFetcher();
    }
    const report = await ingestFeeds(feeds, { fetcher, articles });
    for (const { article, feed } of report.stored) printer.article(article, feed);
    for (const { feed, error } of report.itemErrors) printer.itemError(feed.url, error);
    for (const { feed, error } of report.feedErrors) printer.feedError(feed.url, error);
    // The analyze step, fed as DynamoDB Streams would feed the Lambda: one INSERT record per new article.
    const publisher = new LocalPublisher();
    const stream = toStreamEvent(
      report.stored.map(({ article }) => marshall(article, { removeUndefinedValues: true })),
    );
    const analysis = await handleStream(stream, {
      incidents: new DynamoIncidentStore(store.doc, store.tableName(INCIDENTS_TABLE)),
      outbox: new DynamoAlertOutbox(store.doc, store.tableName(OUTBOX_TABLE)),
      publisher,
      watched,
    });
    for (const { record, error } of analysis.delivery.failed) {
      printer.event(
        { type: "alert-error", incidentId: record.incidentId, error },
        `alert not sent yet (${error})`,
      );
    }
    for (const { alert } of publisher.published) printer.alert(alert);
    printer.summary({
      feeds: feeds.length,
      stored: report.stored.length,
      known: report.known,
      notModified: report.batches.filter((batch) => batch.status === "not-modified").length,
      skipped: report.batches.filter((batch) => batch.status === "skipped").length,
      feedErrors: report.feedErrors.length,
      itemErrors: report.itemErrors.length,
      alerts: publisher.published.length,
      ms: Math.round(performance.now() - started),
    });
    return report.feedErrors.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

async function exportArticles(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { data: { type: "string" }, out: { type: "string" } });
  if (!values.data || !values.out) throw new UsageError("export needs --data DIR and --out DIR");
  const store = await startLocalStore({ dataDir: values.data });
  try {
    const articles = await new DynamoArticleStore(store.doc, store.tableName(ARTICLES_TABLE)).list();
    await mkdir(values.out, { recursive: true });
    for (const [position, article] of articles.entries()) {
      await writeFile(join(values.out, seedFileName(position, article.id)), articleToSeedText(article));
    }
    io.out(`exported ${articles.length} article${articles.length === 1 ? "" : "s"} to ${values.out}`);
    return 0;
  } finally {
    await store.close();
  }
}

const COMMANDS: Record<string, (argv: string[], io: Io) => Promise<number>> = {
  run,
  export: exportArticles,
};

/** Runs the CLI on `argv` (without node and script). Returns the exit code: 0 ok, 1 a feed or input failed, 2 usage. */
export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  const [command = "help", ...rest] = argv;
  if (command === "help" || command === "--help" || command === "-h") {
    io.out(USAGE);
    return 0;
  }
  const handler = COMMANDS[command];
  try {
    if (!handler) throw new UsageError(`unknown command: ${command}`);
    return await handler(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`strikewatch: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof UnknownRegionError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
}
