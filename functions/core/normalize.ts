/**
 * The normalizer: one feed item (as rss-parser gives it) and its feed → an Article of the seeds'
 * schema. Pure: the caller supplies the fetch time.
 */
import { type Article, articleId, cleanBody, InvalidUrlError } from "./article.js";
import { htmlToText, looksLikeHtml } from "./html.js";

/** The fields of an rss-parser item the normalizer reads (RSS 2.0, Atom 1.0 and RDF all map to these). */
export interface FeedItemLike {
  title?: string;
  link?: string;
  guid?: string;
  id?: string;
  pubDate?: string;
  isoDate?: string;
  creator?: string;
  author?: string | { name?: string | string[] } | unknown;
  "dc:creator"?: string;
  content?: string;
  contentSnippet?: string;
  "content:encoded"?: string;
  summary?: string;
  description?: string;
  [key: string]: unknown;
}

/** The feed an item came from. */
export interface FeedInfo {
  /** The URL the feed was fetched from (after redirects); relative item links resolve against it. */
  feedUrl: string;
  title?: string;
  /** The feed's own site link; relative item links resolve against it first. */
  link?: string;
  language?: string;
}

/** Thrown when an item cannot become an article; says which field was missing or bad. */
export class ItemNormalizeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ItemNormalizeError";
  }
}

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (Array.isArray(value)) return text(value[0]);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return text(record.name ?? record._ ?? record["#"]);
  }
  return undefined;
}

function toPlain(value: string): string {
  return looksLikeHtml(value) ? htmlToText(value) : value;
}

/** Resolves a possibly relative link against the feed's site link, then the feed URL. */
function resolveLink(link: string | undefined, feed: FeedInfo): string | undefined {
  if (!link) return undefined;
  for (const base of [feed.link, feed.feedUrl]) {
    try {
      const url = new URL(link, base);
      if (url.protocol === "http:" || url.protocol === "https:") return url.toString();
    } catch {
      // try the next base
    }
  }
  return undefined;
}

/** Parses an RSS/Atom date (RFC 822, ISO 8601 …) to ISO 8601; undefined when unparseable or absurd. */
export function toIsoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value.trim());
  if (Number.isNaN(time)) return undefined;
  const year = new Date(time).getUTCFullYear();
  if (year < 1990 || year > 2100) return undefined;
  return new Date(time).toISOString();
}

/** Feed item + feed → Article. Throws ItemNormalizeError when the item has neither link nor GUID. */
export function normalizeItem(item: FeedItemLike, feed: FeedInfo, fetchedAt: string): Article {
  const link = resolveLink(text(item.link), feed);
  const guid = text(item.guid) ?? text(item.id);
  if (!link && !guid)
    throw new ItemNormalizeError(`item "${text(item.title) ?? "(untitled)"}" has no link and no GUID`);
  let id: string;
  try {
    id = articleId(link, guid);
  } catch (error) {
    if (error instanceof InvalidUrlError) throw new ItemNormalizeError(error.message);
    throw error;
  }
  const rawBody =
    text(item["content:encoded"]) ?? text(item.content) ?? text(item.description) ?? text(item.summary) ?? "";
  const title = text(item.title);
  const author = text(item.creator) ?? text(item["dc:creator"]) ?? text(item.author);
  const publishedAt = toIsoDate(text(item.isoDate)) ?? toIsoDate(text(item.pubDate));
  return {
    id,
    url: link ?? guid!,
    source: text(feed.title) ?? new URL(feed.feedUrl).hostname,
    feedUrl: feed.feedUrl,
    ...(title ? { title: cleanBody(toPlain(title)).replace(/\n/g, " ") } : {}),
    ...(author ? { author: toPlain(author) } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    fetchedAt,
    ...(feed.language ? { language: feed.language.toLowerCase() } : {}),
    body: cleanBody(toPlain(rawBody)),
  };
}
