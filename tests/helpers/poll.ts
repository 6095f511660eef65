/** Test helper: polls as the ingestion does, committing each successful poll as if its items were stored. */
import { type PollDeps, type PollOutcome, pollFeed, pollFeeds } from "../../functions/feeds/poller.js";
import type { FeedSource } from "../../functions/ports.js";

async function committed(outcome: PollOutcome): Promise<PollOutcome> {
  if (outcome.status === "ok") await outcome.commit();
  return outcome;
}

/** pollFeed, then the commit the ingestion makes once the items are stored. */
export async function pollAndCommit(feed: FeedSource, deps: PollDeps): Promise<PollOutcome> {
  return committed(await pollFeed(feed, deps));
}

/** pollFeeds, then each successful poll's commit. */
export async function pollAllAndCommit(
  feeds: FeedSource[],
  deps: PollDeps,
  concurrency?: number,
): Promise<PollOutcome[]> {
  return Promise.all((await pollFeeds(feeds, deps, concurrency)).map(committed));
}
