/**
 * HTML to plain text for article bodies: block elements become line breaks (one paragraph per line),
 * scripts/styles/comments are dropped, entities are decoded. Small and dependency-free so it can
 * run in every Lambda bundle; not a full HTML parser, but tolerant of the markup feeds carry.
 */

/**
 * HTML 4 named entities that XML does not define, as runs: the code point of the first name,
 * then the names of the following code points. Feeds use them freely (`&nbsp;`, `&mdash;`).
 */
const HTML_ENTITY_RUNS = `160 nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg
plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde
Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml
times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave
eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc
uuml yacute thorn yuml
338 OElig oelig
352 Scaron scaron
376 Yuml
402 fnof
710 circ
732 tilde
913 Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho
931 Sigma Tau Upsilon Phi Chi Psi Omega
945 alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon
phi chi psi omega
977 thetasym upsih
982 piv
8194 ensp emsp
8201 thinsp
8204 zwnj zwj lrm rlm
8211 ndash mdash
8216 lsquo rsquo sbquo
8220 ldquo rdquo bdquo
8224 dagger Dagger bull
8230 hellip
8240 permil
8242 prime Prime
8249 lsaquo rsaquo
8254 oline
8260 frasl
8364 euro
8465 image
8472 weierp
8476 real
8482 trade
8501 alefsym
8592 larr uarr rarr darr harr
8629 crarr
8656 lArr uArr rArr dArr hArr
8704 forall
8706 part exist
8709 empty
8711 nabla isin notin
8715 ni
8719 prod
8721 sum minus
8727 lowast
8730 radic
8733 prop infin
8736 ang
8743 and or cap cup int
8756 there4
8764 sim
8773 cong
8776 asymp
8800 ne equiv
8804 le ge
8834 sub sup nsub
8838 sube supe
8853 oplus
8855 otimes
8869 perp
8901 sdot
8968 lceil rceil lfloor rfloor
9001 lang rang
9674 loz
9824 spades
9827 clubs
9829 hearts diams`;

/** HTML 4 named entity → code point (XML's five included below). */
export const HTML_ENTITIES = new Map<string, number>([
  ["amp", 38],
  ["lt", 60],
  ["gt", 62],
  ["quot", 34],
  ["apos", 39],
]);
for (const run of HTML_ENTITY_RUNS.split(/\n(?=\d)/)) {
  const [start = "0", ...names] = run.split(/\s+/);
  for (const [offset, name] of names.entries()) HTML_ENTITIES.set(name, Number(start) + offset);
}

/**
 * What windows-1252 has at 0x80–0x9F (0 where it has nothing). Browsers read the C1 code points
 * U+0080–U+009F this way in character references (`&#146;` is ’), and they only ever reach a feed
 * as windows-1252 text read as Latin-1.
 */
export const C1_TO_WINDOWS_1252: readonly number[] = [
  0x20ac, 0, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0, 0x17d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0, 0x17e,
  0x178,
];

/** Replaces C1 control characters by their windows-1252 reading; those windows-1252 lacks are dropped. */
export function mapC1Controls(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => {
    const code = C1_TO_WINDOWS_1252[c.charCodeAt(0) - 0x80];
    return code ? String.fromCharCode(code) : "";
  });
}

/** Decodes named (HTML), decimal and hex character references; unknown ones are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code =
        ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        return "\ufffd";
      }
      if (code >= 0x80 && code <= 0x9f) {
        const mapped = C1_TO_WINDOWS_1252[code - 0x80];
        return mapped ? String.fromCharCode(mapped) : "";
      }
      return String.fromCodePoint(code);
    }
    const code = HTML_ENTITIES.get(ref);
    if (code === undefined) return whole;
    // Soft hyphens and zero-width marks only steer line breaking and direction: not text.
    return code === 0xad || (code >= 0x200b && code <= 0x200f) ? "" : String.fromCodePoint(code);
  });
}

const BLOCK =
  /^(p|div|br|li|ul|ol|h[1-6]|blockquote|section|article|header|footer|tr|table|figure|figcaption|pre|hr|dd|dt|dl|aside|nav|main|address)$/i;
const DROP_WITH_CONTENT = /^(script|style|noscript|template|iframe|svg|object|head|button|form|select)$/i;
const TAG = /^<\/?([a-zA-Z][a-zA-Z0-9:-]*)[^>]*>/;
/** Of those, the ones whose content is code: unclosed, the rest of the fragment is code too. */
const RAW_TEXT = /^(script|style)$/i;

/**
 * True when the string looks like it carries HTML markup (not plain text with a stray `<`). A tag's
 * attributes stop at the next `<`, so the test stays linear on text full of unclosed tags.
 */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>|&[a-z]+;|&#\d+;|&#x[0-9a-f]+;/i.test(text);
}

/**
 * Turns an HTML fragment into plain text, one paragraph per line. Whitespace inside a paragraph is
 * folded to single spaces; runs of blank lines become one.
 */
export function htmlToText(html: string): string {
  let out = "";
  let i = 0;
  const n = html.length;
  // The next `>` (n when none) and the elements with no end tag left: each found once, so the
  // pass stays linear whatever the markup.
  let nextGt = -1;
  const unclosed = new Set<string>();
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
    if (nextGt < lt) {
      nextGt = html.indexOf(">", lt);
      if (nextGt < 0) nextGt = n;
    }
    const tag = nextGt < n && nextGt - lt < 2048 ? TAG.exec(html.slice(lt, nextGt + 1)) : null;
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
      const close = unclosed.has(name) ? null : new RegExp(`</${name}\\s*>`, "i").exec(html.slice(i));
      // An unclosed <iframe> or <object> drops only itself, not the article after it.
      if (close) i += close.index + close[0].length;
      else if (RAW_TEXT.test(name)) i = n;
      else unclosed.add(name);
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
