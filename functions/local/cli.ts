/**
 * The `strikewatch` command line. `run` drives the same handler code that runs in Lambda over an
 * embedded DynamoDB (dynalite on 127.0.0.1); `export` writes stored articles in the seed format.
 * `main` returns the exit code so tests can call it in-process.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { marshall } from "@aws-sdk/util-dynamodb";
import { articleItem, DynamoArticleStore } from "../adapters/article-dynamo.js";
import { DynamoIncidentStore } from "../adapters/incident-dynamo.js";
import { DynamoAlertOutbox } from "../adapters/outbox-dynamo.js";
import { handleStream, toStreamEvent } from "../app/analyze.js";
import { ingestFeeds } from "../app/ingest.js";
import { isAlertable, type RenderedAlert } from "../core/alerts.js";
import { articleToSeedText, parseSeedText, seedFileName } from "../core/article.js";
import {
  type Config,
  ConfigError,
  configWarnings,
  feedSources,
  parseConfigText,
  subscriptionThresholds,
} from "../core/config.js";
import { extract } from "../core/extract/index.js";
import { detectLanguage } from "../core/extract/language.js";
import type { Count, StrikeEvent } from "../core/extract/types.js";
import { resolveConfigRegions, UnknownRegionError } from "../core/regions.js";
import type { FeedFetcher, FeedSource } from "../ports.js";
import { ARTICLES_TABLE, FEEDS_TABLE, INCIDENTS_TABLE, OUTBOX_TABLE } from "../tables.js";
import { evaluate, formatReport, loadCorpus } from "./evaluate.js";
import { consoleIo, type Io, Printer } from "./output.js";
import { LocalPublisher } from "./publisher.js";
import {
  BadTimeError,
  MissingOutputError,
  printReplaySummary,
  replayDeployed,
  replayLocal,
  timeRange,
} from "./replay.js";
import { SeedFetcher, seedSource } from "./seed-fetcher.js";
import { SERVE_USAGE, ServeUsageError, serveCommand, serveStore } from "./serve.js";
import { startLocalStore } from "./store.js";
import { localNotifier, SUBSCRIBE_USAGE, subscribeCommand, subscriptionsCommand } from "./subscribe.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The project's seeds/ folder. */
export const SEEDS_DIR = join(ROOT, "seeds");
/** The extraction evaluation corpus. */
export const EVAL_DIR = join(ROOT, "tests/fixtures/eval");
/** The shipped configuration: real feeds, Ukraine and Russia's border regions watched. */
export const DEFAULT_CONFIG = join(ROOT, "strikewatch.config.json");

