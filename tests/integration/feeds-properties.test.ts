import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeFeedBody } from "../../functions/feeds/decode.js";
import { type PollOutcome, pollFeed, pollFeeds } from "../../functions/feeds/poller.js";
import {
  type FixtureServer,
  fixture,
  MemoryFeedStateStore,
  rssFeed,
  startFixtureServer,
} from "../fixtures/feeds/server.js";

let srv: FixtureServer;
const fetchOptions = { connectTimeoutMs: 500, totalTimeoutMs: 1_000, maxBytes: 64 * 1024 };

beforeAll(async () => {
  srv = await startFixtureServer();
});

afterAll(async () => {
  await srv.close();
});

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const reply: fc.Arbitrary<Reply> = fc.record({
  status: fc.constantFrom(200, 200, 200, 200, 304, 404, 429, 500, 503),
  headers: fc.record(
    {
      "Content-Type": fc.constantFrom(
        "application/rss+xml",
        "text/xml; charset=windows-1251",
        "text/html; charset=utf-8",
        "text/xml; charset=nonsense",
      ),
      "Retry-After": fc.constantFrom("0", "30", "Sat, 01 Feb 2025 10:00:00 GMT", "later"),
      ETag: fc.string({ maxLength: 10 }).map((tag) => `"${tag.replace(/[^\w]/g, "")}"`),
    },
    { requiredKeys: [] },
  ),
  body: fc.oneof(
    fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
    fc
      .tuple(
        fc.constantFrom("rss2-cdata.xml", "koi8-u.xml", "utf16.xml", "truncated.xml"),
        fc.nat(),
        fc.nat(),
      )
      .map(([name, a, b]) => {
        const bytes = fixture(name);
        const at = a % (bytes.length + 1);
        return Buffer.concat([bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + (b % 50)))]);
      }),
  ),
});

function serveReply(path: string, r: Reply, gzip: boolean): void {
  srv.route(path, (_req, res) => {
    const body = gzip ? gzipSync(r.body) : r.body;
    res.writeHead(r.status, { ...r.headers, ...(gzip ? { "Content-Encoding": "gzip" } : {}) });
    res.end(r.status === 304 ? undefined : body);
  });
}

describe("pollFeed against a loopback server never throws", () => {
  it("random statuses, headers and bodies, plain or gzip", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(reply, fc.boolean(), async (r, gzip) => {
        // Prepare
        const path = `/prop/${run++}`;
        serveReply(path, r, gzip);

        // Act
        const outcome = await pollFeed(
          { url: srv.url(path) },
          { state: new MemoryFeedStateStore(), fetchOptions },
        );

        // Assess
        expect(["ok", "error", "not-modified"]).toContain(outcome.status);
        if (outcome.status === "error") expect(outcome.error.startsWith(srv.url(path))).toBe(true);
        if (r.status !== 200 && r.status !== 304) expect(outcome.status).toBe("error");
      }),
      { numRuns: 120 },
    );
  });

  it("a body that claims gzip but is not gzip is an error, not a crash", async () => {
    srv.route("/prop/liar", (_req, res) => {
      res.writeHead(200, { "Content-Type": "application/rss+xml", "Content-Encoding": "gzip" });
      res.end(decodeFeedBody(fixture("rss2-cdata.xml")));
    });

    const outcome = await pollFeed(
      { url: srv.url("/prop/liar") },
      { state: new MemoryFeedStateStore(), fetchOptions },
    );

    expect(outcome.status).toBe("error");
  });
});

describe("pollFeeds keeps feeds apart", () => {
  it("items of one feed never appear in another's outcome", async () => {
    let batch = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ items: fc.integer({ min: 0, max: 6 }), delayMs: fc.integer({ min: 0, max: 30 }) }),
          {
            minLength: 2,
            maxLength: 10,
          },
        ),
        fc.integer({ min: 1, max: 6 }),
        async (specs, concurrency) => {
          // Prepare
          const id = batch++;
          const feeds = specs.map((spec, i) => {
            const path = `/iso/${id}/${i}`;
            srv.route(path, (_req, res) => {
              setTimeout(() => {
                res.writeHead(200, { "Content-Type": "application/rss+xml" });
                res.end(rssFeed(`b${id}f${i}`, spec.items));
              }, spec.delayMs);
            });
            return { url: srv.url(path), name: `b${id}f${i}` };
          });

          // Act
          const outcomes: PollOutcome[] = await pollFeeds(
            feeds,
            { state: new MemoryFeedStateStore(), fetchOptions },
            concurrency,
          );

          // Assess
          for (const [i, outcome] of outcomes.entries()) {
            expect(outcome.feed).toBe(feeds[i]);
            if (outcome.status !== "ok") throw new Error(`feed ${i}: ${outcome.status}`);
            const guids = outcome.parsed.items.map((item) => item.guid ?? "");
            expect(guids).toHaveLength(specs[i]?.items ?? -1);
            for (const guid of guids) expect(guid.startsWith(`${feeds[i]?.name}-`)).toBe(true);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
