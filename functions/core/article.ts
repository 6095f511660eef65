/**
 * The article schema: the shape of the sample articles in seeds/, its id and canonical URL rules,
 * and the seed text format (render and parse). Pure: no I/O.
 */
import { createHash } from "node:crypto";

/** A normalized news article. `body` is plain text, one paragraph per line. */
export interface Article {
  /** 16 lowercase hex: the first 64 bits of SHA-256 of the canonical URL (or of the GUID when there is no link). */
  id: string;
  url: string;
  /** Publisher or feed title. */
  source: string;
  feedUrl: string;
  title?: string;
  author?: string;
  /** ISO 8601. */
  publishedAt?: string;
  /** ISO 8601. */
  fetchedAt: string;
  language?: string;
  body: string;
}

const TRACKING_PARAM = /^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|yclid|igshid)$/i;

/** Thrown when a URL cannot be canonicalized; names the bad input. */
export class InvalidUrlError extends Error {
  constructor(readonly input: string) {
    super(`not an absolute http(s) URL: ${JSON.stringify(input.slice(0, 200))}`);
    this.name = "InvalidUrlError";
  }
}

/**
 * Canonical form of an article URL: host lower-cased, no fragment, no tracking parameters
 * (utm_*, fbclid, gclid …), default ports dropped. The scheme is kept as given (https where given).
 */
export function canonicalUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new InvalidUrlError(input);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new InvalidUrlError(input);
  url.hash = "";
  url.hostname = url.hostname.toLowerCase();
  for (const key of [...url.searchParams.keys()]) {
    if (TRACKING_PARAM.test(key)) url.searchParams.delete(key);
  }
  // URLSearchParams re-encodes; keep an empty query out of the string.
  if ([...url.searchParams.keys()].length === 0) url.search = "";
  return url.toString();
}

/** First 16 hex of SHA-256 of `text`. */
export function shortHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, 16);
}

/** The article id for an item: from its canonical link, or from its GUID when it has no usable link. */
export function articleId(link: string | undefined, guid: string | undefined): string {
  if (link) {
    try {
      return shortHash(canonicalUrl(link));
    } catch (error) {
      if (!(error instanceof InvalidUrlError) || !guid) throw error;
    }
  }
  if (guid) return shortHash(guid.trim());
  throw new Error("an item needs a link or a GUID to have an id");
}

/** Lines that sites append to articles and that carry no news. Matched against whole, trimmed lines. */
const BOILERPLATE: RegExp[] = [
  /^please enter your (comment|name here|email address here)!?$/i,
  /^this site uses akismet to reduce spam\b/i,
  /^(hot topics|related articles|related posts|read more|share this( article)?:?|leave a reply|you may also like)$/i,
  /^also read\s*:/i,
  /^(share|tweet|email|print)(\s*(on)?\s*(facebook|twitter|x|whatsapp|telegram|linkedin))?$/i,
  /^(we use cookies|this website uses cookies|accept (all )?cookies)\b/i,
  /^(sign up|subscribe) (to|for) our newsletter\b/i,
  /^advertisement$/i,
];

/** True when a trimmed line is site boilerplate (comment prompts, "Also Read:", share and cookie lines). */
export function isBoilerplate(line: string): boolean {
  const trimmed = line.trim();
  return BOILERPLATE.some((pattern) => pattern.test(trimmed));
}

/** Folds whitespace inside each line and drops boilerplate lines; keeps paragraph breaks (blank lines) single. */
export function cleanBody(text: string): string {
  const out: string[] = [];
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.replace(/[\t\f\v \u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, " ").trim();
    if (line === "") {
      if (out.length > 0 && out[out.length - 1] !== "") out.push("");
      continue;
    }
    if (isBoilerplate(line)) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out.join("\n");
}

/** What a seed file holds: the header fields and the body. */
export interface SeedText {
  /** YYYY-MM-DD */
  date?: string;
  title?: string;
  body: string;
}

const DATE_HEADER = /^ date (\d{4}-\d{2}-\d{2})(?: (.*))?$/;
const TITLE_MAX = 200;

/**
 * Parses the seed text format: an optional ` date YYYY-MM-DD <title>` header line; else a short first
 * line with no closing punctuation followed by a blank line is the title; else there is no title.
 * Boilerplate lines are dropped from the body.
 */
export function parseSeedText(text: string): SeedText {
  const normalized = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lines = normalized.split("\n");
  const first = lines[0] ?? "";
  const header = DATE_HEADER.exec(first);
  if (header) {
    const title = header[2]?.trim();
    return {
      date: header[1],
      ...(title ? { title } : {}),
      body: cleanBody(lines.slice(1).join("\n")),
    };
  }
  const looksLikeTitle =
    lines.length > 2 &&
    lines[1]?.trim() === "" &&
    first.trim().length > 0 &&
    first.length <= TITLE_MAX &&
    !/[.!?:;,"”’)]\s*$/.test(first.trim());
  if (looksLikeTitle) return { title: first.trim(), body: cleanBody(lines.slice(2).join("\n")) };
  return { body: cleanBody(normalized) };
}

/**
 * Renders the seed text format. With a date: ` date YYYY-MM-DD <title>`, a blank line, the body.
 * With a title and no date: the title, a blank line, the body. Otherwise the body alone.
 */
export function renderSeedText(seed: SeedText): string {
  const body = seed.body.endsWith("\n") ? seed.body : `${seed.body}\n`;
  if (seed.date) return ` date ${seed.date}${seed.title ? ` ${seed.title}` : ""}\n\n${body}`;
  if (seed.title) return `${seed.title}\n\n${body}`;
  return body;
}

/** The seed text of an article (date from publishedAt, else none). */
export function articleToSeedText(article: Article): string {
  return renderSeedText({
    date: article.publishedAt?.slice(0, 10),
    title: article.title,
    body: article.body,
  });
}

const SEED_NAME = /^(\d{3,})_([0-9a-f]{16})\.txt$/;

/** The id in a seed file name (`NNN_<16 hex>.txt`), or null when the name is not of that form. */
export function seedFileId(fileName: string): string | null {
  return SEED_NAME.exec(fileName)?.[2] ?? null;
}

/** The export file name of the article at `position` (0-based): `NNN_<id>.txt`. */
export function seedFileName(position: number, id: string): string {
  return `${String(position).padStart(3, "0")}_${id}.txt`;
}

/**
 * An article from a seed file. It keeps the file's id; its URL is a `seed:` URI naming the file so
 * the article links back to where it came from.
 */
export function articleFromSeed(
  fileName: string,
  text: string,
  options: { source: string; feedUrl: string; fetchedAt: string },
): Article {
  const id = seedFileId(fileName);
  if (!id) throw new Error(`seed file name must be NNN_<16 hex>.txt: ${fileName}`);
  const seed = parseSeedText(text);
  return {
    id,
    url: `${options.feedUrl.replace(/\/?$/, "/")}${fileName}`,
    source: options.source,
    feedUrl: options.feedUrl,
    ...(seed.title ? { title: seed.title } : {}),
    ...(seed.date ? { publishedAt: `${seed.date}T00:00:00.000Z` } : {}),
    fetchedAt: options.fetchedAt,
    body: seed.body,
  };
}
