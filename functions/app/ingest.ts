/**
 * Ingestion, shared by the poll Lambda and the local runner: read feeds through a FeedFetcher and
 * store each article whose id is new. One bad feed never stops the others.
 */
import type { Article } from "../core/article.js";
import type { ArticleStore, FeedBatch, FeedFetcher, FeedSource } from "../ports.js";

/** What one ingestion run did, per feed and in total. */
export interface IngestReport {
  /** Articles created by this run, in feed order. */
  stored: Array<{ article: Article; feed: FeedSource }>;
  /** Articles whose id was already stored. */
  known: number;
  feedErrors: Array<{ feed: FeedSource; error: string }>;
  itemErrors: Array<{ feed: FeedSource; error: string }>;
  batches: FeedBatch[];
}

/**
 * Reads `feeds` and stores new articles, then commits each feed's poll (validators, seen items).
 * Store failures propagate before the commit, so the caller's retry fetches the same items again.
 */
export async function ingestFeeds(
  feeds: FeedSource[],
  deps: { fetcher: FeedFetcher; articles: ArticleStore },
): Promise<IngestReport> {
  const batches = await deps.fetcher.read(feeds);
  const report: IngestReport = { stored: [], known: 0, feedErrors: [], itemErrors: [], batches };
  for (const batch of batches) {
    if (batch.status === "error") report.feedErrors.push({ feed: batch.feed, error: batch.error });
    if (batch.status !== "ok") continue;
    for (const error of batch.itemErrors) report.itemErrors.push({ feed: batch.feed, error });
    for (const article of batch.articles) {
      if (await deps.articles.putNew(article)) report.stored.push({ article, feed: batch.feed });
      else report.known += 1;
    }
    report.known += batch.seen ?? 0;
    // Only now may the feed answer 304: had a put failed, the next poll must fetch these items again.
    await batch.commit?.();
  }
  return report;
}
