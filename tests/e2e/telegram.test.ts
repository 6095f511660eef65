/**
 * `strikewatch run --config` with Telegram channels, end to end: fixture preview pages served on
 * 127.0.0.1 (STRIKEWATCH_TELEGRAM_PREVIEW_BASE points the runner there, `--allow-private` lets the
 * SSRF guard pass loopback), posts stored once, a missing channel reported alone, and the
 * Ukrainian strike post alerted for Kharkiv Oblast.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TELEGRAM_PREVIEW_BASE_ENV } from "../../functions/feeds/telegram.js";
import { main } from "../../functions/local/cli.js";
import { rssFeed } from "../fixtures/feeds/server.js";
import { type FeedServer, serveFeeds } from "../helpers/feed-server.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/telegram");
const KHARKIV_POSTS = [309, 308, 306, 305, 304, 302].map((id) => `https://t.me/sw_kharkiv_test/${id}`);
const OLDER_POSTS = [299, 296, 292].map((id) => `https://t.me/sw_kharkiv_test/${id}`);

let server: FeedServer;
let dir: string;
let previous: string | undefined;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  const records = () => out.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code, err, records, of: (type: string) => records().filter((record) => record.type === type) };
}

async function config(name: string, body: Record<string, unknown>): Promise<string> {
  const file = join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(body));
  return file;
}

beforeAll(async () => {
  const html = async (name: string) => ({
    body: await readFile(join(FIXTURES, name)),
    type: "text/html; charset=utf-8",
  });
  server = await serveFeeds({
    "/s/sw_kharkiv_test": await html("sw_kharkiv_test.html"),
    "/s/sw_kharkiv_test?before=301": await html("sw_kharkiv_test.before-301.html"),
    "/s/sw_missing_test": (_request, response) => {
      response.writeHead(302, { location: "/sw_missing_test" }).end();
    },
    "/sw_missing_test": await html("not-a-channel.html"),
    "/rss.xml": { body: rssFeed("sumy") },
  });
  dir = await mkdtemp(join(tmpdir(), "strikewatch-telegram-"));
  previous = process.env[TELEGRAM_PREVIEW_BASE_ENV];
  process.env[TELEGRAM_PREVIEW_BASE_ENV] = server.url("");
});

afterAll(async () => {
  if (previous === undefined) delete process.env[TELEGRAM_PREVIEW_BASE_ENV];
  else process.env[TELEGRAM_PREVIEW_BASE_ENV] = previous;
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe("strikewatch run --config with a Telegram channel", () => {
  it("stores each post once: the newest page and the older one, then nothing new", async () => {
    // Prepare
    const file = await config("channel", {
      feeds: [{ telegram: "sw_kharkiv_test" }],
      watchedRegions: ["Ukraine"],
    });
    const data = join(dir, "store");
    const args = ["run", "--json", "--replay", "--allow-private", "--config", file, "--data", data];
    const start = server.requests.length;

    // Act
    const first = await cli(...args);
    const afterFirst = server.requests.slice(start);
    const second = await cli(...args);

    // Assess
    expect(first.code).toBe(0);
    expect(afterFirst).toEqual(["/s/sw_kharkiv_test", "/s/sw_kharkiv_test?before=301"]);
    const articles = first.of("article");
    expect(articles.map((record) => record.url)).toEqual([...KHARKIV_POSTS, ...OLDER_POSTS]);
    expect(articles[0]).toMatchObject({
      source: "Харківська ОВА · тестовий канал",
      feed: "https://t.me/s/sw_kharkiv_test",
      title:
        "Внаслідок ракетного удару по Харкову загинули троє людей, ще 12 поранені, серед них двоє дітей.",
    });
    expect(first.of("summary")[0]).toMatchObject({ feeds: 1, stored: 9, known: 0, feedErrors: 0 });
    expect(second.code).toBe(0);
    expect(second.of("article")).toEqual([]);
    expect(second.of("summary")[0]).toMatchObject({ stored: 0, known: 6, feedErrors: 0 });
    expect(server.requests.slice(start + 2)).toEqual(["/s/sw_kharkiv_test"]);
  });

  it("exports a post in the seed format, with its date and first line as the header", async () => {
    // Prepare
    const out = join(dir, "export");

    // Act
    const code = (await cli("export", "--data", join(dir, "store"), "--out", out)).code;
    const { readdir } = await import("node:fs/promises");
    const names = await readdir(out);
    const texts = await Promise.all(names.map((name) => readFile(join(out, name), "utf8")));

    // Assess
    expect(code).toBe(0);
    expect(texts).toContain(
      [
        " date 2026-11-28 Внаслідок ракетного удару по Харкову загинули троє людей, ще 12 поранені, серед них двоє дітей.",
        "",
        "Внаслідок ракетного удару по Харкову загинули троє людей, ще 12 поранені, серед них двоє дітей.",
        "Ракета влучила у двір житлового будинку в Київському районі. На місці працюють рятувальники, медики та поліція.",
        "#Харків",
        "",
      ].join("\n"),
    );
  });

  it("reports a channel without a public preview as a feed error and reads the other feeds", async () => {
    // Prepare
    const file = await config("missing", {
      feeds: [{ telegram: "sw_missing_test" }, { url: server.url("/rss.xml"), name: "Sumy" }],
      watchedRegions: ["Ukraine"],
    });

    // Act
    const run = await cli("run", "--json", "--allow-private", "--config", file);

    // Assess
    expect(run.code).toBe(1);
    expect(run.of("feed-error")).toEqual([
      {
        type: "feed-error",
        feed: "https://t.me/s/sw_missing_test",
        error: expect.stringMatching(
          /^https:\/\/t\.me\/s\/sw_missing_test: not a public channel preview: .* \(the channel does not exist, is private, or has no web preview\)$/,
        ),
      },
    ]);
    expect(run.of("article").map((record) => record.source)).toEqual(["Sumy", "Sumy"]);
  });

  it("refuses a bad channel name as a configuration error naming the field", async () => {
    const file = await config("bad", {
      feeds: [{ telegram: "t.me/kharkivoda" }],
      watchedRegions: ["Ukraine"],
    });
    const run = await cli("run", "--config", file);
    expect(run.code).toBe(2);
    expect(run.err.join("\n")).toContain("feeds[0].telegram: must be a public channel's username");
  });
});

describe("a Ukrainian channel's strike post, end to end", () => {
  // Needs the Ukrainian extraction the lead engineer is building (issue 12, part 2).
  it("alerts Kharkiv Oblast watchers: 3 killed, 12 injured", async () => {
    // Prepare
    const file = await config("kharkiv-watch", {
      feeds: [{ telegram: "sw_kharkiv_test" }],
      watchedRegions: ["Kharkiv Oblast"],
      subscriptions: [{ email: "desk@example.org", regions: ["Kharkiv Oblast"], minKilled: 1 }],
    });

    // Act
    const run = await cli("run", "--json", "--replay", "--allow-private", "--config", file);

    // Assess
    expect(run.code).toBe(0);
    const alerts = run.of("alert");
    const strike = alerts.find((alert) => (alert.articleIds as string[]).length > 0 && alert.killed);
    expect(strike).toMatchObject({
      kind: "new",
      place: { admin1: "Kharkiv Oblast", country: "UA" },
      killed: { min: 3 },
      injured: { min: 12 },
    });
  });
});
