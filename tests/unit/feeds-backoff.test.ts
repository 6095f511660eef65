import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  nextPollAfterFailure,
  RETRY_AFTER_CAP_MS,
} from "../../functions/feeds/backoff.js";

const NOW = new Date("2025-02-01T12:00:00Z");

function delayMs(failures: number, random: number, retryAfterMs?: number): number {
  return nextPollAfterFailure(failures, NOW, () => random, retryAfterMs).getTime() - NOW.getTime();
}

describe("nextPollAfterFailure", () => {
  it("starts at about one poll interval and doubles", () => {
    expect([1, 2, 3, 4].map((n) => delayMs(n, 1))).toEqual([1, 2, 4, 8].map((k) => k * BACKOFF_BASE_MS));
  });

  it("applies equal jitter: half the delay is fixed", () => {
    expect(delayMs(1, 0)).toBe(BACKOFF_BASE_MS / 2);
    expect(delayMs(3, 0.5)).toBe(0.75 * 4 * BACKOFF_BASE_MS);
  });

  it("caps at six hours and keeps trying at that pace", () => {
    expect(delayMs(8, 1)).toBe(BACKOFF_CAP_MS);
    expect(delayMs(1_000, 1)).toBe(BACKOFF_CAP_MS);
    expect(delayMs(1_000, 0)).toBe(BACKOFF_CAP_MS / 2);
  });

  it("lets a longer Retry-After win, and ignores a shorter one", () => {
    expect(delayMs(1, 1, 3 * 3_600_000)).toBe(3 * 3_600_000);
    expect(delayMs(5, 1, 1_000)).toBe(16 * BACKOFF_BASE_MS);
  });

  it("bounds a Retry-After of weeks to a day", () => {
    expect(delayMs(1, 1, 30 * 86_400_000)).toBe(RETRY_AFTER_CAP_MS);
  });

  it("treats zero or negative failure counts and bad randomness as the first failure", () => {
    expect(delayMs(0, 1)).toBe(BACKOFF_BASE_MS);
    expect(delayMs(-3, 1)).toBe(BACKOFF_BASE_MS);
    expect(delayMs(1, Number.NaN)).toBe(BACKOFF_BASE_MS / 2);
    expect(delayMs(1, 7)).toBe(BACKOFF_BASE_MS);
  });

  it("is always in the future, within [delay/2, delay], and never below the Retry-After", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 2 * RETRY_AFTER_CAP_MS }), { nil: undefined }),
        (failures, random, retryAfterMs) => {
          const full = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (failures - 1));
          const delay = delayMs(failures, random, retryAfterMs);
          expect(delay).toBeGreaterThanOrEqual(
            Math.max(full / 2, Math.min(retryAfterMs ?? 0, RETRY_AFTER_CAP_MS)),
          );
          expect(delay).toBeLessThanOrEqual(Math.max(full, RETRY_AFTER_CAP_MS));
          expect(delay).toBeGreaterThan(0);
        },
      ),
    );
  });
});
