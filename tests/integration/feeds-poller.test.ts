import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKOFF_BASE_MS } from "../../functions/feeds/backoff.js";
import { fingerprint, pollFeed } from "../../functions/feeds/poller.js";
import type { FeedState, FeedStateStore } from "../../functions/ports.js";
import {
  type FixtureServer,
  fixture,
  MemoryFeedStateStore,
  never,
  rssFeed,
  serve,
  startFixtureServer,
} from "../fixtures/feeds/server.js";
import { pollAllAndCommit, pollAndCommit } from "../helpers/poll.js";

let srv: FixtureServer;
const NOW = new Date("2025-02-01T12:00:00Z");
const fast = { connectTimeoutMs: 300, totalTimeoutMs: 600 };

beforeAll(async () => {
  srv = await startFixtureServer();
});

afterAll(async () => {
  await srv.close();
});

function deps(state: FeedStateStore, now = NOW) {
  return { state, now: () => now, random: () => 0.5, fetchOptions: fast };
}

describe("pollFeed: success, validators and 304", () => {
  it("parses a feed and stores its validators, then gets a 304 without parsing", async () => {
    // Prepare
    srv.route("/p/etag", (req, res) => {
      if (req.headers["if-none-match"] === '"a1"') res.writeHead(304).end();
      else
        serve(rssFeed("poltava"), { ETag: '"a1"', "Last-Modified": "Sat, 01 Feb 2025 11:00:00 GMT" })(
          req,
          res,
        );
    });
    const state = new MemoryFeedStateStore();
    const feed = { url: srv.url("/p/etag") };

    // Act
    const first = await pollAndCommit(feed, deps(state));
    const later = new Date(NOW.getTime() + 600_000);
    const second = await pollAndCommit(feed, deps(state, later));
    const afterSecond = state.states.get(feed.url)?.lastSuccessAt;
    const stale = new Date(NOW.getTime() + 40 * 60_000);
    const third = await pollAndCommit(feed, deps(state, stale));

    // Assess
    expect(first.status).toBe("ok");
    if (first.status === "ok")
      expect(first.parsed.items.map((item) => item.guid)).toEqual(["poltava-0", "poltava-1"]);
    expect(second).toEqual({ feed, status: "not-modified", bytes: 0 });
    expect(third.status).toBe("not-modified");
    // A 304 ten minutes after a success writes nothing; one after 40 minutes refreshes lastSuccessAt.
    expect(afterSecond).toBe(NOW.toISOString());
    expect(state.states.get(feed.url)).toEqual({
      feedUrl: feed.url,
      etag: '"a1"',
      lastModified: "Sat, 01 Feb 2025 11:00:00 GMT",
      lastSuccessAt: stale.toISOString(),
      consecutiveFailures: 0,
      seenItems: [fingerprint({ guid: "poltava-0" }), fingerprint({ guid: "poltava-1" })],
    });
    expect(srv.requests.at(-1)?.headers["if-modified-since"]).toBe("Sat, 01 Feb 2025 11:00:00 GMT");
  });

  it("leaves out the items of the last committed poll, and saves nothing until the poll is committed", async () => {
    // Prepare: the feed changes (no validators), its two items stay.
    srv.route("/p/seen", serve(rssFeed("sumy")));
    const state = new MemoryFeedStateStore();
    const feed = { url: srv.url("/p/seen") };

    // Act
    const uncommitted = await pollFeed(feed, deps(state));
    const savedBeforeCommit = state.states.get(feed.url);
    const again = await pollFeed(feed, deps(state));
    if (again.status === "ok") await again.commit();
    const afterCommit = await pollFeed(feed, deps(state));

    // Assess: nothing is skipped until a poll was committed (its items stored); then both are.
    expect(uncommitted.status === "ok" && uncommitted.parsed.items.length).toBe(2);
    expect(savedBeforeCommit).toBeUndefined();
    expect(state.states.get(feed.url)?.seenItems).toHaveLength(2);
    expect(again.status === "ok" && again.parsed.items.length).toBe(2);
    expect(afterCommit.status === "ok" && [afterCommit.parsed.items.length, afterCommit.seen]).toEqual([
      0, 2,
    ]);
  });

  it("decodes the charset before parsing (windows-1251 served as ISO-8859-1)", async () => {
    srv.route(
      "/p/cp1251",
      serve(fixture("windows-1251.xml"), { "Content-Type": "text/xml; charset=ISO-8859-1" }),
    );

    const outcome = await pollAndCommit({ url: srv.url("/p/cp1251") }, deps(new MemoryFeedStateStore()));

    expect(outcome.status).toBe("ok");
    if (outcome.status === "ok") expect(outcome.parsed.items[0]?.title).toMatch(/^Ракетний удар по Харкову/);
  });

  it("applies the feed's own maxBytes", async () => {
    srv.route("/p/sized", serve(rssFeed("sumy", 40)));

    const outcome = await pollAndCommit(
      { url: srv.url("/p/sized"), maxBytes: 1_000 },
      deps(new MemoryFeedStateStore()),
    );

    expect(outcome).toMatchObject({
      status: "error",
      error: expect.stringContaining("body exceeds 1000 bytes"),
    });
  });
});

