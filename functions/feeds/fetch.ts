/**
 * The polite, hardened HTTP GET behind every feed poll: conditional GET, compressed transfer,
 * connect and total timeouts, a streaming body cap, manual redirects with loop detection, and the
 * SSRF guard for links followed out of a feed. Uses Node's global fetch (undici).
 */
import { STATUS_CODES } from "node:http";
import type { Agent } from "undici";
import { assertPublicAddress, BlockedAddressError, guardedAgent, type Resolver } from "./ssrf.js";

/** Default body cap: large feeds are a few hundred KB; 5 MB leaves room and stops a 50 MB feed. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** Default time until response headers: connect, TLS and the server's own think time. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** Default time for the whole fetch, redirects and body included. */
export const DEFAULT_TOTAL_TIMEOUT_MS = 20_000;
/** Default number of redirects followed. */
export const DEFAULT_MAX_REDIRECTS = 5;
/** The User-Agent sent unless the caller gives one: names the project so publishers can reach it. */
export const DEFAULT_USER_AGENT = "StrikeWatch/0.1 (+https://github.com/strikewatch/strikewatch)";

const FEED_ACCEPT =
  "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5";

/** How to fetch: validators for a conditional GET, caps, timeouts and the SSRF guard. */
export interface FetchOptions {
  etag?: string;
  lastModified?: string;
  /** Streaming body cap in bytes (after decompression), default 5 MiB. */
  maxBytes?: number;
  /** Time until the response headers arrive, per hop; default 5 000 ms. */
  connectTimeoutMs?: number;
  /** Headers + whole body over all hops; default 20 000 ms. */
  totalTimeoutMs?: number;
  /** Default 5; a redirect back to a URL already seen is a loop. */
  maxRedirects?: number;
  /** Lets the SSRF guard pass loopback and private addresses: for tests only. */
  allowPrivateNetwork?: boolean;
  /**
   * Apply the SSRF guard to every hop: true for links followed out of a feed, false for configured
   * feed URLs. The guarded connection resolves and checks the host in its own lookup (pinned).
   */
  guard?: boolean;
  /** How the guard resolves names; the system resolver by default (tests give their own). */
  resolve?: Resolver;
  userAgent?: string;
  /** The Accept header; feed types by default. */
  accept?: string;
}

/** A fetched body, or "not modified" after a conditional GET. `bytes` counts the body as transferred. */
export type FetchResult =
  | { status: "not-modified"; url: string; finalUrl: string; bytes: number }
  | {
      status: "ok";
      url: string;
      finalUrl: string;
      body: Buffer;
      contentType?: string;
      etag?: string;
      lastModified?: string;
      bytes: number;
    };

/** A fetch that failed; the message names the URL and the reason, as users see it. */
export class FeedFetchError extends Error {
  readonly httpStatus?: number;
  /** How long the server asked us to wait (429 / 503 with Retry-After). */
  readonly retryAfterMs?: number;
  /** Body bytes received before the failure. */
  readonly bytes: number;

