/**
 * Quantities in news prose: digits ("1,234"), number words ("twenty-one", "a dozen"), vague
 * amounts ("dozens", "hundreds": approximate, with a conservative minimum) and their modifiers
 * ("at least", "more than", "up to"). Numbers that are never head-counts are skipped: ages,
 * storeys, times, dates, years, money, percentages, distances and weapon designations.
 */
import { allMatches } from "./regex.js";
import type { Count } from "./types.js";

/** A quantity found in a sentence. `start`/`end` span the whole phrase including its modifier. */
export interface Quantity {
  start: number;
  end: number;
  text: string;
  count: Count;
}

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
/** Vague amounts: the smallest number the word can honestly mean. */
const VAGUE: Record<string, number> = {
  dozens: 24,
  scores: 40,
  hundreds: 200,
  thousands: 2000,
  several: 3,
  "a few": 2,
  "a couple of": 2,
  "a dozen": 12,
  "a handful of": 3,
};

const WORD = `(?:${Object.keys(TENS).join("|")})(?:[-\\s](?:${Object.keys(UNITS)
  .filter((w) => UNITS[w]! > 0 && UNITS[w]! < 10)
  .join("|")}))?|${Object.keys(UNITS).join("|")}`;
const SCALED = `(?:(?:${WORD}|a|one)\\s+)?(?:hundred|thousand)(?:\\s+(?:and\\s+)?(?:${WORD}))?`;
const DIGITS = String.raw`\d{1,3}(?:,\d{3})+|\d+`;
const VAGUE_WORDS = Object.keys(VAGUE)
  .sort((a, b) => b.length - a.length)
  .join("|")
  .replace(/ /g, "\\s+");
/** Modifiers that keep a figure exact: a minimum ("at least 36"), or an addition ("another 108"). */
const EXACT_MODIFIERS = new Set(["at least", "no fewer than", "not less than", "another", "an additional"]);
const MODIFIER =
  "at\\s+least|no\\s+fewer\\s+than|not\\s+less\\s+than|more\\s+than|over|nearly|almost|around|about|approximately|roughly|some|up\\s+to|as\\s+many\\s+as|at\\s+most|another|an\\s+additional";

// Every quantity starts with a letter or digit, so "\b" is implied by the lookbehind; said first, it
// lets V8 skip positions inside words (about 2.5× faster).
const QUANTITY = new RegExp(
  `\\b(?<![\\w-])(?:(${MODIFIER})\\s+)?(${VAGUE_WORDS}|${SCALED}|${DIGITS}|${WORD})(?:\\s*(?:-|–|to)\\s*(${DIGITS}|${WORD}))?(?![\\w])`,
  "g",
);

// The word lists around a number below are matched on the lower-cased sentence (no /i: several times faster).

