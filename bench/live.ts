/**
 * Feed-to-alert latency of the local runner: `strikewatch run --watch --interval 1 --json` polls a
 * loopback feed to which a new strike report (each in another city, with its own link) is added
 * every ~1.5 s. Latency is from the moment an item is first served to the moment its alert line
 * is read from the child's stdout, matched by the city in `place.name`.
 */
import { type ChildProcessByStdio, spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { xmlEscape } from "./farm.js";
import { percentile, ROOT } from "./stats.js";

const CITIES = [
  "Poltava",
  "Sumy",
  "Chernihiv",
  "Zhytomyr",
  "Vinnytsia",
  "Uman",
  "Kremenchuk",
  "Cherkasy",
  "Khmelnytskyi",
  "Rivne",
  "Lutsk",
  "Ternopil",
  "Lviv",
  "Chernivtsi",
  "Mykolaiv",
  "Kherson",
  "Odesa",
  "Dnipro",
  "Zaporizhzhia",
  "Kryvyi Rih",
  "Kramatorsk",
  "Sloviansk",
  "Pavlohrad",
  "Bila Tserkva",
  "Konotop",
  "Izmail",
];
const NUMBERS = [
  "One",
  "Two",
  "Three",
  "Four",
  "Five",
  "Six",
  "Seven",
  "Eight",
  "Nine",
  "Ten",
  "Eleven",
  "Twelve",
];
const WEAPONS = ["a Russian drone", "a Russian missile", "a guided aerial bomb", "a Shahed drone"];
const TARGETS = ["an apartment building", "a residential building", "a private house", "a school"];

/** The RSS item of report `k`: a strike in `city` with a toll that varies with k. */
function report(k: number, city: string, link: string, published: Date): string {
  const killed = 1 + (k % 5);
  const injured = 3 + ((k * 3) % 11);
  const who = killed === 1 ? "One person was killed" : `${NUMBERS[killed - 1]} people were killed`;
  const text =
    `${who} and ${(NUMBERS[injured - 1] ?? String(injured)).toLowerCase()} injured when ` +
    `${WEAPONS[k % WEAPONS.length]} hit ${TARGETS[k % TARGETS.length]} in ${city}, the regional governor said.`;
  const title = `${killed} killed in strike on ${city}`;
  return (
    `<item><title>${xmlEscape(title)}</title><link>${link}</link><guid>${link}</guid>` +
    `<pubDate>${published.toUTCString()}</pubDate><description>${xmlEscape(text)}</description></item>`
  );
}

/** Latencies in seconds (one per item that alerted) and their p50/p95. */
export interface LiveResult {
  items: number;
  latenciesS: number[];
  p50S: number;
  p95S: number;
  missed: string[];
}

function stop(child: ChildProcessByStdio<null, Readable, Readable>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Publishes `count` reports every `everyMs` to a watching runner and times their alerts. */
export async function benchFeedToAlert(count = 24, everyMs = 1500): Promise<LiveResult> {
  if (count > CITIES.length) throw new Error(`at most ${CITIES.length} items`);
  const items: string[] = [
    `<item><title>City council approves budget</title><link>https://live.example.org/news/budget</link>` +
      `<pubDate>${new Date().toUTCString()}</pubDate><description>The council approved next year's budget.</description></item>`,
  ];
  let version = 0;
  const server = createServer((req, res) => {
    const etag = `"live-${version}"`;
    const validators = {
      ETag: etag,
      "Last-Modified": new Date(Date.UTC(2025, 0, 1) + version * 1000).toUTCString(),
    };
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, validators).end();
      return;
    }
    const body =
      `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Live bench</title>` +
      `<link>https://live.example.org/</link>${[...items].reverse().join("")}</channel></rss>`;
    res.writeHead(200, { "Content-Type": "application/rss+xml; charset=utf-8", ...validators }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/live.xml`;
  const child = spawn(
    process.execPath,
    ["bin/strikewatch.mjs", "run", "--watch", "--interval", "1", "--json", "--feed", url],
    { cwd: ROOT, env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const publishedAt = new Map<string, number>();
  const alertedAt = new Map<string, number>();
  let firstRound: () => void = () => undefined;
  // Settling after the first round is a no-op, so the later exit (we stop the child) rejects nothing.
  const ready = new Promise<void>((resolve, reject) => {
    firstRound = resolve;
    child.once("exit", (code) =>
      reject(new Error(`runner exited (${code}) before its first round: ${stderr}`)),
    );
    setTimeout(() => reject(new Error("runner: no first round in 60 s")), 60_000).unref();
  });
  createInterface({ input: child.stdout }).on("line", (line) => {
    const at = performance.now();
    let event: { type?: string; place?: { name?: string } };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      return;
    }
    if (event.type === "summary") firstRound();
    const name = event.place?.name;
    if (event.type !== "alert" || !name) return;
    const city = CITIES.find((candidate) => candidate === name || name.startsWith(candidate));
    if (city && publishedAt.has(city) && !alertedAt.has(city)) alertedAt.set(city, at);
  });
  try {
    await ready;
    const start = performance.now();
    for (let k = 0; k < count; k++) {
      await sleep(start + k * everyMs - performance.now());
      const city = CITIES[k] ?? "";
      const slug = city.toLowerCase().replace(/\s+/g, "-");
      items.push(report(k, city, `https://live.example.org/news/${k}-${slug}`, new Date()));
      version++;
      publishedAt.set(city, performance.now());
    }
    const deadline = performance.now() + 15_000;
    while (alertedAt.size < count && performance.now() < deadline) await sleep(100);
  } finally {
    await stop(child);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  const latenciesS: number[] = [];
  const missed: string[] = [];
  for (const [city, published] of publishedAt) {
    const alerted = alertedAt.get(city);
    if (alerted === undefined) missed.push(city);
    else latenciesS.push((alerted - published) / 1000);
  }
  return {
    items: count,
    latenciesS,
    p50S: percentile(latenciesS, 50),
    p95S: percentile(latenciesS, 95),
    missed,
  };
}
