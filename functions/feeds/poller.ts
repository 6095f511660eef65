/**
 * Polls feeds: conditional GET from the stored validators, decode, parse, and per-feed state
 * (health, backoff) in the FeedStateStore. One feed's failure never reaches another.
 */
import { createHash } from "node:crypto";
import type { FeedSource, FeedState, FeedStateStore } from "../ports.js";
import { nextPollAfterFailure } from "./backoff.js";
import { DEFAULT_PARSE_BUDGET_MS, ParseBudget } from "./budget.js";
import { decodeFeedBody } from "./decode.js";
import { FeedFetchError, type FetchOptions, fetchFeed } from "./fetch.js";
import { type ParsedFeed, parseFeedXml } from "./parse.js";
import { readTelegramChannel, type TelegramOptions, telegramChannelOf } from "./telegram.js";

export type { FeedSource } from "../ports.js";

/** What became of one feed in one poll. */
export type PollOutcome =
  | {
      feed: FeedSource;
      status: "ok";
      /** The feed with only the items not seen in the previous successful poll. */
      parsed: ParsedFeed;
      finalUrl: string;
      bytes: number;
      /** How many items were left out as already seen. */
      seen: number;
      /**
       * Saves the feed's new validators and seen items. Call it after the items are stored: a
       * poll whose items were not stored must fetch them again, not get a 304.
       */
      commit: () => Promise<void>;
    }
  | { feed: FeedSource; status: "not-modified"; bytes: number }
  | { feed: FeedSource; status: "skipped"; nextPollAt: string }
  | { feed: FeedSource; status: "error"; error: string; bytes: number };

/** What the poller needs: the state store, and clock, randomness and fetch options for tests. */
export interface PollDeps {
  state: FeedStateStore;
  now?: () => Date;
  fetchOptions?: FetchOptions;
  random?: () => number;
  /** Poll even when the feed is backing off (ignore nextPollAt). */
  force?: boolean;
  /** Time allowed to decode and parse one feed body, default DEFAULT_PARSE_BUDGET_MS. */
  parseBudgetMs?: number;
  /** How Telegram channels (feeds `https://t.me/s/<channel>`) are read: server, pages, age bound. */
  telegram?: TelegramOptions;
}

/** At most this many item fingerprints are kept per feed (a feed lists its latest items). */
export const MAX_SEEN_ITEMS = 200;

/** A short fingerprint of an item: its GUID, else its link, else its title and date. */
export function fingerprint(item: {
  guid?: string;
  link?: string;
  title?: string;
  isoDate?: string;
  pubDate?: string;
}): string {
  const key = item.guid || item.link || `${item.title ?? ""}|${item.isoDate ?? item.pubDate ?? ""}`;
  return createHash("sha256").update(key).digest("base64url").slice(0, 12);
}

/** How stale lastSuccessAt may grow on 304s before it is written again (the feeds-failing alarm looks back an hour). */
export const SUCCESS_REFRESH_MS = 30 * 60_000;

/** Default number of feeds fetched at once. */
export const DEFAULT_POLL_CONCURRENCY = 16;

