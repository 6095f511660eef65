import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoArticleStore } from "../../functions/adapters/article-dynamo.js";
import { fitArticle } from "../../functions/app/ingest.js";
import type { Article } from "../../functions/core/article.js";
import { type LocalStore, startLocalStore } from "../../functions/local/store.js";
import { ArticleRejectedError } from "../../functions/ports.js";
import { ARTICLE_TTL_DAYS, ARTICLES_TABLE } from "../../functions/tables.js";

const article = (id: string, fetchedAt = "2026-11-01T10:00:00.000Z"): Article => ({
  id,
  url: `https://news.example.org/${id}`,
  source: "Example News",
  feedUrl: "https://news.example.org/rss",
  title: `Title ${id}`,
  fetchedAt,
  body: "Three people were killed in Poltava.",
});

describe("DynamoArticleStore against dynalite on 127.0.0.1", () => {
  let store: LocalStore;
  let articles: DynamoArticleStore;

  beforeAll(async () => {
    store = await startLocalStore();
    articles = new DynamoArticleStore(store.doc, store.tableName(ARTICLES_TABLE));
  });
  afterAll(() => store.close());

  it("creates an article once: the second put of the same id creates nothing and keeps the first", async () => {
    const first = article("aaaaaaaaaaaaaaaa");
    expect(await articles.putNew(first)).toBe(true);
    expect(await articles.putNew({ ...first, title: "changed" })).toBe(false);
    expect((await articles.get(first.id))?.title).toBe("Title aaaaaaaaaaaaaaaa");
  });

  it("stores an expiry ARTICLE_TTL_DAYS after the fetch, and get/list hide it", async () => {
    await articles.putNew(article("bbbbbbbbbbbbbbbb", "2026-11-01T00:00:00.000Z"));
    const raw = await store.doc.send(
      new GetCommand({
        TableName: store.tableName(ARTICLES_TABLE),
        Key: { id: "bbbbbbbbbbbbbbbb" },
      }),
    );
    expect(raw.Item?.expiresAt).toBe(
      Date.parse("2026-11-01T00:00:00.000Z") / 1000 + ARTICLE_TTL_DAYS * 86_400,
    );
    expect(await articles.get("bbbbbbbbbbbbbbbb")).toEqual(
      article("bbbbbbbbbbbbbbbb", "2026-11-01T00:00:00.000Z"),
    );
    expect((await articles.list()).every((item) => !("expiresAt" in item))).toBe(true);
  });

  it("lists every article, oldest fetch first, across scan pages", async () => {
    const many = Array.from({ length: 30 }, (_, index) =>
      article(
        index.toString(16).padStart(16, "c"),
        `2026-11-02T00:00:${String(index).padStart(2, "0")}.000Z`,
      ),
    );
    for (const item of many) await articles.putNew({ ...item, body: "x".repeat(40_000) });
    const listed = await articles.list();
    expect(listed.length).toBe(32);
    const times = listed.map((item) => item.fetchedAt);
    expect(times).toEqual([...times].sort());
  });

  it("refuses an item over DynamoDB's 400 KB as an ArticleRejectedError naming the article", async () => {
    // Prepare
    const huge = { ...article("dddddddddddddddd"), body: "Rubble. ".repeat(83_000) };

    // Act
    const put = articles.putNew(huge);

    // Assess
    await expect(put).rejects.toBeInstanceOf(ArticleRejectedError);
    await expect(articles.putNew(huge)).rejects.toThrow(/dddddddddddddddd not stored: .*size/i);
  });

  it("takes the same article once fitArticle has cut it, and marks a backfill", async () => {
    // Prepare
    const huge = { ...article("eeeeeeeeeeeeeeee"), body: "Пожежа. ".repeat(60_000) };

    // Act
    const created = await articles.putNew(fitArticle(huge).article, { backfill: true });
    const raw = await store.doc.send(
      new GetCommand({ TableName: store.tableName(ARTICLES_TABLE), Key: { id: "eeeeeeeeeeeeeeee" } }),
    );

    // Assess
    expect(created).toBe(true);
    expect(raw.Item?.backfill).toBe(true);
    expect((await articles.get("eeeeeeeeeeeeeeee"))?.body).toMatch(
      /^Пожежа\. .*Пожежа\.\n\[StrikeWatch: article cut/s,
    );
    expect("backfill" in ((await articles.get("eeeeeeeeeeeeeeee")) ?? {})).toBe(false);
  });

  it("returns undefined for an unknown id", async () => {
    expect(await articles.get("0000000000000000")).toBeUndefined();
  });
});
