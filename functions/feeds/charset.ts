/**
 * Which charset an undeclared body is in, when it is not valid UTF-8. Scores the charsets real
 * feeds use (windows-125x, KOI8, ISO-8859-x, IBM866, TIS-620, Shift_JIS, EUC-JP, EUC-KR, GB18030,
 * Big5) on a sample of the body's non-ASCII words, by what the decoded text looks like: letters of
 * one script per word, lower case after the first letter, letters as frequent as in the language,
 * no control or unassigned characters. Small tables, no dependency; Node's TextDecoder (full ICU)
 * does the decoding.
 */

import { C1_TO_WINDOWS_1252 } from "../core/html.js";

/**
 * Decodes with the WHATWG decoders built into Node (full ICU: windows-125x, koi8-r/u, iso-8859-x,
 * Shift_JIS, GB18030 …), so the bundle carries no charset tables. windows-1252 (what "iso-8859-1"
 * and "us-ascii" mean on the web) is read with its own 0x80–0x9F: Node 20 reads those as Latin-1,
 * losing curly quotes and dashes.
 */
export function decodeAs(body: Uint8Array, label: string): string {
  const decoder = new TextDecoder(label);
  if (decoder.encoding !== "windows-1252") return decoder.decode(body);
  let text = "";
  for (let start = 0; start < body.length; start += 8192) {
    const chunk = body.subarray(start, start + 8192);
    text += String.fromCharCode(
      ...Array.from(chunk, (byte) =>
        byte >= 0x80 && byte <= 0x9f ? C1_TO_WINDOWS_1252[byte - 0x80] || byte : byte,
      ),
    );
  }
  return text;
}

/** The script a single-byte charset is for; `frequencies` holds its letters, most frequent first. */
interface SingleByte {
  label: string;
  script: "Latin" | "Cyrillic" | "Greek" | "Hebrew" | "Arabic" | "Thai";
  /** Letters the charset has that its languages rarely use: what a wrong guess produces. */
  rare?: string;
}

/** In order of preference when two score the same. */
const SINGLE_BYTE: SingleByte[] = [
  { label: "windows-1252", script: "Latin", rare: "ÐðÞþÝýªºµƒ" },
  { label: "windows-1251", script: "Cyrillic", rare: "ЂђЃѓЉљЊњЌќЋћЏџЎўЈјЅѕ" },
  { label: "koi8-u", script: "Cyrillic" },
  { label: "iso-8859-5", script: "Cyrillic", rare: "ЂђЃѓЉљЊњЌќЋћЏџЎўЈјЅѕ" },
  { label: "ibm866", script: "Cyrillic" },
  { label: "windows-1254", script: "Latin", rare: "ªºµƒèìòùøåæ" },
  { label: "windows-1250", script: "Latin", rare: "ŕŔĺĹľĽţŢ" },
  { label: "iso-8859-2", script: "Latin", rare: "ŕŔĺĹľĽţŢŤť" },
  { label: "windows-1257", script: "Latin", rare: "ŗŖļĻņŅķĶ" },
  { label: "windows-1253", script: "Greek" },
  { label: "windows-1255", script: "Hebrew" },
  { label: "windows-1256", script: "Arabic" },
  { label: "windows-874", script: "Thai" },
];

/**
 * Letter frequencies (per mille, rounded) of the languages behind a script: Russian with
 * Ukrainian's own letters, modern Greek, Thai, Hebrew, Arabic. They tell a right decoding from a
 * permuted one (KOI8 from windows-1251, Hebrew from Cyrillic).
 */
