/**
 * Ingestion, shared by the poll Lambda and the local runner: read feeds through a FeedFetcher and
 * store each article whose id is new. One bad feed never stops the others, and one bad item never
 * stops its feed.
 */
import type { Article } from "../core/article.js";
import {
  ArticleRejectedError,
  type ArticleStore,
  type FeedBatch,
  type FeedFetcher,
  type FeedSource,
} from "../ports.js";
import { MAX_ARTICLE_ITEM_BYTES } from "../tables.js";

/** What one ingestion run did, per feed and in total. */
export interface IngestReport {
  /** Articles created by this run, in feed order; `backfill` when stored by the feed's first poll. */
  stored: Array<{ article: Article; feed: FeedSource; backfill: boolean }>;
  /** Articles whose id was already stored. */
  known: number;
  /** Articles stored with their body cut to fit the store's item size. */
  truncated: number;
  feedErrors: Array<{ feed: FeedSource; error: string }>;
  itemErrors: Array<{ feed: FeedSource; error: string }>;
  batches: FeedBatch[];
}

/** How to ingest. */
export interface IngestOptions {
  /**
   * Store the articles of a feed's first successful poll as a backfill (merged, never alerted).
   * On for deployments and the runner; off for a replay of archives.
   */
  backfillFirstPoll?: boolean;
}

/** The line that ends a cut body; the article keeps its first paragraphs and says it was cut. */
export function truncationMarker(keptBytes: number, totalBytes: number): string {
  return `[StrikeWatch: article cut to ${keptBytes.toLocaleString("en-US")} of ${totalBytes.toLocaleString("en-US")} bytes to fit the store]`;
}

/** `text` cut to at most `maxBytes` of UTF-8, at a paragraph break when one is near, else a space, never inside a character. */
function cutUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return text;
  // Decoding a prefix may end in half a character: drop the replacement character it turns into.
  const prefix = bytes
    .subarray(0, Math.max(0, maxBytes))
    .toString("utf8")
    .replace(/\uFFFD$/, "");
  const paragraph = prefix.lastIndexOf("\n");
  if (paragraph >= prefix.length * 0.8) return prefix.slice(0, paragraph);
  const space = prefix.lastIndexOf(" ");
  return space >= prefix.length * 0.9 ? prefix.slice(0, space) : prefix;
}

/** Longest title or author kept when an item would not fit otherwise. */
const MAX_SHORT_FIELD = 1000;

/**
 * The article made to fit an item of at most `maxItemBytes`: the body is cut (with a marker line)
 * so that the whole article, as JSON, fits; an absurdly long title or author is cut too. Items
 * that fit are returned as they are. JSON overstates DynamoDB's own measure, so this errs safe.
 */
export function fitArticle(
  article: Article,
  maxItemBytes = MAX_ARTICLE_ITEM_BYTES,
): { article: Article; truncated: boolean } {
  const size = (value: Article) => Buffer.byteLength(JSON.stringify(value), "utf8");
  if (size(article) <= maxItemBytes) return { article, truncated: false };
  let fitted: Article = { ...article, body: "" };
  for (const field of ["title", "author"] as const) {
    const value = fitted[field];
    if (value && value.length > MAX_SHORT_FIELD)
      fitted = { ...fitted, [field]: `${value.slice(0, MAX_SHORT_FIELD)}…` };
  }
  const totalBytes = Buffer.byteLength(article.body, "utf8");
  // Room for the body: what the rest takes, the marker, and JSON's escapes (a quote or newline costs two bytes).
  const marker = truncationMarker(totalBytes, totalBytes);
  let room = maxItemBytes - size(fitted) - Buffer.byteLength(marker) - 64;
  for (;;) {
    const kept = cutUtf8(article.body, Math.max(0, room));
    const body = `${kept}\n${truncationMarker(Buffer.byteLength(kept, "utf8"), totalBytes)}`;
    const candidate = { ...fitted, body };
    const over = size(candidate) - maxItemBytes;
    if (over <= 0 || room <= 0) return { article: candidate, truncated: true };
    room -= over;
  }
}

/**
 * Reads `feeds` and stores new articles, then commits each feed's poll (validators, seen items).
 * An article the store refuses for what it is becomes an item error and the feed goes on; any
 * other store failure propagates before the commit, so the caller's retry fetches the same items.
 */
export async function ingestFeeds(
  feeds: FeedSource[],
  deps: { fetcher: FeedFetcher; articles: ArticleStore },
  options: IngestOptions = {},
): Promise<IngestReport> {
  const batches = await deps.fetcher.read(feeds);
  const report: IngestReport = {
    stored: [],
    known: 0,
    truncated: 0,
    feedErrors: [],
    itemErrors: [],
    batches,
  };
  for (const batch of batches) {
    if (batch.status === "error") report.feedErrors.push({ feed: batch.feed, error: batch.error });
    if (batch.status !== "ok") continue;
    for (const error of batch.itemErrors) report.itemErrors.push({ feed: batch.feed, error });
    const backfill = options.backfillFirstPoll === true && batch.firstPoll === true;
    for (const item of batch.articles) {
      const { article, truncated } = fitArticle(item);
      try {
        if (await deps.articles.putNew(article, { backfill })) {
          report.stored.push({ article, feed: batch.feed, backfill });
          if (truncated) report.truncated += 1;
        } else report.known += 1;
      } catch (error) {
        if (!(error instanceof ArticleRejectedError)) throw error;
        report.itemErrors.push({ feed: batch.feed, error: error.message });
      }
    }
    report.known += batch.seen ?? 0;
    // Only now may the feed answer 304: had a put failed, the next poll must fetch these items again.
    await batch.commit?.();
  }
  return report;
}
