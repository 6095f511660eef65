/**
 * FeedFetcher over HTTP: polls feeds with the hardened poller (conditional GET, caps, backoff),
 * normalizes their items, and for `fullText` feeds replaces each summary with the page's main text,
 * within a per-poll budget of pages and time so that a slow site cannot hold the poll.
 */
import type { Article } from "../core/article.js";
import { type FeedInfo, ItemNormalizeError, normalizeItem } from "../core/normalize.js";
import { DEFAULT_CONNECT_TIMEOUT_MS } from "../feeds/fetch.js";
import { type PollDeps, pollFeeds } from "../feeds/poller.js";
import type { FeedBatch, FeedFetcher, FeedSource, FeedState, FeedStateStore } from "../ports.js";

/** How much full text one feed's poll may fetch: pages, and time for all of them together. */
export interface FullTextBudget {
  /** Most linked pages fetched per feed per poll; later items keep the feed's own text. Default 20. */
  maxItems?: number;
  /** Wall time for all of one feed's pages together, in ms. Default 30 000. */
  totalMs?: number;
  /** Time for one page, in ms (never more than what is left of totalMs). Default 10 000. */
  pageMs?: number;
}

/** Defaults of FullTextBudget: a feed's poll spends at most 20 s on its own fetch and 30 s on pages. */
export const DEFAULT_FULL_TEXT_BUDGET: Required<FullTextBudget> = {
  maxItems: 20,
  totalMs: 30_000,
  pageMs: 10_000,
};

/** A page is not started with less than this left of the budget: it could not finish. */
const MIN_PAGE_MS = 250;

/** Options of the HTTP fetcher: the poller's dependencies plus how many feeds to poll at once. */
export interface HttpFeedFetcherOptions extends PollDeps {
  concurrency?: number;
  fullText?: FullTextBudget;
}

/**
 * The state store, remembering what each feed's state was when the poller read it before polling:
 * a feed without a recorded success is on its first successful poll, which makes no extra read.
 */
class RecordingStateStore implements FeedStateStore {
  readonly before = new Map<string, FeedState | undefined>();

  constructor(private readonly inner: FeedStateStore) {}

  async get(feedUrl: string): Promise<FeedState | undefined> {
    const state = await this.inner.get(feedUrl);
    if (!this.before.has(feedUrl)) this.before.set(feedUrl, state);
    return state;
  }

  put(state: FeedState): Promise<void> {
    return this.inner.put(state);
  }

  list(): Promise<FeedState[]> {
    return this.inner.list();
  }
}

/** Reads feeds over HTTP(S). */
export class HttpFeedFetcher implements FeedFetcher {
  constructor(private readonly options: HttpFeedFetcherOptions) {}

  async read(feeds: FeedSource[]): Promise<FeedBatch[]> {
    const now = this.options.now ?? (() => new Date());
    const state = new RecordingStateStore(this.options.state);
    const outcomes = await pollFeeds(feeds, { ...this.options, state }, this.options.concurrency);
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
      const budget = { ...DEFAULT_FULL_TEXT_BUDGET, ...this.options.fullText };
      const deadline = Date.now() + budget.totalMs;
      let pages = 0;
      let fullTextSkipped = 0;
      for (const item of outcome.parsed.items) {
        let article: Article;
        try {
          article = normalizeItem(item, info, fetchedAt);
        } catch (error) {
          if (!(error instanceof ItemNormalizeError)) throw error;
          itemErrors.push(`${outcome.feed.url}: ${error.message}`);
          continue;
        }
        if (outcome.feed.fullText) {
          const left = deadline - Date.now();
          if (pages < budget.maxItems && left >= MIN_PAGE_MS) {
            pages += 1;
            article = await this.withFullText(article, item, Math.min(budget.pageMs, left));
          } else fullTextSkipped += 1;
        }
        articles.push(article);
      }
      const previous = state.before.get(outcome.feed.url);
      batches.push({
        feed: outcome.feed,
        status: "ok",
        articles,
        itemErrors,
        bytes: outcome.bytes,
        seen: outcome.seen,
        firstPoll: previous?.lastSuccessAt === undefined,
        ...(fullTextSkipped > 0 ? { fullTextSkipped } : {}),
        commit: outcome.commit,
      });
    }
    return batches;
  }

  /**
   * The article with its body taken from the linked page, fetched within `timeoutMs`; the feed's own
   * text when the page cannot be had in time or yields nothing.
   */
  private async withFullText(
    article: Article,
    item: Parameters<typeof normalizeItem>[0],
    timeoutMs: number,
  ): Promise<Article> {
    // Loaded on first use: the readability and DOM code is only needed by feeds with fullText, not at every cold start.
    const { fetchFullText } = await import("../feeds/fulltext.js");
    const { fetchOptions } = this.options;
    const page = await fetchFullText(article.url, {
      ...fetchOptions,
      totalTimeoutMs: Math.min(timeoutMs, fetchOptions?.totalTimeoutMs ?? timeoutMs),
      connectTimeoutMs: Math.min(timeoutMs, fetchOptions?.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS),
    }).catch(() => null);
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
