/**
 * Bytes → text for feeds and pages in any charset they come in: BOM, HTTP header, XML prolog or
 * HTML meta, with valid UTF-8 winning over a single-byte charset that was declared by mistake.
 */
import { isAscii, isUtf8 } from "node:buffer";

/**
 * Decodes with the WHATWG decoders built into Node (full ICU: windows-125x, koi8-r/u, iso-8859-x,
 * utf-16 …), so the bundle carries no charset tables.
 */
function decode(body: Uint8Array, label: string): string {
  const decoder = new TextDecoder(label);
  return decoder.encoding === "windows-1252" ? decodeWindows1252(body) : decoder.decode(body);
}

/** 0x80–0x9F of windows-1252 (0 where undefined); the other bytes are Latin-1. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0, 0x17d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0, 0x17e,
  0x178,
];

/**
 * windows-1252 (what "iso-8859-1" and "us-ascii" mean on the web). Node 20's TextDecoder reads it as
 * Latin-1, losing curly quotes and dashes, so it is decoded here.
 */
function decodeWindows1252(body: Uint8Array): string {
  let text = "";
  for (let start = 0; start < body.length; start += 8192) {
    const chunk = body.subarray(start, start + 8192);
    text += String.fromCharCode(
      ...Array.from(chunk, (byte) =>
        byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] || byte : byte,
      ),
    );
  }
  return text;
}

/** True when Node knows a decoder for the label. */
function encodingExists(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** Charsets of one byte per character: where a valid UTF-8 body betrays a wrong declaration. */
const SINGLE_BYTE =
  /^(?:(?:x-)?(?:windows|cp|win)-?12[5-9]\d|koi8(?:-?[rut])?|iso-?8859-?\d+|iso_8859-\d+|latin-?\d|l[1-9]|(?:us-)?ascii|(?:cp|ibm)-?(?:437|850|852|855|866)|mac(?:intosh|cyrillic|roman)?|x-mac-\w+|tis-?620)$/;

/** Charsets an HTTP server adds by default, so an XML prolog that names another one knows better. */
const SERVER_DEFAULT = /^(?:iso-?8859-?1|latin-?1|l1|(?:us-)?ascii)$/;

function normalizeLabel(label: string | undefined): string | undefined {
  const trimmed = label
    ?.trim()
    .replace(/^["']|["']$/g, "")
    .toLowerCase();
  return trimmed && encodingExists(trimmed) ? trimmed : undefined;
}

function isUtf8Label(label: string): boolean {
  return /^utf-?8$/.test(label);
}

function isUtf16Label(label: string): boolean {
  return /^(?:utf-?16(?:le|be)?|ucs-?2)$/.test(label);
}

/** The charset parameter of a Content-Type header. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*("[^"]*"|[^;\s]+)/i.exec(contentType ?? "");
  return normalizeLabel(match?.[1]);
}

function sniffBom(body: Buffer): { encoding: string; length: number } | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (body[0] === 0xff && body[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (body[0] === 0xfe && body[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

/** UTF-16 without a BOM shows as "<" and "?" (or a letter) interleaved with zero bytes. */
function sniffUtf16(body: Buffer): string | undefined {
  if (body.length < 4) return undefined;
  if (body[0] === 0x3c && body[1] === 0 && body[2] !== 0 && body[3] === 0) return "utf-16le";
  if (body[0] === 0 && body[1] === 0x3c && body[2] === 0 && body[3] !== 0) return "utf-16be";
  return undefined;
}

/** How far into the body declarations are looked for. */
const HEAD_LENGTH = 1024;

/** The XML declaration, which may follow a little garbage (a server warning) at the start of the body. */
const PROLOG_ENCODING = /<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1/;

function encodingFromProlog(head: string): string | undefined {
  return normalizeLabel(PROLOG_ENCODING.exec(head)?.[2]);
}

function encodingFromMeta(head: string): string | undefined {
  const match =
    /<meta\s[^>]*?charset\s*=\s*["']?([\w.:-]+)/i.exec(head) ??
    /<meta\s[^>]*?content\s*=\s*["'][^"']*charset=([\w.:-]+)/i.exec(head);
  return normalizeLabel(match?.[1]);
}

function decodeWith(body: Buffer, declared: string | undefined): string {
  let encoding = declared;
  // The declaration was read from ASCII-compatible bytes, so the body cannot be UTF-16.
  if (encoding && isUtf16Label(encoding)) encoding = undefined;
  if (encoding && SINGLE_BYTE.test(encoding) && !isAscii(body) && isUtf8(body)) encoding = undefined;
  if (!encoding || isUtf8Label(encoding)) return new TextDecoder("utf-8").decode(body);
  return decode(body, encoding);
}

/** Removes the encoding pseudo-attribute of the XML declaration: the text is already decoded. */
function dropPrologEncoding(text: string): string {
  const head = text.slice(0, HEAD_LENGTH);
  return (
    head.replace(PROLOG_ENCODING, (declaration) => declaration.replace(/\s+encoding\s*=.*$/, "")) +
    text.slice(HEAD_LENGTH)
  );
}

function leadingAscii(body: Buffer): string {
  return body.subarray(0, HEAD_LENGTH).toString("latin1");
}

/**
 * Decodes a feed body. Order: BOM, UTF-16 pattern, the Content-Type charset, the XML prolog's
 * encoding (which wins over a server-default ISO-8859-1/ASCII header, and over a UTF-8 header
 * when the bytes are not UTF-8), else UTF-8. A body that is valid UTF-8 with non-ASCII characters
 * is read as UTF-8 whatever single-byte charset was claimed.
 * The result carries no BOM and no encoding declaration, so the XML parser cannot re-interpret it.
 */
export function decodeFeedBody(body: Buffer, contentType?: string): string {
  const bom = sniffBom(body);
  const utf16 = bom ? undefined : sniffUtf16(body);
  let text: string;
  if (bom) text = decode(body.subarray(bom.length), bom.encoding);
  else if (utf16) text = decode(body, utf16);
  else {
    const header = charsetFromContentType(contentType);
    const prolog = encodingFromProlog(leadingAscii(body));
    let declared = header && prolog && SERVER_DEFAULT.test(header) ? prolog : (header ?? prolog);
    // A server that labels everything UTF-8 is wrong when the bytes are not UTF-8 and the document says what they are.
    if (
      declared &&
      isUtf8Label(declared) &&
      prolog &&
      !isUtf8Label(prolog) &&
      !isAscii(body) &&
      !isUtf8(body)
    ) {
      declared = prolog;
    }
    text = decodeWith(body, declared);
  }
  return dropPrologEncoding(text.replace(/^\uFEFF/, ""));
}

/**
 * Decodes an HTML page: BOM, the Content-Type charset, a `<meta charset>` in the first KB, else
 * UTF-8; valid UTF-8 wins over a claimed single-byte charset, as for feeds.
 */
export function decodeHtmlBody(body: Buffer, contentType?: string): string {
  const bom = sniffBom(body);
  if (bom) return decode(body.subarray(bom.length), bom.encoding);
  const declared = charsetFromContentType(contentType) ?? encodingFromMeta(leadingAscii(body));
  if (!declared && !isAscii(body) && !isUtf8(body)) return decode(body, "windows-1252");
  return decodeWith(body, declared).replace(/^\uFEFF/, "");
}
