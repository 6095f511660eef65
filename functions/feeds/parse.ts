/**
 * Feed text → items, through rss-parser (xml2js/sax). Repairs what real feeds get wrong (BOM and
 * garbage before the XML, bare `&`, HTML entities, truncation, junk after the root) and refuses
 * what is not a feed or is dangerous (entity declarations), with a reason a user can act on.
 */
import Parser from "rss-parser";
import { HTML_ENTITIES } from "../core/html.js";

/** One feed item as rss-parser gives it, plus the custom fields the normalizer reads. */
export type FeedItem = {
  title?: string;
  link?: string;
  guid?: string;
  pubDate?: string;
  isoDate?: string;
  creator?: string;
  author?: string;
  content?: string;
  contentSnippet?: string;
  "content:encoded"?: string;
  summary?: string;
  "dc:creator"?: string;
  categories?: string[];
  [key: string]: unknown;
};

/** A parsed RSS 2.0, Atom 1.0 or RDF feed. */
export interface ParsedFeed {
  title?: string;
  link?: string;
  language?: string;
  items: FeedItem[];
}

/** The feed text could not be read as a feed; `reason` says why ("empty body", "malformed XML: …"). */
export class FeedParseError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "FeedParseError";
  }
}

const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

const AMPERSAND = /&(?:#(\d{1,8});|#[xX]([0-9a-fA-F]{1,8});|([A-Za-z][A-Za-z0-9]{0,31});)?|<(?=[\s\d=<&])/g;

/**
 * Escapes bare `&` and `<`, turns HTML named entities into numeric references, drops references
 * to characters XML forbids; CDATA sections are left as they are.
 */
function repairReferences(text: string): string {
  const fix = (segment: string) =>
    segment.replace(AMPERSAND, (match, decimal?: string, hex?: string, name?: string) => {
      if (match === "<") return "&lt;";
      if (decimal !== undefined || hex !== undefined) {
        const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? "", 16);
        return isXmlChar(code) ? match : "";
      }
      if (name === undefined) return "&amp;";
      if (XML_ENTITIES.has(name)) return match;
      const code = HTML_ENTITIES.get(name);
      return code === undefined ? `&amp;${name};` : `&#${code};`;
    });
  let out = "";
  let at = 0;
  for (;;) {
    const open = text.indexOf("<![CDATA[", at);
    if (open < 0) return out + fix(text.slice(at));
    const close = text.indexOf("]]>", open + 9);
    const end = close < 0 ? text.length : close + 3;
    out += fix(text.slice(at, open)) + text.slice(open, end);
    at = end;
  }
}

interface Prolog {
  /** Where the root element's start tag begins. */
  rootAt: number;
  rootName: string;
  /** The root start tag, for xml:base and xml:lang. */
  rootTag: string;
  doctype?: { start: number; end: number; text: string };
}

/** Index just past the first `token` at or after `from`; -1 when there is none. */
function after(text: string, token: string, from: number): number {
  const index = text.indexOf(token, from);
  return index < 0 ? -1 : index + token.length;
}

/** Index just past the `>` ending the markup that starts at `from`, honouring quotes; -1 when cut off. */
function endOfTag(text: string, from: number): number {
  let quote = "";
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return i + 1;
  }
  return -1;
}

function endOfDoctype(text: string, from: number): number {
  let quote = "";
  let subset = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[") subset = true;
    else if (c === "]") subset = false;
    else if (c === ">" && !subset) return i + 1;
  }
  return -1;
}

function truncated(): FeedParseError {
  return new FeedParseError("malformed XML: truncated");
}

/** Walks the XML declaration, comments, PIs and DOCTYPE up to the root start tag. */
function readProlog(text: string): Prolog {
  let at = 0;
  let doctype: Prolog["doctype"];
  for (;;) {
    const lt = text.indexOf("<", at);
    if (lt < 0) throw new FeedParseError("not a feed: no root element");
    let end: number;
    if (text.startsWith("<?", lt)) end = after(text, "?>", lt);
    else if (text.startsWith("<!--", lt)) end = after(text, "-->", lt);
    else if (/^<!DOCTYPE/i.test(text.slice(lt, lt + 9))) {
      end = endOfDoctype(text, lt + 9);
      if (end >= 0) doctype = { start: lt, end, text: text.slice(lt, end) };
    } else if (/^<[A-Za-z_]/.test(text.slice(lt, lt + 2))) {
      end = endOfTag(text, lt);
      const rootTag = end < 0 ? text.slice(lt) : text.slice(lt, end);
      const rootName = /^<([^\s/>]+)/.exec(rootTag)?.[1] ?? "";
      return { rootAt: lt, rootName, rootTag, ...(doctype ? { doctype } : {}) };
    } else end = lt + 1;
    if (end < 0) {
      if (/<!ENTITY/i.test(text.slice(lt)))
        throw new FeedParseError("refused: DOCTYPE with entity declarations");
      throw truncated();
    }
    at = end;
  }
}

