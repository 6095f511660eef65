import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollFeed } from "../../functions/feeds/poller.js";
import { main } from "../../functions/local/cli.js";
import {
  type FixtureServer,
  MemoryFeedStateStore,
  rssFeed,
  serve,
  startFixtureServer,
} from "../fixtures/feeds/server.js";

/** Shaped like issue 14's item 1: one description of 100 000 nested <div> (1.1 MB). */
function nestedDivFeed(depth = 100_000): string {
  const description = `${"<div>".repeat(depth)}Three killed in Kharkiv${"</div>".repeat(depth)}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Hostile</title>
    <item><title>Deep</title><link>https://hostile.example.org/1</link><description>${description}</description></item>
  </channel>
</rss>`;
}

let srv: FixtureServer;

beforeAll(async () => {
  srv = await startFixtureServer();
  srv.route("/nested.xml", serve(nestedDivFeed()));
  srv.route("/kharkiv.xml", serve(rssFeed("kharkiv")));
  srv.route("/odesa.xml", serve(rssFeed("odesa", 3)));
});

afterAll(async () => {
  await srv.close();
});

describe("a feed of deeply nested markup, polled beside good feeds", () => {
  it("is a feed-error naming the depth cap while the feeds beside it are stored", async () => {
    // Prepare
    const out: string[] = [];
    const started = performance.now();

    // Act
    const code = await main(
      [
        "run",
        "--json",
        "--feed",
        srv.url("/kharkiv.xml"),
        "--feed",
        srv.url("/nested.xml"),
        "--feed",
        srv.url("/odesa.xml"),
      ],
      { out: (line) => out.push(line), err: () => undefined },
    );

    // Assess: before the cap this feed held the run for 512 s and then failed with a stack overflow.
    const records = out.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(code).toBe(1);
    expect(records.filter((record) => record.type === "feed-error")).toEqual([
      {
        type: "feed-error",
        feed: srv.url("/nested.xml"),
        error: `${srv.url("/nested.xml")}: refused: elements nested more than 512 deep at line 5, column 2624`,
      },
    ]);
    expect(
      records.filter((record) => record.type === "article").map((record) => [record.feed, record.title]),
    ).toEqual([
      [srv.url("/kharkiv.xml"), "kharkiv strike report 0"],
      [srv.url("/kharkiv.xml"), "kharkiv strike report 1"],
      [srv.url("/odesa.xml"), "odesa strike report 0"],
      [srv.url("/odesa.xml"), "odesa strike report 1"],
      [srv.url("/odesa.xml"), "odesa strike report 2"],
    ]);
    expect(records.at(-1)).toMatchObject({ type: "summary", feeds: 3, stored: 5, feedErrors: 1 });
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

describe("pollFeed: the parse budget", () => {
  it("turns a body that outlasts its budget into a feed error that backs off", async () => {
    // Prepare: a budget already spent when the body arrives.
    const state = new MemoryFeedStateStore();
    const feed = { url: srv.url("/odesa.xml") };

    // Act
    const outcome = await pollFeed(feed, {
      state,
      now: () => new Date("2025-02-01T12:00:00Z"),
      random: () => 0.5,
      parseBudgetMs: 0,
    });

    // Assess
    expect(outcome).toMatchObject({ status: "error", error: `${feed.url}: parse took longer than 0 s` });
    expect(state.states.get(feed.url)).toMatchObject({
      consecutiveFailures: 1,
      lastError: `${feed.url}: parse took longer than 0 s`,
    });
  });
});
