/**
 * What one poll, one analysis and one dispatch cost in the units AWS bills, measured by running the
 * Lambdas' own code paths (ingestFeeds through HttpFeedFetcher, handleStream, deliverPending, the
 * feed-state scan) one item at a time against the loopback farm and dynalite. A metering proxy
 * between the SDK and dynalite asks for ReturnConsumedCapacity on every call and sums it, so the
 * read and write request units are DynamoDB's own arithmetic, conditional failures included.
 */
import { readFile } from "node:fs/promises";
import { createServer, request } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { DynamoArticleStore } from "../functions/adapters/article-dynamo.js";
import { DynamoFeedStateStore } from "../functions/adapters/feed-state-dynamo.js";
import { HttpFeedFetcher } from "../functions/adapters/http-feed-fetcher.js";
import { DynamoIncidentStore } from "../functions/adapters/incident-dynamo.js";
import { DynamoAlertOutbox } from "../functions/adapters/outbox-dynamo.js";
import { deliverPending, handleStream, toStreamEvent } from "../functions/app/analyze.js";
import { ingestFeeds } from "../functions/app/ingest.js";
import { parseConfigText } from "../functions/core/config.js";
import { extract } from "../functions/core/extract/index.js";
import { normalizeItem } from "../functions/core/normalize.js";
import { resolveConfigRegions } from "../functions/core/regions.js";
import { parseFeedXml } from "../functions/feeds/parse.js";
import { LocalPublisher } from "../functions/local/publisher.js";
import { startLocalStore } from "../functions/local/store.js";
import { emitMetrics } from "../functions/metrics.js";
import { ARTICLES_TABLE, FEEDS_TABLE, INCIDENTS_TABLE, OUTBOX_TABLE } from "../functions/tables.js";
import { loadArticles } from "./corpus.js";
import type { FeedFarm } from "./farm.js";
import { ROOT } from "./stats.js";

interface Tally {
  requests: number;
  rru: number;
  wru: number;
}

const dynaliteDb = createRequire(import.meta.url)("dynalite/db/index.js") as {
  capacityUnits(item: unknown, isRead: boolean, isConsistent?: boolean): number;
};

/** Request units per "Table Operation outcome", as DynamoDB on-demand would bill them. */
class DynamoMeter {
  readonly tallies = new Map<string, Tally>();

  add(key: string, rru: number, wru: number): void {
    const tally = this.tallies.get(key) ?? { requests: 0, rru: 0, wru: 0 };
    tally.requests++;
    tally.rru += rru;
    tally.wru += wru;
    this.tallies.set(key, tally);
  }

  /** Sums over the keys that contain `filter`. */
  total(filter = ""): Tally {
    const sum: Tally = { requests: 0, rru: 0, wru: 0 };
    for (const [key, tally] of this.tallies) {
      if (!key.includes(filter)) continue;
      sum.requests += tally.requests;
      sum.rru += tally.rru;
      sum.wru += tally.wru;
    }
    return sum;
  }

  clear(): void {
    this.tallies.clear();
  }
}

const READS = new Set(["GetItem", "Query", "Scan", "BatchGetItem"]);

/** An HTTP proxy to dynalite that meters every call; dynalite does not check signatures, so the body may change. */
async function startMeteringProxy(target: string, meter: DynamoMeter) {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const operation =
        String(req.headers["x-amz-target"] ?? "")
          .split(".")
          .pop() ?? "";
      const input = JSON.parse(Buffer.concat(chunks).toString() || "{}") as Record<string, unknown>;
      input.ReturnConsumedCapacity = "TOTAL";
      const body = Buffer.from(JSON.stringify(input));
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, "content-length": body.length },
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => parts.push(chunk));
          answer.on("end", () => {
            const raw = Buffer.concat(parts);
            const output = JSON.parse(raw.toString() || "{}") as {
              __type?: string;
              ConsumedCapacity?: { CapacityUnits?: number } | Array<{ CapacityUnits?: number }>;
            };
            const table = String(input.TableName ?? Object.keys(input.RequestItems ?? {}).join("+"));
            const failed = output.__type?.endsWith("ConditionalCheckFailedException") === true;
            // A refused conditional write is still billed (size of the item, at least 1 WRU); dynalite reports nothing for it.
            let units = failed
              ? operation === "PutItem"
                ? dynaliteDb.capacityUnits(input.Item, false)
                : 1
              : [output.ConsumedCapacity ?? []]
                  .flat()
                  .reduce((total, consumed) => total + (consumed.CapacityUnits ?? 0), 0);
            const read = READS.has(operation);
            // A read that finds nothing is still billed its minimum; dynalite reports 0.
            if (read && !failed && units === 0) units = input.ConsistentRead === true ? 1 : 0.5;
            meter.add(
              `${table} ${operation} ${failed ? "refused" : "ok"}`,
              read ? units : 0,
              read ? 0 : units,
            );
            res.writeHead(answer.statusCode ?? 500, answer.headers);
            res.end(raw);
          });
        },
      );
      forward.on("error", (error) => res.destroy(error));
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Per-feed means over polls of one kind; `refused` counts conditional puts of articles already stored. */
export interface PollFigures {
  count: number;
  ms: number;
  rru: number;
  wru: number;
  stored: number;
  refused: number;
}