export const USAGE = `usage: strikewatch <command> [options]

commands:
  run        poll feeds (default: the bundled seeds/), store new articles, find strikes, print alerts
             --feed URL        poll this RSS/Atom/RDF feed instead of the seeds (repeatable)
             --config FILE     feeds and watched regions from a strikewatch.config.json
                               (default regions: those of the shipped strikewatch.config.json)
             --data DIR        keep the embedded store on disk in DIR (default: in memory)
             --seeds DIR       read seed files from DIR instead of the bundled seeds/
             --json            print JSON lines (article, feed-error, alert, summary) instead of text
             --replay          alert as on the day: no age bound and no backfill (for archives of
                               old feeds; the seeds always run this way)
             --watch           keep polling every --interval seconds until Ctrl-C
             --interval S      seconds between polls when watching (default: the config's pollMinutes, else 60)
             --rounds N        stop after N polls
             --allow-private   let full-text fetches reach loopback/private addresses (testing only)
             --serve           then serve the store's incidents on a local page (see serve)
  extract    print the strike events of one article (seed text format) from FILE or stdin
             --json            as JSON
             --jsonl           read JSON lines {"id","text"} from stdin, write {"id","language","events"} per line
  eval       score the extractor on the evaluation corpus (precision/recall/F1, exact matches, failures)
             --dir DIR         another corpus of NNN-slug.txt + NNN-slug.json pairs
             --json            the report as JSON
  replay     analyze stored articles of a time range again (after a stream dead letter, or a new
             extractor); alerts whose events are older than the age bound stay withheld
             --data DIR        a local store (one a run made with --data)
             --stack NAME      a deployed stack instead (AWS credentials and region as for the AWS CLI)
             --region R        the deployed stack's region (default: AWS_REGION / the profile's)
             --from T --to T   fetched between these dates or times (ISO 8601; default: everything)
             --as-on-the-day   no age bound and backfills alerted too, like run --replay
             --redrive         with --stack: also move the feed dead letters back to the feed queue
             --config FILE     watched regions and age bound for --data (default: the shipped file)
             --json            JSON lines
  feeds      each feed's health: last success, last error, consecutive failures, next poll
             --data DIR        the store of a runner started with --data (required)
  export     write stored articles as NNN_<id>.txt seed files
             --data DIR        the store to read (required)
             --out DIR         where to write (required)
${SERVE_USAGE}
${SUBSCRIBE_USAGE}
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
    watch: { type: "boolean" },
    interval: { type: "string" },
    rounds: { type: "string" },
    "allow-private": { type: "boolean" },
    replay: { type: "boolean" },
    serve: { type: "boolean" },
  });
  const printer = new Printer(io, values.json === true);
  const config = values.config ? await loadConfig(values.config) : undefined;
  const effective = config ?? (await loadConfig(DEFAULT_CONFIG));
  // Regions fail fast, before any feed is fetched: a misspelt region is a usage error.
  const { watched, subscriptions } = resolveConfigRegions(effective);
  const thresholds = subscriptionThresholds(subscriptions);
  const remote: FeedSource[] = [
    ...feedSources(config?.feeds ?? []),
    ...(values.feed ?? []).map((url) => ({ url })),
  ];
  for (const feed of remote) {
    if (!/^https?:\/\//i.test(feed.url)) throw new UsageError(`--feed needs an http(s) URL: ${feed.url}`);
  }
  for (const warning of configWarnings({ feeds: remote }))
    io.err(`warning: ${warning.replace(/^feeds\[\d+\]\.url: /, "")}`);
  // The seeds are an archive: they replay as they would have alerted on the day, like --replay.
  const replay = values.replay === true || remote.length === 0;
  const intervalSeconds = Number(values.interval ?? (config ? config.pollMinutes * 60 : 60));
  if (!(intervalSeconds > 0))
    throw new UsageError(`--interval needs a positive number of seconds: ${values.interval}`);
  const rounds =
    values.rounds === undefined ? (values.watch ? Number.POSITIVE_INFINITY : 1) : Number(values.rounds);
  if (!(rounds >= 1)) throw new UsageError(`--rounds needs a whole number of at least 1: ${values.rounds}`);
  if (values.data) await mkdir(values.data, { recursive: true });
  const store = await startLocalStore({ dataDir: values.data });
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
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
        // One run polls every feed now; watching honours each feed's backoff.
        force: rounds === 1,
        // A channel pages back within the age bound, as far as an alert could come from.
        telegram: { maxAgeHours: replay ? Number.POSITIVE_INFINITY : effective.alertMaxAgeHours },
      });
    } else {
      feeds = [seedSource(values.seeds ?? SEEDS_DIR)];
      fetcher = new SeedFetcher();
    }
    const analyzeDeps = {
      incidents: new DynamoIncidentStore(store.doc, store.tableName(INCIDENTS_TABLE)),
      outbox: new DynamoAlertOutbox(store.doc, store.tableName(OUTBOX_TABLE)),
      watched,
      thresholds,
      // As deployed: events older than the bound are not alerted; a replay has no bound.
      ...(replay ? {} : { alertMaxAgeHours: effective.alertMaxAgeHours }),
    };
    // Chat and webhook subscribers of a kept store (strikewatch subscribe --data DIR) hear of each alert.
    const notify = values.data
      ? localNotifier(store, values.data, io, {
          allowPrivateNetwork: values["allow-private"] === true,
          json: values.json === true,
        })
      : undefined;
    let failed = false;
    for (let round = 1; round <= rounds && !stop.signal.aborted; round += 1) {
      if (round > 1) await sleep(intervalSeconds * 1000, stop.signal);
      if (stop.signal.aborted) break;
      failed = (await runRound(feeds, { fetcher, articles, printer, analyzeDeps, replay, notify })) || failed;
    }
    if (values.serve && !stop.signal.aborted) return await serveStore(store, io);
    // A watch that was stopped ends cleanly; a single run reports its feed errors.
    return failed && rounds === 1 ? 1 : 0;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await store.close();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** One poll-and-analyze round: stores new articles, runs the analyze step on them, prints. True when a feed failed. */
async function runRound(
  feeds: FeedSource[],
  deps: {
    fetcher: FeedFetcher;
    articles: DynamoArticleStore;
    printer: Printer;
    analyzeDeps: Omit<Parameters<typeof handleStream>[1], "publisher">;
    /** Alert as on the day: no backfill (and the caller set no age bound). */
    replay: boolean;
    /** Delivers the round's alerts to chat and webhook subscribers (a kept store's). */
    notify?: ((alerts: RenderedAlert[], printer: Printer) => Promise<unknown>) | undefined;
  },
): Promise<boolean> {
  const started = performance.now();
  const { printer } = deps;
  // As deployed, a feed's first poll is a backfill: stored and merged, not alerted. A replay alerts on all.
  const report = await ingestFeeds(feeds, deps, { backfillFirstPoll: !deps.replay });
  for (const { article, feed } of report.stored) printer.article(article, feed);
  for (const { feed, error } of report.itemErrors) printer.itemError(feed.url, error);
  for (const { feed, error } of report.feedErrors) printer.feedError(feed.url, error);
  // The analyze step, fed as DynamoDB Streams would feed the Lambda: one INSERT record per new article.
  const publisher = new LocalPublisher();
  const stream = toStreamEvent(
    report.stored.map(({ article, backfill }) =>
      marshall(articleItem(article, { backfill }), { removeUndefinedValues: true }),
    ),
  );
  const analysis = await handleStream(stream, { ...deps.analyzeDeps, publisher });
  for (const { sequence, error } of analysis.errors) {
    printer.event({ type: "analyze-error", sequence, error }, `analyze failed (${error})`);
  }
  for (const { record, error } of analysis.delivery.failed) {
    printer.event(
      { type: "alert-error", incidentId: record.incidentId, error },
      `alert not sent yet (${error})`,
    );
  }
  for (const { alert } of publisher.published) printer.alert(alert);
  await deps.notify?.(
    publisher.published.map(({ alert }) => alert),
    printer,
  );
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
    backfill: report.stored.filter((entry) => entry.backfill).length,
    withheld: analysis.analyses.reduce((total, analysis) => total + analysis.withheld.length, 0),
    truncated: report.truncated,
  });
  return report.feedErrors.length > 0;
}

/** A --data DIR to read must be a store a run made: a mistyped path is an error, not an empty store. */
async function requireStore(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => undefined);
  if (!entries || entries.length === 0)
    throw new UsageError(`no store at ${dir} (make one with: strikewatch run --data ${dir})`);
}

async function exportArticles(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { data: { type: "string" }, out: { type: "string" } });
  if (!values.data || !values.out) throw new UsageError("export needs --data DIR and --out DIR");
  await requireStore(values.data);
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

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const pad = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
const countText = (count: Count | null) =>
  count
    ? `${count.approximate ? "~" : ""}${count.min}${count.max !== undefined ? `-${count.max}` : ""}`
    : "-";

/** The events as a table for people. */
function eventTable(events: StrikeEvent[]): string[] {
  if (events.length === 0) return ["no strike events found"];
  const header = `${pad("place", 28)} ${pad("admin1", 22)} ${pad("killed", 7)} ${pad("injured", 7)} ${pad("children k/i", 12)} ${pad("victims", 9)} weapons / claimed by`;
  return [
    header,
    "-".repeat(header.length + 10),
    ...events.map(
      (event) =>
        `${pad(event.place.name, 28)} ${pad(event.place.admin1 ?? "", 22)} ${pad(countText(event.killed), 7)} ${pad(countText(event.injured ?? event.casualties), 7)} ${pad(`${countText(event.childrenKilled)}/${countText(event.childrenInjured)}`, 12)} ${pad(event.victims, 9)} ${event.weapons.join(", ")}${event.attributedTo ? ` (according to ${event.attributedTo})` : ""}`,
    ),
  ];
}

function extractText(text: string): StrikeEvent[] {
  const seed = parseSeedText(text);
  return extract({
    body: seed.body,
    ...(seed.title ? { title: seed.title } : {}),
    ...(seed.date ? { publishedAt: `${seed.date}T00:00:00.000Z` } : {}),
  });
}

async function extractCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: "boolean" }, jsonl: { type: "boolean" } }, 1);
  if (values.jsonl) {
    if (positionals.length > 0)
      throw new UsageError("extract --jsonl reads JSON lines from stdin, not a file");
    let failed = false;
    const lines = (await readStdin()).split("\n");
    lines.forEach((line, index) => {
      if (line.trim() === "") return;
      let input: { id?: unknown; text?: unknown };
      try {
        input = JSON.parse(line) as { id?: unknown; text?: unknown };
      } catch (error) {
        failed = true;
        io.out(JSON.stringify({ id: null, line: index + 1, error: `not JSON: ${(error as Error).message}` }));
        return;
      }
      if (typeof input.text !== "string") {
        failed = true;
        io.out(JSON.stringify({ id: input.id ?? null, line: index + 1, error: 'needs a "text" string' }));
        return;
      }
      const events = extractText(input.text).map((event) => ({ ...event, alertable: isAlertable(event) }));
      io.out(JSON.stringify({ id: input.id ?? null, language: detectLanguage(input.text), events }));
    });
    return failed ? 1 : 0;
  }
  const file = positionals[0];
  let text: string;
  try {
    text = file ? await readFile(file, "utf8") : await readStdin();
  } catch (error) {
    io.err(
      `strikewatch: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
    return 1;
  }
  const events = extractText(text);
  if (values.json) io.out(JSON.stringify(events, null, 2));
  else for (const line of eventTable(events)) io.out(line);
  return 0;
}

