/**
 * Public Telegram channels as feeds. A `{"telegram": "<channel>"}` feed entry is polled by its
 * preview URL `https://t.me/s/<channel>` (core/config.ts `feedSources`); the poller reads such a
 * URL here: the newest page of the channel's web preview, and older pages (`?before=<id>`) while
 * everything on a page is new, so a burst of posts between two polls is not lost. Each post
 * becomes a feed item that the normalizer makes an article like any RSS item. Every page is
 * fetched by the hardened fetch (timeouts, size cap, the SSRF guard) and parsed within a budget.
 */
import { DEFAULT_ALERT_MAX_AGE_HOURS, TELEGRAM_CHANNEL, TELEGRAM_PREVIEW } from "../core/config.js";
import { EnvError } from "../env.js";
import { DEFAULT_PARSE_BUDGET_MS, ParseBudget } from "./budget.js";
import { decodeHtmlBody } from "./decode.js";
import { FeedParseError } from "./errors.js";
import { type FetchOptions, fetchFeed } from "./fetch.js";
import type { FeedItem, ParsedFeed } from "./parse.js";
import type { TelegramPost } from "./telegram-page.js";

/**
 * Environment variable that points the previews at another server than https://t.me, for tests
 * that serve fixture pages from 127.0.0.1 (with `--allow-private`, as the SSRF guard requires).
 * Post links stay `https://t.me/<channel>/<id>` whatever the server, so article ids do not change.
 */
export const TELEGRAM_PREVIEW_BASE_ENV = "STRIKEWATCH_TELEGRAM_PREVIEW_BASE";
/** Where channel previews are read unless TELEGRAM_PREVIEW_BASE_ENV says otherwise. */
export const DEFAULT_TELEGRAM_BASE_URL = "https://t.me";
/** Most preview pages read for one channel in one poll: the newest and two older ones. */
export const DEFAULT_TELEGRAM_MAX_PAGES = 3;
/** Older pages are read only while their posts are this recent (the default alert age bound). */
export const DEFAULT_TELEGRAM_MAX_AGE_HOURS = DEFAULT_ALERT_MAX_AGE_HOURS;
/** Longest title taken from a post's first line or sentence. */
export const TELEGRAM_TITLE_MAX = 140;

const HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1";

/** How channels are read: where from, and how far back one poll pages. */
export interface TelegramOptions {
  /** The server of the previews; default TELEGRAM_PREVIEW_BASE_ENV, else https://t.me. */
  baseUrl?: string;
  /** Most pages read per channel and poll, default 3. */
  maxPages?: number;
  /**
   * An older page is read only while the oldest post of the page before it is this recent,
   * default 48 (older posts would not alert anyway); Infinity for a replay.
   */
  maxAgeHours?: number;
}

/** The channel a feed URL reads, when it is a channel preview `https://t.me/s/<channel>`. */
export function telegramChannelOf(feedUrl: string): string | undefined {
  if (!feedUrl.toLowerCase().startsWith(TELEGRAM_PREVIEW)) return undefined;
  const channel = feedUrl.slice(TELEGRAM_PREVIEW.length).replace(/\/$/, "");
  return TELEGRAM_CHANNEL.test(channel) ? channel : undefined;
}

/** The previews' server: TELEGRAM_PREVIEW_BASE_ENV when set (an http(s) URL, else EnvError), else https://t.me. */
export function telegramBaseUrl(env: Record<string, string | undefined> = process.env): string {
  const value = env[TELEGRAM_PREVIEW_BASE_ENV]?.trim();
  if (!value) return DEFAULT_TELEGRAM_BASE_URL;
  if (!/^https?:\/\/[^/]/i.test(value)) {
    throw new EnvError(TELEGRAM_PREVIEW_BASE_ENV, `must be an http(s) URL, not ${JSON.stringify(value)}`);
  }
  return value.replace(/\/+$/, "");
}

