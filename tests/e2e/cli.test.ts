import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../functions/local/cli.js";
import { type FeedServer, serveFeeds } from "../helpers/feed-server.js";

const ROOT = join(import.meta.dirname, "../..");
const FIXTURES = join(ROOT, "tests/fixtures/normalize");
const SEED_IDS = [
  "c1778478273d7973",
  "d1335562950f1f2a",
  "16b2b9d5e41fa0f4",
  "e96bcc39b64da713",
  "208bb5c925342d33",
];

/** Runs the CLI in-process and captures what it prints. */
async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err, json: () => out.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("strikewatch run on the seeds", () => {
  it("stores the five seeds by their file ids and prints a summary", async () => {
    const { code, out } = await cli("run");
    expect(code).toBe(0);
    const stored = out.filter((line) => line.startsWith("stored"));
    expect(stored.map((line) => line.split(/\s+/)[1])).toEqual(SEED_IDS);
    expect(out.at(-1)).toMatch(/^summary: 5 new articles from 1 feed, 0 already stored, 0 feed errors/);
  });

  it("prints JSON lines with the public fields when asked", async () => {
    const { code, json } = await cli("run", "--json");
    expect(code).toBe(0);
    const articles = json().filter((record) => record.type === "article");
    expect(articles).toHaveLength(5);
    expect(Object.keys(articles[0]!)).toEqual(["type", "id", "title", "source", "url", "feed"]);
    expect(articles.find((record) => record.id === "16b2b9d5e41fa0f4")?.title).toMatch(
      /^Volodomyr Zelenskyy Calls/,
    );
    expect(json().at(-1)).toMatchObject({ type: "summary", stored: 5, known: 0, feedErrors: 0 });
  });
});

describe("strikewatch run --data and export", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "strikewatch-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("keeps the store on disk: a second run on the same dir stores nothing new", async () => {
    const data = join(dir, "data");
    expect((await cli("run", "--data", data, "--json")).json().at(-1)).toMatchObject({ stored: 5, known: 0 });
    expect((await cli("run", "--data", data, "--json")).json().at(-1)).toMatchObject({ stored: 0, known: 5 });
  });

  it("exports stored articles as NNN_<id>.txt seed files that read back as the seeds", async () => {
    const out = join(dir, "export");
    const { code } = await cli("export", "--data", join(dir, "data"), "--out", out);
    expect(code).toBe(0);
    const names = (await readdir(out)).sort();
    expect(names).toHaveLength(5);
    expect(names.map((name) => name.slice(4, 20)).sort()).toEqual([...SEED_IDS].sort());
    const exported002 = await readFile(
      join(out, names.find((name) => name.includes("16b2b9d5e41fa0f4"))!),
      "utf8",
    );
    expect(exported002.split("\n")[0]).toBe(
      " date 2025-02-02 Volodomyr Zelenskyy Calls On Ukraine's Allies To Step Up Support After Latest Russia 'Terror' Attacks",
    );
  });
});

describe("strikewatch run --feed against a local server", () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await serveFeeds({
      "/rss.xml": { body: await readFile(join(FIXTURES, "rss2-cdata.xml")) },
      "/atom.xml": {
        body: await readFile(join(FIXTURES, "atom-relative.xml")),
        type: "application/atom+xml",
      },
      "/rdf.xml": { body: await readFile(join(FIXTURES, "rdf.xml")) },
      "/page.html": { body: "<!doctype html><html><body><p>Welcome</p></body></html>", type: "text/html" },
    });
  });
  afterAll(() => server.close());

  it("stores the items of good feeds and reports each bad feed, exiting 1", async () => {
    const { code, json } = await cli(
      "run",
      "--json",
      "--feed",
      server.url("/rss.xml"),
      "--feed",
      server.url("/missing.xml"),
      "--feed",
      server.url("/atom.xml"),
      "--feed",
      server.url("/page.html"),
      "--feed",
      server.url("/rdf.xml"),
    );
    expect(code).toBe(1);
    const records = json();
    const articles = records.filter((record) => record.type === "article");
    expect(articles.map((record) => record.source)).toEqual([
      "Kharkiv Daily Wire",
      "Kharkiv Daily Wire",
      "Odesa Harbour Notes",
      "Sumy Oblast Bulletin",
    ]);
    expect(articles[0]).toMatchObject({
      feed: server.url("/rss.xml"),
      title: expect.stringMatching(/^Guided bomb/),
    });
    const errors = records.filter((record) => record.type === "feed-error");
    expect(errors).toEqual([
      { type: "feed-error", feed: server.url("/missing.xml"), error: expect.stringMatching(/404/) },
      { type: "feed-error", feed: server.url("/page.html"), error: expect.stringMatching(/not a feed/) },
    ]);
    expect(records.at(-1)).toMatchObject({ type: "summary", feeds: 5, stored: 4, feedErrors: 2 });
  });

  it("exits 0 when every feed was read", async () => {
    expect((await cli("run", "--feed", server.url("/rdf.xml"))).code).toBe(0);
  });

  it("reads feeds from --config", async () => {
    const dir = await mkdtemp(join(tmpdir(), "strikewatch-config-"));
    const file = join(dir, "strikewatch.config.json");
    await writeFile(
      file,
      JSON.stringify({
        feeds: [{ url: server.url("/atom.xml"), name: "Harbour" }],
        watchedRegions: ["Ukraine"],
      }),
    );
    const { code, json } = await cli("run", "--json", "--config", file);
    await rm(dir, { recursive: true });
    expect(code).toBe(0);
    expect(
      json()
        .filter((record) => record.type === "article")
        .map((record) => record.source),
    ).toEqual(["Harbour"]);
  });
});

