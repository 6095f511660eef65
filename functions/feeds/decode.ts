/**
 * Bytes → text for feeds and pages in any charset they come in: BOM, HTTP header, XML prolog or
 * HTML meta, with valid UTF-8 winning over a single-byte charset that was declared by mistake, and
 * the charset sniffed (charset.ts) when nothing declares it and the bytes are not UTF-8.
 */
import { isAscii, isUtf8 } from "node:buffer";
import { mapC1Controls } from "../core/html.js";
import { decodeAs as decode, decodeUtf8WithStrays, sniffCharset, utf8Evidence } from "./charset.js";

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

/** UTF-32, which the WHATWG decoders (and so Node's TextDecoder) do not know. */
function decodeUtf32(body: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const parts: string[] = [];
  let codes: number[] = [];
  for (let at = 0; at + 4 <= body.length; at += 4) {
    const code = view.getUint32(at, littleEndian);
    codes.push(code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? 0xfffd : code);
    if (codes.length === 8192) {
      parts.push(String.fromCodePoint(...codes));
      codes = [];
    }
  }
  parts.push(String.fromCodePoint(...codes));
  return parts.join("");
}

/** Decodes with `label`, UTF-32 included. */
function decodeUnicode(body: Buffer, label: string): string {
  if (label === "utf-32le" || label === "utf-32be") return decodeUtf32(body, label === "utf-32le");
  return decode(body, label);
}

/**
 * Bytes that nothing declares (or that a UTF-8 or server-default label misdescribes) and that are
 * not UTF-8: mostly UTF-8 with a few stray bytes is read as UTF-8 with those bytes as
 * windows-1252; anything else in the charset that reads it best.
 */
function decodeUndeclared(body: Buffer): string {
  const { valid, invalid } = utf8Evidence(body);
  if (valid > 0 && valid >= 4 * invalid) return decodeUtf8WithStrays(body);
  return decode(body, sniffCharset(body));
}

/** The charset parameter of a Content-Type header. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*("[^"]*"|[^;\s]+)/i.exec(contentType ?? "");
  return normalizeLabel(match?.[1]);
}

function sniffBom(body: Buffer): { encoding: string; length: number } | undefined {
  if (body[0] === 0 && body[1] === 0 && body[2] === 0xfe && body[3] === 0xff)
    return { encoding: "utf-32be", length: 4 };
  if (body[0] === 0xff && body[1] === 0xfe && body[2] === 0 && body[3] === 0)
    return { encoding: "utf-32le", length: 4 };
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (body[0] === 0xff && body[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (body[0] === 0xfe && body[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

/** UTF-32 or UTF-16 without a BOM shows as "<" and "?" (or a letter) interleaved with zero bytes. */
function sniffUtf16(body: Buffer): string | undefined {
  if (body.length < 4) return undefined;
  if (body[0] === 0x3c && body[1] === 0 && body[2] === 0 && body[3] === 0) return "utf-32le";
  if (body[0] === 0 && body[1] === 0 && body[2] === 0 && body[3] === 0x3c) return "utf-32be";
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

/** Decodes by the declared charset; `guess` when the declaration is only a server's default. */
function decodeWith(body: Buffer, declared: string | undefined, guess = false): string {
  let encoding = declared;
  // The declaration was read from ASCII-compatible bytes, so the body cannot be UTF-16.
  if (encoding && isUtf16Label(encoding)) encoding = undefined;
  if (encoding && SINGLE_BYTE.test(encoding) && !isAscii(body) && isUtf8(body)) encoding = undefined;
  const utf8 = !encoding || isUtf8Label(encoding);
  if ((utf8 || guess) && !isAscii(body) && !isUtf8(body)) return decodeUndeclared(body);
  if (utf8 || !encoding) return new TextDecoder("utf-8").decode(body);
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
 * Decodes a feed body. Order: BOM, UTF-32/UTF-16 pattern, the Content-Type charset, the XML
 * prolog's encoding (which wins over a server-default ISO-8859-1/ASCII header, and over a UTF-8
 * header when the bytes are not UTF-8), else UTF-8. A body that is valid UTF-8 with non-ASCII
 * characters is read as UTF-8 whatever single-byte charset was claimed; one that is not, with no
 * declaration but a UTF-8 or server-default label, has its charset sniffed. C1 control characters
 * are read as windows-1252, as browsers do. The result carries no BOM and no encoding
 * declaration, so the XML parser cannot re-interpret it.
 */
export function decodeFeedBody(body: Buffer, contentType?: string): string {
  const bom = sniffBom(body);
  const utf16 = bom ? undefined : sniffUtf16(body);
  let text: string;
  if (bom) text = decodeUnicode(body.subarray(bom.length), bom.encoding);
  else if (utf16) text = decodeUnicode(body, utf16);
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
    text = decodeWith(
      body,
      declared,
      declared !== undefined && declared === header && SERVER_DEFAULT.test(declared),
    );
  }
  return dropPrologEncoding(mapC1Controls(text.replace(/^\uFEFF/, "")));
}

/**
 * Decodes an HTML page: BOM, the Content-Type charset, a `<meta charset>` in the first KB, else
 * UTF-8; valid UTF-8 wins over a claimed single-byte charset, and undeclared bytes that are not
 * UTF-8 have their charset sniffed, as for feeds.
 */
export function decodeHtmlBody(body: Buffer, contentType?: string): string {
  const bom = sniffBom(body);
  if (bom) return mapC1Controls(decodeUnicode(body.subarray(bom.length), bom.encoding));
  const declared = charsetFromContentType(contentType) ?? encodingFromMeta(leadingAscii(body));
  return mapC1Controls(decodeWith(body, declared).replace(/^\uFEFF/, ""));
}
