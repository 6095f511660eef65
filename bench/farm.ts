/**
 * A loopback farm of RSS feeds for the polling benchmarks: one node:http server on 127.0.0.1 that
 * serves N generated feeds (20 items, 20–60 KB each), gzip when asked, ETag + Last-Modified with
 * 304 on a matching conditional GET, after a fixed per-request latency. It counts what it writes
 * (status line, headers and body) per response, so two clients can be compared byte for byte.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { seededRandom } from "./stats.js";

const WORDS = `the a of in on and to was were said officials regional governor city district residents
emergency services reported attack strike overnight morning evening building apartment school hospital
energy infrastructure damaged destroyed fire rescue workers rubble police military administration
according statement telegram air defence shot down drones missiles launched ballistic cruise region
front line shelling artillery village town civilians killed injured wounded including children women
elderly man woman aged hospitalised condition serious moderate light ministry interior national
prosecutor investigation opened war crime council mayor head authorities evacuation power outage
heating water supply restored partially repairs continue talks negotiations ceasefire sanctions aid
package billion million european union united states allies parliament president minister foreign
defence security meeting summit agreement exports grain port shipping corridor market prices economy
budget tax reform court ruling election campaign opposition party vote poll survey percent analysts
experts warned expected next week month year since february began full scale invasion anniversary
memorial ceremony funeral mourning day declared local time kilometres north south east west border
forces troops advanced positions captured claimed denied report could not be independently verified`.split(
  /\s+/,
);

/** Escapes text for XML character data. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function sentence(random: () => number): string {
  const length = 8 + Math.floor(random() * 18);
  const words = Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)] ?? "the");
  const first = words[0] ?? "The";
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return `${words.join(" ")}.`;
}

/** One RSS item of about `bytes` bytes, the same for the same (feed, sequence). */
export function rssItem(feed: number, sequence: number, bytes: number): string {
  const random = seededRandom(feed * 1_000_003 + sequence);
  const paragraphs: string[] = [];
  let size = 0;
  while (size < bytes - 400) {
    const paragraph = Array.from({ length: 3 }, () => sentence(random)).join(" ");
    paragraphs.push(`<p>${paragraph}</p>`);
    size += paragraph.length + 7;
  }
  const title = sentence(random).slice(0, 90);
  const date = new Date(Date.UTC(2025, 0, 1) + sequence * 600_000).toUTCString();
  return (
    `<item><title>${xmlEscape(title)}</title><link>https://news.example.org/feed${feed}/${sequence}</link>` +
    `<guid isPermaLink="false">feed${feed}-${sequence}</guid><pubDate>${date}</pubDate>` +
    `<description><![CDATA[${paragraphs.join("")}]]></description></item>`
  );
}

/** An RSS 2.0 document around `items`. */
export function rssDocument(title: string, items: string[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${xmlEscape(title)}</title>` +
    `<link>https://news.example.org/</link><description>${xmlEscape(title)}</description><language>en</language>` +
    `${items.join("\n")}</channel></rss>\n`
  );
}

/** What the farm wrote since the counters were last reset. */
export interface FarmCounters {
  requests: number;
  ok: number;
  notModified: number;
  /** Bytes written to sockets: status lines, headers and bodies. */
  bytes: number;
}

interface Rendition {
  body: Buffer;
  gzip: Buffer;
  etag: string;
  lastModified: string;
  lastModifiedMs: number;
}

const ITEMS_PER_FEED = 20;
const EPOCH = Date.UTC(2025, 5, 1);

/** N feeds on one loopback server; `change` adds a new item to about a tenth of them. */
export class FeedFarm {
  readonly counters: FarmCounters = { requests: 0, ok: 0, notModified: 0, bytes: 0 };
  private readonly versions: number[];
  private readonly renditions = new Map<string, Rendition>();
  private server: Server | undefined;
  private base = "";

  constructor(
    readonly size = 500,
    readonly latencyMs = 20,
  ) {
    this.versions = new Array<number>(size).fill(0);
  }