async function evalCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { dir: { type: "string" }, json: { type: "boolean" } });
  const report = evaluate(await loadCorpus(values.dir ?? EVAL_DIR));
  io.out(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return 0;
}

async function feedsCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { data: { type: "string" }, json: { type: "boolean" } });
  if (!values.data) throw new UsageError("feeds needs --data DIR (the store a watching runner keeps)");
  await requireStore(values.data);
  const store = await startLocalStore({ dataDir: values.data });
  try {
    const { DynamoFeedStateStore } = await import("../adapters/feed-state-dynamo.js");
    const states = await new DynamoFeedStateStore(store.doc, store.tableName(FEEDS_TABLE)).list();
    if (values.json) {
      for (const state of states) io.out(JSON.stringify({ type: "feed", ...state }));
      return 0;
    }
    if (states.length === 0) io.out("no feeds polled yet");
    for (const state of states) {
      const health = state.consecutiveFailures > 0 ? `FAILING x${state.consecutiveFailures}` : "ok";
      io.out(`${pad(health, 12)} ${state.feedUrl}`);
      io.out(
        `             last success ${state.lastSuccessAt ?? "never"}; next poll ${state.nextPollAt ?? "on schedule"}`,
      );
      if (state.lastError) io.out(`             last error ${state.lastErrorAt}: ${state.lastError}`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

async function replayCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    data: { type: "string" },
    stack: { type: "string" },
    region: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    "as-on-the-day": { type: "boolean" },
    redrive: { type: "boolean" },
    config: { type: "string" },
    json: { type: "boolean" },
  });
  if ((values.data === undefined) === (values.stack === undefined))
    throw new UsageError("replay needs either --data DIR (a local store) or --stack NAME (a deployed stack)");
  if (values.redrive && !values.stack)
    throw new UsageError("--redrive moves a deployed stack's feed dead letters: it needs --stack NAME");
  let range: { from?: string; to?: string };
  try {
    range = timeRange(values.from, values.to);
  } catch (error) {
    if (error instanceof BadTimeError) throw new UsageError(error.message);
    throw error;
  }
  const printer = new Printer(io, values.json === true);
  const asOnTheDay = values["as-on-the-day"] === true;
  if (values.data !== undefined) {
    await requireStore(values.data);
    const config = await loadConfig(values.config ?? DEFAULT_CONFIG);
    const summary = await replayLocal({ data: values.data, config, range, asOnTheDay }, printer);
    printReplaySummary(io, values.json === true, summary);
    return summary.errors > 0 ? 1 : 0;
  }
  try {
    const summary = await replayDeployed(
      {
        stack: values.stack!,
        ...(values.region ? { region: values.region } : {}),
        range,
        asOnTheDay,
        redrive: values.redrive === true,
      },
      printer,
    );
    printReplaySummary(io, values.json === true, summary);
    return summary.errors > 0 ? 1 : 0;
  } catch (error) {
    // A missing output, or what AWS answered (no such stack, no credentials, access denied): said, not thrown.
    const aws = (error as { $metadata?: unknown; name?: string }).$metadata !== undefined;
    if (error instanceof MissingOutputError || aws || (error as Error).name === "CredentialsProviderError") {
      io.err(
        `strikewatch: ${error instanceof MissingOutputError ? "" : `${(error as Error).name}: `}${(error as Error).message}`,
      );
      return 1;
    }
    throw error;
  }
}

const COMMANDS: Record<string, (argv: string[], io: Io) => Promise<number>> = {
  run,
  replay: replayCommand,
  export: exportArticles,
  extract: extractCommand,
  eval: evalCommand,
  feeds: feedsCommand,
  subscribe: subscribeCommand,
  subscriptions: subscriptionsCommand,
  serve: (argv, io) =>
    serveCommand(argv, io).catch((error: unknown) => {
      throw error instanceof ServeUsageError ? new UsageError(error.message) : error;
    }),
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