/** Where the XML starts: the declaration, a DOCTYPE or the feed's root, whichever comes first; else the first tag. */
function startOfXml(text: string): number {
  const candidates = [/<\?xml[\s?]/, /<!DOCTYPE/i, /<(?:[\w-]+:)?(?:rss|feed|RDF)[\s/>]/]
    .map((pattern) => text.search(pattern))
    .filter((index) => index >= 0);
  if (candidates.length > 0) return Math.min(...candidates);
  return text.search(/<[A-Za-z?!]/);
}

function localName(name: string): string {
  return name.slice(name.indexOf(":") + 1);
}

/**
 * Cuts a truncated document after its last complete item or entry and closes the elements that
 * were open there; undefined when no item was complete.
 */
function salvageTruncated(text: string, rootAt: number): string | undefined {
  const stack: string[] = [];
  let cut: { at: number; open: string[] } | undefined;
  let at = rootAt;
  for (;;) {
    const lt = text.indexOf("<", at);
    if (lt < 0) break;
    let end: number;
    if (text.startsWith("<![CDATA[", lt)) end = after(text, "]]>", lt);
    else if (text.startsWith("<!--", lt)) end = after(text, "-->", lt);
    else end = endOfTag(text, lt);
    if (end < 0) break;
    const tag = text.slice(lt, end);
    const closing = /^<\/([^\s>]+)/.exec(tag)?.[1];
    const opening = /^<([A-Za-z_][^\s/>]*)/.exec(tag)?.[1];
    if (closing) {
      const index = stack.lastIndexOf(closing);
      if (index >= 0) stack.length = index;
      if (localName(closing) === "item" || localName(closing) === "entry")
        cut = { at: end, open: [...stack] };
    } else if (opening && !tag.endsWith("/>")) stack.push(opening);
    at = end;
  }
  if (!cut) return undefined;
  return (
    text.slice(0, cut.at) +
    cut.open
      .reverse()
      .map((name) => `</${name}>`)
      .join("")
  );
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}\\s*=\\s*(["'])(.*?)\\1`).exec(tag)?.[2];
}

const ITEM_FIELDS = [
  "author",
  "dc:creator",
  "content:encoded",
  "description",
  "summary",
  "id",
  "dc:date",
  ["media:content", "media:content", { keepArray: true }],
];

const STRING_FIELDS = [
  "title",
  "link",
  "guid",
  "id",
  "pubDate",
  "isoDate",
  "creator",
  "author",
  "content",
  "contentSnippet",
  "content:encoded",
  "summary",
  "description",
  "dc:creator",
  "dc:date",
];

/** The text of an xml2js value: a string, `{ _: text }`, an Atom person's name, or the first of an array. */
function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return textOf(value[0]);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return textOf(record._ ?? record.name);
  }
  return undefined;
}

function tidyItem(raw: Record<string, unknown>): FeedItem {
  const item: FeedItem = { ...raw };
  for (const field of STRING_FIELDS) {
    if (item[field] === undefined || typeof item[field] === "string") continue;
    const text =
      field === "description" ? (textOf(item[field]) ?? textOf(item.content)) : textOf(item[field]);
    if (text === undefined) delete item[field];
    else item[field] = text;
  }
  if (item.guid === undefined && typeof item.id === "string") item.guid = item.id;
  if (raw.categories !== undefined) {
    const categories = (Array.isArray(raw.categories) ? raw.categories : [raw.categories])
      .map(textOf)
      .filter((category): category is string => typeof category === "string" && category.trim() !== "");
    if (categories.length > 0) item.categories = categories;
    else delete item.categories;
  }
  return item;
}

function resolveAgainst(link: string | undefined, base: string | undefined): string | undefined {
  if (link === undefined || base === undefined) return link;
  try {
    return new URL(link, base).toString();
  } catch {
    return link;
  }
}

async function runRssParser(
  xml: string,
): Promise<Record<string, unknown> & { items: Record<string, unknown>[] }> {
  const parser = new Parser<Record<string, unknown>, Record<string, unknown>>({
    defaultRSS: 2,
    customFields: { feed: ["dc:language"], item: ITEM_FIELDS },
    xml2js: {
      // rss-parser calls toISOString() on Atom dates and would throw on a bad one.
      valueProcessors: [
        (value: string, name: string) =>
          (name === "published" || name === "updated") && Number.isNaN(Date.parse(value)) ? "" : value,
      ],
      // An Atom <link> without attributes would crash rss-parser's link lookup: give it an href.
      validator: (xpath: string, _current: unknown, value: unknown) =>
        /\/(?:feed|entry)\/link$/.test(xpath) && typeof value === "string"
          ? { $: { href: value.trim() } }
          : value,
    },
  });
  return (await parser.parseString(xml)) as Record<string, unknown> & { items: Record<string, unknown>[] };
}