function describe(error: unknown, url: string): string {
  if (error instanceof FeedFetchError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `${url}: ${message}`;
}

/**
 * Polls one feed unless it is backing off. Never throws: every failure, including the state
 * store's and a body that takes longer than its parse budget, becomes `status: "error"` with a
 * message that names the URL and the reason. Validators
 * and seen items of a 200 are stored by the outcome's `commit`, once its items are stored; a 304
 * only refreshes lastSuccessAt, at most every SUCCESS_REFRESH_MS while the feed is healthy.
 */
export async function pollFeed(feed: FeedSource, deps: PollDeps): Promise<PollOutcome> {
  const now = (deps.now ?? (() => new Date()))();
  let previous: FeedState | undefined;
  let bytes = 0;
  try {
    previous = await deps.state.get(feed.url);
    if (!deps.force && previous?.nextPollAt && Date.parse(previous.nextPollAt) > now.getTime()) {
      return { feed, status: "skipped", nextPollAt: previous.nextPollAt };
    }
    const base: FeedState = { consecutiveFailures: 0, ...previous, feedUrl: feed.url };
    const fetchOptions: FetchOptions = {
      ...deps.fetchOptions,
      ...(base.etag ? { etag: base.etag } : {}),
      ...(base.lastModified ? { lastModified: base.lastModified } : {}),
      ...(feed.maxBytes ? { maxBytes: feed.maxBytes } : {}),
    };
    // A Telegram channel is read from its web preview pages, fetched and parsed together (telegram.ts).
    const channel = telegramChannelOf(feed.url);
    const seenBefore = new Set(base.seenItems ?? []);
    const fetched = channel
      ? await readTelegramChannel(channel, {
          fetchOptions,
          isSeen: (item) => seenBefore.has(fingerprint(item)),
          now,
          ...(deps.telegram ? { telegram: deps.telegram } : {}),
          ...(deps.parseBudgetMs ? { parseBudgetMs: deps.parseBudgetMs } : {}),
        })
      : await fetchFeed(feed.url, fetchOptions);
    bytes = fetched.bytes;
    const healthy: FeedState = { ...base, lastSuccessAt: now.toISOString(), consecutiveFailures: 0 };
    delete healthy.nextPollAt;
    if (fetched.status === "not-modified") {
      // Most polls are 304s: write only when health changes or the last success grows stale, not every time.
      const fresh =
        base.consecutiveFailures === 0 &&
        base.lastSuccessAt !== undefined &&
        now.getTime() - Date.parse(base.lastSuccessAt) < SUCCESS_REFRESH_MS;
      if (!fresh) await deps.state.put(healthy);
      return { feed, status: "not-modified", bytes };
    }
    // The fetch has its own timeouts; decoding and parsing get a budget, so a hostile body fails this feed alone.
    let parsed: ParsedFeed;
    if ("parsed" in fetched) parsed = fetched.parsed;
    else {
      const budget = new ParseBudget(deps.parseBudgetMs ?? DEFAULT_PARSE_BUDGET_MS);
      const text = decodeFeedBody(fetched.body, fetched.contentType);
      budget.check();
      parsed = await parseFeedXml(text, fetched.finalUrl, { budget });
    }
    delete healthy.etag;
    delete healthy.lastModified;
    if (fetched.etag) healthy.etag = fetched.etag;
    if (fetched.lastModified) healthy.lastModified = fetched.lastModified;
    // Items the last stored poll already had cost a refused write each if stored again: leave them out.
    const before = new Set(base.seenItems ?? []);
    const prints = parsed.items.map(fingerprint);
    const fresh = parsed.items.filter((_, index) => !before.has(prints[index]!));
    healthy.seenItems = [...new Set(prints)].slice(0, MAX_SEEN_ITEMS);
    return {
      feed,
      status: "ok",
      parsed: { ...parsed, items: fresh },
      finalUrl: fetched.finalUrl,
      bytes,
      seen: parsed.items.length - fresh.length,
      commit: () => deps.state.put(healthy),
    };
  } catch (error) {
    if (error instanceof FeedFetchError) bytes = error.bytes;
    const message = describe(error, feed.url);
    const failures = (previous?.consecutiveFailures ?? 0) + 1;
    const retryAfterMs = error instanceof FeedFetchError ? error.retryAfterMs : undefined;
    const failed: FeedState = {
      ...previous,
      feedUrl: feed.url,
      consecutiveFailures: failures,
      lastErrorAt: now.toISOString(),
      lastError: message,
      nextPollAt: nextPollAfterFailure(failures, now, deps.random ?? Math.random, retryAfterMs).toISOString(),
    };
    try {
      await deps.state.put(failed);
    } catch (storeError) {
      const reason = storeError instanceof Error ? storeError.message : String(storeError);
      return { feed, status: "error", error: `${message} (feed state not saved: ${reason})`, bytes };
    }
    return { feed, status: "error", error: message, bytes };
  }
}

/**
 * Polls feeds with at most `concurrency` fetches in flight; outcomes are in the order of `feeds`.
 * Never throws. The run takes about ceil(feeds / concurrency) × the slowest fetch, whatever the
 * number of stalled servers, because each fetch is bounded by its total timeout.
 */
export async function pollFeeds(
  feeds: FeedSource[],
  deps: PollDeps,
  concurrency = DEFAULT_POLL_CONCURRENCY,
): Promise<PollOutcome[]> {
  const outcomes: PollOutcome[] = new Array(feeds.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < feeds.length; index = next++) {
      const feed = feeds[index];
      if (feed) outcomes[index] = await pollFeed(feed, deps);
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, feeds.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return outcomes;
}