  /** Listens on 127.0.0.1 (random port) with every feed rendered. */
  async start(): Promise<void> {
    for (let index = 0; index < this.size; index++) this.rendition(index);
    const server = createServer((req, res) => this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (!address || typeof address === "string") throw new Error("farm: no port");
    this.base = `http://127.0.0.1:${address.port}`;
  }

  /** The URL of feed `index`. */
  url(index: number): string {
    return `${this.base}/feed/${index}.xml`;
  }

  /** Every feed's URL, in index order. */
  urls(): string[] {
    return Array.from({ length: this.size }, (_, index) => this.url(index));
  }

  /** The body of feed `index` as served now (uncompressed). */
  body(index: number): Buffer {
    return this.rendition(index).body;
  }

  /** Puts every feed back to its first version. */
  reset(): void {
    this.versions.fill(0);
  }

  /** Zeroes the counters. */
  resetCounters(): void {
    Object.assign(this.counters, { requests: 0, ok: 0, notModified: 0, bytes: 0 });
  }

  /** Publishes one new item on the same ~10% of feeds for a given round; returns their indexes. */
  change(round: number): number[] {
    const changed: number[] = [];
    for (let index = 0; index < this.size; index++) {
      if ((index * 7 + round * 3) % 10 !== 0) continue;
      this.versions[index] = (this.versions[index] ?? 0) + 1;
      this.rendition(index);
      changed.push(index);
    }
    return changed;
  }

  /** Closes the server and its sockets. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private rendition(index: number): Rendition {
    const version = this.versions[index] ?? 0;
    const key = `${index}@${version}`;
    const cached = this.renditions.get(key);
    if (cached) return cached;
    // Feeds range over 20–60 KB; the spread is deterministic so every run serves the same bytes.
    const itemBytes = Math.round(((20 + ((index * 7919) % 38)) * 1024) / ITEMS_PER_FEED);
    const items = Array.from({ length: ITEMS_PER_FEED }, (_, k) =>
      rssItem(index, version + ITEMS_PER_FEED - 1 - k, itemBytes),
    );
    const body = Buffer.from(rssDocument(`Farm feed ${index}`, items));
    const lastModifiedMs = EPOCH + version * 3_600_000;
    const rendition: Rendition = {
      body,
      gzip: gzipSync(body),
      etag: `"f${index}-v${version}"`,
      lastModified: new Date(lastModifiedMs).toUTCString(),
      lastModifiedMs,
    };
    this.renditions.set(key, rendition);
    return rendition;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    const before = socket.bytesWritten;
    res.on("finish", () => {
      this.counters.requests++;
      this.counters.bytes += socket.bytesWritten - before;
      if (res.statusCode === 200) this.counters.ok++;
      if (res.statusCode === 304) this.counters.notModified++;
    });
    const match = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? "");
    const index = match ? Number(match[1]) : -1;
    setTimeout(() => {
      if (index < 0 || index >= this.size) {
        res.writeHead(404).end();
        return;
      }
      const feed = this.rendition(index);
      const validators = { ETag: feed.etag, "Last-Modified": feed.lastModified };
      const etag = req.headers["if-none-match"];
      const since = req.headers["if-modified-since"];
      const fresh =
        etag !== undefined
          ? etag.split(",").some((tag) => tag.trim() === feed.etag)
          : since !== undefined && Date.parse(since) >= feed.lastModifiedMs;
      if (fresh) {
        res.writeHead(304, validators).end();
        return;
      }
      const gzip = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
      const payload = gzip ? feed.gzip : feed.body;
      res.writeHead(200, {
        "Content-Type": "application/rss+xml; charset=utf-8",
        "Content-Length": payload.length,
        Vary: "Accept-Encoding",
        ...(gzip ? { "Content-Encoding": "gzip" } : {}),
        ...validators,
      });
      res.end(payload);
    }, this.latencyMs);
  }
}
