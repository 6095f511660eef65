/**
 * HttpFeedFetcher against a loopback server: a feed's first successful poll is flagged (the
 * backfill), and full text is bounded per poll in pages and in time, so a stuck page cannot hold
 * the poll function past its timeout.
 */
import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpFeedFetcher } from "../../functions/adapters/http-feed-fetcher.js";
import type { FeedBatch, FeedState, FeedStateStore } from "../../functions/ports.js";
import { type FeedServer, serveFeeds } from "../helpers/feed-server.js";

/** A FeedStateStore in memory. */
function memoryStates(): FeedStateStore {
  const states = new Map<string, FeedState>();
  return {
    get: async (feedUrl) => states.get(feedUrl),
    put: async (state) => {
      states.set(state.feedUrl, state);
    },
    list: async () => [...states.values()],
  };
}

const PAGE = (city: string) =>
  `<!doctype html><html><head><title>${city}</title></head><body><article><h1>Strike on ${city}</h1>` +
  `<p>A missile hit a residential building in ${city} overnight, killing three people and injuring nine, the regional governor said on the morning after the attack.</p>` +
  `<p>Rescuers searched the rubble through the night while neighbours brought water and blankets to the families who had lost their homes in the blast.</p>` +
  "</article></body></html>";

describe("HttpFeedFetcher", () => {
  let server: FeedServer;
  const stalled: ServerResponse[] = [];
  beforeAll(async () => {
    const feed = (paths: string[]) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Summaries</title><link>https://wire.example.org/</link>${paths
        .map(
          (path, index) =>
            `<item><title>Item ${index}</title><link>${server.url(path)}</link><description>Summary ${index}.</description></item>`,
        )
        .join("")}</channel></rss>`;
    server = await serveFeeds({
      "/feed.xml": (_, response) => {
        response.writeHead(200, { "content-type": "application/rss+xml" });
        response.end(feed(["/stuck", "/kharkiv", "/sumy"]));
      },
      "/pages.xml": (_, response) => {
        response.writeHead(200, { "content-type": "application/rss+xml" });
        response.end(feed(["/kharkiv", "/sumy", "/odesa"]));
      },
      // Answers nothing, ever: only the budget ends the wait.
      "/stuck": (_, response) => {
        stalled.push(response);
      },
      "/kharkiv": { body: PAGE("Kharkiv"), type: "text/html" },
      "/sumy": { body: PAGE("Sumy"), type: "text/html" },
      "/odesa": { body: PAGE("Odesa"), type: "text/html" },
    });
  });
  afterAll(() => server.close());

  const okBatch = (batch: FeedBatch | undefined) => {
    if (batch?.status !== "ok") throw new Error(`expected an ok batch, got ${JSON.stringify(batch)}`);
    return batch;
  };

  it("flags a feed's first successful poll, and no later one", async () => {
    // Prepare
    const fetcher = new HttpFeedFetcher({
      state: memoryStates(),
      fetchOptions: { allowPrivateNetwork: true },
      force: true,
    });

    // Act
    const first = okBatch((await fetcher.read([{ url: server.url("/pages.xml") }]))[0]);
    await first.commit?.();
    const second = await fetcher.read([{ url: server.url("/pages.xml") }]);

    // Assess
    expect(first.firstPoll).toBe(true);
    expect(second[0]?.status === "ok" ? second[0].firstPoll : second[0]?.status).toBe(false);
  });

  it("cuts a stuck page at the poll's full-text budget; the items after it keep their summaries", async () => {
    // Prepare
    const fetcher = new HttpFeedFetcher({
      state: memoryStates(),
      fetchOptions: { allowPrivateNetwork: true },
      fullText: { totalMs: 700, pageMs: 10_000 },
      force: true,
    });
    const started = performance.now();

    // Act
    const batch = okBatch((await fetcher.read([{ url: server.url("/feed.xml"), fullText: true }]))[0]);
    const elapsed = performance.now() - started;

    // Assess
    expect(stalled.length).toBe(1);
    expect(elapsed).toBeLessThan(3_000);
    expect(batch.articles.map((article) => article.body)).toEqual(["Summary 0.", "Summary 1.", "Summary 2."]);
    expect(batch.fullTextSkipped).toBe(2);
  });

  it("fetches at most maxItems pages per poll", async () => {
    // Prepare
    const fetcher = new HttpFeedFetcher({
      state: memoryStates(),
      fetchOptions: { allowPrivateNetwork: true },
      fullText: { maxItems: 2 },
      force: true,
    });

    // Act
    const batch = okBatch((await fetcher.read([{ url: server.url("/pages.xml"), fullText: true }]))[0]);

    // Assess
    expect(batch.articles.map((article) => article.body.slice(0, 40))).toEqual([
      expect.stringContaining("Kharkiv"),
      expect.stringContaining("Sumy"),
      "Summary 2.",
    ]);
    expect(batch.fullTextSkipped).toBe(1);
  });
});
