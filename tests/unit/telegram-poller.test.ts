/**
 * The poller reading Telegram channels from fixture preview pages served on 127.0.0.1: paging back,
 * the seen-item state, the age bound and the page cap, and the politeness of every fetch
 * (SSRF guard, size cap, HTTP errors and Retry-After backoff).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprint, type PollDeps, pollFeed, pollFeeds } from "../../functions/feeds/poller.js";
import type { TelegramOptions } from "../../functions/feeds/telegram.js";
import type { FeedSource } from "../../functions/ports.js";
import { MemoryFeedStateStore, rssFeed } from "../fixtures/feeds/server.js";
import { type FeedServer, serveFeeds } from "../helpers/feed-server.js";
import { pollAndCommit } from "../helpers/poll.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/telegram");
const page = (name: string) => ({
  body: readFileSync(join(FIXTURES, name)),
  type: "text/html; charset=utf-8",
});
const KHARKIV: FeedSource = { url: "https://t.me/s/sw_kharkiv_test" };
/** Two days after the newest fixture post. */
const NOW = new Date("2026-11-30T12:00:00Z");

let server: FeedServer;
let base: string;

beforeAll(async () => {
  server = await serveFeeds({
    "/s/sw_kharkiv_test": page("sw_kharkiv_test.html"),
    "/s/sw_kharkiv_test?before=301": page("sw_kharkiv_test.before-301.html"),
    "/s/sw_missing_test": (_request, response) => {
      response.writeHead(302, { location: "/sw_missing_test" }).end();
    },
    "/sw_missing_test": page("not-a-channel.html"),
    "/s/sw_plain_page": {
      body: "<!doctype html><html><body><p>Maintenance</p></body></html>",
      type: "text/html",
    },
    "/s/sw_busy_test": (_request, response) => {
      response.writeHead(429, { "retry-after": "7200", "content-type": "text/plain" }).end("slow down");
    },
    "/s/sw_broken_test": page("sw_kharkiv_test.html"),
    "/rss.xml": { body: rssFeed("sumy") },
  });
  base = server.url("");
});

afterAll(() => server.close());

function deps(state: MemoryFeedStateStore, telegram: TelegramOptions = {}, now = NOW): PollDeps {
  return {
    state,
    now: () => now,
    random: () => 0.5,
    fetchOptions: { allowPrivateNetwork: true },
    telegram: { baseUrl: base, maxAgeHours: Number.POSITIVE_INFINITY, ...telegram },
  };
}

const requestsSince = (start: number) => server.requests.slice(start);
const links = (outcome: Awaited<ReturnType<typeof pollFeed>>) =>
  outcome.status === "ok" ? outcome.parsed.items.map((item) => item.link) : outcome;

describe("pollFeed on a Telegram channel", () => {
  it("reads the newest page, pages back while all is new, and lists the posts newest first", async () => {
    // Prepare
    const state = new MemoryFeedStateStore();
    const start = server.requests.length;

    // Act
    const outcome = await pollAndCommit(KHARKIV, deps(state));

    // Assess
    expect(requestsSince(start)).toEqual(["/s/sw_kharkiv_test", "/s/sw_kharkiv_test?before=301"]);
    expect(outcome.status).toBe("ok");
    if (outcome.status !== "ok") return;
    expect(outcome.finalUrl).toBe("https://t.me/s/sw_kharkiv_test");
    expect(outcome.parsed.title).toBe("Харківська ОВА · тестовий канал");
    expect(links(outcome)).toEqual(
      [309, 308, 306, 305, 304, 302, 299, 296, 292].map((id) => `https://t.me/sw_kharkiv_test/${id}`),
    );
    expect(outcome.seen).toBe(0);
    expect(state.states.get(KHARKIV.url)?.seenItems).toHaveLength(9);
  });

  it("stores a post once: the next poll finds the newest page seen and does not page back", async () => {
    // Prepare
    const state = new MemoryFeedStateStore();
    await pollAndCommit(KHARKIV, deps(state));
    const start = server.requests.length;

    // Act
    const again = await pollAndCommit(KHARKIV, deps(state));

    // Assess
    expect(requestsSince(start)).toEqual(["/s/sw_kharkiv_test"]);
    expect(again.status === "ok" && again.parsed.items).toEqual([]);
    expect(again.status === "ok" && again.seen).toBe(6);
  });

  it("stops paging at a page that holds a post the last poll had", async () => {
    // Prepare: the last poll had post 305, on the newest page.
    const state = new MemoryFeedStateStore();
    await state.put({
      feedUrl: KHARKIV.url,
      consecutiveFailures: 0,
      lastSuccessAt: "2026-11-28T08:00:00.000Z",
      seenItems: [fingerprint({ link: "https://t.me/sw_kharkiv_test/305" })],
    });
    const start = server.requests.length;

    // Act
    const outcome = await pollFeed(KHARKIV, deps(state));

    // Assess
    expect(requestsSince(start)).toEqual(["/s/sw_kharkiv_test"]);
    expect(links(outcome)).toEqual(
      [309, 308, 306, 304, 302].map((id) => `https://t.me/sw_kharkiv_test/${id}`),
    );
  });

  it("pages back only while the posts are within the age bound, and within the page cap", async () => {
    // Prepare: the newest page's oldest post is of 2026-11-28 05:41, 54 hours before NOW.
    const start = server.requests.length;

    // Act
    const within48 = await pollFeed(KHARKIV, deps(new MemoryFeedStateStore(), { maxAgeHours: 48 }));
    const afterBound = requestsSince(start);
    const within72 = await pollFeed(KHARKIV, deps(new MemoryFeedStateStore(), { maxAgeHours: 72 }));
    const afterLonger = requestsSince(start);
    await pollFeed(KHARKIV, deps(new MemoryFeedStateStore(), { maxPages: 1 }));

    // Assess
    expect(afterBound).toEqual(["/s/sw_kharkiv_test"]);
    expect(within48.status === "ok" && within48.parsed.items).toHaveLength(6);
    expect(afterLonger.slice(1)).toEqual(["/s/sw_kharkiv_test", "/s/sw_kharkiv_test?before=301"]);
    expect(within72.status === "ok" && within72.parsed.items).toHaveLength(9);
    expect(requestsSince(start).slice(3)).toEqual(["/s/sw_kharkiv_test"]);
  });
});