/** Everything the cost model takes from measurement. */
export interface LambdaUsage {
  /** First poll of a feed: every item is new. */
  pollFirst: PollFigures;
  /** A poll answered 304. */
  poll304: PollFigures;
  /** A poll of a feed with one new item among its 20. */
  poll200: PollFigures;
  /** CPU part of poll200 (parse, normalize), which Lambda's fractional vCPU slows down. */
  pollCpuMs: number;
  /** WRU of storing a new article; of refusing a known one (conditional put); of one feed-state write. */
  articleWru: number;
  knownArticleWru: number;
  feedStateWru: number;
  /**
   * The corpus through handleStream, one article per stream event. Every article costs its extract();
   * the incident and outbox work follows the strikes found, so it is given per alert published.
   */
  analyze: {
    articles: number;
    alerts: number;
    extractMs: number;
    msPerAlert: number;
    incidentRruPerAlert: number;
    incidentWruPerAlert: number;
    outboxRruPerAlert: number;
    outboxWruPerAlert: number;
  };
  /** A delivery pass with nothing pending: the scheduled run, and the tail of every stream batch. */
  deliver: { ms: number; rru: number; wru: number };
  /** Dispatch's scan of the feed states, per feed. */
  dispatch: { ms: number; rruPerFeed: number; feeds: number };
  /** Bytes of the log lines the handlers write: poll per feed, dispatch per run, EMF per invocation. */
  logBytes: {
    feedPolled: number;
    dispatched: number;
    emfPoll: number;
    emfAnalyze: number;
    emfDispatch: number;
  };
}

function means(samples: Array<Omit<PollFigures, "count">>): PollFigures {
  const count = samples.length;
  const mean = (key: keyof Omit<PollFigures, "count">) =>
    samples.reduce((total, sample) => total + sample[key], 0) / Math.max(1, count);
  return {
    count,
    ms: mean("ms"),
    rru: mean("rru"),
    wru: mean("wru"),
    stored: mean("stored"),
    refused: mean("refused"),
  };
}

async function logLineBytes(): Promise<LambdaUsage["logBytes"]> {
  const lines: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    new Logger({ serviceName: "poll" }).info("feed polled", {
      feed: "https://www.theguardian.com/world/ukraine/rss",
      stored: 1,
      known: 19,
    });
    new Logger({ serviceName: "dispatch" }).info("dispatched", { due: 100, feeds: 100, failing: 0 });
  } finally {
    process.stdout.write = write;
  }
  const emf = (service: string, values: Record<string, number>) => {
    let line = "";
    emitMetrics(service, values, (text) => {
      line = text;
    });
    return Buffer.byteLength(line) + 1;
  };
  return {
    feedPolled: Buffer.byteLength(lines[0] ?? ""),
    dispatched: Buffer.byteLength(lines[1] ?? ""),
    emfPoll: emf("poll", { ArticlesStored: 1, FeedErrors: 0 }),
    emfAnalyze: emf("analyze", { ArticlesAnalyzed: 1, Events: 1, AlertsSent: 0, AlertsFailed: 0 }),
    emfDispatch: emf("dispatch", { FeedsDispatched: 100, FeedsFailingOverAnHour: 0 }),
  };
}

