import { describe, expect, it } from "vitest";
import { fitArticle, ingestFeeds, truncationMarker } from "../../functions/app/ingest.js";
import type { Article } from "../../functions/core/article.js";
import {
  ArticleRejectedError,
  type ArticleStore,
  type FeedBatch,
  type FeedFetcher,
} from "../../functions/ports.js";

const article = (id: string): Article => ({
  id,
  url: `https://news.example.org/${id}`,
  source: "Example",
  feedUrl: "https://news.example.org/rss",
  fetchedAt: "2026-11-22T04:00:00.000Z",
  body: "text",
});

function fetcherOf(batch: FeedBatch): FeedFetcher {
  return { read: async () => [batch] };
}

function storeOf(existing: string[], failOn?: string): ArticleStore & { stored: string[] } {
  const stored: string[] = [];
  return {
    stored,
    putNew: async (item) => {
      if (item.id === failOn) throw new Error("ProvisionedThroughputExceededException");
      if (existing.includes(item.id) || stored.includes(item.id)) return false;
      stored.push(item.id);
      return true;
    },
    get: async () => undefined,
    list: async () => [],
  };
}

describe("ingestFeeds", () => {
  it("stores new articles, counts known and seen ones, then commits the poll", async () => {
    const events: string[] = [];
    const articles = storeOf(["b"]);
    const report = await ingestFeeds([{ url: "https://news.example.org/rss" }], {
      fetcher: fetcherOf({
        feed: { url: "https://news.example.org/rss" },
        status: "ok",
        articles: [article("a"), article("b")],
        itemErrors: [],
        bytes: 100,
        seen: 3,
        commit: async () => {
          events.push(`commit after ${articles.stored.join(",")}`);
        },
      }),
      articles,
    });
    expect(report.stored.map(({ article: stored }) => stored.id)).toEqual(["a"]);
    expect(report.known).toBe(4);
    expect(events).toEqual(["commit after a"]);
  });

  it("does not commit a poll whose articles could not all be stored, so the next poll fetches them again", async () => {
    let committed = false;
    const run = ingestFeeds([{ url: "https://news.example.org/rss" }], {
      fetcher: fetcherOf({
        feed: { url: "https://news.example.org/rss" },
        status: "ok",
        articles: [article("a"), article("c")],
        itemErrors: [],
        bytes: 100,
        commit: async () => {
          committed = true;
        },
      }),
      articles: storeOf([], "c"),
    });
    await expect(run).rejects.toThrow(/ProvisionedThroughputExceeded/);
    expect(committed).toBe(false);
  });

  it("reports a feed error and an item error without stopping", async () => {
    const fetcher: FeedFetcher = {
      read: async () => [
        {
          feed: { url: "https://bad.example/rss" },
          status: "error",
          error: "https://bad.example/rss: HTTP 500",
          bytes: 0,
        },
        {
          feed: { url: "https://ok.example/rss" },
          status: "ok",
          articles: [article("d")],
          itemErrors: ["no link"],
          bytes: 10,
        },
      ],
    };
    const report = await ingestFeeds([], { fetcher, articles: storeOf([]) });
    expect(report.feedErrors.map((error) => error.error)).toEqual(["https://bad.example/rss: HTTP 500"]);
    expect(report.itemErrors.map((error) => error.error)).toEqual(["no link"]);
    expect(report.stored.map(({ article: stored }) => stored.id)).toEqual(["d"]);
  });

  it("turns an article the store refuses into an item error, stores the rest and commits the poll", async () => {
    // Prepare
    let committed = false;
    const stored: string[] = [];
    const articles: ArticleStore = {
      putNew: async (item) => {
        if (item.id === "bad") throw new ArticleRejectedError(item.id, item.url, "ValidationException");
        stored.push(item.id);
        return true;
      },
      get: async () => undefined,
      list: async () => [],
    };

    // Act
    const report = await ingestFeeds([{ url: "https://news.example.org/rss" }], {
      fetcher: fetcherOf({
        feed: { url: "https://news.example.org/rss" },
        status: "ok",
        articles: [article("a"), article("bad"), article("c")],
        itemErrors: [],
        bytes: 100,
        commit: async () => {
          committed = true;
        },
      }),
      articles,
    });

    // Assess
    expect(stored).toEqual(["a", "c"]);
    expect(report.itemErrors.map((error) => error.error)).toEqual([
      "https://news.example.org/bad: article bad not stored: ValidationException",
    ]);
    expect(committed).toBe(true);
  });

  it("marks the articles of a feed's first poll as a backfill only when asked", async () => {
    // Prepare
    const seen: Array<boolean | undefined> = [];
    const articles: ArticleStore = {
      putNew: async (_item, options) => {
        seen.push(options?.backfill);
        return true;
      },
      get: async () => undefined,
      list: async () => [],
    };
    const batch: FeedBatch = {
      feed: { url: "https://news.example.org/rss" },
      status: "ok",
      articles: [article("a")],
      itemErrors: [],
      bytes: 1,
      firstPoll: true,
    };

    // Act
    const deployed = await ingestFeeds(
      [],
      { fetcher: fetcherOf(batch), articles },
      { backfillFirstPoll: true },
    );
    const replayed = await ingestFeeds(
      [],
      { fetcher: fetcherOf(batch), articles },
      { backfillFirstPoll: false },
    );
    const later = await ingestFeeds(
      [],
      { fetcher: fetcherOf({ ...batch, firstPoll: false }), articles },
      { backfillFirstPoll: true },
    );

    // Assess
    expect(seen).toEqual([true, false, false]);
    expect([deployed, replayed, later].map((report) => report.stored[0]?.backfill)).toEqual([
      true,
      false,
      false,
    ]);
  });
});

describe("fitArticle", () => {
  it("leaves an article that fits as it is", () => {
    const small = article("a");
    expect(fitArticle(small)).toEqual({ article: small, truncated: false });
  });

  it("cuts the body at a paragraph, whole characters only, with a marker, under the limit", () => {
    // Prepare
    const paragraphs = Array.from({ length: 400 }, (_, index) => `Абзац ${index}: ракета влучила в будинок.`);
    const long = { ...article("a"), body: paragraphs.join("\n") };

    // Act
    const { article: fitted, truncated } = fitArticle(long, 8_000);

    // Assess
    expect(truncated).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(fitted))).toBeLessThanOrEqual(8_000);
    const lines = fitted.body.split("\n");
    const marker = lines.pop()!;
    expect(lines.every((line, index) => line === paragraphs[index])).toBe(true);
    expect(lines.length).toBeGreaterThan(50);
    expect(marker).toBe(truncationMarker(Buffer.byteLength(lines.join("\n")), Buffer.byteLength(long.body)));
    expect(fitted.body).not.toContain("\uFFFD");
  });

  it("cuts an absurd title too", () => {
    const { article: fitted } = fitArticle({ ...article("a"), title: "t".repeat(20_000) }, 8_000);
    expect(fitted.title?.length).toBe(1001);
    expect(Buffer.byteLength(JSON.stringify(fitted))).toBeLessThanOrEqual(8_000);
  });
});
