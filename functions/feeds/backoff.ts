/**
 * When to try a failing feed again: exponential backoff with equal jitter, capped, and never
 * sooner than the server's Retry-After. Pure.
 */

/** The first retry delay: about one poll interval. */
export const BACKOFF_BASE_MS = 5 * 60_000;
/** The longest a failing feed waits between tries; it keeps being tried at this pace. */
export const BACKOFF_CAP_MS = 6 * 60 * 60_000;
/** The longest Retry-After honoured, so a misconfigured server cannot silence a feed for weeks. */
export const RETRY_AFTER_CAP_MS = 24 * 60 * 60_000;

/**
 * The time of the next poll after `consecutiveFailures` failures in a row (1 for the first):
 * base × 2^(n−1), capped, with equal jitter (half fixed, half random) so a failing feed never
 * retries at once and a burst of failures spreads out. A longer Retry-After wins.
 */
export function nextPollAfterFailure(
  consecutiveFailures: number,
  now: Date,
  random: () => number,
  retryAfterMs?: number,
): Date {
  const exponent = Math.min(Math.max(consecutiveFailures, 1) - 1, 30);
  const delay = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** exponent);
  const jittered = delay / 2 + (clamp(random(), 0, 1) * delay) / 2;
  const serverWait = clamp(retryAfterMs ?? 0, 0, RETRY_AFTER_CAP_MS);
  return new Date(now.getTime() + Math.round(Math.max(jittered, serverWait)));
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, min), max) : min;
}
