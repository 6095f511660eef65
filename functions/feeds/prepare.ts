/**
 * One linear pass over a feed document before rss-parser sees it. It reads the markup the way a
 * feed reader must and xml2js cannot:
 * - text fields (title, description, content, summary …) become their full text in document
 *   order, whatever they hold: escaped HTML, CDATA, raw child elements (RSS mixed content, Atom
 *   xhtml), base64. Each is replaced by a placeholder that `restoreText` swaps back afterwards,
 *   so xml2js never sees markup it would reorder or drop, nor nesting it would recurse into;
 * - nesting is capped (MAX_DEPTH), counted over every element including those inside text fields;
 * - a truncated document is cut after its last complete item; junk after the root is dropped;
 * - RSS without `<channel>`, a prefixed root (`<r:rss>`, `<atom:feed>`) and an Atom `<link>` with
 *   no attributes are put in the shape rss-parser expects.
 * Replacements keep the number of line breaks, so xml2js's error lines stay those of the document.
 */
import type { ParseBudget } from "./budget.js";
import { FeedParseError } from "./errors.js";

/**
 * The deepest element nesting read. Blink's HTML parser stops nesting at 512 for the same reason
 * (recursion over a deep tree); no feed we have seen nests deeper than about 30.
 */
export const MAX_DEPTH = 512;

/** Elements whose content is text for a reader, by the element they sit in. */
const TEXT_FIELDS = new Set([
  "title",
  "description",
  "summary",
  "content",
  "content:encoded",
  "subtitle",
  "tagline",
]);

/** Elements that hold text fields: an RSS channel (or a root without one) or item, an Atom feed or entry. */
type Kind = "rss" | "rdf" | "feed" | "channel" | "item" | "entry" | "other";
const HOLDS_TEXT = new Set<Kind>(["rss", "channel", "item", "entry", "feed"]);

/**
 * The namespaces of each root's own elements: a prefix bound to one of them is dropped, so
 * `<rss:item>` reads as `<item>`. Only the root's own: `<atom:link>` in an RSS channel stays.
 */
const OWN_NAMESPACES: Partial<Record<Kind, Set<string>>> = {
  rss: new Set(["http://backend.userland.com/rss2", "http://blogs.law.harvard.edu/tech/rss"]),
  rdf: new Set(["http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/"]),
  feed: new Set(["http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"]),
};

/** HTML elements that never have content, so never nest. */
const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);

/** HTML elements that a sibling of the same name closes (`<p>a<p>b`). */
const SELF_CLOSING_SIBLINGS = new Set(["p", "li", "dt", "dd", "tr", "td", "th", "option"]);

/** A document ready for rss-parser, and the text-field values its placeholders stand for. */
export interface PreparedFeed {
  xml: string;
  texts: string[];
  /** The root element's name after renaming (`rss`, `feed`, `rdf:RDF`). */
  rootName: string;
  /** False when the root holds no element at all (`<rss/>`): there is nothing to read. */
  hasContent: boolean;
}

interface Frame {
  name: string;
  kind: Kind;
}

const PLACEHOLDERS = /\uE000(\d+)\uE000\s*/g;

/** Swaps the placeholders in a string value back for the texts they stand for. */
export function restoreText(value: string, texts: string[]): string {
  if (!value.includes("\uE000")) return value;
  return value.replace(PLACEHOLDERS, (_, index: string) => texts[Number(index)] ?? "");
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = from; at < to; at++) if (text.charCodeAt(at) === 10) count++;
  return count;
}

/** "line L, column C" of `position`, counting the lines cut off before the document. */
export function where(text: string, position: number, lineOffset: number): string {
  const line = countNewlines(text, 0, position) + 1 + lineOffset;
  const column = position - (text.lastIndexOf("\n", position - 1) + 1);
  return `line ${line}, column ${column}`;
}

/** Index just past the `>` ending the tag that starts at `from`, honouring quotes; -1 when cut off. */
function endOfTag(text: string, from: number): number {
  let at = from;
  for (;;) {
    const gt = text.indexOf(">", at);
    if (gt < 0) return -1;
    // Most tags hold no quote before their `>`: then the first `>` ends them.
    let quote = "";
    let i = at;
    for (; i < gt; i++) {
      const c = text[i];
      if (quote) {
        if (c === quote) quote = "";
      } else if (c === '"' || c === "'") quote = c;
    }
    if (!quote) return gt + 1;
    const close = text.indexOf(quote, gt);
    if (close < 0) return -1;
    at = close + 1;
  }
}

