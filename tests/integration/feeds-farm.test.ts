import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PollOutcome } from "../../functions/feeds/poller.js";
import type { FeedSource } from "../../functions/ports.js";
import {
  type FixtureServer,
  type Handler,
  MemoryFeedStateStore,
  never,
  rssFeed,
  serve,
  startFixtureServer,
} from "../fixtures/feeds/server.js";
import { pollAllAndCommit } from "../helpers/poll.js";

/** The kinds of feed in the farm, how many of each, and what a poll of each must report. */
const KINDS = {
  etag: { count: 100, first: "ok", second: "not-modified" },
  plain: { count: 40, first: "ok", second: "ok" },
  stalled: { count: 20, first: "timed out after 1000 ms waiting for a response", second: "skipped" },
  trickle: { count: 20, first: "timed out after 1500 ms", second: "skipped" },
  broken: { count: 20, first: "malformed XML: Unexpected close tag", second: "skipped" },
  html: { count: 10, first: "not a feed: looks like an HTML page", second: "skipped" },
  hugeDeclared: { count: 15, first: "body exceeds 262144 bytes (Content-Length", second: "skipped" },
  hugeStreamed: { count: 15, first: "body exceeds 262144 bytes", second: "skipped" },
} as const;
type Kind = keyof typeof KINDS;

const CONCURRENCY = 16;
const CONNECT_TIMEOUT_MS = 1_000;
const TOTAL_TIMEOUT_MS = 1_500;
const MAX_BYTES = 256 * 1024;
const fetchOptions = {
  connectTimeoutMs: CONNECT_TIMEOUT_MS,
  totalTimeoutMs: TOTAL_TIMEOUT_MS,
  maxBytes: MAX_BYTES,
};
const HUGE = rssFeed("huge", 2).replace("</channel>", `<!--${"z".repeat(MAX_BYTES)}--></channel>`);

let srv: FixtureServer;
const kindOf = new Map<string, Kind>();

function handlerFor(kind: Kind, name: string): Handler {
  switch (kind) {
    case "etag":
      return (req, res) => {
        if (req.headers["if-none-match"] === `"${name}"`) res.writeHead(304).end();
        else serve(rssFeed(name), { ETag: `"${name}"` })(req, res);
      };
    case "plain":
      return serve(rssFeed(name));
    case "stalled":
      return never;
    case "trickle":
      return (_req, res) => {
        res.writeHead(200, { "Content-Type": "application/rss+xml" });
        res.write(`<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title>`);
        const timer = setInterval(() => res.write("<!-- more soon -->"), 100);
        res.on("close", () => clearInterval(timer));
      };
    case "broken":
      return serve(`<rss version="2.0"><channel><title>${name}</title></chanel></rss>`);
    case "html":
      return serve(`<!DOCTYPE html><html><body><h1>${name}</h1></body></html>`, {
        "Content-Type": "text/html",
      });
    case "hugeDeclared":
      return serve(HUGE, { "Content-Length": Buffer.byteLength(HUGE) });
    case "hugeStreamed":
      return (_req, res) => {
        res.writeHead(200, { "Content-Type": "application/rss+xml" });
        res.end(HUGE);
      };
  }
}

/** The outcome reduced to what the farm checks: status, or the reason of an error. */
function summary(outcome: PollOutcome): string {
  if (outcome.status !== "error") return outcome.status;
  return outcome.error.slice(outcome.feed.url.length + 2);
}

function tally(outcomes: PollOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) {
    const reason = summary(outcome)
      .replace(/ at line .*$/, "")
      .replace(/Content-Length \d+/, "Content-Length");
    const key = outcome.status === "error" ? `error: ${reason}` : outcome.status;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const feeds: FeedSource[] = [];

beforeAll(async () => {
  srv = await startFixtureServer();
  // Interleave the kinds so slow feeds are spread over the run as in a real config.
  const queue = Object.entries(KINDS).flatMap(([kind, { count }]) =>
    Array.from({ length: count }, (_, i) => ({ kind: kind as Kind, i })),
  );
  queue.sort((a, b) => a.i - b.i || a.kind.localeCompare(b.kind));
  for (const { kind, i } of queue) {
    const name = `${kind}-${i}`;
    srv.route(`/farm/${name}`, handlerFor(kind, name));
    feeds.push({ url: srv.url(`/farm/${name}`), name });
    kindOf.set(srv.url(`/farm/${name}`), kind);
  }
});

afterAll(async () => {
  await srv.close();
});

describe("a loopback farm of feeds polled with bounded concurrency", () => {
  it("reports every feed correctly and finishes in ceil(feeds / concurrency) × timeout", async () => {
    // Prepare
    const state = new MemoryFeedStateStore();
    const t0 = new Date("2025-02-01T12:00:00Z");
    const deps = { state, fetchOptions, random: () => 0.5 };

    // Act
    const started1 = performance.now();
    const first = await pollAllAndCommit(feeds, { ...deps, now: () => t0 }, CONCURRENCY);
    const wall1 = performance.now() - started1;
    const started2 = performance.now();
    const second = await pollAllAndCommit(
      feeds,
      { ...deps, now: () => new Date(t0.getTime() + 60_000) },
      CONCURRENCY,
    );
    const wall2 = performance.now() - started2;

    // Assess
    const bound = Math.ceil(feeds.length / CONCURRENCY) * TOTAL_TIMEOUT_MS;
    console.log(
      `feed farm: ${feeds.length} feeds, concurrency ${CONCURRENCY}, timeouts ${CONNECT_TIMEOUT_MS}/${TOTAL_TIMEOUT_MS} ms, ` +
        `cap ${MAX_BYTES} B; round 1 ${Math.round(wall1)} ms (bound ${bound} ms), round 2 ${Math.round(wall2)} ms\n` +
        `  round 1: ${JSON.stringify(tally(first))}\n  round 2: ${JSON.stringify(tally(second))}`,
    );
    for (const [index, outcome] of first.entries()) {
      const kind = kindOf.get(outcome.feed.url) as Kind;
      expect(outcome.feed).toBe(feeds[index]);
      expect(summary(outcome).startsWith(KINDS[kind].first), `${outcome.feed.url}: ${summary(outcome)}`).toBe(
        true,
      );
      if (outcome.status === "ok") expect(outcome.parsed.title).toBe(outcome.feed.name);
    }
    for (const outcome of second) {
      expect(summary(outcome)).toBe(KINDS[kindOf.get(outcome.feed.url) as Kind].second);
    }
    expect(feeds.length).toBeGreaterThanOrEqual(200);
    expect(wall1).toBeLessThan(bound);
    expect(wall2).toBeLessThan(bound);
    expect((await state.list()).filter((s) => s.consecutiveFailures === 1)).toHaveLength(
      feeds.length - KINDS.etag.count - KINDS.plain.count,
    );
  });
});
