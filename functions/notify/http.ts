/**
 * One HTTPS POST to a subscriber's destination, through the SSRF guard of functions/feeds/ssrf.ts:
 * the host must resolve to public addresses only, checked in the socket's own lookup (no DNS
 * rebinding between check and connect). No redirect is followed (a webhook that redirects is
 * misconfigured, and following it would leave the checked host). Errors never carry the URL: a
 * webhook's URL is its credential.
 */
import { request as httpRequest, STATUS_CODES } from "node:http";
import { request as httpsRequest } from "node:https";
import { DEFAULT_USER_AGENT } from "../feeds/fetch.js";
import { assertPublicAddress, BlockedAddressError, guardedLookup, type Resolver } from "../feeds/ssrf.js";

/** What came back: the status, the headers a retry needs, and the start of the body. */
export interface PostResponse {
  status: number;
  retryAfter?: string;
  /** At most 16 KB of the body (Telegram's and Discord's error JSON). */
  body: string;
}

/** Sends one request; resolves with any HTTP status, rejects on network errors with PostError. */
export type Transport = (
  url: string,
  request: { headers: Record<string, string>; body: string },
) => Promise<PostResponse>;

/** A POST that got no HTTP answer; `reason` is safe to log (no URL). */
export class PostError extends Error {
  constructor(
    readonly reason: string,
    readonly retryable: boolean,
  ) {
    super(reason);
    this.name = "PostError";
  }
}

/** How the guarded transport behaves. */
export interface TransportOptions {
  /** Let loopback and private addresses through (tests and a local receiver; never deployed). */
  allowPrivateNetwork?: boolean;
  resolve?: Resolver;
  /** Per request, connect to last byte (default 8 s). */
  timeoutMs?: number;
}

const MAX_BODY = 16 * 1024;

/** The transport the notifier uses: node:http(s) with the guarded lookup. */
export function guardedTransport(options: TransportOptions = {}): Transport {
  const timeoutMs = options.timeoutMs ?? 8_000;
  return async (url, { headers, body }) => {
    try {
      await assertPublicAddress(url, {
        allowPrivateNetwork: options.allowPrivateNetwork ?? false,
        ...(options.resolve ? { resolve: options.resolve } : {}),
      });
    } catch (error) {
      if (error instanceof BlockedAddressError) {
        // The reason names the address class, not the URL.
        throw new PostError(`refused: ${error.reason.replace(/^.*?: /, "")}`, false);
      }
      throw new PostError(
        `name resolution failed (${(error as NodeJS.ErrnoException).code ?? "error"})`,
        true,
      );
    }
    const target = new URL(url);
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const payload = Buffer.from(body);
    return new Promise<PostResponse>((resolve, reject) => {
      const req = send(
        target,
        {
          method: "POST",
          headers: {
            "User-Agent": DEFAULT_USER_AGENT,
            "Content-Type": "application/json; charset=utf-8",
            "Content-Length": String(payload.length),
            ...headers,
          },
          timeout: timeoutMs,
          ...(options.allowPrivateNetwork ? {} : { lookup: guardedLookup(options.resolve) }),
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on("data", (chunk: Buffer) => {
            if (size < MAX_BODY) chunks.push(chunk);
            size += chunk.length;
          });
          response.on("end", () => {
            const retryAfter = response.headers["retry-after"];
            resolve({
              status: response.statusCode ?? 0,
              ...(retryAfter ? { retryAfter: String(retryAfter) } : {}),
              body: Buffer.concat(chunks).toString("utf8").slice(0, MAX_BODY),
            });
          });
          response.on("error", (error) => reject(networkError(error)));
        },
      );
      const timer = setTimeout(
        () => req.destroy(new PostError(`timed out after ${timeoutMs} ms`, true)),
        timeoutMs,
      );
      req.on("timeout", () => req.destroy(new PostError(`timed out after ${timeoutMs} ms`, true)));
      req.on("error", (error) => reject(networkError(error)));
      req.on("close", () => clearTimeout(timer));
      req.end(payload);
    });
  };
}

function networkError(error: unknown): PostError {
  if (error instanceof PostError) return error;
  if (error instanceof BlockedAddressError) return new PostError(`refused: ${error.reason}`, false);
  const code = (error as NodeJS.ErrnoException).code;
  return new PostError(`network error ${code ?? "(no code)"}`, true);
}

/** "HTTP 503 Service Unavailable" */
export function httpReason(status: number): string {
  return `HTTP ${status} ${STATUS_CODES[status] ?? "Unknown Status"}`;
}
