/**
 * Feed text → items, through rss-parser (xml2js/sax) after one linear pass of our own (prepare.ts)
 * that reads text fields in full and in order, caps nesting and puts odd documents in shape.
 * Repairs what real feeds get wrong (BOM and garbage before the XML, bare `&`, HTML entities,
 * truncation, junk after the root, RSS without a channel, prefixed roots) and refuses what is not a
 * feed or is dangerous (entity declarations, runaway nesting), with a reason a user can act on.
 */
import Parser from "rss-parser";
import { C1_TO_WINDOWS_1252, HTML_ENTITIES, htmlToText, looksLikeHtml } from "../core/html.js";
import type { ParseBudget } from "./budget.js";
import { FeedParseError } from "./errors.js";
import { prepareFeedXml, restoreText } from "./prepare.js";

export { FeedParseError } from "./errors.js";

/**
 * One feed item as rss-parser gives it (without its snippets), plus the custom fields the
 * normalizer reads.
 */
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

/** A parsed RSS, RDF or Atom feed; `title` is plain text. */
export interface ParsedFeed {
  title?: string;
  link?: string;
  language?: string;
  items: FeedItem[];
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
 * to characters XML forbids, reads references to U+0080–U+009F as windows-1252 (as browsers do:
 * `&#146;` is ’); CDATA sections are left as they are.
 */
function repairReferences(text: string): string {
  const fix = (segment: string) =>
    segment.replace(AMPERSAND, (match, decimal?: string, hex?: string, name?: string) => {
      if (match === "<") return "&lt;";
      if (decimal !== undefined || hex !== undefined) {
        const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? "", 16);
        if (code >= 0x80 && code <= 0x9f) {
          const mapped = C1_TO_WINDOWS_1252[code - 0x80];
          return mapped ? `&#${mapped};` : "";
        }
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

const XML_START = /<\?xml[\s?]|<!DOCTYPE|<(?:[\w.-]+:)?(?:rss|feed|RDF)[\s/>]/iy;

/**
 * Where the XML starts: the declaration, a DOCTYPE or the feed's root, whichever comes first
 * outside comments (a comment may mention `<rss>`); else the first tag. Whatever precedes it (a
 * server's warning, blank lines) is not part of the document.
 */
function startOfXml(text: string): number {
  for (let at = text.indexOf("<"); at >= 0; at = text.indexOf("<", at + 1)) {
    if (text.startsWith("<!--", at)) {
      const end = text.indexOf("-->", at + 4);
      if (end < 0) break;
      at = end + 2;
      continue;
    }
    XML_START.lastIndex = at;
    if (XML_START.test(text)) return at;
  }
  return text.search(/<[A-Za-z?!]/);
}

function localName(name: string): string {
  return name.slice(name.indexOf(":") + 1);
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}\\s*=\\s*(["'])(.*?)\\1`).exec(tag)?.[2];
}

/** Dates an item may carry besides pubDate/published/updated/dc:date, in the order they are taken. */
const OTHER_DATES = [
  "issued",
  "created",
  "dcterms:issued",
  "dcterms:created",
  "dcterms:date",
  "modified",
  "dcterms:modified",
];

const ITEM_FIELDS = [
  "author",
  "dc:creator",
  "content:encoded",
  "description",
  "summary",
  "id",
  "dc:date",
  ...OTHER_DATES,
  ["link", "links", { keepArray: true }],
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
  "content:encoded",
  "summary",
  "description",
  "dc:creator",
  "dc:date",
  ...OTHER_DATES,
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

/**
 * Swaps the placeholders of prepare.ts back in, in place: they sit in an item's or feed's own
 * fields, as strings or as the text (`_`) of an element with attributes.
 */
function restoreFields(record: Record<string, unknown>, texts: string[]): void {
  const restore = (value: unknown): unknown => {
    if (typeof value === "string") return restoreText(value, texts);
    if (value && typeof value === "object" && typeof (value as { _?: unknown })._ === "string") {
      const element = value as { _: string };
      element._ = restoreText(element._, texts);
    }
    return value;
  };
  for (const [key, value] of Object.entries(record)) {
    record[key] = Array.isArray(value) ? value.map(restore) : restore(value);
  }
}

/** An Atom entry's page: its alternate link (an HTML one first), never an enclosure or a self link. */
function alternateLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  const alternates = links
    .map((link) =>
      link && typeof link === "object" ? (link as { $?: Record<string, string> }).$ : undefined,
    )
    .filter((attributes): attributes is Record<string, string> => attributes?.href !== undefined)
    .filter((attributes) => (attributes.rel ?? "alternate").trim() === "alternate");
  const html = alternates.find((attributes) => /html/i.test(attributes.type ?? "text/html"));
  return (html ?? alternates[0])?.href;
}

function tidyItem(raw: Record<string, unknown>, atom: boolean): FeedItem {
  const item: FeedItem = { ...raw };
  for (const field of STRING_FIELDS) {
    if (item[field] === undefined || typeof item[field] === "string") continue;
    const text =
      field === "description" ? (textOf(item[field]) ?? textOf(item.content)) : textOf(item[field]);
    if (text === undefined) delete item[field];
    else item[field] = text;
  }
  if (atom) {
    const link = alternateLink(raw.links);
    if (link === undefined) delete item.link;
    else item.link = link;
  }
  delete item.links;
  // Snippets were cut from placeholders; the normalizer makes its own text.
  delete item.contentSnippet;
  delete item["content:encodedSnippet"];
  if (item.guid === undefined && typeof item.id === "string") item.guid = item.id;
  if (item.pubDate === undefined && item.isoDate === undefined) {
    for (const field of OTHER_DATES) {
      const value = item[field];
      if (typeof value !== "string" || Number.isNaN(Date.parse(value.trim()))) continue;
      item.pubDate = value.trim();
      item.isoDate = new Date(Date.parse(value.trim())).toISOString();
      break;
    }
  }
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
  budget: ParseBudget | undefined,
): Promise<Record<string, unknown> & { items: Record<string, unknown>[] }> {
  let elements = 0;
  const parser = new Parser<Record<string, unknown>, Record<string, unknown>>({
    defaultRSS: 2,
    customFields: { feed: ["dc:language"], item: ITEM_FIELDS },
    // Synchronous: xml2js's async mode loses errors thrown while it parses (the budget's among them).
    xml2js: {
      // rss-parser calls toISOString() on Atom dates and would throw on a bad one.
      valueProcessors: [
        (value: string, name: string) =>
          (name === "published" || name === "updated") && Number.isNaN(Date.parse(value)) ? "" : value,
      ],
      // Called once per element: where the budget is checked while sax runs; what it throws rejects the parse.
      tagNameProcessors: [
        (name: string) => {
          if (++elements % 2048 === 0) budget?.check();
          return name;
        },
      ],
    },
  });
  return (await parser.parseString(xml)) as Record<string, unknown> & { items: Record<string, unknown>[] };
}

/**
 * A sentence for an error of rss-parser or sax: sax's own words with the line in the document,
 * never a JavaScript error message.
 */
function describeParserError(error: unknown, lineOffset: number, rootName: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const [first = "", ...rest] = message.split("\n");
  const line = /Line: (\d+)/.exec(rest.join(" "))?.[1];
  const column = /Column: (\d+)/.exec(rest.join(" "))?.[1];
  if (line !== undefined)
    return `malformed XML: ${first} at line ${Number(line) + 1 + lineOffset}, column ${column}`;
  return `not a feed: <${rootName}> does not hold a channel, items or entries that can be read`;
}

function countNewlines(text: string, to: number): number {
  let count = 0;
  for (let at = 0; at < to; at++) if (text.charCodeAt(at) === 10) count++;
  return count;
}

/** What parseFeedXml may be given besides the text. */
export interface ParseOptions {
  /** Checked while parsing: a parse that outlasts it is refused with ParseBudgetError. */
  budget?: ParseBudget;
}

/**
 * Parses an RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 1.0 or Atom 0.3 document. Repairs what it safely can
 * and throws FeedParseError otherwise: "empty body", "not a feed: …", "refused: DOCTYPE with entity
 * declarations", "refused: elements nested more than 512 deep …", "malformed XML: … at line L,
 * column C", and (a subclass) "parse took longer than N s" when `options.budget` runs out.
 * Items keep rss-parser's fields plus author, dc:creator, content:encoded, description, summary, id
 * and media:content. Title, description, content, content:encoded and summary are HTML holding the
 * field's whole text in document order (raw child elements, CDATA, Atom text/html/xhtml, base64);
 * Atom plain text comes HTML-escaped. A date is taken from Atom 0.3 and dcterms when pubDate is
 * missing; an Atom entry's link is its alternate link. Duplicate GUIDs keep the first item. Links
 * are resolved against the feed's xml:base (itself resolved against `baseUrl`) when it has one.
 */
export async function parseFeedXml(
  xml: string,
  baseUrl?: string,
  options: ParseOptions = {},
): Promise<ParsedFeed> {
  const { budget } = options;
  const stripped = xml.replace(/^\uFEFF/, "");
  if (stripped.trim() === "") throw new FeedParseError("empty body");
  const start = startOfXml(stripped);
  if (start < 0) throw new FeedParseError("not a feed: no XML markup");
  const lineOffset = countNewlines(stripped, start);
  // U+E000 marks the placeholders of prepare.ts; it is never text in a feed.
  let text = stripped.slice(start).replace(/\uE000/g, "");

  const prolog = readProlog(text);
  if (prolog.doctype && /<!ENTITY/i.test(prolog.doctype.text)) {
    throw new FeedParseError("refused: DOCTYPE with entity declarations");
  }
  const root = localName(prolog.rootName);
  if (!["rss", "feed", "RDF"].includes(root)) {
    if (/^<!DOCTYPE\s+html\b/i.test(prolog.doctype?.text ?? "") || /^(?:html|head|body)$/i.test(root)) {
      throw new FeedParseError("not a feed: looks like an HTML page");
    }
    throw new FeedParseError(`not a feed: root element <${prolog.rootName.slice(0, 40)}>`);
  }
  if (prolog.doctype) {
    // Without entity declarations a DOCTYPE only names a DTD that nothing should fetch (or an HTML
    // one a careless template put before the feed); its line breaks stay, for error lines.
    const { start: from, end, text: doctype } = prolog.doctype;
    text = text.slice(0, from) + "\n".repeat(countNewlines(doctype, doctype.length)) + text.slice(end);
  }
  text = repairReferences(text);
  budget?.check();

  const prepared = prepareFeedXml(text, lineOffset, budget);
  const language = (value: unknown) => {
    const found = textOf(value)?.trim();
    return found ? { language: found } : {};
  };
  if (!prepared.hasContent) return { items: [], ...language(attribute(prolog.rootTag, "xml:lang")) };
  budget?.check();
  let feed: Awaited<ReturnType<typeof runRssParser>>;
  try {
    feed = await runRssParser(prepared.xml, budget);
  } catch (error) {
    if (error instanceof FeedParseError) throw error;
    throw new FeedParseError(describeParserError(error, lineOffset, prepared.rootName));
  }
  budget?.check();

  const xmlBase = attribute(prolog.rootTag, "xml:base");
  const base = xmlBase === undefined ? undefined : resolveAgainst(xmlBase, baseUrl);
  const absoluteBase = base !== undefined && URL.canParse(base) ? base : undefined;

  const seen = new Set<string>();
  const items: FeedItem[] = [];
  const atom = prepared.rootName === "feed";
  for (const raw of feed.items ?? []) {
    restoreFields(raw, prepared.texts);
    const item = tidyItem(raw, atom);
    if (item.guid !== undefined) {
      if (seen.has(item.guid)) continue;
      seen.add(item.guid);
    }
    const link = resolveAgainst(item.link, absoluteBase);
    if (link !== undefined) item.link = link;
    items.push(item);
  }
  const parsed: ParsedFeed = { items };
  restoreFields(feed, prepared.texts);
  const title = textOf(feed.title);
  const link = resolveAgainst(textOf(feed.link), absoluteBase);
  if (title !== undefined)
    parsed.title = looksLikeHtml(title) ? htmlToText(title).replace(/\n/g, " ") : title;
  if (link !== undefined) parsed.link = link;
  Object.assign(
    parsed,
    language(textOf(feed.language) ?? textOf(feed["dc:language"]) ?? attribute(prolog.rootTag, "xml:lang")),
  );
  return parsed;
}