/** Markup outside text fields that is copied as it is: comments, CDATA sections, processing instructions. */
const PASSED_OVER = [
  ["<!--", "-->"],
  ["<![CDATA[", "]]>"],
  ["<?", "?>"],
] as const;

const NAME = /<\/?([A-Za-z_][^\s/>]*)/y;

function tagName(text: string, at: number): string | undefined {
  NAME.lastIndex = at;
  return NAME.exec(text)?.[1];
}

const ATTRIBUTES = { type: /\stype\s*=\s*(["'])(.*?)\1/, mode: /\smode\s*=\s*(["'])(.*?)\1/ };

function attribute(tag: string, name: keyof typeof ATTRIBUTES): string | undefined {
  return tag.includes("=") ? ATTRIBUTES[name].exec(tag)?.[2] : undefined;
}

const XML_REFERENCE = /&(?:#[xX]([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Character data as text: the references that XML (and repairReferences) leaves. */
function decodeXml(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(XML_REFERENCE, (whole, hex?: string, decimal?: string, name?: string) => {
    if (name !== undefined) return NAMED[name] ?? whole;
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(decimal);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function localName(name: string): string {
  return name.slice(name.indexOf(":") + 1);
}

/**
 * How a text field's content reads:
 * - "rss": character data is HTML (escaped or CDATA) and child elements are more HTML;
 * - "xhtml": child elements are XHTML, so character data is already HTML-escaped (Atom xhtml, Atom 0.3 xml);
 * - "text": plain text, made HTML-escaped so the normalizer keeps every `<` (Atom text, text/plain);
 * - "html": escaped HTML (Atom html, text/html, Atom 0.3 escaped);
 * - "binary": base64 of something that is not text: read as nothing.
 */
type Mode = "rss" | "xhtml" | "text" | "html" | "binary";

function modeOf(tag: string, atom: boolean): { mode: Mode; base64: boolean } {
  const legacy = attribute(tag, "mode")?.trim().toLowerCase();
  const base64 = legacy === "base64";
  if (!atom) return { mode: "rss", base64 };
  const type = attribute(tag, "type")?.trim().toLowerCase();
  if (legacy === "xml") return { mode: "xhtml", base64: false };
  if (type === undefined || type === "" || type === "text")
    return { mode: legacy === "escaped" ? "html" : "text", base64 };
  if (type === "html" || type === "text/html") return { mode: "html", base64 };
  if (type === "xhtml" || type.endsWith("+xml") || type.endsWith("/xml")) return { mode: "xhtml", base64 };
  if (type.startsWith("text/")) return { mode: "text", base64 };
  // Atom 1.0: any other media type is base64 of that media.
  return { mode: "binary", base64: true };
}

/** A piece of a text field's content, as offsets into the document. */
type Segment = { kind: "text" | "cdata" | "tag"; start: number; end: number };

interface FieldEnd {
  /** Where the content stops. */
  contentEnd: number;
  /** Where scanning resumes: after the close tag, or at an ancestor's close tag that ended the field. */
  resume: number;
  segments: Segment[];
}

/** Reads a feed document (prolog, root, and everything in it) into what rss-parser can read. */
export class FeedPreparer {
  private readonly chunks: string[] = [];
  private copied = 0;
  private readonly texts: string[] = [];
  private readonly stack: Frame[] = [];
  /** How many frames of each name are open: a close tag inside a text field may end it. */
  private readonly open = new Map<string, number>();
  private readonly prefixes = new Map<string, string>();
  private rootRaw = "";
  private rootName = "";
  private rootKind: Kind = "other";
  private rootChildren = 0;
  private sawChannel = false;
  /** The chunk index right after the root's start tag: where a missing `<channel>` goes. */
  private insertAt = 0;
  /** After the last complete item or entry: the output up to there and the elements open there. */
  private salvage: { chunks: number; copied: number; at: number; open: string[] } | undefined;
  private tokens = 0;

  constructor(
    private readonly xml: string,
    private readonly lineOffset = 0,
    private readonly budget?: ParseBudget,
  ) {}

  /** Runs the pass. Throws FeedParseError for nesting over MAX_DEPTH, a close tag that closes nothing open, or a truncated document with no complete item. */
  prepare(): PreparedFeed {
    const { xml } = this;
    let at = 0;
    for (;;) {
      this.tick();
      const lt = xml.indexOf("<", at);
      if (lt < 0) return this.finishTruncated();
      const skipped = PASSED_OVER.find(([opener]) => xml.startsWith(opener, lt));
      if (skipped !== undefined) {
        const [opener, closer] = skipped;
        const end = xml.indexOf(closer, lt + opener.length);
        if (end < 0) return this.finishTruncated();
        at = end + closer.length;
        continue;
      }
      const raw = tagName(xml, lt);
      if (raw === undefined) {
        at = lt + 1;
        continue;
      }
      const end = endOfTag(xml, lt);
      if (end < 0) return this.finishTruncated();
      if (xml[lt + 1] === "/") {
        const done = this.closeTag(raw, lt, end);
        if (done) return done;
        at = end;
        continue;
      }
      const next = this.openTag(raw, lt, end);
      if (next === undefined) return this.finishTruncated();
      if (typeof next !== "number") return next;
      at = next;
    }
  }

  private tick(): void {
    if (++this.tokens % 2048 === 0) this.budget?.check();
  }

  /** Copies the document up to `position` into the output. */
  private flushTo(position: number): void {
    if (position > this.copied) this.chunks.push(this.xml.slice(this.copied, position));
    this.copied = Math.max(this.copied, position);
  }

  /** Replaces the document's `[from, to)` with `text`. */
  private replace(from: number, to: number, text: string): void {
    this.flushTo(from);
    this.chunks.push(text);
    this.copied = to;
  }

  private rename(raw: string): string {
    if (raw === this.rootRaw) return this.rootName;
    const colon = raw.indexOf(":");
    if (colon < 0) return raw;
    const prefix = this.prefixes.get(raw.slice(0, colon));
    return prefix === undefined ? raw : prefix + raw.slice(colon + 1);
  }

  private depthError(position: number): FeedParseError {
    return new FeedParseError(
      `refused: elements nested more than ${MAX_DEPTH} deep at ${where(this.xml, position, this.lineOffset)}`,
    );
  }

  /** Handles a start tag; returns where to go on, undefined when the document ends inside a text field. */
  private openTag(raw: string, lt: number, end: number): number | PreparedFeed | undefined {
    const { xml } = this;
    const tag = xml.slice(lt, end);
    const selfClosing = tag.endsWith("/>");
    if (this.stack.length === 0) return this.openRoot(raw, tag, lt, end, selfClosing);
    const name = this.rename(raw);
    if (name !== raw) this.replace(lt + 1, lt + 1 + raw.length, name);
    const parent = this.stack[this.stack.length - 1]!;
    if (this.stack.length === 1) this.rootChildren++;
    if (name === "channel" && (parent.kind === "rss" || parent.kind === "rdf")) this.sawChannel = true;
    if (this.stack.length + 1 > MAX_DEPTH) throw this.depthError(lt);

    const atom = this.rootKind === "feed";
    if (
      atom &&
      name === "link" &&
      (parent.kind === "entry" || parent.kind === "feed") &&
      !/\s[^\s/>]/.test(tag.slice(1 + raw.length))
    ) {
      return this.bareAtomLink(lt, end, selfClosing);
    }
    if (!selfClosing && HOLDS_TEXT.has(parent.kind) && TEXT_FIELDS.has(name)) {
      const field = this.scanField(raw, end);
      if (!field) return undefined;
      const { mode, base64 } = modeOf(tag, atom);
      const index = this.texts.push(fieldText(xml, field.segments, mode, base64)) - 1;
      const newlines = "\n".repeat(countNewlines(xml, end, field.contentEnd));
      this.replace(end, field.resume, `\uE000${index}\uE000${newlines}</${name}>`);
      return field.resume;
    }
    if (!selfClosing) this.push(name, kindOf(name, parent.kind));
    return end;
  }

  private openRoot(
    raw: string,
    tag: string,
    lt: number,
    end: number,
    selfClosing: boolean,
  ): number | PreparedFeed {
    const local = localName(raw);
    const prefix = raw.includes(":") ? raw.slice(0, raw.indexOf(":")) : undefined;
    const kind: Kind =
      local === "RDF" ? "rdf" : local === "feed" ? "feed" : local === "rss" ? "rss" : "other";
    for (const match of tag.matchAll(/\sxmlns:([\w.-]+)\s*=\s*(["'])(.*?)\2/g)) {
      if (OWN_NAMESPACES[kind]?.has(match[3]!.trim())) this.prefixes.set(match[1]!, "");
    }
    this.rootRaw = raw;
    this.rootKind = kind;
    if (kind === "rdf") {
      this.rootName = "rdf:RDF";
      if (prefix !== undefined && prefix !== "rdf") this.prefixes.set(prefix, "rdf:");
    } else {
      this.rootName = local;
      if (prefix !== undefined) this.prefixes.set(prefix, "");
    }
    if (this.rootName !== raw) this.replace(lt + 1, lt + 1 + raw.length, this.rootName);
    if (selfClosing) {
      this.flushTo(end);
      return this.result(false);
    }
    this.push(this.rootName, this.rootKind);
    this.flushTo(end);
    this.insertAt = this.chunks.length;
    return end;
  }

  /** An Atom `<link>` with no attributes (its URL as content, or none) becomes `<link href="…"/>`. */
  private bareAtomLink(lt: number, end: number, selfClosing: boolean): number | undefined {
    if (selfClosing) {
      this.replace(lt, end, `<link href=""/>`);
      return end;
    }
    const field = this.scanField("link", end);
    if (!field) return undefined;
    const href = decodeXml(
      field.segments
        .filter((segment) => segment.kind !== "tag")
        .map((segment) => this.xml.slice(segment.start, segment.end))
        .join(""),
    ).trim();
    const newlines = "\n".repeat(countNewlines(this.xml, lt, field.resume));
    this.replace(lt, field.resume, `<link href="${escapeHtml(href).replace(/"/g, "&quot;")}"/>${newlines}`);
    return field.resume;
  }

  private push(name: string, kind: Kind): void {
    this.stack.push({ name, kind });
    this.open.set(name, (this.open.get(name) ?? 0) + 1);
  }

  private pop(): Frame | undefined {
    const frame = this.stack.pop();
    if (frame) this.open.set(frame.name, (this.open.get(frame.name) ?? 1) - 1);
    return frame;
  }

  /** Handles an end tag outside text fields; returns the result when it closes the root. */
  private closeTag(raw: string, lt: number, end: number): PreparedFeed | undefined {
    const name = this.rename(raw);
    const top = this.stack[this.stack.length - 1];
    if (!top || top.name !== name) {
      const expected = top ? ` where </${top.name}> was expected` : " after the root element";
      throw new FeedParseError(
        `malformed XML: Unexpected close tag </${raw}>${expected}, at ${where(this.xml, end, this.lineOffset)}`,
      );
    }
    this.pop();
    if (this.stack.length === 0) {
      // The root's end tag is written by result(); whatever follows it is junk.
      this.flushTo(lt);
      return this.result(true, this.chunks.length, []);
    }
    if (name !== raw) this.replace(lt + 2, lt + 2 + raw.length, name);
    if (top.kind === "item" || top.kind === "entry") {
      // Items mostly sit in the same elements: the last list of open names is kept when it still holds.
      const open = this.salvage?.open;
      const same =
        open !== undefined &&
        open.length === this.stack.length - 1 &&
        open.every((name, index) => this.stack[index + 1]!.name === name);
      this.salvage = {
        chunks: this.chunks.length,
        copied: this.copied,
        at: end,
        open: same ? open : this.stack.slice(1).map((frame) => frame.name),
      };
    }
    return undefined;
  }

  /**
   * Scans a text field's content up to the end tag of `raw`, tolerating HTML that is not XML
   * (`<br>`, unclosed `<p>`, stray end tags). An end tag of an element open around the field ends
   * it too. Undefined when the document ends first.
   */
  private scanField(raw: string, from: number): FieldEnd | undefined {
    const { xml } = this;
    const segments: Segment[] = [];
    const inner: string[] = [];
    let at = from;
    for (;;) {
      this.tick();
      const lt = xml.indexOf("<", at);
      if (lt < 0) return undefined;
      if (lt > at) segments.push({ kind: "text", start: at, end: lt });
      if (xml.startsWith("<!--", lt)) {
        const end = xml.indexOf("-->", lt + 4);
        if (end < 0) return undefined;
        at = end + 3;
        continue;
      }
      if (xml.startsWith("<![CDATA[", lt)) {
        const end = xml.indexOf("]]>", lt + 9);
        if (end < 0) return undefined;
        segments.push({ kind: "cdata", start: lt + 9, end });
        at = end + 3;
        continue;
      }
      if (xml.startsWith("<?", lt) || xml.startsWith("<!", lt)) {
        const end = xml.indexOf(">", lt + 2);
        if (end < 0) return undefined;
        at = end + 1;
        continue;
      }
      const name = tagName(xml, lt);
      if (name === undefined) {
        segments.push({ kind: "text", start: lt, end: lt + 1 });
        at = lt + 1;
        continue;
      }
      const end = endOfTag(xml, lt);
      if (end < 0) return undefined;
      if (xml[lt + 1] === "/") {
        if (name === raw && !inner.includes(name)) return { contentEnd: lt, resume: end, segments };
        const index = inner.lastIndexOf(name);
        if (index >= 0 && index >= inner.length - 32) inner.length = index;
        else if ((this.open.get(this.rename(name)) ?? 0) > 0) return { contentEnd: lt, resume: lt, segments };
        segments.push({ kind: "tag", start: lt, end });
      } else {
        const lower = localName(name).toLowerCase();
        if (!xml.startsWith("/>", end - 2) && !VOID.has(lower)) {
          if (SELF_CLOSING_SIBLINGS.has(lower) && inner[inner.length - 1] === name) inner.pop();
          inner.push(name);
          if (this.stack.length + 1 + inner.length > MAX_DEPTH) throw this.depthError(lt);
        }
        segments.push({ kind: "tag", start: lt, end });
      }
      at = end;
    }
  }

  /** The document ended before its root closed: cut after the last complete item, or refuse. */
  private finishTruncated(): PreparedFeed {
    if (this.stack.length === 0) throw new FeedParseError("not a feed: no root element");
    if (!this.salvage) throw new FeedParseError("malformed XML: truncated");
    const { chunks, copied, at, open } = this.salvage;
    this.chunks.length = chunks;
    this.copied = copied;
    this.flushTo(at);
    return this.result(true, this.chunks.length, open);
  }

  /** Assembles the output: the chunks up to `end`, the elements still open closed, a missing channel added. */
  private result(hasContent: boolean, end = this.chunks.length, open: string[] = []): PreparedFeed {
    const closers = [...open]
      .reverse()
      .map((name) => `</${name}>`)
      .join("");
    const head = this.chunks.slice(0, this.insertAt).join("");
    const body = this.chunks.slice(this.insertAt, end).join("");
    const rootClose = hasContent ? `</${this.rootName}>` : "";
    let xml: string;
    if (!hasContent) xml = this.chunks.join("");
    else if (this.rootKind === "rss" && !this.sawChannel)
      xml = `${head}<channel>${body}${closers}</channel>${rootClose}`;
    else if (this.rootKind === "rdf" && !this.sawChannel)
      xml = `${head}<channel></channel>${body}${closers}${rootClose}`;
    else xml = `${head}${body}${closers}${rootClose}`;
    return {
      xml,
      texts: this.texts,
      rootName: this.rootName,
      hasContent: hasContent && this.rootChildren > 0,
    };
  }
}

function kindOf(name: string, parent: Kind): Kind {
  if (name === "channel" && (parent === "rss" || parent === "rdf")) return "channel";
  if (name === "item" && (parent === "channel" || parent === "rdf" || parent === "rss")) return "item";
  if (name === "entry" && parent === "feed") return "entry";
  return "other";
}

/** The text a field's segments make in its mode; HTML except for "binary". */
function fieldText(xml: string, segments: Segment[], mode: Mode, base64: boolean): string {
  if (segments.length === 1 && segments[0]!.kind !== "tag" && !base64 && mode !== "binary") {
    // The common case: one run of text or one CDATA section.
    const [only] = segments;
    const text = xml.slice(only!.start, only!.end);
    const html =
      only!.kind === "cdata"
        ? mode === "xhtml"
          ? escapeHtml(text)
          : text
        : mode === "xhtml"
          ? text
          : decodeXml(text);
    return mode === "text" ? escapeHtml(html) : html;
  }
  const hasTags = segments.some((segment) => segment.kind === "tag");
  const slice = (segment: Segment) => xml.slice(segment.start, segment.end);
  const tag = (segment: Segment) => slice(segment).replace(/^<(\/?)[\w.-]+:/, "<$1");
  if (base64 && !hasTags) {
    if (mode === "binary") return "";
    const data = segments.map((segment) =>
      segment.kind === "text" ? decodeXml(slice(segment)) : slice(segment),
    );
    const decoded = Buffer.from(data.join("").replace(/\s+/g, ""), "base64").toString("utf8");
    return mode === "html" || mode === "rss" ? decoded : escapeHtml(decoded);
  }
  if (mode === "binary") return "";
  const xhtml = mode === "xhtml" || (mode === "text" && hasTags);
  if (xhtml) {
    return segments
      .map((segment) =>
        segment.kind === "tag"
          ? tag(segment)
          : segment.kind === "cdata"
            ? escapeHtml(slice(segment))
            : slice(segment),
      )
      .join("");
  }
  const html = segments
    .map((segment) =>
      segment.kind === "tag"
        ? tag(segment)
        : segment.kind === "cdata"
          ? slice(segment)
          : decodeXml(slice(segment)),
    )
    .join("");
  return mode === "text" ? escapeHtml(html) : html;
}

/** Prepares `xml` (which starts at its prolog or root) for rss-parser; see FeedPreparer. */
export function prepareFeedXml(xml: string, lineOffset = 0, budget?: ParseBudget): PreparedFeed {
  return new FeedPreparer(xml, lineOffset, budget).prepare();
}
