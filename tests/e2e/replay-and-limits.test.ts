/**
 * The runner as a deployment behaves on day one and after: an archive feed (2023) stores without
 * alerting unless replayed; a fresh report after the backfill alerts; a 650 KB item is stored cut
 * to fit, and the feed's other items are stored all the same.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoArticleStore } from "../../functions/adapters/article-dynamo.js";
import { main } from "../../functions/local/cli.js";
import { startLocalStore } from "../../functions/local/store.js";
import { ARTICLES_TABLE } from "../../functions/tables.js";
import { type FeedServer, serveFeeds } from "../helpers/feed-server.js";

/** Runs the CLI in-process and returns its exit code and JSON lines. */
async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  const records = out.map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    code,
    err,
    records,
    alerts: records.filter((record) => record.type === "alert"),
    summary: records.at(-1) as Record<string, number>,
  };
}

function item(link: string, title: string, text: string, pubDate: string): string {
  return `<item><title>${title}</title><link>${link}</link><pubDate>${pubDate}</pubDate><description><![CDATA[${text}]]></description></item>`;
}

function rss(items: string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Archive Wire</title><link>https://archive.example.org/</link>${items.join("")}</channel></rss>`;
}

const KHARKIV_2023 = item(
  "https://archive.example.org/2023/01/kharkiv",
  "Missile strike on Kharkiv apartment block",
  "A Russian missile hit an apartment building in Kharkiv on Saturday, killing 4 civilians and injuring 12, the regional governor said.",
  "Sat, 14 Jan 2023 18:00:00 GMT",
);

describe("strikewatch run over an archive feed", () => {
  let server: FeedServer;
  let dir: string;
  let live: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "strikewatch-replay-"));
    server = await serveFeeds({
      "/archive.xml": { body: rss([KHARKIV_2023]) },
      "/live.xml": (_, response) => {
        response.writeHead(200, { "content-type": "application/rss+xml" });
        response.end(rss(live));
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("stores a 2023 strike without alerting: the first poll is a backfill and the event is years old", async () => {
    // Act
    const { code, alerts, summary } = await cli("run", "--json", "--feed", server.url("/archive.xml"));

    // Assess
    expect(code).toBe(0);
    expect(alerts).toEqual([]);
    expect(summary).toMatchObject({ type: "summary", stored: 1, alerts: 0, backfill: 1, withheld: 1 });
  });

  it("says in text mode why nothing was alerted, the summary staying the last line", async () => {
    // Act
    const out: string[] = [];
    const code = await main(["run", "--feed", server.url("/archive.xml")], {
      out: (line) => out.push(line),
      err: () => {},
    });

    // Assess
    expect(code).toBe(0);
    expect(out.at(-2)).toBe(
      "note: 1 alert withheld: a feed's first poll is a backfill, and events older than the age bound are not alerted (--replay alerts as on the day)",
    );
    expect(out.at(-1)).toMatch(/^summary: 1 new article from 1 feed, .*0 alerts/);
  });

  it("alerts on it as on the day with --replay, with the alert record of the JSON contract", async () => {
    // Act
    const { code, alerts, summary } = await cli(
      "run",
      "--json",
      "--replay",
      "--feed",
      server.url("/archive.xml"),
    );

    // Assess
    expect(code).toBe(0);
    expect(summary).toMatchObject({ stored: 1, alerts: 1, backfill: 0, withheld: 0 });
    expect(Object.keys(alerts[0] ?? {})).toEqual([
      "type",
      "kind",
      "incidentId",
      "place",
      "killed",
      "injured",
      "victims",
      "articleIds",
      "sms",
      "subject",
    ]);
    expect(alerts[0]).toMatchObject({ kind: "new", place: { name: "Kharkiv" }, killed: { min: 4 } });
  });

  it("alerts on a fresh report once the backfill is behind it (a store kept with --data)", async () => {
    // Prepare
    const data = join(dir, "live");
    const now = new Date();
    live = [
      item(
        "https://archive.example.org/old-sumy",
        "Drone hits Sumy",
        "A drone hit a house in Sumy, injuring two people, officials said.",
        new Date(now.getTime() - 3_600_000).toUTCString(),
      ),
    ];

    // Act
    const first = await cli("run", "--json", "--data", data, "--feed", server.url("/live.xml"));
    live = [
      item(
        "https://archive.example.org/odesa",
        "Missile strike on Odesa",
        "A missile struck a residential building in Odesa, killing 2 civilians and injuring 7.",
        now.toUTCString(),
      ),
      ...live,
    ];
    const second = await cli("run", "--json", "--data", data, "--feed", server.url("/live.xml"));

    // Assess
    expect(first.summary).toMatchObject({ stored: 1, backfill: 1, alerts: 0 });
    expect(second.summary).toMatchObject({ stored: 1, backfill: 0, alerts: 1 });
    expect(second.alerts[0]).toMatchObject({ place: { name: "Odesa" } });
  });
});

describe("strikewatch run over a feed with a 650 KB item", () => {
  let server: FeedServer;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "strikewatch-huge-"));
    const paragraph =
      "Rescuers in Zaporizhzhia searched the rubble of the building through the night as cranes lifted slabs of concrete.";
    const huge = Array.from({ length: 5800 }, () => `<p>${paragraph}</p>`).join("");
    server = await serveFeeds({
      "/huge.xml": {
        body: rss([
          item("https://huge.example.org/long-read", "A long read", huge, "Mon, 30 Nov 2026 08:00:00 GMT"),
          item(
            "https://huge.example.org/a",
            "Second item",
            "Officials met in Kyiv.",
            "Mon, 30 Nov 2026 09:00:00 GMT",
          ),
          item(
            "https://huge.example.org/b",
            "Third item",
            "Markets opened in Lviv.",
            "Mon, 30 Nov 2026 10:00:00 GMT",
          ),
        ]),
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("stores the item cut to fit under DynamoDB's 400 KB, with a marker, and the feed's later items too", async () => {
    // Prepare
    const data = join(dir, "data");

    // Act
    const { code, summary, records } = await cli(
      "run",
      "--json",
      "--data",
      data,
      "--feed",
      server.url("/huge.xml"),
    );
    const store = await startLocalStore({ dataDir: data });
    const stored = await new DynamoArticleStore(store.doc, store.tableName(ARTICLES_TABLE)).list();
    await store.close();

    // Assess
    expect(code).toBe(0);
    expect(records.filter((record) => record.type === "item-error")).toEqual([]);
    expect(summary).toMatchObject({ stored: 3, itemErrors: 0, feedErrors: 0, truncated: 1 });
    expect(stored.map((article) => article.title).sort()).toEqual([
      "A long read",
      "Second item",
      "Third item",
    ]);
    const long = stored.find((article) => article.title === "A long read")!;
    expect(Buffer.byteLength(JSON.stringify(long))).toBeLessThan(400 * 1024);
    expect(long.body.length).toBeGreaterThan(300_000);
    expect(long.body).toMatch(/\n\[StrikeWatch: article cut to [\d,]+ of [\d,]+ bytes to fit the store\]$/);
  });
});