/** Words after a number that show it is not a head-count. */
const NOT_A_COUNT_AFTER =
  /^(?:-|\s)?(?:years?[-\s]old|-year|year-old|months?[-\s]old|-month|storey|story|stories|storeys|floors?|-floor|-stor|km|kilomet|metres|meters|miles|m\b|mm|kg|tonnes|tons|%|per\s*cent|percent|a\.m\.|p\.m\.|am\b|pm\b|hours?\b|minutes?\b|seconds?\b|days?\b|weeks?\b|months?\b|years?\b|o'clock|million|billion|trillion|bn\b|mln\b|dollars|euros|pounds|hryvnias?|roubles?|rubles?|times\b|degrees|st\b|nd\b|rd\b|th\b|:\d|\.\d|\/\d|mw\b|gw\b|kw\b|points?\b|votes?\b|seats?\b|countries|nations|packages?|shells\b|rounds\b|mines\b|munitions|projectiles|launchers|tanks|aircraft|jets|sorties|missiles|drones|rockets|bombs|explosions|blasts|strikes|attacks|waves|oblasts|regions|villages|towns|cities|settlements|buildings|houses|homes|apartments|cars|vehicles|prisoners)/;
const MONTH_AFTER = new RegExp(
  `^\\s+(?:${"january|february|march|april|may|june|july|august|september|october|november|december"})\\b`,
);
const MONTH =
  "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
const NOT_A_COUNT_BEFORE = new RegExp(
  `(?:\\baged?|\\bages|[$£€₴]|\\busd|\\beur|\\buah|\\b(?:${MONTH})\\.?|\\bno\\.|\\bnumber|\\broute|\\bunit|\\bbrigade|\\bbuilding|\\bhouse|\\bstreet|\\bflight|\\bsince|\\bpage)\\s*$`,
);

/** A person noun right before a number makes it an age: "a child of three", "a woman, 72,". */
const AGE_BEFORE =
  /\b(?:child|boy|girl|son|daughter|baby|toddler|teenager|man|woman|pensioner|person|resident|grandmother|grandfather|mother|father)(?:\s+of|\s*,|\s*\()\s*$/;

function wordValue(text: string): number | undefined {
  const lower = text.toLowerCase().replace(/\s+/g, " ");
  if (UNITS[lower] !== undefined) return UNITS[lower];
  const [tens, unit] = lower.split(/[-\s]/);
  if (tens && TENS[tens] !== undefined) return TENS[tens]! + (unit ? (UNITS[unit] ?? 0) : 0);
  return undefined;
}

/** The value of a number phrase ("1,234", "twenty-one", "two hundred", "a thousand"), or undefined. */
export function numberValue(text: string): number | undefined {
  const lower = text.toLowerCase().replace(/\s+/g, " ").trim();
  if (/^[\d,]+$/.test(lower)) return Number(lower.replace(/,/g, ""));
  const scaled = /^(?:(.+?) )?(hundred|thousand)(?: (?:and )?(.+))?$/.exec(lower);
  if (scaled) {
    const head = scaled[1] === undefined || scaled[1] === "a" ? 1 : wordValue(scaled[1]);
    const tail = scaled[3] === undefined ? 0 : wordValue(scaled[3]);
    if (head === undefined || tail === undefined) return undefined;
    return head * (scaled[2] === "hundred" ? 100 : 1000) + tail;
  }
  return wordValue(lower);
}

/** True when a 4-digit number is probably a year. */
function isYear(value: number, raw: string): boolean {
  return /^\d{4}$/.test(raw) && value >= 1900 && value <= 2100;
}

/**
 * Every head-count-like quantity in `sentence`, left to right. A modifier sets `approximate`
 * ("at least N" stays exact as a minimum); a vague word gives its conservative minimum. `lower` is the
 * sentence lower-cased, when the caller has it already.
 */
export function findQuantities(sentence: string, lower = sentence.toLowerCase()): Quantity[] {
  const found: Quantity[] = [];
  let skipUntil = -1;
  // Matched on lower-cased text: the case-insensitive form of this pattern is several times slower.
  for (const match of allMatches(QUANTITY, lower)) {
    const start = match.index;
    if (start < skipUntil) continue;
    const end = start + match[0].length;
    const modifier = match[1]?.toLowerCase().replace(/\s+/g, " ");
    const raw = match[2]!;
    const before = sentence.slice(Math.max(0, start - 24), start);
    const after = sentence.slice(end, end + 16);
    // Weapon and model designations: FAB-500, S-300, Kh-101, Tu-95, Su-34, 9M723.
    if (/\b[A-Z][A-Za-z]?-$/.test(before) || /^[A-Za-z]/.test(after)) continue;
    // The words around, lower-cased, for the word lists below.
    const lowerBefore = lower.slice(Math.max(0, start - 24), start);
    const lowerAfter = lower.slice(end, end + 16);
    if (NOT_A_COUNT_AFTER.test(lowerAfter) || MONTH_AFTER.test(lowerAfter)) continue;
    if (
      !modifier &&
      NOT_A_COUNT_BEFORE.test(lowerBefore) &&
      !/^(?:\s+(?:people|persons|civilians|residents|children))/.test(lowerAfter)
    ) {
      continue;
    }
    // Ages: "a child of three", "a boy, 14, was killed".
    if (
      AGE_BEFORE.test(lowerBefore) &&
      (/^[a-z]/.test(raw) ? /\bof\s*$/.test(lowerBefore) : /^\s*[,)]/.test(after))
    )
      continue;
    // "aged 11 and 15": the second age too.
    if (/\baged?\s+\d+(?:\s*(?:,|and|or)\s*\d+)*\s*(?:and|,|or)\s*$/.test(lowerBefore)) continue;
    const lowerRaw = raw.replace(/\s+/g, " ");
    const vague = VAGUE[lowerRaw];
    const value = vague ?? numberValue(raw);
    if (value === undefined) continue;
    if (vague === undefined && isYear(value, raw)) continue;
    if (/^\d/.test(raw) && /^[.:]\d/.test(sentence.slice(end, end + 2))) continue;
    let max: number | undefined;
    // "between 10 and 12": a range.
    const between = /^\s+and\s+(\d[\d,]*|[a-z]+(?:-[a-z]+)?)\b/.exec(lower.slice(end));
    if (match[3] === undefined && between && /\bbetween\s*$/.test(lowerBefore)) {
      const upper = numberValue(between[1]!);
      if (upper !== undefined && upper > value) {
        found.push({
          start: start - (lowerBefore.length - lowerBefore.search(/between\s*$/)),
          end: end + between[0].length,
          text: sentence.slice(start, end + between[0].length),
          count: { min: value, max: upper, approximate: false },
        });
        skipUntil = end + between[0].length;
        continue;
      }
    }
    if (match[3] !== undefined) {
      const upper = numberValue(match[3]);
      if (upper !== undefined && upper > value) max = upper;
      else if (upper !== undefined) continue;
    }
    const approximate =
      (vague !== undefined && lowerRaw !== "a dozen") ||
      (modifier !== undefined && !EXACT_MODIFIERS.has(modifier));
    found.push({
      start,
      end,
      text: sentence.slice(start, end),
      count: max !== undefined ? { min: value, max, approximate } : { min: value, approximate },
    });
  }
  return found;
}

// Ukrainian and Russian: number words in their case and gender forms, read by one table.

/** Each value with its Ukrainian and Russian forms (nominative, genitive, collective: "троє", "трьох", "трое", "трёх"). */
const CYRILLIC_UNITS: Array<[number, string]> = [
  [1, "один одна одне одно одного одну одній одной одним однієї"],
  [2, "два дві две двох двух двоє двое двом двум двома двумя"],
  [3, "три трьох трех трёх троє трое трьом трем трём трьома тремя"],
  [4, "чотири чотирьох четверо четыре четырех четырёх четверых"],
  [5, "п'ять п'ятьох п'ятеро пять пяти пятеро пятерых"],
  [6, "шість шістьох шестеро шести шесть шестерых"],
  [7, "сім сімох семеро семи семь семерых"],
  [8, "вісім вісьмох восьмеро восьми восемь восьмерых"],
  [9, "дев'ять дев'ятьох дев'ятеро девять девяти девятеро девятерых"],
  [10, "десять десятьох десятеро десяти десятерых"],
  [11, "одинадцять одинадцяти одинадцятьох одиннадцать одиннадцати"],
  [12, "дванадцять дванадцяти дванадцятьох двенадцать двенадцати"],
  [13, "тринадцять тринадцяти тринадцятьох тринадцать тринадцати"],
  [14, "чотирнадцять чотирнадцяти чотирнадцятьох четырнадцать четырнадцати"],
  [15, "п'ятнадцять п'ятнадцяти п'ятнадцятьох пятнадцать пятнадцати"],
  [16, "шістнадцять шістнадцяти шістнадцятьох шестнадцать шестнадцати"],
  [17, "сімнадцять сімнадцяти сімнадцятьох семнадцать семнадцати"],
  [18, "вісімнадцять вісімнадцяти вісімнадцятьох восемнадцать восемнадцати"],
  [19, "дев'ятнадцять дев'ятнадцяти дев'ятнадцятьох девятнадцать девятнадцати"],
];
const CYRILLIC_TENS: Array<[number, string]> = [
  [20, "двадцять двадцяти двадцятьох двадцать двадцати"],
  [30, "тридцять тридцяти тридцятьох тридцать тридцати"],
  [40, "сорок сорока"],
  [50, "п'ятдесят п'ятдесяти пятьдесят пятидесяти"],
  [60, "шістдесят шістдесяти шестьдесят шестидесяти"],
  [70, "сімдесят сімдесяти семьдесят семидесяти"],
  [80, "вісімдесят вісімдесяти восемьдесят восьмидесяти"],
  [90, "дев'яносто девяносто"],
  [100, "сто ста сотня сотні сотни"],
];
/** Vague amounts: the smallest number the word can honestly mean. */
const CYRILLIC_VAGUE: Record<string, number> = {
  кілька: 2,
  декілька: 2,
  кількох: 2,
  декількох: 2,
  несколько: 2,
  нескольких: 2,
  десяток: 10,
  десятка: 10,
  десятки: 24,
  десятків: 24,
  десятков: 24,
  сотні: 200,
  сотни: 200,
  сотень: 200,
};
const CYRILLIC_VALUE = new Map<string, number>();
for (const [value, forms] of [...CYRILLIC_UNITS, ...CYRILLIC_TENS])
  for (const form of forms.split(" ")) CYRILLIC_VALUE.set(form, value);
const apostrophes = (form: string) => form.replace(/'/g, "['’ʼ]");
const byLength = (forms: Iterable<string>) => [...forms].sort((a, b) => b.length - a.length).map(apostrophes);
const CYRILLIC_UNIT_WORDS = byLength(CYRILLIC_UNITS.flatMap(([, forms]) => forms.split(" "))).join("|");
const CYRILLIC_TEN_WORDS = byLength(CYRILLIC_TENS.flatMap(([, forms]) => forms.split(" "))).join("|");
const CYRILLIC_WORD = `(?:${CYRILLIC_TEN_WORDS})(?:\\s+(?:${byLength(
  CYRILLIC_UNITS.slice(0, 9).flatMap(([, forms]) => forms.split(" ")),
).join("|")}))?|${CYRILLIC_UNIT_WORDS}|${byLength(Object.keys(CYRILLIC_VAGUE)).join("|")}`;
/** Modifiers that keep a figure exact: a minimum, or an addition ("ще 12", "еще двое"). */
const CYRILLIC_EXACT = new Set([
  "щонайменше",
  "не менше",
  "не менше ніж",
  "ще",
  "не менее",
  "по меньшей мере",
  "как минимум",
  "минимум",
  "еще",
  "ещё",
]);
const CYRILLIC_MODIFIER = [
  "щонайменше",
  "не менше ніж",
  "не менше",
  "понад",
  "більше ніж",
  "більше",
  "близько",
  "майже",
  "приблизно",
  "ще",
  "не менее",
  "по меньшей мере",
  "как минимум",
  "минимум",
  "более",
  "больше",
  "свыше",
  "около",
  "почти",
  "порядка",
  "примерно",
  "еще",
  "ещё",
].join("|");
const CYRILLIC_QUANTITY = new RegExp(
  `(?<![\\p{L}\\d'’ʼ,.:-])(?:(${CYRILLIC_MODIFIER})\\s+)?(${DIGITS}|${CYRILLIC_WORD})(?:\\s*[-–]\\s*(${DIGITS}))?(?![\\p{L}\\d'’ʼ])`,
  "gu",
);
const CYRILLIC_MONTHS =
  "січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря";
/** Words after a number that show it is not a head-count: ages, years, times, money, storeys, things. */
const CYRILLIC_NOT_A_COUNT_AFTER = new RegExp(
  `^(?:-|\\s)?(?:-?річн|-?рiчн|років|роки|рік|року|-?летн|лет|года|год\\b|місяц|месяц|поверх|этаж|км|кілометр|километр|метр|м\\b|кг|тонн|%|відсот|процент|годин|хвилин|час|минут|секунд|днів|дня|дні|дней|тижн|недел|гривень|грн|рубл|руб|долар|доллар|млн|млрд|тис|тыс|разів|рази|раз|разы|градус|:\\d|\\.\\d|\\/\\d|-го|-й|-я|-ї|-м|-му|-ти|-х|${CYRILLIC_MONTHS})`,
  "u",
);
const CYRILLIC_NOT_A_COUNT_BEFORE =
  /(?:№|номер|вул\.|ул\.|будинок|дом|буд\.|д\.|№\s*|рейс|маршрут|даними|данным|джерело|источник|канал|каналу|служби|службы|лінії|линии)\s*$/u;
/** "жінка 1960 року народження", "мужчина 45 лет" are caught by the words after; "у віці 60 років" by both. */
const CYRILLIC_AGE_BEFORE = /(?:віці|возрасте|віком)\s*$/u;

/** The value of a Ukrainian or Russian number word or digits, or undefined. */
function cyrillicValue(text: string): number | undefined {
  const lower = text.toLowerCase().replace(/[’ʼ]/g, "'").replace(/\s+/g, " ");
  if (/^[\d,]+$/.test(lower)) return Number(lower.replace(/,/g, ""));
  const vague = CYRILLIC_VAGUE[lower];
  if (vague !== undefined) return vague;
  const [first, second] = lower.split(" ");
  const head = CYRILLIC_VALUE.get(first ?? "");
  if (head === undefined) return undefined;
  return second === undefined ? head : head + (CYRILLIC_VALUE.get(second) ?? 0);
}

/**
 * Head-count-like quantities of a Ukrainian or Russian sentence, left to right: digits and number words in
 * their case forms ("троє", "двох", "п'ятеро", "двое", "четырех"), vague amounts ("кілька", "десятки"), and
 * their modifiers ("щонайменше", "не менее", "понад", "ще"). `lower` is the sentence lower-cased.
 */
export function findQuantitiesCyrillic(sentence: string, lower = sentence.toLowerCase()): Quantity[] {
  const found: Quantity[] = [];
  for (const match of allMatches(CYRILLIC_QUANTITY, lower)) {
    const start = match.index;
    const end = start + match[0].length;
    const raw = match[2]!;
    const modifier = match[1]?.replace(/\s+/g, " ");
    const after = lower.slice(end, end + 24);
    const before = lower.slice(Math.max(0, start - 24), start);
    if (CYRILLIC_NOT_A_COUNT_AFTER.test(after)) continue;
    if (!modifier && (CYRILLIC_NOT_A_COUNT_BEFORE.test(before) || CYRILLIC_AGE_BEFORE.test(before))) continue;
    // Designations: "Х-101", "С-300", "Ту-95", "9М723".
    if (/[\p{L}]-$/u.test(before)) continue;
    const value = cyrillicValue(raw);
    if (value === undefined) continue;
    if (/^\d{4}$/.test(raw) && value >= 1900 && value <= 2100) continue;
    const vague = CYRILLIC_VAGUE[raw.replace(/[’ʼ]/g, "'")] !== undefined;
    let max: number | undefined;
    if (match[3] !== undefined) {
      const upper = Number(match[3]);
      if (upper > value) max = upper;
      else continue;
    }
    const approximate = vague || (modifier !== undefined && !CYRILLIC_EXACT.has(modifier));
    found.push({
      start,
      end,
      text: sentence.slice(start, end),
      count: max !== undefined ? { min: value, max, approximate } : { min: value, approximate },
    });
  }
  return found;
}
