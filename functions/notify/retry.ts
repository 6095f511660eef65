/**
 * Sending with retries: exponential backoff with equal jitter on 429, 5xx, 408 and network
 * errors, never sooner than the service's Retry-After (the header, or Telegram's and Discord's
 * `retry_after` in the body), bounded in attempts and in how long one wait may be. A wait longer
 * than the bound gives up now: the batch is retried later by its queue, which waits anyway.
 */
import { parseRetryAfter } from "../feeds/fetch.js";
import { httpReason, PostError, type PostResponse } from "./http.js";

/** How hard to try one destination. */
export interface RetryPolicy {
  /** Attempts in all, the first included (default 4). */
  maxAttempts: number;
  /** The first backoff (default 500 ms); doubled per retry, with equal jitter. */
  baseMs: number;
  /** The longest backoff (default 8 s). */
  capMs: number;
  /** The longest wait honoured (Retry-After included); a longer one gives up (default 15 s). */
  maxWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseMs: 500,
  capMs: 8_000,
  maxWaitMs: 15_000,
};

/** What trying one destination came to. */
export type SendOutcome =
  | { ok: true; attempts: number; status: number }
  | { ok: false; attempts: number; error: string; retryable: boolean };

/** Clocks and randomness, injectable so tests wait no real time. */
export interface RetryEnvironment {
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export const realEnvironment: RetryEnvironment = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** The wait before retry `retry` (1 for the first): base × 2^(retry−1), capped, half of it jittered. */
export function backoffMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const delay = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(delay / 2 + (Math.min(Math.max(random(), 0), 1) * delay) / 2);
}

/** The wait a response asks for: Retry-After, else a JSON `retry_after` (Discord: seconds; Telegram: parameters.retry_after). */
export function requestedWaitMs(response: PostResponse): number | undefined {
  const header = parseRetryAfter(response.retryAfter ?? null);
  if (header !== undefined) return header;
  try {
    const json = JSON.parse(response.body) as {
      retry_after?: unknown;
      parameters?: { retry_after?: unknown };
    };
    const seconds = json.parameters?.retry_after ?? json.retry_after;
    return typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0
      ? Math.ceil(seconds * 1000)
      : undefined;
  } catch {
    return undefined;
  }
}

const retryableStatus = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * Calls `attempt` until it answers 2xx, a status not worth retrying, or the policy's bound.
 * Never throws: the outcome says what happened, in words safe to log.
 */
export async function sendWithRetry(
  attempt: () => Promise<PostResponse>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  environment: RetryEnvironment = realEnvironment,
): Promise<SendOutcome> {
  for (let attempts = 1; ; attempts += 1) {
    let error: string;
    let wait: number | undefined;
    let retryable: boolean;
    try {
      const response = await attempt();
      if (response.status >= 200 && response.status < 300)
        return { ok: true, attempts, status: response.status };
      retryable = retryableStatus(response.status);
      error = httpReason(response.status);
      wait = retryable ? requestedWaitMs(response) : undefined;
    } catch (caught) {
      retryable = caught instanceof PostError ? caught.retryable : true;
      error = caught instanceof PostError ? caught.reason : `error: ${(caught as Error).name}`;
    }
    if (!retryable) return { ok: false, attempts, error, retryable: false };
    if (attempts >= policy.maxAttempts)
      return { ok: false, attempts, error: `${error} after ${attempts} attempts`, retryable: true };
    if (wait !== undefined && wait > policy.maxWaitMs)
      return {
        ok: false,
        attempts,
        error: `${error}; asked to wait ${Math.ceil(wait / 1000)} s, longer than ${policy.maxWaitMs / 1000} s`,
        retryable: true,
      };
    await environment.sleep(Math.max(backoffMs(attempts, policy, environment.random), wait ?? 0));
  }
}