const FREQUENCIES: Partial<Record<SingleByte["script"], string>> = {
  Cyrillic:
    "о100 е82 а80 и66 н66 т60 с52 р46 в45 л42 к34 м31 д29 п27 у26 і20 я19 ы16 ь17 г17 з16 б16 ч14 й11 х9 ж9 ш7 ю6 ї5 ц5 є4 щ4 э3 ф3 ъ1 ё1 ґ1",
  Greek:
    "α110 ο85 ι72 ε70 τ75 σ45 ν63 η40 υ38 ρ42 π38 κ38 μ32 λ25 ς28 ω16 γ17 δ16 ά18 έ14 ί15 ό16 ή11 θ11 χ10 ύ7 φ8 ώ6 β6 ξ4 ζ3 ψ1 ϊ1 ΐ1",
  Thai: "า95 น70 ร65 ่60 อ55 ก53 เ50 ง45 ั40 ้40 ม40 ว37 ิ35 ย35 ี30 ด30 ต25 ท25 ส25 ล25 บ23 ค22 ะ20 ห20 ข18 แ18 พ18 ป15 ใ15 จ15 ไ15 ุ15 ็13 ู10 ช10 ำ10 โ10 ผ6 ื8 ถ5 ณ5 ศ3 ษ2 ญ2 ซ3 ฉ1 ฟ2 ธ2 ภ2 ฝ1 ฐ1 ฮ1 ฤ1 ฆ1 ฬ1 ฏ1 ฎ1 ฑ1 ฒ1 ๆ2 ์5 ๊1 ๋1 ฯ1",
  Hebrew:
    "י110 ו100 ה87 ל72 א62 ר55 מ50 ת52 ב47 ש43 נ35 ע31 ם30 ד26 כ26 ח23 ק18 פ16 ס13 ן13 צ11 ט11 ג10 ז9 ך5 ף3 ץ2",
  Arabic:
    "ا125 ل110 ي65 م60 و57 ن57 ر45 ت40 ب36 ع30 ة29 د27 ف25 ه25 ق21 س21 ك20 أ20 ح19 ج13 ى12 إ10 ش10 ط9 ص9 خ8 ض6 ز5 ث5 ذ5 غ4 ء3 ئ3 ظ2 آ1 ؤ1 پ1 چ1 ژ1 گ1 ک1 ی1",
};

const LETTER_TABLES = new Map<string, Map<string, number>>();
for (const [script, table] of Object.entries(FREQUENCIES)) {
  const counts = table.split(" ").map((entry) => [entry.slice(0, 1), Number(entry.slice(1))] as const);
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  // Scored as log(p × alphabet size): above 0 for letters more frequent than uniform.
  LETTER_TABLES.set(
    script,
    new Map(counts.map(([letter, count]) => [letter, Math.log((count / total) * counts.length)])),
  );
}

/** Punctuation that text in any of these charsets uses: neither for nor against a guess. */
const COMMON_PUNCTUATION = new Set("«»‹›“”„‘’‚–—…•·°№€\u00a0");

const SCRIPTS = {
  Latin: /\p{Script=Latin}/u,
  Cyrillic: /\p{Script=Cyrillic}/u,
  Greek: /\p{Script=Greek}/u,
  Hebrew: /\p{Script=Hebrew}/u,
  Arabic: /\p{Script=Arabic}/u,
  Thai: /\p{Script=Thai}/u,
} as const;

const WORD_OR_SYMBOL = /[\p{L}\p{M}]+|[^\p{L}\p{M}\p{ASCII}]/gu;

/** Mean plausibility of the non-ASCII characters of `text` read as `candidate`: about 1 for the right charset, less for a wrong one. */
function scoreSingleByte(text: string, candidate: SingleByte): number {
  const script = SCRIPTS[candidate.script];
  const letters = LETTER_TABLES.get(candidate.script);
  const rare = new Set(candidate.rare ?? "");
  let total = 0;
  let count = 0;
  for (const [token] of text.matchAll(WORD_OR_SYMBOL)) {
    const chars = [...token];
    if (!/[\p{L}\p{M}]/u.test(chars[0]!)) {
      const c = chars[0]!;
      if (c > "\x7f") {
        count++;
        if (/[\p{Cc}\p{Cn}\p{Co}\uFFFD]/u.test(c)) total -= 3;
        else if (!COMMON_PUNCTUATION.has(c)) total -= 1;
      }
      continue;
    }
    const ascii = chars.filter((c) => c <= "\x7f").length;
    const foreign = chars.length - ascii;
    // Capitals only: an acronym now and then, or lower case read as upper (KOI8 as windows-1251, Hebrew as KOI8).
    const shouting = chars.length >= 3 && chars.every((c) => c.toUpperCase() === c && c.toLowerCase() !== c);
    let previousLower = false;
    for (const c of chars) {
      const lower = c.toLowerCase() === c && c.toUpperCase() !== c;
      const upper = c.toUpperCase() === c && c.toLowerCase() !== c;
      const caseBreak = upper && previousLower;
      previousLower = lower;
      if (c <= "\x7f") continue;
      count++;
      if (!script.test(c) && !/\p{M}/u.test(c)) {
        total -= 1;
      } else if (caseBreak || (candidate.script !== "Latin" && ascii > 0)) {
        // Lower case then capitals, or Latin letters in the word: another script misread.
        total -= 1;
      } else if (shouting && candidate.script !== "Latin") {
        const weight = letters?.get(c.toLowerCase());
        total += 0.5 + (letters ? Math.max(-2, Math.min(1, weight ?? -2)) : 0);
      } else if (shouting) {
        total += 0.5;
      } else if (candidate.script === "Latin") {
        // Accented letters sit among plain ones; a word of accented letters only is another script misread.
        if (foreign * 2 > chars.length && chars.length > 2) total -= 1;
        else if (!rare.has(c)) total += 1;
      } else if (rare.has(c)) {
        total += 0;
      } else {
        const weight = letters?.get(c.toLowerCase());
        total += 1 + (letters ? Math.max(-2, Math.min(1, weight ?? -2)) : 0);
      }
    }
  }
  return count === 0 ? 0 : total / count;
}

