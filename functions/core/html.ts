/**
 * HTML to plain text for article bodies: block elements become line breaks (one paragraph per line),
 * scripts/styles/comments are dropped, entities are decoded. Small and dependency-free so it can
 * run in every Lambda bundle; not a full HTML parser, but tolerant of the markup feeds carry.
 */

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  sbquo: "‚",
  ldquo: "“",
  rdquo: "”",
  bdquo: "„",
  laquo: "«",
  raquo: "»",
  lsaquo: "‹",
  rsaquo: "›",
  bull: "•",
  middot: "·",
  copy: "©",
  reg: "®",
  trade: "™",
  deg: "°",
  plusmn: "±",
  times: "×",
  divide: "÷",
  frac12: "½",
  frac14: "¼",
  frac34: "¾",
  euro: "€",
  pound: "£",
  yen: "¥",
  cent: "¢",
  sect: "§",
  para: "¶",
  shy: "",
  zwj: "",
  zwnj: "",
  thinsp: " ",
  ensp: " ",
  emsp: " ",
  prime: "′",
  Prime: "″",
  minus: "−",
  dagger: "†",
  Dagger: "‡",
  permil: "‰",
  iexcl: "¡",
  iquest: "¿",
  acute: "´",
  uml: "¨",
  ordf: "ª",
  ordm: "º",
  sup1: "¹",
  sup2: "²",
  sup3: "³",
  micro: "µ",
  Agrave: "À",
  Aacute: "Á",
  Acirc: "Â",
  Atilde: "Ã",
  Auml: "Ä",
  Aring: "Å",
  AElig: "Æ",
  Ccedil: "Ç",
  Egrave: "È",
  Eacute: "É",
  Ecirc: "Ê",
  Euml: "Ë",
  Igrave: "Ì",
  Iacute: "Í",
  Icirc: "Î",
  Iuml: "Ï",
  Ntilde: "Ñ",
  Ograve: "Ò",
  Oacute: "Ó",
  Ocirc: "Ô",
  Otilde: "Õ",
  Ouml: "Ö",
  Oslash: "Ø",
  Ugrave: "Ù",
  Uacute: "Ú",
  Ucirc: "Û",
  Uuml: "Ü",
  Yacute: "Ý",
  szlig: "ß",
  agrave: "à",
  aacute: "á",
  acirc: "â",
  atilde: "ã",
  auml: "ä",
  aring: "å",
  aelig: "æ",
  ccedil: "ç",
  egrave: "è",
  eacute: "é",
  ecirc: "ê",
  euml: "ë",
  igrave: "ì",
  iacute: "í",
  icirc: "î",
  iuml: "ï",
  ntilde: "ñ",
  ograve: "ò",
  oacute: "ó",
  ocirc: "ô",
  otilde: "õ",
  ouml: "ö",
  oslash: "ø",
  ugrave: "ù",
  uacute: "ú",
  ucirc: "û",
  uuml: "ü",
  yacute: "ý",
  yuml: "ÿ",
  Scaron: "Š",
  scaron: "š",
  Zcaron: "Ž",
  zcaron: "ž",
  OElig: "Œ",
  oelig: "œ",
};

/** Decodes named (HTML), decimal and hex character references; unknown ones are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code =
        ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        return "\ufffd";
      }
      return String.fromCodePoint(code);
    }
    return NAMED[ref] ?? whole;
  });
}

const BLOCK =
  /^(p|div|br|li|ul|ol|h[1-6]|blockquote|section|article|header|footer|tr|table|figure|figcaption|pre|hr|dd|dt|dl|aside|nav|main|address)$/i;
const DROP_WITH_CONTENT = /^(script|style|noscript|template|iframe|svg|object|head|button|form|select)$/i;

/** True when the string looks like it carries HTML markup (not plain text with a stray `<`). */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][a-z0-9]*(\s[^>]*)?\/?>|&[a-z]+;|&#\d+;/i.test(text);
}

/**
 * Turns an HTML fragment into plain text, one paragraph per line. Whitespace inside a paragraph is
 * folded to single spaces; runs of blank lines become one.
 */
export function htmlToText(html: string): string {
  let out = "";
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf("<", i);
    if (lt === -1) {
      out += html.slice(i).replace(/\s+/g, " ");
      break;
    }
    // Newlines in the source are only whitespace; block elements make the line breaks.
    out += html.slice(i, lt).replace(/\s+/g, " ");
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    const tag = /^<\/?([a-zA-Z][a-zA-Z0-9:-]*)[^>]*>/.exec(html.slice(lt, lt + 2048));
    if (!tag) {
      if (html.startsWith("<![CDATA[", lt)) {
        const end = html.indexOf("]]>", lt);
        out += html.slice(lt + 9, end === -1 ? n : end);
        i = end === -1 ? n : end + 3;
        continue;
      }
      out += "<";
      i = lt + 1;
      continue;
    }
    const name = tag[1]!.toLowerCase();
    const closing = tag[0][1] === "/";
    i = lt + tag[0].length;
    if (!closing && DROP_WITH_CONTENT.test(name) && !tag[0].endsWith("/>")) {
      const close = new RegExp(`</${name}\\s*>`, "i").exec(html.slice(i));
      i = close ? i + close.index + close[0].length : n;
      continue;
    }
    if (BLOCK.test(name)) out += "\n";
    else if (name === "td" || name === "th") out += " ";
  }
  return decodeEntities(out)
    .split("\n")
    .map((line) => line.replace(/[\s\u00a0]+/g, " ").trim())
    .filter((line, index, lines) => line !== "" || (index > 0 && lines[index - 1] !== ""))
    .join("\n")
    .replace(/\n{2,}/g, "\n")
    .trim();
}