describe("pollFeed: failures and backoff", () => {
  it("records the error, counts failures and backs off exponentially", async () => {
    srv.route("/p/broken", serve("<rss version='2.0'><channel><title>x</title></chanel></rss>"));
    const state = new MemoryFeedStateStore();
    const feed = { url: srv.url("/p/broken") };

    const first = await pollAndCommit(feed, deps(state));
    const stored1 = state.states.get(feed.url);
    const second = await pollAndCommit(feed, { ...deps(state), force: true });
    const stored2 = state.states.get(feed.url);

    expect(first).toMatchObject({
      status: "error",
      error: expect.stringMatching(/^http.*: malformed XML: /),
    });
    expect(second.status).toBe("error");
    expect(stored1?.consecutiveFailures).toBe(1);
    expect(stored2?.consecutiveFailures).toBe(2);
    expect(stored1?.lastErrorAt).toBe(NOW.toISOString());
    // random 0.5 with equal jitter: 0.75 of the un-jittered delay.
    expect(Date.parse(stored1?.nextPollAt ?? "") - NOW.getTime()).toBe(0.75 * BACKOFF_BASE_MS);
    expect(Date.parse(stored2?.nextPollAt ?? "") - NOW.getTime()).toBe(1.5 * BACKOFF_BASE_MS);
  });

  it("skips a feed that is backing off until it is due, unless forced", async () => {
    srv.route("/p/recovering", serve(rssFeed("sumy")));
    const state = new MemoryFeedStateStore();
    const feed = { url: srv.url("/p/recovering") };
    const nextPollAt = new Date(NOW.getTime() + 60_000).toISOString();
    await state.put({ feedUrl: feed.url, consecutiveFailures: 3, nextPollAt, lastError: "old" });
    const requestsBefore = srv.requests.length;

    const skipped = await pollAndCommit(feed, deps(state));
    const forced = await pollAndCommit(feed, { ...deps(state), force: true });

    expect(skipped).toEqual({ feed, status: "skipped", nextPollAt });
    expect(srv.requests.length).toBe(requestsBefore + 1);
    expect(forced.status).toBe("ok");
    expect(state.states.get(feed.url)).toMatchObject({ consecutiveFailures: 0, lastError: "old" });
    expect(state.states.get(feed.url)?.nextPollAt).toBeUndefined();
  });

  it("lets a long Retry-After win over the backoff for that feed only", async () => {
    srv.route("/p/limited", (_req, res) => res.writeHead(429, { "Retry-After": "7200" }).end());
    srv.route("/p/gone", (_req, res) => res.writeHead(410).end());
    const state = new MemoryFeedStateStore();

    const [limited, gone] = await pollAllAndCommit(
      [{ url: srv.url("/p/limited") }, { url: srv.url("/p/gone") }],
      deps(state),
    );

    expect(limited).toMatchObject({
      status: "error",
      error: expect.stringContaining("HTTP 429 Too Many Requests"),
    });
    expect(gone).toMatchObject({ status: "error", error: expect.stringContaining("HTTP 410 Gone") });
    expect(state.states.get(srv.url("/p/limited"))?.nextPollAt).toBe(
      new Date(NOW.getTime() + 7_200_000).toISOString(),
    );
    expect(state.states.get(srv.url("/p/gone"))?.nextPollAt).toBe(
      new Date(NOW.getTime() + 0.75 * BACKOFF_BASE_MS).toISOString(),
    );
  });

  it("keeps the last good validators when a new body fails to parse", async () => {
    srv.route("/p/went-bad", serve("<html><body>maintenance</body></html>", { ETag: '"bad"' }));
    const state = new MemoryFeedStateStore();
    const feed = { url: srv.url("/p/went-bad") };
    await state.put({ feedUrl: feed.url, consecutiveFailures: 0, etag: '"good"' });

    const outcome = await pollAndCommit(feed, deps(state));

    expect(outcome).toMatchObject({
      status: "error",
      error: `${feed.url}: not a feed: looks like an HTML page`,
    });
    expect(state.states.get(feed.url)?.etag).toBe('"good"');
  });

  it("never throws, even when the state store fails", async () => {
    const failing: FeedStateStore = {
      get: async () => {
        throw new Error("throttled");
      },
      put: async () => {
        throw new Error("throttled");
      },
      list: async () => [],
    };

    const outcome = await pollAndCommit({ url: srv.url("/p/anything") }, deps(failing));

    expect(outcome).toMatchObject({
      status: "error",
      error: `${srv.url("/p/anything")}: throttled (feed state not saved: throttled)`,
    });
  });

  it("reports a stalled server as a timeout", async () => {
    srv.route("/p/stalled", never);

    const outcome = await pollAndCommit({ url: srv.url("/p/stalled") }, deps(new MemoryFeedStateStore()));

    expect(outcome).toMatchObject({
      status: "error",
      error: expect.stringContaining("timed out after 300 ms"),
    });
  });
});