function describeSaxError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const [first = "", ...rest] = message.split("\n");
  const line = /Line: (\d+)/.exec(rest.join(" "))?.[1];
  const column = /Column: (\d+)/.exec(rest.join(" "))?.[1];
  return line === undefined ? first : `${first} at line ${Number(line) + 1}, column ${column}`;
}

/**
 * Parses an RSS 2.0, Atom 1.0 or RDF document. Repairs what it safely can and throws
 * FeedParseError otherwise: "empty body", "not a feed: …", "refused: DOCTYPE with entity
 * declarations", "malformed XML: …". Items keep rss-parser's fields plus author, dc:creator,
 * content:encoded, description, summary, id and media:content; duplicate GUIDs keep the first item.
 * Links are resolved against the feed's xml:base (itself resolved against `baseUrl`) when it has one.
 */
export async function parseFeedXml(xml: string, baseUrl?: string): Promise<ParsedFeed> {
  const stripped = xml.replace(/^\uFEFF/, "");
  if (stripped.trim() === "") throw new FeedParseError("empty body");
  const start = startOfXml(stripped);
  if (start < 0) throw new FeedParseError("not a feed: no XML markup");
  let text = stripped.slice(start);

  const prolog = readProlog(text);
  if (prolog.doctype && /<!ENTITY/i.test(prolog.doctype.text)) {
    throw new FeedParseError("refused: DOCTYPE with entity declarations");
  }
  if (
    /^<!DOCTYPE\s+html\b/i.test(prolog.doctype?.text ?? "") ||
    /^(?:html|head|body)$/i.test(prolog.rootName)
  ) {
    throw new FeedParseError("not a feed: looks like an HTML page");
  }
  if (!["rss", "feed", "RDF"].includes(localName(prolog.rootName))) {
    throw new FeedParseError(`not a feed: root element <${prolog.rootName.slice(0, 40)}>`);
  }
  let rootAt = prolog.rootAt;
  if (prolog.doctype) {
    // Without entity declarations a DOCTYPE only names a DTD that nothing should fetch.
    text = text.slice(0, prolog.doctype.start) + text.slice(prolog.doctype.end);
    rootAt -= prolog.doctype.end - prolog.doctype.start;
  }
  text = repairReferences(text);

  const rootClose = `</${prolog.rootName}>`;
  const lastClose = text.lastIndexOf(rootClose);
  let feed: Awaited<ReturnType<typeof runRssParser>>;
  try {
    feed = await runRssParser(text);
  } catch (error) {
    if (lastClose < 0) {
      const salvaged = salvageTruncated(text, rootAt);
      if (salvaged === undefined) throw truncated();
      feed = await runRssParser(salvaged).catch(() => {
        throw truncated();
      });
    } else if (lastClose + rootClose.length < text.trimEnd().length) {
      feed = await runRssParser(text.slice(0, lastClose + rootClose.length)).catch(() => {
        throw new FeedParseError(`malformed XML: ${describeSaxError(error)}`);
      });
    } else {
      throw new FeedParseError(`malformed XML: ${describeSaxError(error)}`);
    }
  }

  const xmlBase = attribute(prolog.rootTag, "xml:base");
  const base = xmlBase === undefined ? undefined : resolveAgainst(xmlBase, baseUrl);
  const absoluteBase = base !== undefined && URL.canParse(base) ? base : undefined;

  const seen = new Set<string>();
  const items: FeedItem[] = [];
  for (const raw of feed.items ?? []) {
    const item = tidyItem(raw);
    if (item.guid !== undefined) {
      if (seen.has(item.guid)) continue;
      seen.add(item.guid);
    }
    const link = resolveAgainst(item.link, absoluteBase);
    if (link !== undefined) item.link = link;
    items.push(item);
  }
  const parsed: ParsedFeed = { items };
  const title = textOf(feed.title);
  const link = resolveAgainst(textOf(feed.link), absoluteBase);
  const language =
    textOf(feed.language) ?? textOf(feed["dc:language"]) ?? attribute(prolog.rootTag, "xml:lang");
  if (title !== undefined) parsed.title = title;
  if (link !== undefined) parsed.link = link;
  if (language !== undefined && language.trim() !== "") parsed.language = language.trim();
  return parsed;
}
