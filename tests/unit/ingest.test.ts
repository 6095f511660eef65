import { describe, expect, it } from "vitest";
import { ingestFeeds } from "../../functions/app/ingest.js";
import type { Article } from "../../functions/core/article.js";
import type { ArticleStore, FeedBatch, FeedFetcher } from "../../functions/ports.js";

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
});
