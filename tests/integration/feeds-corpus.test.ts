import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpFeedFetcher } from "../../functions/adapters/http-feed-fetcher.js";
import {
  type FixtureServer,
  MemoryFeedStateStore,
  serve,
  startFixtureServer,
} from "../fixtures/feeds/server.js";

/**
 * Our own corpus (tests/fixtures/feeds/corpus): one feed per case of issue 14 (mixed content, Atom
 * text constructs, base64, undeclared charsets, C1, UTF-32, odd roots, dates, links), each with the
 * articles it must give beside it. Served from 127.0.0.1 and read by the real fetcher, poller,
 * parser and normalizer.
 */
const CORPUS = new URL("../fixtures/feeds/corpus/", import.meta.url);

interface ExpectedArticle {
  title?: string;
  url: string;
  source: string;
  publishedAt?: string;
  body: string;
}

type Expected = { contentType?: string } & ({ articles: ExpectedArticle[] } | { error: string });

const cases = readdirSync(CORPUS)
  .filter((file) => file.endsWith(".json"))
  .map((file) => file.replace(/\.json$/, ""))
  .sort();

let srv: FixtureServer;

beforeAll(async () => {
  srv = await startFixtureServer();
  for (const name of cases) {
    const expected = JSON.parse(readFileSync(new URL(`${name}.json`, CORPUS), "utf8")) as Expected;
    srv.route(
      `/${name}.xml`,
      serve(readFileSync(new URL(`${name}.xml`, CORPUS)), {
        "Content-Type": expected.contentType ?? "application/xml",
      }),
    );
  }
});

afterAll(async () => {
  await srv.close();
});

describe("the feed corpus, read through the fetcher from 127.0.0.1", () => {
  it("has a feed beside every expectation", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)("%s", async (name) => {
    // Prepare
    const expected = JSON.parse(readFileSync(new URL(`${name}.json`, CORPUS), "utf8")) as Expected;
    const fetcher = new HttpFeedFetcher({
      state: new MemoryFeedStateStore(),
      now: () => new Date("2025-02-10T00:00:00Z"),
    });

    // Act
    const [batch] = await fetcher.read([{ url: srv.url(`/${name}.xml`) }]);

    // Assess
    if ("error" in expected) {
      expect(batch).toMatchObject({
        status: "error",
        error: `${srv.url(`/${name}.xml`)}: ${expected.error}`,
      });
      return;
    }
    if (batch?.status !== "ok") throw new Error(`expected articles, got ${JSON.stringify(batch)}`);
    expect(batch.itemErrors).toEqual([]);
    expect(
      batch.articles.map((article) => ({
        ...(article.title === undefined ? {} : { title: article.title }),
        url: article.url,
        source: article.source,
        ...(article.publishedAt === undefined ? {} : { publishedAt: article.publishedAt }),
        body: article.body,
      })),
    ).toEqual(expected.articles);
  });
});
