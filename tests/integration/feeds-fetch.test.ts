import { spawn } from "node:child_process";
import { promises as dns } from "node:dns";
import type { Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  DEFAULT_USER_AGENT,
  FeedFetchError,
  type FetchResult,
  fetchFeed,
  parseRetryAfter,
} from "../../functions/feeds/fetch.js";
import {
  type FixtureServer,
  type Handler,
  never,
  rssFeed,
  serve,
  startFixtureServer,
} from "../fixtures/feeds/server.js";

let srv: FixtureServer;
const FEED = rssFeed("kyiv");

beforeAll(async () => {
  srv = await startFixtureServer();
});

afterAll(async () => {
  await srv.close();
});

async function fetchError(url: string, options = {}): Promise<FeedFetchError> {
  const error = await fetchFeed(url, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FeedFetchError)) throw new Error(`expected a FeedFetchError, got ${String(error)}`);
  return error;
}

function okBody(result: FetchResult): string {
  if (result.status !== "ok") throw new Error(`expected ok, got ${result.status}`);
  return result.body.toString("utf8");
}

/** Resolves once the server-side socket of the last request to `path` is closed; rejects after `ms`. */
function socketClosed(path: string, ms = 2_000): Promise<void> {
  const socket = sockets.get(path);
  if (!socket) return Promise.reject(new Error(`no request to ${path}`));
  if (socket.closed) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket of ${path} still open after ${ms} ms`)), ms);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const sockets = new Map<string, Socket>();

/** Wraps a handler to remember the socket its request came on. */
function tracked(path: string, handler: Handler): Handler {
  return (req, res) => {
    sockets.set(path, req.socket);
    handler(req, res);
  };
}

describe("fetchFeed: success and conditional GET", () => {
  it("sends the feed Accept, compression and User-Agent headers and returns the validators", async () => {
    // Prepare
    srv.route("/plain", serve(FEED, { ETag: '"v1"', "Last-Modified": "Sat, 01 Feb 2025 10:00:00 GMT" }));

    // Act
    const result = await fetchFeed(srv.url("/plain"));

    // Assess
    expect(okBody(result)).toBe(FEED);
    expect(result).toMatchObject({
      status: "ok",
      finalUrl: srv.url("/plain"),
      etag: '"v1"',
      lastModified: "Sat, 01 Feb 2025 10:00:00 GMT",
      contentType: "application/rss+xml; charset=utf-8",
      bytes: Buffer.byteLength(FEED),
    });
    const headers = srv.requests.at(-1)?.headers;
    expect(headers?.["user-agent"]).toBe(DEFAULT_USER_AGENT);
    expect(headers?.["accept-encoding"]).toBe("gzip, deflate, br");
    expect(headers?.accept).toContain("application/rss+xml");
    expect(headers?.["if-none-match"]).toBeUndefined();
  });

  it("sends If-None-Match / If-Modified-Since and reports 304 as not-modified", async () => {
    srv.route("/conditional", (req, res) => {
      if (req.headers["if-none-match"] === '"v2"') res.writeHead(304).end();
      else serve(FEED, { ETag: '"v2"' })(req, res);
    });

    const result = await fetchFeed(srv.url("/conditional"), {
      etag: '"v2"',
      lastModified: "Sat, 01 Feb 2025 10:00:00 GMT",
    });

    expect(result).toEqual({
      status: "not-modified",
      url: srv.url("/conditional"),
      finalUrl: srv.url("/conditional"),
      bytes: 0,
    });
    expect(srv.requests.at(-1)?.headers["if-modified-since"]).toBe("Sat, 01 Feb 2025 10:00:00 GMT");
  });

  it.each([
    ["gzip", gzipSync],
    ["deflate", deflateSync],
    ["br", brotliCompressSync],
  ])("decompresses %s and counts the compressed bytes", async (encoding, compress) => {
    const packed = compress(Buffer.from(FEED.repeat(20)));
    srv.route(
      `/enc-${encoding}`,
      serve(packed, { "Content-Encoding": encoding, "Content-Length": packed.length }),
    );

    const result = await fetchFeed(srv.url(`/enc-${encoding}`));

    expect(okBody(result)).toBe(FEED.repeat(20));
    expect(result.bytes).toBe(packed.length);
  });
});

describe("fetchFeed: HTTP errors", () => {
  it("names the URL and the status", async () => {
    const error = await fetchError(srv.url("/missing"));
    expect(error.message).toBe(`${srv.url("/missing")}: HTTP 404 Not Found`);
    expect(error.httpStatus).toBe(404);
    expect(error.retryAfterMs).toBeUndefined();
  });

  it("takes Retry-After in seconds from a 429", async () => {
    srv.route("/busy", (_req, res) => res.writeHead(429, { "Retry-After": "120" }).end());

    const error = await fetchError(srv.url("/busy"));

    expect(error.reason).toBe("HTTP 429 Too Many Requests (retry after 120 s)");
    expect(error.retryAfterMs).toBe(120_000);
  });

  it("takes Retry-After as an HTTP date from a 503", async () => {
    const at = new Date(Date.now() + 3_600_000).toUTCString();
    srv.route("/down", (_req, res) => res.writeHead(503, { "Retry-After": at }).end());

    const error = await fetchError(srv.url("/down"));

    expect(error.httpStatus).toBe(503);
    expect(error.retryAfterMs).toBeGreaterThan(3_590_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(3_600_000);
  });

  it("parses Retry-After forms and ignores garbage", () => {
    const now = Date.parse("2025-02-01T10:00:00Z");
    expect(parseRetryAfter("30", now)).toBe(30_000);
    expect(parseRetryAfter("Sat, 01 Feb 2025 10:05:00 GMT", now)).toBe(300_000);
    expect(parseRetryAfter("Sat, 01 Feb 2025 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("fetchFeed: redirects", () => {
  it("follows relative redirects and reports the final URL", async () => {
    srv.route("/old", (_req, res) => res.writeHead(301, { Location: "/moved" }).end());
    srv.route("/moved", (_req, res) => res.writeHead(307, { Location: `${srv.url("/plain-2")}` }).end());
    srv.route("/plain-2", serve(FEED));

    const result = await fetchFeed(srv.url("/old"));

    expect(okBody(result)).toBe(FEED);
    expect(result.finalUrl).toBe(srv.url("/plain-2"));
    expect(result.url).toBe(srv.url("/old"));
  });

  it("detects a redirect loop", async () => {
    srv.route("/loop-a", (_req, res) => res.writeHead(302, { Location: "/loop-b" }).end());
    srv.route("/loop-b", (_req, res) => res.writeHead(302, { Location: "/loop-a" }).end());

    const error = await fetchError(srv.url("/loop-a"));

    expect(error.message).toBe(`${srv.url("/loop-a")}: redirect loop`);
  });

  it("stops after five redirects", async () => {
    for (let i = 0; i < 10; i++) {
      srv.route(`/hop-${i}`, (_req, res) => res.writeHead(302, { Location: `/hop-${i + 1}` }).end());
    }

    srv.route("/hop-10", serve(FEED));

    const error = await fetchError(srv.url("/hop-0"));
    const fiveHops = await fetchFeed(srv.url("/hop-5"));

    expect(error.reason).toBe("too many redirects (6)");
    expect(fiveHops.finalUrl).toBe(srv.url("/hop-10"));
  });

  it("refuses a redirect to a non-http scheme", async () => {
    srv.route("/to-file", (_req, res) => res.writeHead(302, { Location: "file:///etc/passwd" }).end());

    const error = await fetchError(srv.url("/to-file"));

    expect(error.reason).toBe("unsupported URL scheme file: (redirected to file:///etc/passwd)");
  });

  it("guards every hop: a public first hop redirecting to a private address is blocked before connecting", async () => {
    // The first hop is our loopback server presented as public; the second hop is never contacted.
    const realLookup = dns.lookup.bind(dns);
    vi.spyOn(dns, "lookup").mockImplementation((async (host: string, options: object) =>
      host === "127.0.0.1" ? [{ address: "93.184.216.34", family: 4 }] : realLookup(host, options)) as never);
    srv.route("/to-private", (_req, res) => res.writeHead(302, { Location: "http://10.0.0.5/feed" }).end());

    const error = await fetchError(srv.url("/to-private"), { guard: true });

    expect(error.reason).toBe("blocked address 10.0.0.5 (private)");
    expect(srv.requests.at(-1)?.path).toBe("/to-private");
  });

  it("guards the first hop too", async () => {
    srv.route("/guarded", serve(FEED));

    const blocked = await fetchError(srv.url("/guarded"), { guard: true });
    const allowed = await fetchFeed(srv.url("/guarded"), { guard: true, allowPrivateNetwork: true });

    expect(blocked.reason).toBe("blocked address 127.0.0.1 (loopback)");
    expect(allowed.status).toBe("ok");
  });
});

describe("fetchFeed: caps and timeouts", () => {
  it("refuses early when Content-Length is over the cap", async () => {
    srv.route("/big-declared", serve("x".repeat(50_000), { "Content-Length": 50_000 }));

    const error = await fetchError(srv.url("/big-declared"), { maxBytes: 10_000 });

    expect(error.reason).toBe("body exceeds 10000 bytes (Content-Length 50000)");
  });

  it("aborts a chunked body once it passes the cap and closes the socket", async () => {
    let written = 0;
    srv.route(
      "/big-stream",
      tracked("/big-stream", (_req, res) => {
        res.writeHead(200, { "Content-Type": "application/rss+xml" });
        const timer = setInterval(() => {
          res.write("y".repeat(16_384));
          written += 16_384;
        }, 5);
        res.on("close", () => clearInterval(timer));
      }),
    );

    const error = await fetchError(srv.url("/big-stream"), { maxBytes: 100_000 });

    expect(error.reason).toBe("body exceeds 100000 bytes");
    expect(error.bytes).toBeGreaterThan(100_000);
    await socketClosed("/big-stream");
    expect(written).toBeLessThan(1_000_000);
  });

  it("times out a server that never answers and leaves no socket open", async () => {
    srv.route("/never", tracked("/never", never));
    const started = Date.now();

    const error = await fetchError(srv.url("/never"), { connectTimeoutMs: 300, totalTimeoutMs: 5_000 });

    expect(error.reason).toBe("timed out after 300 ms waiting for a response");
    expect(Date.now() - started).toBeLessThan(2_000);
    await socketClosed("/never");
  });

  it("times out a body that trickles past the total timeout", async () => {
    srv.route(
      "/trickle",
      tracked("/trickle", (_req, res) => {
        res.writeHead(200, { "Content-Type": "application/rss+xml" });
        res.write("<rss>");
        const timer = setInterval(() => res.write("<!-- still here -->"), 50);
        res.on("close", () => clearInterval(timer));
      }),
    );
    const started = Date.now();

    const error = await fetchError(srv.url("/trickle"), { connectTimeoutMs: 300, totalTimeoutMs: 600 });

    expect(error.message).toBe(`${srv.url("/trickle")}: timed out after 600 ms`);
    expect(error.bytes).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(2_000);
    await socketClosed("/trickle");
  });

  it("reports a refused connection", async () => {
    const closed = await startFixtureServer();
    const url = closed.url("/feed");
    await closed.close();

    const error = await fetchError(url);

    expect(error.reason).toBe("connection refused");
  });

  it("lets the process exit after a timeout against a server that never answers", async () => {
    srv.route("/never-child", never);
    const child = fileURLToPath(new URL("../fixtures/feeds/fetch-child.ts", import.meta.url));
    const started = Date.now();

    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const proc = spawn(process.execPath, ["--import", "tsx", child, srv.url("/never-child")], {
        cwd: fileURLToPath(new URL("../..", import.meta.url)),
        stdio: ["ignore", "pipe", "inherit"],
      });
      let out = "";
      const killer = setTimeout(() => proc.kill("SIGKILL"), 15_000);
      proc.stdout.on("data", (chunk) => {
        out += chunk;
      });
      proc.on("error", reject);
      proc.on("exit", (exitCode) => {
        clearTimeout(killer);
        resolve({ code: exitCode, stdout: out });
      });
    });

    expect(code).toBe(0);
    expect(stdout).toContain("timed out after 300 ms waiting for a response");
    expect(Date.now() - started).toBeLessThan(12_000);
  });
});