describe("pollFeed on a Telegram channel that cannot be read", () => {
  it("says a missing or private channel has no public preview, and backs it off", async () => {
    // Prepare
    const state = new MemoryFeedStateStore();
    const feed = { url: "https://t.me/s/sw_missing_test" };

    // Act
    const outcome = await pollFeed(feed, deps(state));

    // Assess
    expect(outcome).toMatchObject({ status: "error" });
    expect(outcome.status === "error" && outcome.error).toBe(
      `https://t.me/s/sw_missing_test: not a public channel preview: ${base}/s/sw_missing_test redirected to ${base}/sw_missing_test (the channel does not exist, is private, or has no web preview)`,
    );
    expect(state.states.get(feed.url)).toMatchObject({
      consecutiveFailures: 1,
      nextPollAt: expect.any(String),
    });
  });

  it("refuses a page that is not a channel preview", async () => {
    const outcome = await pollFeed({ url: "https://t.me/s/sw_plain_page" }, deps(new MemoryFeedStateStore()));
    expect(outcome.status === "error" && outcome.error).toMatch(
      /^https:\/\/t\.me\/s\/sw_plain_page: not a public channel preview: the page has no message history/,
    );
  });

  it("honours a 429's Retry-After in the channel's backoff", async () => {
    // Prepare
    const state = new MemoryFeedStateStore();
    const feed = { url: "https://t.me/s/sw_busy_test" };

    // Act
    const outcome = await pollFeed(feed, deps(state));

    // Assess
    expect(outcome.status === "error" && outcome.error).toMatch(
      /HTTP 429 Too Many Requests \(retry after 7200 s\)/,
    );
    expect(Date.parse(state.states.get(feed.url)!.nextPollAt!)).toBeGreaterThanOrEqual(
      NOW.getTime() + 7_200_000,
    );
  });

  it("keeps to the feed's size cap on every page", async () => {
    const outcome = await pollFeed({ ...KHARKIV, maxBytes: 4096 }, deps(new MemoryFeedStateStore()));
    expect(outcome.status === "error" && outcome.error).toMatch(/body exceeds 4096 bytes/);
  });

  it("applies the SSRF guard: a preview on a loopback address is refused unless tests allow it", async () => {
    const outcome = await pollFeed(KHARKIV, { ...deps(new MemoryFeedStateStore()), fetchOptions: {} });
    expect(outcome.status === "error" && outcome.error).toMatch(/loopback/);
  });

  it("fails a channel alone: the other feeds of the poll are read", async () => {
    // Prepare: this channel's older page is missing (404).
    const feeds = [{ url: "https://t.me/s/sw_broken_test" }, { url: server.url("/rss.xml") }];

    // Act
    const [channel, rss] = await pollFeeds(feeds, deps(new MemoryFeedStateStore()));

    // Assess
    expect(channel?.status === "error" && channel.error).toBe(
      `${base}/s/sw_broken_test?before=301: HTTP 404 Not Found`,
    );
    expect(rss?.status).toBe("ok");
  });
});
