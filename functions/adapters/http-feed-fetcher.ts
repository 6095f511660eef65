/**
 * FeedFetcher over HTTP: polls feeds with the hardened poller (conditional GET, caps, backoff),
 * normalizes their items, and for `fullText` feeds replaces each summary with the page's main text.
 */
import type { Article } from "../core/article.js";
import { type FeedInfo, ItemNormalizeError, normalizeItem } from "../core/normalize.js";
import { type PollDeps, pollFeeds } from "../feeds/poller.js";
import type { FeedBatch, FeedFetcher, FeedSource } from "../ports.js";

/** Options of the HTTP fetcher: the poller's dependencies plus how many feeds to poll at once. */
export interface HttpFeedFetcherOptions extends PollDeps {
  concurrency?: number;
}

/** Reads feeds over HTTP(S). */
export class HttpFeedFetcher implements FeedFetcher {
  constructor(private readonly options: HttpFeedFetcherOptions) {}

  async read(feeds: FeedSource[]): Promise<FeedBatch[]> {
    const now = this.options.now ?? (() => new Date());
    const outcomes = await pollFeeds(feeds, this.options, this.options.concurrency);
    const batches: FeedBatch[] = [];
    for (const outcome of outcomes) {
      if (outcome.status !== "ok") {
        batches.push(outcome);
        continue;
      }
      const info: FeedInfo = {
        feedUrl: outcome.finalUrl,
        title: outcome.feed.name ?? outcome.parsed.title,
        link: outcome.parsed.link,
        language: outcome.parsed.language,
      };
      const fetchedAt = now().toISOString();
      const articles: Article[] = [];
      const itemErrors: string[] = [];
      for (const item of outcome.parsed.items) {
        try {
          const article = normalizeItem(item, info, fetchedAt);
          articles.push(outcome.feed.fullText ? await this.withFullText(article, item) : article);
        } catch (error) {
          if (!(error instanceof ItemNormalizeError)) throw error;
          itemErrors.push(`${outcome.feed.url}: ${error.message}`);
        }
      }
      batches.push({
        feed: outcome.feed,
        status: "ok",
        articles,
        itemErrors,
        bytes: outcome.bytes,
        seen: outcome.seen,
        commit: outcome.commit,
      });
    }
    return batches;
  }

  /** The article with its body taken from the linked page; the feed's own text when the page yields nothing. */
  private async withFullText(article: Article, item: Parameters<typeof normalizeItem>[0]): Promise<Article> {
    // Loaded on first use: the readability and DOM code is only needed by feeds with fullText, not at every cold start.
    const { fetchFullText } = await import("../feeds/fulltext.js");
    const page = await fetchFullText(article.url, this.options.fetchOptions).catch(() => null);
    if (!page) return article;
    const full = normalizeItem(
      { ...item, link: article.url, "content:encoded": page.html },
      {
        feedUrl: article.feedUrl,
        title: article.source,
      },
      article.fetchedAt,
    );
    return full.body.length > article.body.length ? { ...article, body: full.body } : article;
  }
}
