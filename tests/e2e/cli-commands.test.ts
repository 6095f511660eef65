import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../functions/local/cli.js";
import { type FeedServer, serveFeeds } from "../helpers/feed-server.js";

const ROOT = join(import.meta.dirname, "../..");
const BIN = join(ROOT, "bin/strikewatch.mjs");

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

function withStdin(args: string[], input: string): Promise<{ stdout: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: ROOT }, (error, stdout) =>
      resolve({ stdout, code: error ? Number(error.code) : 0 }),
    );
    child.stdin?.end(input);
  });
}

describe("strikewatch run prints the seeds' alerts", () => {
  it("prints the six alerts of DESIGN's table as JSON lines, none from 004 or 002", async () => {
    const { code, out } = await cli("run", "--json");
    expect(code).toBe(0);
    const alerts = out.map((line) => JSON.parse(line)).filter((record) => record.type === "alert");
    expect(alerts.map((alert) => `${alert.place.name}/${alert.place.country}`).sort()).toEqual([
      "Belgorod/RU",
      "Kharkiv/UA",
      "Kharkiv/UA",
      "Poltava/UA",
      "Saltivskyi district/UA",
      "Sumy/UA",
    ]);
    expect(Object.keys(alerts[0])).toEqual([
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
    const ids = alerts.flatMap((alert) => alert.articleIds);
    expect(ids).not.toContain("208bb5c925342d33");
    expect(ids).not.toContain("16b2b9d5e41fa0f4");
    expect(alerts.every((alert) => alert.sms.length <= 160 && alert.subject.length <= 100)).toBe(true);
    expect(JSON.parse(out.at(-1)!)).toMatchObject({ type: "summary", alerts: 6 });
  });

  it("prints each alert's SMS and email in text mode", async () => {
    const { out } = await cli("run");
    const text = out.join("\n");
    expect(text).toContain("SMS:     Strike Poltava (Poltava Obl.)");
    expect(text).toContain("Toll:     22 killed, 24+ injured, according to Russia");
    expect(out.at(-1)).toMatch(/6 alerts/);
  });

  it("fails a misspelt watched region with the nearest names, before fetching anything", async () => {
    const dir = await mkdtemp(join(tmpdir(), "strikewatch-region-"));
    const file = join(dir, "config.json");
    await writeFile(file, JSON.stringify({ feeds: [], watchedRegions: ["Kharkov Oblastt"] }));
    const { code, err } = await cli("run", "--config", file);
    await rm(dir, { recursive: true });
    expect(code).toBe(2);
    expect(err.join("\n")).toMatch(
      /watchedRegions\[0\]: unknown region "Kharkov Oblastt" — Kharkov Oblastt\? did you mean Kharkiv Oblast/,
    );
  });
});

describe("strikewatch run --watch", () => {
  let server: FeedServer;
  const versions = new Map<string, number>();
  beforeAll(async () => {
    // Each path is a live feed that lists one item more at each poll, up to two.
    const live = (path: string) => (_: unknown, response: ServerResponse) => {
      const version = (versions.get(path) ?? 0) + 1;
      versions.set(path, version);
      const items = Array.from(
        { length: Math.min(version, 2) },
        (_, index) =>
          `<item><title>Report ${index}</title><link>https://live.example.org${path}/${index}</link><description>Two people were injured in Sumy when a drone hit a house.</description></item>`,
      ).join("");
      response.writeHead(200, { "content-type": "application/rss+xml" });
      response.end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Live</title><link>https://live.example.org/</link>${items}</channel></rss>`,
      );
    };
    server = await serveFeeds({ "/live.xml": live("/live.xml"), "/replayed.xml": live("/replayed.xml") });
  });
  afterAll(() => server.close());

  const summaries = (out: string[]) =>
    out.map((line) => JSON.parse(line)).filter((record) => record.type === "summary");

  it("polls on the interval, storing only what is new each round; the first poll is a backfill", async () => {
    // Act
    const { code, out } = await cli(
      "run",
      "--json",
      "--feed",
      server.url("/live.xml"),
      "--interval",
      "0.05",
      "--rounds",
      "3",
    );

    // Assess: round 1 stores what the feed already listed without alerting; round 2's new report alerts.
    expect(code).toBe(0);
    expect(summaries(out).map((summary) => summary.stored)).toEqual([1, 1, 0]);
    expect(summaries(out).map((summary) => [summary.backfill, summary.withheld, summary.alerts])).toEqual([
      [1, 1, 0],
      [0, 0, 1],
      [0, 0, 0],
    ]);
  });

  it("alerts from the first poll with --replay", async () => {
    // Act
    const { code, out } = await cli(
      "run",
      "--json",
      "--replay",
      "--feed",
      server.url("/replayed.xml"),
      "--interval",
      "0.05",
      "--rounds",
      "2",
    );

    // Assess
    expect(code).toBe(0);
    expect(summaries(out).map((summary) => [summary.stored, summary.alerts])).toEqual([
      [1, 1],
      [1, 0],
    ]);
  });

  it("refuses a bad interval", async () => {
    expect((await cli("run", "--watch", "--interval", "soon")).code).toBe(2);
  });
});

describe("strikewatch extract", () => {
  it("prints a table for a file", async () => {
    const { code, out } = await cli("extract", join(ROOT, "seeds/001_d1335562950f1f2a.txt"));
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^place\s+admin1\s+killed\s+injured/);
    expect(out.slice(2).map((line) => line.split(/\s{2,}/)[0])).toEqual(["Poltava", "Kharkiv", "Sumy"]);
  });

  it("reads stdin and prints JSON", async () => {
    const { stdout, code } = await withStdin(
      ["extract", "--json"],
      "A missile hit a school in Odesa, killing two people.",
    );
    expect(code).toBe(0);
    const events = JSON.parse(stdout);
    expect(events).toMatchObject([{ place: { name: "Odesa" }, killed: { min: 2 }, targets: ["school"] }]);
  });

  it("reads JSON lines in one process and reports a bad line without stopping", async () => {
    const input = [
      JSON.stringify({ id: "a", text: "Three people were killed in Sumy when a drone hit a house." }),
      "{not json",
      JSON.stringify({ id: "c", text: "Grain exports rose 12% in March." }),
    ].join("\n");
    const { stdout, code } = await withStdin(["extract", "--jsonl"], input);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(code).toBe(1);
    expect(lines.map((line) => line.id)).toEqual(["a", null, "c"]);
    expect(lines[0].events[0]).toMatchObject({ place: { name: "Sumy" }, killed: { min: 3 } });
    expect(lines[1].error).toMatch(/^not JSON/);
    expect(lines[2].events).toEqual([]);
  });

  it("names a file it cannot read", async () => {
    const { code, err } = await cli("extract", "/nonexistent/report.txt");
    expect(code).toBe(1);
    expect(err[0]).toMatch(/cannot read \/nonexistent\/report.txt: ENOENT/);
  });
});

describe("strikewatch eval and feeds", () => {
  it("scores the corpus and lists failures", async () => {
    const { code, out } = await cli("eval");
    expect(code).toBe(0);
    expect(out[0]).toMatch(
      /civilian-casualty strike detection: precision \d+\.\d%, recall \d+\.\d%, F1 0\.\d{3}/,
    );
  });

  it("shows each feed's health from a data dir", async () => {
    const dir = await mkdtemp(join(tmpdir(), "strikewatch-feeds-"));
    const server = await serveFeeds({});
    await cli("run", "--data", dir, "--feed", server.url("/gone.xml"));
    await server.close();
    const { code, out } = await cli("feeds", "--data", dir);
    await rm(dir, { recursive: true });
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^FAILING x1\s+http:\/\/127\.0\.0\.1:\d+\/gone\.xml$/);
    expect(out.join("\n"), out.join("\n")).toMatch(/last error .*HTTP 404/);
  });
});