/** A post's title: its first line when more lines follow and it is short, else its first sentence; capped. */
export function postTitle(text: string): string | undefined {
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const first = lines[0];
  if (!first) return undefined;
  let title = first;
  if (lines.length === 1 || first.length > TELEGRAM_TITLE_MAX) {
    const sentence = /^(.{10,}?[.!?…])(?=\s|$)/u.exec(first)?.[1];
    if (sentence) title = sentence;
  }
  if (title.length <= TELEGRAM_TITLE_MAX) return title;
  const cut = title.slice(0, TELEGRAM_TITLE_MAX - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > TELEGRAM_TITLE_MAX / 2 ? cut.slice(0, space) : cut}…`;
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A post as a feed item: its link as link and GUID, its time, its first line as title, and its
 * text as one paragraph per line (the normalizer turns the paragraphs back into lines).
 */
export function postItem(post: TelegramPost): FeedItem {
  const title = postTitle(post.text);
  const paragraphs = post.text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => `<p>${escapeHtml(line)}</p>`);
  return {
    link: post.url,
    guid: post.url,
    ...(title ? { title } : {}),
    ...(post.date ? { isoDate: post.date } : {}),
    ...(post.forwardedFrom ? { creator: post.forwardedFrom } : {}),
    "content:encoded": paragraphs.join(""),
  };
}

/** What reading a channel gave: its posts as a parsed feed (newest first), or "not modified". */
export type TelegramRead =
  | { status: "not-modified"; url: string; finalUrl: string; bytes: number }
  | {
      status: "ok";
      url: string;
      finalUrl: string;
      parsed: ParsedFeed;
      bytes: number;
      /** Pages read, 1 for the newest page alone. */
      pages: number;
      etag?: string;
      lastModified?: string;
    };

/** How to read one channel in one poll. */
export interface ReadChannelOptions {
  /** The fetch options of the poll (validators and caps apply to each page; validators to the newest only). */
  fetchOptions?: FetchOptions;
  /** True for an item the channel's last poll had: paging stops at a page that holds one. */
  isSeen: (item: FeedItem) => boolean;
  now: Date;
  telegram?: TelegramOptions;
  parseBudgetMs?: number;
}

/**
 * Reads a channel's preview: the newest page, then older ones (`?before=<id>`) while every post
 * of the page is unseen, its oldest post is within the age bound, and fewer than `maxPages` were
 * read. Throws FeedFetchError for a page that cannot be fetched and FeedParseError for a page
 * that is not the channel's preview (a missing or private channel redirects to another page).
 */
export async function readTelegramChannel(
  channel: string,
  options: ReadChannelOptions,
): Promise<TelegramRead> {
  const { parseTelegramPage } = await import("./telegram-page.js");
  const base = options.telegram?.baseUrl ?? telegramBaseUrl();
  const maxPages = Math.max(1, Math.floor(options.telegram?.maxPages ?? DEFAULT_TELEGRAM_MAX_PAGES));
  const maxAgeMs = (options.telegram?.maxAgeHours ?? DEFAULT_TELEGRAM_MAX_AGE_HOURS) * 3_600_000;
  const previewUrl = `${TELEGRAM_PREVIEW}${channel}`;
  const items = new Map<string, FeedItem>();
  let title: string | undefined;
  let bytes = 0;
  let validators: { etag?: string; lastModified?: string } = {};
  let pageUrl = `${base}/s/${channel}`;
  let pages = 0;
  let lastBefore = Number.POSITIVE_INFINITY;
  for (;;) {
    const first = pages === 0;
    const fetched = await fetchFeed(pageUrl, {
      ...options.fetchOptions,
      ...(first ? {} : { etag: undefined, lastModified: undefined }),
      guard: true,
      accept: HTML_ACCEPT,
    });
    bytes += fetched.bytes;
    if (fetched.status === "not-modified") {
      if (first) return { status: "not-modified", url: previewUrl, finalUrl: previewUrl, bytes };
      break;
    }
    pages += 1;
    // A missing or private channel, or a user's name, redirects from /s/<name> to a page without posts.
    if (!new URL(fetched.finalUrl).pathname.startsWith("/s/")) {
      throw new FeedParseError(
        `not a public channel preview: ${pageUrl} redirected to ${fetched.finalUrl} (the channel does not exist, is private, or has no web preview)`,
      );
    }
    const budget = new ParseBudget(options.parseBudgetMs ?? DEFAULT_PARSE_BUDGET_MS);
    const html = decodeHtmlBody(fetched.body, fetched.contentType);
    budget.check();
    const page = parseTelegramPage(html, channel);
    budget.check();
    if (first) {
      title = page.title;
      validators = {
        ...(fetched.etag ? { etag: fetched.etag } : {}),
        ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}),
      };
    }
    // The page lists posts oldest first; a feed lists its newest first (the poller keeps the first 200 as seen).
    const pageItems = [...page.posts].reverse().map(postItem);
    for (const item of pageItems) if (!items.has(item.link!)) items.set(item.link!, item);

    const oldest = Math.min(...page.posts.map((post) => Date.parse(post.date ?? "")).filter(Number.isFinite));
    const pageBack =
      pages < maxPages &&
      page.before !== undefined &&
      page.before < lastBefore &&
      !pageItems.some(options.isSeen) &&
      !(oldest < options.now.getTime() - maxAgeMs);
    if (!pageBack || page.before === undefined) break;
    lastBefore = page.before;
    pageUrl = `${base}/s/${channel}?before=${page.before}`;
  }
  return {
    status: "ok",
    url: previewUrl,
    finalUrl: previewUrl,
    parsed: { ...(title ? { title } : {}), link: `https://t.me/${channel}`, items: [...items.values()] },
    bytes,
    pages,
    ...validators,
  };
}
