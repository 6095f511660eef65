/**
 * The main text of an article page, for feeds that carry only summaries: a guarded fetch, then
 * Mozilla Readability over linkedom's DOM.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { decodeHtmlBody } from "./decode.js";
import { type FetchOptions, fetchFeed } from "./fetch.js";

const HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1";

/**
 * Fetches an article page and extracts its main content as HTML (the normalizer makes it text).
 * Always applies the SSRF guard, on every redirect hop; the caps and timeouts of `options` apply.
 * Resolves to null when the page is not HTML or Readability finds no article; throws
 * FeedFetchError when the page cannot be fetched (blocked address, HTTP error, timeout, size).
 */
export async function fetchFullText(
  articleUrl: string,
  options: FetchOptions = {},
): Promise<{ html: string; title?: string; byline?: string } | null> {
  const fetched = await fetchFeed(articleUrl, {
    ...options,
    etag: undefined,
    lastModified: undefined,
    guard: true,
    accept: HTML_ACCEPT,
  });
  if (fetched.status !== "ok") return null;
  const type = fetched.contentType?.split(";")[0]?.trim().toLowerCase();
  if (type && type !== "text/html" && type !== "application/xhtml+xml") return null;

  const { document } = parseHTML(decodeHtmlBody(fetched.body, fetched.contentType));
  const baseHref = document.querySelector("base[href]")?.getAttribute("href") ?? undefined;
  let base = fetched.finalUrl;
  try {
    base = new URL(baseHref ?? "", fetched.finalUrl).toString();
  } catch {
    // a broken <base href> falls back to the page URL
  }
  // linkedom has no document URL; Readability resolves relative links and images against these.
  Object.defineProperty(document, "baseURI", { value: base });
  Object.defineProperty(document, "documentURI", { value: fetched.finalUrl });

  const article = new Readability(document).parse();
  if (!article?.content || !article.textContent?.trim()) return null;
  const result: { html: string; title?: string; byline?: string } = { html: article.content };
  if (article.title) result.title = article.title;
  if (article.byline) result.byline = article.byline;
  return result;
}
