/**
 * One page of a Telegram channel's public web preview (`https://t.me/s/<channel>`) → its posts.
 * The page lists up to about twenty messages, oldest first, each a `.tgme_widget_message` with
 * `data-post="<channel>/<id>"`, its text in `.tgme_widget_message_text` and its time in
 * `.tgme_widget_message_date time[datetime]`; a `.tme_messages_more[data-before]` link leads to
 * older messages. Service messages (channel created, pinned, photo changed) and messages without
 * text (a photo, a sticker, a poll) are skipped. Parsed with linkedom, loaded only for channels.
 */
import { parseHTML } from "linkedom";
import { FeedParseError } from "./errors.js";

/** One post of a channel, as its text and the facts an article needs. */
export interface TelegramPost {
  /** The message id (the number in `data-post`). */
  id: number;
  /** The channel's username as the page spells it. */
  channel: string;
  /** The post's own link, `https://t.me/<channel>/<id>`. */
  url: string;
  /** ISO 8601, from `time[datetime]`. */
  date?: string;
  /** Plain text, one line per line of the post (`<br>` and blocks are line breaks). */
  text: string;
  /** The channel or person a forwarded post came from. */
  forwardedFrom?: string;
}

/** What a preview page holds. */
export interface TelegramPage {
  /** The channel's title (og:title, else the header's title). */
  title?: string;
  /** Posts with text, oldest first, as on the page. */
  posts: TelegramPost[];
  /** Messages left out: service messages, messages without text, messages of another channel. */
  skipped: number;
  /** The id the "older messages" link pages back from (`?before=<id>`), when there is one. */
  before?: number;
}

/** The origin of every post link, whatever server the page came from. */
export const TELEGRAM_ORIGIN = "https://t.me";

// The DOM of linkedom, kept to the few members read here.
interface Node {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<Node>;
}
interface Element extends Node {
  getAttribute(name: string): string | null;
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): ArrayLike<Element>;
  closest(selector: string): Element | null;
  classList: { contains(name: string): boolean };
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
/** Elements whose content stands on lines of its own. */
const BLOCK = new Set([
  "DIV",
  "P",
  "BLOCKQUOTE",
  "PRE",
  "UL",
  "OL",
  "LI",
  "H1",
  "H2",
  "H3",
  "H4",
  "TABLE",
  "TR",
]);
/** Elements that are not text. */
const SKIP = new Set(["SCRIPT", "STYLE", "SVG", "VIDEO", "AUDIO", "NOSCRIPT", "TEMPLATE"]);
/** Text of a quoted reply or of a linked page's preview is not the post's own. */
const NOT_OWN_TEXT = ".tgme_widget_message_reply, .tgme_widget_message_link_preview";

/** Appends the text of `node` to `out`: text folded as a browser shows it, `<br>` a new line, an image its alt text. */
function collectText(node: Node, out: string[]): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === TEXT_NODE) {
      out.push((child.textContent ?? "").replace(/[ \t\r\n\f]+/g, " "));
      continue;
    }
    if (child.nodeType !== ELEMENT_NODE) continue;
    const name = child.nodeName.toUpperCase();
    if (SKIP.has(name)) continue;
    if (name === "BR") out.push("\n");
    else if (name === "IMG") out.push((child as Element).getAttribute("alt") ?? "");
    else if (BLOCK.has(name)) {
      out.push("\n");
      collectText(child, out);
      out.push("\n");
    } else collectText(child, out);
  }
}

/** The plain text of an element, one line per line it shows; blank lines between paragraphs kept single. */
export function elementText(element: Node): string {
  const out: string[] = [];
  collectText(element, out);
  return out
    .join("")
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function channelTitle(document: Element): string | undefined {
  const og = document.querySelector('meta[property="og:title"]')?.getAttribute("content")?.trim();
  if (og) return og;
  for (const selector of [".tgme_channel_info_header_title", ".tgme_header_title"]) {
    const element = document.querySelector(selector);
    const text = element ? elementText(element).replace(/\n+/g, " ") : "";
    if (text) return text;
  }
  return undefined;
}

/** The post's own text element: not the text of a reply it quotes or of a link's preview. */
function ownText(message: Element): Element | undefined {
  return Array.from(message.querySelectorAll(".tgme_widget_message_text")).find(
    (element) => element.closest(NOT_OWN_TEXT) === null,
  );
}

/**
 * Reads one preview page of `channel`. Throws FeedParseError when the page is not a channel
 * preview (no message history and no message: a user's or bot's page, a private or missing
 * channel, a login or error page).
 */
export function parseTelegramPage(html: string, channel: string): TelegramPage {
  const { document } = parseHTML(html) as unknown as { document: Element };
  const messages = Array.from(document.querySelectorAll(".tgme_widget_message[data-post]"));
  if (messages.length === 0 && document.querySelector(".tgme_channel_history") === null) {
    throw new FeedParseError(
      `not a public channel preview: the page has no message history (the channel does not exist, is private, or has no web preview)`,
    );
  }
  const page: TelegramPage = { posts: [], skipped: 0 };
  const title = channelTitle(document);
  if (title) page.title = title;
  const wanted = channel.toLowerCase();
  for (const message of messages) {
    const match = /^([A-Za-z0-9_]{1,64})\/(\d{1,12})$/.exec(message.getAttribute("data-post") ?? "");
    const textElement = ownText(message);
    const text = textElement ? elementText(textElement) : "";
    if (
      !match ||
      match[1]!.toLowerCase() !== wanted ||
      message.classList.contains("service_message") ||
      message.querySelector(".tgme_widget_message_service") !== null ||
      text === ""
    ) {
      page.skipped += 1;
      continue;
    }
    const post: TelegramPost = {
      id: Number(match[2]),
      channel: match[1]!,
      url: `${TELEGRAM_ORIGIN}/${match[1]}/${match[2]}`,
      text,
    };
    const time = (
      message.querySelector(".tgme_widget_message_date time[datetime]") ??
      message.querySelector(".tgme_widget_message_footer time[datetime]")
    )?.getAttribute("datetime");
    if (time && !Number.isNaN(Date.parse(time))) post.date = time;
    const forwarded = message.querySelector(".tgme_widget_message_forwarded_from_name");
    const from = forwarded ? elementText(forwarded).replace(/\n+/g, " ") : "";
    if (from) post.forwardedFrom = from;
    page.posts.push(post);
  }
  const before = document.querySelector(".tme_messages_more[data-before]")?.getAttribute("data-before");
  if (before && /^\d{1,12}$/.test(before)) page.before = Number(before);
  return page;
}
