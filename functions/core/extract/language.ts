/**
 * The language of a report, from its letters: English (Latin script), or Ukrainian / Russian (Cyrillic),
 * told apart by the letters only one of them has (і ї є ґ; ы э ъ ё).
 */
export type Language = "en" | "uk" | "ru";

const CYRILLIC = /[\u0400-\u04FF]/g;
const LATIN = /[A-Za-z]/g;
const UKRAINIAN_ONLY = /[іїєґІЇЄҐ]/g;
const RUSSIAN_ONLY = /[ыэъёЫЭЪЁ]/g;

function count(pattern: RegExp, text: string): number {
  return text.match(pattern)?.length ?? 0;
}

/** The language of `text`: Cyrillic letters outnumbering Latin ones make it Ukrainian or Russian. */
export function detectLanguage(text: string): Language {
  // Most reports are English and hold no Cyrillic letter at all: one scan answers.
  if (!/[\u0400-\u04FF]/.test(text)) return "en";
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  if (count(CYRILLIC, sample) <= count(LATIN, sample)) return "en";
  return count(UKRAINIAN_ONLY, sample) >= count(RUSSIAN_ONLY, sample) && count(UKRAINIAN_ONLY, sample) > 0
    ? "uk"
    : "ru";
}