describe("strikewatch errors", () => {
  it("prints usage on stderr and exits 2 for an unknown flag or command", async () => {
    for (const argv of [["run", "--bogus"], ["frobnicate"], ["run", "extra"], ["export", "--data", "x"]]) {
      const { code, err, out } = await cli(...argv);
      expect(code).toBe(2);
      expect(out).toEqual([]);
      expect(err.join("\n")).toMatch(/usage: strikewatch/);
    }
  });

  it("names the bad field of a bad config and exits 2", async () => {
    const dir = await mkdtemp(join(tmpdir(), "strikewatch-bad-"));
    const file = join(dir, "bad.json");
    await writeFile(
      file,
      JSON.stringify({ feeds: [{ url: "https://a.example/rss", every: 5 }], watchedRegions: ["Ukraine"] }),
    );
    const { code, err } = await cli("run", "--config", file);
    await rm(dir, { recursive: true });
    expect(code).toBe(2);
    expect(err.join("\n")).toMatch(/feeds\[0\]\.every: unknown key/);
  });

  it("refuses to export from or show a store that does not exist", async () => {
    for (const argv of [
      ["export", "--data", "/nonexistent/store", "--out", "/tmp/x"],
      ["feeds", "--data", "/nonexistent/store"],
    ]) {
      const { code, err } = await cli(...argv);
      expect(code).toBe(2);
      expect(err.join("\n")).toMatch(/no store at \/nonexistent\/store/);
    }
  });

  it("names a config file that cannot be read", async () => {
    const { code, err } = await cli("run", "--config", "/nonexistent/strikewatch.config.json");
    expect(code).toBe(2);
    expect(err.join("\n")).toMatch(/\/nonexistent\/strikewatch.config.json.*\n.*cannot read: ENOENT/);
  });
});

describe("the strikewatch binary", () => {
  it("runs `npm start`'s command in a fresh process and exits 0", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, "bin/strikewatch.mjs"), "run", "--json"],
      {
        cwd: ROOT,
      },
    );
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string; id?: string });
    expect(lines.filter((line) => line.type === "article").map((line) => line.id)).toEqual(SEED_IDS);
  });

  it("exits 2 on an unknown flag", async () => {
    const run = promisify(execFile)(process.execPath, [join(ROOT, "bin/strikewatch.mjs"), "run", "--nope"], {
      cwd: ROOT,
    });
    await expect(run).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Unknown option '--nope'/),
    });
  });
});

describe("strikewatch run --feed over good and hostile feeds", () => {
  const FEEDS = join(ROOT, "tests/fixtures/feeds");
  let server: FeedServer;
  beforeAll(async () => {
    const file = (name: string) => readFile(join(FEEDS, name));
    server = await serveFeeds({
      "/cp1251.xml": {
        body: await file("windows-1251.xml"),
        type: "application/rss+xml; charset=ISO-8859-1",
      },
      "/koi8u.xml": { body: await file("koi8-u.xml"), type: "text/xml" },
      "/laughs.xml": { body: await file("billion-laughs.xml") },
      "/xxe.xml": { body: await file("xxe.xml") },
      "/empty.xml": { body: await file("empty.xml") },
      "/redirect-loop": (_, response) => {
        response.writeHead(302, { location: "/redirect-loop" }).end();
      },
    });
  });
  afterAll(() => server.close());

  it("stores the good items with Cyrillic titles intact, reports each bad feed, exits 1", async () => {
    const feeds = ["/cp1251.xml", "/laughs.xml", "/koi8u.xml", "/xxe.xml", "/empty.xml", "/redirect-loop"];
    const { code, json } = await cli(
      "run",
      "--json",
      ...feeds.flatMap((path) => ["--feed", server.url(path)]),
    );
    expect(code).toBe(1);
    const records = json();
    const titles = records
      .filter((record) => record.type === "article")
      .map((record) => String(record.title));
    expect(titles).toContain("Ракетний удар по Харкову: троє загиблих, серед них діти");
    expect(titles.every((title) => !title.includes("\ufffd") && /[а-яіїєґ]/i.test(title))).toBe(true);
    const errors = Object.fromEntries(
      records
        .filter((record) => record.type === "feed-error")
        .map((record) => [record.feed, String(record.error)]),
    );
    expect(Object.keys(errors).sort()).toEqual(
      ["/laughs.xml", "/xxe.xml", "/empty.xml", "/redirect-loop"].map((path) => server.url(path)).sort(),
    );
    expect(errors[server.url("/laughs.xml")]).toMatch(/refused: DOCTYPE with entity declarations/);
    expect(errors[server.url("/empty.xml")]).toMatch(/empty body/);
    expect(errors[server.url("/redirect-loop")]).toMatch(/redirect loop/);
  });
});