/** Multi-byte charsets, tried with a fatal decoder: text in another charset rarely decodes at all. */
const MULTI_BYTE = ["shift_jis", "euc-jp", "euc-kr", "gb18030", "big5"] as const;

/** Mean length in bytes of the sample's words: Chinese and Japanese run on without spaces, other scripts do not. */
function meanWordBytes(sample: Uint8Array): number {
  let words = 0;
  for (const byte of sample) if (byte === 0x20) words++;
  return words === 0 ? sample.length : (sample.length - words) / words;
}

/** Share of double-byte characters whose trail byte is ASCII (0x40–0x7E): many in Big5, none in GB2312/EUC. */
function asciiTrailShare(sample: Uint8Array): number {
  let pairs = 0;
  let asciiTrails = 0;
  for (let i = 0; i < sample.length - 1; i++) {
    if (sample[i]! < 0x81 || sample[i] === 0xff) continue;
    pairs++;
    if (sample[i + 1]! >= 0x40 && sample[i + 1]! <= 0x7e) asciiTrails++;
    i++;
  }
  return pairs === 0 ? 0 : asciiTrails / pairs;
}

function scoreMultiByte(sample: Uint8Array, label: (typeof MULTI_BYTE)[number]): number {
  let text: string;
  try {
    text = new TextDecoder(label, { fatal: true }).decode(sample);
  } catch {
    return Number.NEGATIVE_INFINITY;
  }
  let kana = 0;
  let hangul = 0;
  let total = 0;
  let count = 0;
  for (const c of text) {
    if (c <= "\x7f") continue;
    count++;
    const code = c.codePointAt(0)!;
    if (code >= 0x3040 && code <= 0x30ff) kana++;
    if ((code >= 0xac00 && code <= 0xd7a3) || (code >= 0x3130 && code <= 0x318f)) hangul++;
    if (
      (code >= 0x3040 && code <= 0x30ff) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0x3400 && code <= 0x9fff) ||
      (code >= 0x3000 && code <= 0x303f) ||
      (code >= 0xff01 && code <= 0xff60)
    ) {
      total += 1;
    } else if (code >= 0xff61 && code <= 0xff9f) {
      // Half-width katakana: EUC-JP read as Shift_JIS makes runs of them.
      total -= 1;
    } else if (/[\p{Cc}\p{Cn}\p{Co}]/u.test(c)) {
      total -= 3;
    } else {
      total -= 0.5;
    }
  }
  // A few characters decode in every multi-byte charset by chance ("Müller" is valid Big5).
  if (count < 4) return Number.NEGATIVE_INFINITY;
  const share = (n: number) => n / count;
  // Which CJK language: Japanese has kana, Korean is nearly all hangul, Big5 has ASCII trail bytes.
  let bonus: number;
  if (label === "shift_jis" || label === "euc-jp") bonus = share(kana) >= 0.05 ? 0.3 : -0.3;
  else if (label === "euc-kr") bonus = share(hangul) >= 0.8 ? 0.3 : -0.3;
  else if (label === "big5") bonus = asciiTrailShare(sample) >= 0.15 ? 0.3 : -0.3;
  else bonus = asciiTrailShare(sample) < 0.15 ? 0 : -0.3;
  // Words of a few double-byte characters between spaces: Cyrillic capitals that happen to pair up.
  if (label !== "euc-kr" && meanWordBytes(sample) < 6) bonus -= 0.3;
  return total / count + bonus;
}

