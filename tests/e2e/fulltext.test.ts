import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoArticleStore } from "../../functions/adapters/article-dynamo.js";
import { main } from "../../functions/local/cli.js";
import { startLocalStore } from "../../functions/local/store.js";
import { ARTICLES_TABLE } from "../../functions/tables.js";
import { type FeedServer, serveFeeds } from "../helpers/feed-server.js";

const PAGE = `<!doctype html><html><head><title>Strike on Sumy</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Missile strike on Sumy</h1>
<p>Two Russian ballistic missiles hit the centre of Sumy on Sunday morning, killing 35 people and wounding 117, the State Emergency Service said.</p>
<p>Rescuers worked through the night at the site, where a trolleybus and several apartment buildings were damaged by the blasts.</p>
<p>Regional officials declared three days of mourning in the city and asked residents to donate blood at the central hospital.</p>
</article><footer>Share this article</footer></body></html>`;

describe("full text for feeds that carry only summaries", () => {
  let server: FeedServer;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "strikewatch-fulltext-"));
    server = await serveFeeds({
      "/summaries.xml": (_, response) => {
        response.writeHead(200, { "content-type": "application/rss+xml" });
        response.end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Summaries</title><link>${server.url("/")}</link>` +
            `<item><title>Missile strike on Sumy</title><link>${server.url("/story")}</link><description>Missiles hit Sumy.</description></item>` +
            "</channel></rss>",
        );
      },
      "/story": { body: PAGE, type: "text/html; charset=utf-8" },
    });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function storedBody(data: string): Promise<string> {
    const store = await startLocalStore({ dataDir: data });
    try {
      const [article] = await new DynamoArticleStore(store.doc, store.tableName(ARTICLES_TABLE)).list();
      return article?.body ?? "";
    } finally {
      await store.close();
    }
  }

  async function run(data: string, ...extra: string[]) {
    const config = join(dir, `${data}.json`);
    await writeFile(
      config,
      JSON.stringify({
        feeds: [{ url: server.url("/summaries.xml"), fullText: true }],
        watchedRegions: ["Ukraine"],
      }),
    );
    const out: string[] = [];
    const code = await main(["run", "--json", "--config", config, "--data", join(dir, data), ...extra], {
      out: (line) => out.push(line),
      err: () => {},
    });
    return { code, alerts: out.map((line) => JSON.parse(line)).filter((record) => record.type === "alert") };
  }

  it("takes the page's main text when the page may be fetched, and alerts from it", async () => {
    const { code, alerts } = await run("allowed", "--allow-private", "--replay");
    const body = await storedBody(join(dir, "allowed"));
    expect(code).toBe(0);
    expect(body).toContain("killing 35 people and wounding 117");
    expect(body).not.toMatch(/Home|Share this article/);
    expect(alerts.map((alert) => [alert.place.name, alert.killed?.min, alert.injured?.min])).toEqual([
      ["Sumy", 35, 117],
    ]);
  });

  it("keeps the feed's summary when the SSRF guard refuses the page (loopback), and stores the item all the same", async () => {
    const { code, alerts } = await run("guarded", "--replay");
    expect(code).toBe(0);
    expect(await storedBody(join(dir, "guarded"))).toBe("Missiles hit Sumy.");
    expect(alerts).toEqual([]);
  });
});
