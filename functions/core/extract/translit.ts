/**
 * Latin spellings of Ukrainian and Russian names the gazetteer does not know (a village named in a report):
 * Ukrainian by the national system of 2010 (Кабмін 55), Russian by BGN/PCGN without diacritics, so that an
 * alert keeps a Latin place name as it does for every other place.
 */
import type { Language } from "./language.js";

const COMMON: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  д: "d",
  е: "e",
  ж: "zh",
  з: "z",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ю: "iu",
  я: "ia",
  ь: "",
  "'": "",
  "’": "",
  ʼ: "",
};
const UKRAINIAN: Record<string, string> = {
  ...COMMON,
  г: "h",
  ґ: "g",
  и: "y",
  і: "i",
  ї: "i",
  є: "ie",
  й: "i",
};
const RUSSIAN: Record<string, string> = {
  ...COMMON,
  г: "g",
  и: "i",
  й: "y",
  ё: "e",
  ы: "y",
  э: "e",
  ъ: "",
  ю: "yu",
  я: "ya",
  е: "e",
};
/** Both alphabets at once, letter by letter (Ukrainian where they differ): how an SMS spells Cyrillic in GSM-7. */
export const CYRILLIC_LATIN: Record<string, string> = { ...UKRAINIAN, ы: "y", э: "e", ъ: "", ё: "io" };
/** Ukrainian letters spelt otherwise at the start of a word. */
const UKRAINIAN_INITIAL: Record<string, string> = { є: "ye", ї: "yi", й: "y", ю: "yu", я: "ya" };

/** The Latin spelling of a Cyrillic name; text without Cyrillic letters is returned as it is. */
export function transliterate(name: string, language: Language): string {
  const table = language === "uk" ? UKRAINIAN : RUSSIAN;
  let out = "";
  let wordStart = true;
  for (const char of name) {
    const lower = char.toLowerCase();
    let latin =
      language === "uk" && wordStart && UKRAINIAN_INITIAL[lower] !== undefined
        ? UKRAINIAN_INITIAL[lower]
        : table[lower];
    // "зг" is "zgh" in Ukrainian, so that it is not read as "ж".
    if (language === "uk" && lower === "г" && out.toLowerCase().endsWith("z")) latin = "gh";
    if (latin === undefined) {
      out += char;
      wordStart = !/\p{L}/u.test(char);
      continue;
    }
    out += char !== lower && latin ? latin[0]!.toUpperCase() + latin.slice(1) : latin;
    wordStart = false;
  }
  return out;
}
