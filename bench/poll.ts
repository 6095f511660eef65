/**
 * Polling benchmark: StrikeWatch's poller (conditional GET, gzip, 16 at a time) against a naive
 * cron-style poller (rss-parser's parseURL, one feed after another, unconditional, uncompressed)
 * over the same loopback farm, the same rounds and the same feed changes between rounds.
 */
import Parser from "rss-parser";
import { pollFeeds } from "../functions/feeds/poller.js";
import { MemoryFeedStateStore } from "../tests/fixtures/feeds/server.js";
import type { FeedFarm } from "./farm.js";

/** One round of one client, as the farm saw it. */
export interface PollRound {
  wallMs: number;
  requests: number;
  ok: number;
  notModified: number;
  bytes: number;
}

/** Both clients over the same rounds; ratios are StrikeWatch / naive (lower is better). */
export interface PollComparison {
  strikewatch: PollRound[];
  naive: PollRound[];
  wallRatio: number;
  bytesRatio: number;
  /** Share of StrikeWatch's requests answered 304 after the first round. */
  rate304: number;
}

async function rounds(farm: FeedFarm, count: number, poll: () => Promise<void>): Promise<PollRound[]> {
  farm.reset();
  const result: PollRound[] = [];
  for (let round = 0; round < count; round++) {
    if (round > 0) farm.change(round);
    farm.resetCounters();
    const started = performance.now();
    await poll();
    result.push({ wallMs: performance.now() - started, ...farm.counters });
  }
  return result;
}

const sum = (values: PollRound[], key: keyof PollRound) =>
  values.reduce((total, value) => total + value[key], 0);

/** Polls every feed of `farm` `count` times with each client. Throws when a client fails a feed. */
export async function comparePolling(farm: FeedFarm, count = 3, concurrency = 16): Promise<PollComparison> {
  const feeds = farm.urls().map((url) => ({ url }));
  const state = new MemoryFeedStateStore();
  const strikewatch = await rounds(farm, count, async () => {
    const outcomes = await pollFeeds(feeds, { state, force: true }, concurrency);
    const failed = outcomes.find((outcome) => outcome.status === "error");
    if (failed?.status === "error") throw new Error(`StrikeWatch poller failed: ${failed.error}`);
    // As ingestion does once the items are stored: save validators and seen items.
    await Promise.all(outcomes.map((outcome) => (outcome.status === "ok" ? outcome.commit() : undefined)));
  });
  const parser = new Parser();
  const naive = await rounds(farm, count, async () => {
    for (const { url } of feeds) await parser.parseURL(url);
  });
  const later = strikewatch.slice(1);
  return {
    strikewatch,
    naive,
    wallRatio: sum(strikewatch, "wallMs") / sum(naive, "wallMs"),
    bytesRatio: sum(strikewatch, "bytes") / sum(naive, "bytes"),
    rate304: sum(later, "notModified") / Math.max(1, sum(later, "requests")),
  };
}