  constructor(
    readonly url: string,
    readonly reason: string,
    details: { httpStatus?: number; retryAfterMs?: number; bytes?: number } = {},
  ) {
    super(`${url}: ${reason}`);
    this.name = "FeedFetchError";
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    this.bytes = details.bytes ?? 0;
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host lookup failed (try again later)",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  UND_ERR_SOCKET: "connection closed by the server",
  UND_ERR_HEADERS_OVERFLOW: "response headers too large",
  CERT_HAS_EXPIRED: "TLS certificate expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed TLS certificate",
  ERR_TLS_CERT_ALTNAME_INVALID: "TLS certificate does not match the host",
  Z_DATA_ERROR: "body is not valid compressed data",
  Z_BUF_ERROR: "compressed body is truncated",
};

/** Parses Retry-After (delta seconds or an HTTP date) to milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function httpReason(status: number): string {
  return `HTTP ${status} ${STATUS_CODES[status] ?? "Unknown Status"}`;
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === "string") return NETWORK_ERRORS[code] ?? `network error ${code}`;
  return `network error: ${cause instanceof Error ? cause.message : String(cause)}`;
}

/** The guarded agents, one per resolver: the system's, or a test's. */
const agents = new Map<Resolver | undefined, Promise<Agent>>();

function agentFor(resolve: Resolver | undefined): Promise<Agent> {
  let agent = agents.get(resolve);
  if (!agent) {
    agent = guardedAgent(resolve);
    agents.set(resolve, agent);
  }
  return agent;
}

/** A GET through a guarded agent, with undici's own fetch (the agent and the fetch must be of one undici). */
async function guardedFetch(
  url: string,
  init: RequestInit,
  resolve: Resolver | undefined,
): Promise<Response> {
  const [{ fetch }, dispatcher] = await Promise.all([import("undici"), agentFor(resolve)]);
  return (await fetch(url, { ...(init as object), dispatcher })) as unknown as Response;
}

/** Drops a body we will not read, so undici can reuse or close the socket. */
async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function rejectOnAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * GETs a feed (or, with `guard`, a page linked from one). Resolves to the body or "not-modified";
 * throws FeedFetchError for every failure (HTTP status, timeout, size, redirects, blocked address,
 * network). Sockets are closed on every failure path, so a stalled server cannot hold the process.
 */
export async function fetchFeed(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const totalTimeoutMs = options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const headers: Record<string, string> = {
    Accept: options.accept ?? FEED_ACCEPT,
    "Accept-Encoding": "gzip, deflate, br",
    "User-Agent": options.userAgent ?? DEFAULT_USER_AGENT,
  };
  if (options.etag) headers["If-None-Match"] = options.etag;
  if (options.lastModified) headers["If-Modified-Since"] = options.lastModified;

  const controller = new AbortController();
  let abortReason: string | undefined;
  const abort = (reason: string) => {
    abortReason ??= reason;
    controller.abort(new Error(reason));
  };
  const totalTimer = setTimeout(() => abort(`timed out after ${totalTimeoutMs} ms`), totalTimeoutMs);
  let received = 0;
  const fail = (reason: string, details: { httpStatus?: number; retryAfterMs?: number } = {}) =>
    new FeedFetchError(url, reason, { ...details, bytes: received });

  try {
    let current = url;
    const seen = new Set<string>();
    for (let hop = 0; ; hop++) {
      let parsed: URL;
      try {
        parsed = new URL(current);
      } catch {
        throw fail(`invalid URL ${JSON.stringify(current.slice(0, 200))}`);
      }
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
        throw fail(
          `unsupported URL scheme ${parsed.protocol}${hop > 0 ? ` (redirected to ${current})` : ""}`,
        );
      }
      current = parsed.toString();
      seen.add(current);
      const guarded = options.guard === true && options.allowPrivateNetwork !== true;
      if (options.guard) {
        await rejectOnAbort(
          assertPublicAddress(current, {
            allowPrivateNetwork: options.allowPrivateNetwork ?? false,
            ...(options.resolve ? { resolve: options.resolve } : {}),
          }),
          controller.signal,
        );
      }

      const headerTimer = setTimeout(
        () => abort(`timed out after ${connectTimeoutMs} ms waiting for a response`),
        connectTimeoutMs,
      );
      let response: Response;
      try {
        // A guarded hop connects through the pinning agent: its lookup checks the address it connects to.
        const init: RequestInit = { headers, redirect: "manual", signal: controller.signal };
        response = guarded ? await guardedFetch(current, init, options.resolve) : await fetch(current, init);
      } finally {
        clearTimeout(headerTimer);
      }

      if (REDIRECTS.has(response.status)) {
        await discard(response);
        const location = response.headers.get("location");
        if (!location) throw fail(`${httpReason(response.status)} without a Location`);
        let next: string;
        try {
          next = new URL(location, current).toString();
        } catch {
          throw fail(`redirect to an invalid URL ${JSON.stringify(location.slice(0, 200))}`);
        }
        if (seen.has(next)) throw fail("redirect loop");
        if (hop + 1 > maxRedirects) throw fail(`too many redirects (${hop + 1})`);
        current = next;
        continue;
      }
      if (response.status === 304) {
        await discard(response);
        return { status: "not-modified", url, finalUrl: current, bytes: 0 };
      }
      if (response.status < 200 || response.status > 299) {
        await discard(response);
        const retryAfterMs =
          response.status === 429 || response.status === 503
            ? parseRetryAfter(response.headers.get("retry-after"))
            : undefined;
        const wait = retryAfterMs === undefined ? "" : ` (retry after ${Math.ceil(retryAfterMs / 1000)} s)`;
        throw fail(`${httpReason(response.status)}${wait}`, {
          httpStatus: response.status,
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        });
      }

      const declared = Number(response.headers.get("content-length") ?? Number.NaN);
      if (declared > maxBytes) {
        await discard(response);
        throw fail(`body exceeds ${maxBytes} bytes (Content-Length ${declared})`);
      }
      const chunks: Uint8Array[] = [];
      if (response.body) {
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          received += value.byteLength;
          if (received > maxBytes) {
            abort(`body exceeds ${maxBytes} bytes`);
            await reader.cancel().catch(() => undefined);
            throw fail(`body exceeds ${maxBytes} bytes`);
          }
          chunks.push(value);
        }
      }
      const compressed = response.headers.has("content-encoding") && Number.isFinite(declared);
      const result: FetchResult = {
        status: "ok",
        url,
        finalUrl: current,
        body: Buffer.concat(chunks),
        bytes: compressed ? declared : received,
      };
      const contentType = response.headers.get("content-type");
      const etag = response.headers.get("etag");
      const lastModified = response.headers.get("last-modified");
      if (contentType) result.contentType = contentType;
      if (etag) result.etag = etag;
      if (lastModified) result.lastModified = lastModified;
      return result;
    }
  } catch (error) {
    if (error instanceof FeedFetchError) throw error;
    if (abortReason) throw fail(abortReason);
    if (error instanceof BlockedAddressError) throw fail(error.reason);
    // Refused by the pinning agent's lookup: undici reports it as the cause of a failed fetch.
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof BlockedAddressError) throw fail(cause.reason);
    throw fail(describeNetworkError(error));
  } finally {
    clearTimeout(totalTimer);
  }
}
