/**
 * `strikewatch serve` end to end over HTTP on 127.0.0.1: a store the seeds filled (`run --data`),
 * then the page with its security headers, the API and the Atom feed from the same server, and the
 * command's usage errors.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFeedXml } from "../../functions/feeds/parse.js";
import { main } from "../../functions/local/cli.js";
import { type RunningServer, startServer } from "../../functions/local/serve.js";
import { type LocalStore, startLocalStore } from "../../functions/local/store.js";

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

describe("strikewatch serve over a store the seeds filled", () => {
  let dir: string;
  let store: LocalStore;
  let server: RunningServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "strikewatch-serve-"));
    expect((await cli("run", "--data", dir)).code).toBe(0);
    store = await startLocalStore({ dataDir: dir });
    server = await startServer(store, { port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves the page with a same-origin Content-Security-Policy and its script, styles and base layer", async () => {
    // Act
    const page = await fetch(server.url);
    const html = await page.text();
    const assets = await Promise.all(
      ["app.js", "app.css", "basemap.geojson", "config.json"].map((path) => fetch(`${server.url}${path}`)),
    );

    // Assess
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(html).toContain('<script type="module" src="app.js"></script>');
    expect(assets.map((asset) => asset.status)).toEqual([200, 200, 200, 200]);
    expect(assets[0]!.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const basemap = (await assets[2]!.json()) as { features: Array<{ properties: { name: string } }> };
    expect(basemap.features.map((feature) => feature.properties.name)).toEqual(
      expect.arrayContaining(["Kharkiv Oblast", "Autonomous Republic of Crimea", "Belgorod Oblast"]),
    );
    expect(await assets[3]!.json()).toEqual({ tiles: null });
  });

  it("answers the API with the seeds' seven incidents, newest first", async () => {
    // Act
    const response = await fetch(`${server.url}api/incidents`);
    const { incidents } = (await response.json()) as {
      incidents: Array<{ place: { name: string }; date: string }>;
    };

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(incidents).toHaveLength(7);
    expect(incidents.map((incident) => incident.place.name)).toEqual(
      expect.arrayContaining(["Poltava", "Sumy", "Belgorod", "Saltivskyi district"]),
    );
    const dates = incidents.map((incident) => incident.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it("answers the Atom feed of a region with absolute links back to this server", async () => {
    // Act
    const response = await fetch(`${server.url}feeds/alerts.atom?region=Poltava%20Oblast`);
    const feed = await parseFeedXml(await response.text());

    // Assess
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]!.title).toMatch(/^Strike on Poltava/);
    expect(feed.items[0]!.link).toMatch(new RegExp(`^${server.url}#/incident/[0-9a-f]{16}$`));
  });

  it("answers an unknown path with a 404 and a misspelt region with a 400", async () => {
    expect((await fetch(`${server.url}nothing-here`)).status).toBe(404);
    const bad = await fetch(`${server.url}api/incidents?region=Poltavva`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { parameter: string } }).error.parameter).toBe("region");
  });
});

describe("npm start -- --serve (run --serve)", () => {
  it("runs the seeds, then serves them and prints the page's address until stopped", async () => {
    // Prepare
    const out: string[] = [];
    const io = { out: (line: string) => out.push(line), err: () => {} };

    // Act
    const running = main(["run", "--serve"], io);
    for (let waited = 0; waited < 200 && !out.some((line) => line.includes("serving")); waited += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const url = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(
      out.find((line) => line.includes("serving")) ?? "",
    )?.[1];
    const answer = url ? await fetch(`${url}api/incidents`) : undefined;
    const { incidents } = ((await answer?.json()) ?? { incidents: [] }) as { incidents: unknown[] };
    process.emit("SIGINT");
    const code = await running;

    // Assess
    expect(url).toBeDefined();
    expect(out.some((line) => line.startsWith("summary: 5 new articles"))).toBe(true);
    expect(incidents).toHaveLength(7);
    expect(code).toBe(0);
  });
});

describe("strikewatch serve usage", () => {
  it.each([
    [["serve", "--port", "http"], /--port needs a port number from 0 to 65535: http/],
    [
      ["serve", "--tiles", "http://tiles.example.org/a.png"],
      /--tiles needs an https URL with \{z\}, \{x\} and \{y\}/,
    ],
    [["serve", "--colour"], /Unknown option '--colour'/],
  ])("refuses %j with exit code 2", async (argv, message) => {
    // Act
    const { code, err } = await cli(...argv);

    // Assess
    expect(code).toBe(2);
    expect(err.join("\n")).toMatch(message);
    expect(err.join("\n")).toContain("serve      serve the page");
  });
});