/** Polls `sample` farm feeds twice (first poll, then after farm.change) and analyzes the corpus, one at a time. */
export async function measureLambdaUsage(farm: FeedFarm, sample = 100): Promise<LambdaUsage> {
  const store = await startLocalStore();
  const meter = new DynamoMeter();
  const proxy = await startMeteringProxy(store.endpoint, meter);
  const client = new DynamoDBClient({
    endpoint: proxy.url,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  try {
    farm.reset();
    const states = new DynamoFeedStateStore(doc, FEEDS_TABLE.logicalName);
    const fetcher = new HttpFeedFetcher({ state: states });
    const articles = new DynamoArticleStore(doc, ARTICLES_TABLE.logicalName);
    const feeds = farm.urls().slice(0, sample);
    const pollOnce = async (url: string) => {
      const before = meter.total();
      const refusedBefore = meter.total("refused").requests;
      const started = performance.now();
      const report = await ingestFeeds([{ url }], { fetcher, articles });
      const ms = performance.now() - started;
      const after = meter.total();
      if (report.feedErrors.length > 0) throw new Error(report.feedErrors[0]?.error);
      return {
        status: report.batches[0]?.status ?? "error",
        ms,
        rru: after.rru - before.rru,
        wru: after.wru - before.wru,
        stored: report.stored.length,
        refused: meter.total("refused").requests - refusedBefore,
      };
    };
    const first = [];
    for (const url of feeds) first.push(await pollOnce(url));
    const changed = new Set(farm.change(1).filter((index) => index < sample));
    meter.clear();
    const second = [];
    for (const url of feeds) second.push(await pollOnce(url));
    const per = (key: string) => {
      const tally = meter.total(key);
      return tally.wru / Math.max(1, tally.requests);
    };
    const articleWru = per(`${ARTICLES_TABLE.logicalName} PutItem ok`);
    const knownArticleWru = per(`${ARTICLES_TABLE.logicalName} PutItem refused`);
    const feedStateWru = per(`${FEEDS_TABLE.logicalName} PutItem ok`);

    const cpuRuns = [];
    const fetchedAt = new Date().toISOString();
    for (let pass = 0; pass < 3; pass++) {
      for (const index of changed) {
        const xml = farm.body(index).toString("utf8");
        const started = performance.now();
        const parsed = await parseFeedXml(xml, farm.url(index));
        for (const item of parsed.items) normalizeItem(item, { feedUrl: farm.url(index) }, fetchedAt);
        if (pass > 0) cpuRuns.push(performance.now() - started);
      }
    }

    const config = parseConfigText(await readFile(join(ROOT, "strikewatch.config.json"), "utf8"));
    const { watched } = resolveConfigRegions(config);
    const outbox = new DynamoAlertOutbox(doc, OUTBOX_TABLE.logicalName);
    const publisher = new LocalPublisher();
    const deps = {
      incidents: new DynamoIncidentStore(doc, INCIDENTS_TABLE.logicalName),
      outbox,
      publisher,
      watched,
    };
    const corpus = await loadArticles();
    meter.clear();
    let analyzeMs = 0;
    for (const { article } of corpus) {
      const started = performance.now();
      await handleStream(toStreamEvent([marshall(article, { removeUndefinedValues: true })]), deps);
      analyzeMs += performance.now() - started;
    }
    const incidentUnits = meter.total(INCIDENTS_TABLE.logicalName);
    const outboxUnits = meter.total(OUTBOX_TABLE.logicalName);
    const alerts = publisher.published.length;
    if (alerts === 0) throw new Error("the corpus raised no alert");
    let extractMs = 0;
    for (const { article } of corpus) {
      const started = performance.now();
      extract(article);
      extractMs += performance.now() - started;
    }

    meter.clear();
    let started = performance.now();
    await deliverPending({ outbox, publisher });
    const deliverMs = performance.now() - started;
    const delivered = meter.total();

    meter.clear();
    started = performance.now();
    const known = await states.list();
    const scanMs = performance.now() - started;

    return {
      pollFirst: means(first),
      poll304: means(second.filter((poll) => poll.status === "not-modified")),
      poll200: means(second.filter((poll) => poll.status === "ok")),
      pollCpuMs: cpuRuns.reduce((total, ms) => total + ms, 0) / Math.max(1, cpuRuns.length),
      articleWru,
      knownArticleWru,
      feedStateWru,
      analyze: {
        articles: corpus.length,
        alerts,
        extractMs: extractMs / corpus.length,
        msPerAlert: (analyzeMs - extractMs - corpus.length * deliverMs) / alerts,
        incidentRruPerAlert: incidentUnits.rru / alerts,
        incidentWruPerAlert: incidentUnits.wru / alerts,
        // The pending-index query of each batch's delivery pass is counted per invocation, not here.
        outboxRruPerAlert: (outboxUnits.rru - corpus.length * delivered.rru) / alerts,
        outboxWruPerAlert: outboxUnits.wru / alerts,
      },
      deliver: { ms: deliverMs, rru: delivered.rru, wru: delivered.wru },
      dispatch: {
        ms: scanMs,
        rruPerFeed: meter.total().rru / Math.max(1, known.length),
        feeds: known.length,
      },
      logBytes: await logLineBytes(),
    };
  } finally {
    client.destroy();
    await proxy.close();
    await store.close();
  }
}