/** How long the sample grows, and the longest word taken whole into it. */
const SAMPLE_BYTES = 32 * 1024;
const WORD_BYTES = 4096;

/**
 * The body's words (between ASCII spaces and markup) that hold a non-ASCII byte, up to
 * SAMPLE_BYTES. A longer word (Chinese runs on without spaces) is cut after an ASCII byte, where no
 * double-byte character is split, or at an even length when it has none.
 */
export function nonAsciiSample(body: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let length = 0;
  let start = 0;
  let high = false;
  const space = new Uint8Array([0x20]);
  for (let i = 0; i <= body.length && length < SAMPLE_BYTES; i++) {
    const byte = i < body.length ? body[i]! : 0x20;
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x3c || byte === 0x3e) {
      if (high) {
        let end = i;
        if (end - start > WORD_BYTES) {
          end = start + WORD_BYTES;
          while (end > start && body[end - 1]! >= 0x80) end--;
          // No ASCII at all: double-byte text (GB2312, Big5, EUC-KR) splits evenly.
          if (end === start) end = start + WORD_BYTES;
        }
        if (end > start) {
          parts.push(body.subarray(start, end), space);
          length += end - start + 1;
        }
      }
      start = i + 1;
      high = false;
    } else if (byte >= 0x80) high = true;
  }
  return Buffer.concat(parts);
}

/**
 * Counts how much of `body` is UTF-8: multi-byte sequences that are valid, and bytes that are not.
 * A UTF-8 feed with a few stray windows-1252 bytes has many of the first and few of the second.
 */
export function utf8Evidence(body: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i]! < 0x80) continue;
    const length = utf8SequenceAt(body, i);
    if (length > 0) {
      valid++;
      i += length - 1;
    } else invalid++;
  }
  return { valid, invalid };
}

/** The length of the UTF-8 sequence starting at `i` (a byte ≥ 0x80), 0 when it is not one. */
function utf8SequenceAt(body: Uint8Array, i: number): number {
  const byte = body[i]!;
  const length =
    byte >= 0xc2 && byte <= 0xdf
      ? 2
      : byte >= 0xe0 && byte <= 0xef
        ? 3
        : byte >= 0xf0 && byte <= 0xf4
          ? 4
          : 0;
  if (length === 0 || i + length > body.length) return 0;
  for (let k = 1; k < length; k++) if ((body[i + k]! & 0xc0) !== 0x80) return 0;
  // Overlong three- and four-byte forms, surrogates and code points past U+10FFFF are not UTF-8.
  const second = body[i + 1]!;
  if (byte === 0xe0 && second < 0xa0) return 0;
  if (byte === 0xed && second > 0x9f) return 0;
  if (byte === 0xf0 && second < 0x90) return 0;
  if (byte === 0xf4 && second > 0x8f) return 0;
  return length;
}

/** Every candidate charset with its score on a sample of `body`'s non-ASCII words, in order of preference. */
export function charsetScores(body: Uint8Array): { label: string; score: number }[] {
  const sample = nonAsciiSample(body);
  return [
    ...SINGLE_BYTE.map((candidate) => ({
      label: candidate.label,
      score: scoreSingleByte(decodeAs(sample, candidate.label), candidate),
    })),
    ...MULTI_BYTE.map((label) => ({ label, score: scoreMultiByte(sample, label) })),
  ];
}

/** The charset that reads `body` best (the first of equals); windows-1252 when nothing tells. */
export function sniffCharset(body: Uint8Array): string {
  let best = { label: "windows-1252", score: Number.NEGATIVE_INFINITY };
  for (const candidate of charsetScores(body)) if (candidate.score > best.score) best = candidate;
  return best.label;
}

/** UTF-8 with its stray invalid bytes read as windows-1252: a UTF-8 feed that pasted in one legacy quote. */
export function decodeUtf8WithStrays(body: Uint8Array): string {
  const utf8 = new TextDecoder("utf-8");
  let text = "";
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i]!;
    if (byte < 0x80) continue;
    const length = utf8SequenceAt(body, i);
    if (length > 0) {
      i += length - 1;
      continue;
    }
    text += utf8.decode(body.subarray(from, i)) + decodeAs(body.subarray(i, i + 1), "windows-1252");
    from = i + 1;
  }
  return text + utf8.decode(body.subarray(from));
}