describe("pollFeeds", () => {
  it("keeps the order of the feeds and never exceeds the concurrency", async () => {
    let inFlight = 0;
    let peak = 0;
    const feeds = Array.from({ length: 12 }, (_, i) => ({ url: srv.url(`/c/${i}`) }));
    for (const [i, feed] of feeds.entries()) {
      srv.route(new URL(feed.url).pathname, (req, res) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        setTimeout(
          () => {
            inFlight--;
            serve(rssFeed(`feed${i}`))(req, res);
          },
          10 + ((i * 7) % 5) * 10,
        );
      });
    }

    const outcomes = await pollAllAndCommit(feeds, deps(new MemoryFeedStateStore()), 3);

    expect(peak).toBeLessThanOrEqual(3);
    expect(outcomes.map((outcome) => outcome.feed.url)).toEqual(feeds.map((feed) => feed.url));
    for (const [i, outcome] of outcomes.entries()) {
      expect(outcome.status === "ok" && outcome.parsed.title).toBe(`feed${i}`);
    }
  });

  it("returns an empty list for no feeds", async () => {
    expect(await pollAllAndCommit([], deps(new MemoryFeedStateStore()))).toEqual([]);
  });

  it("stores state per feed", async () => {
    const state = new MemoryFeedStateStore();
    srv.route("/s/ok", serve(rssFeed("lviv"), { ETag: '"l"' }));

    await pollAllAndCommit([{ url: srv.url("/s/ok") }, { url: srv.url("/s/missing") }], deps(state));

    const stored: FeedState[] = await state.list();
    expect(stored.map((s) => [s.feedUrl, s.consecutiveFailures, s.etag]).sort()).toEqual([
      [srv.url("/s/missing"), 1, undefined],
      [srv.url("/s/ok"), 0, '"l"'],
    ]);
  });
});
