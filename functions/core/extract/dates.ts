/**
 * The strike's own date, read from the report: "on Saturday", "Wednesday night", "overnight",
 * "yesterday", "two days ago", "on 5 May 2022", "January 14". Relative words are anchored to the
 * publication's local date in Kyiv, the calendar the strikes are keyed by. One small rule per form
 * (Duckling-style) with the vocabulary in tables; the rules compile into one regular expression so a
 * text is scanned once, left to right, and the first expression that can date the strike wins.
 * Phrases that date something else are passed over: statements ("officials said Monday"), plans
 * ("will meet on Sunday"), spans ("since 2014", "for the past 24 hours"), ages and times of day.
 */
import { numberValue } from "./numbers.js";

const TIME_ZONE = "Europe/Kyiv";
const DAY_MS = 86_400_000;

/** Weekday names → day of the week, 0 = Sunday (as `Date#getUTCDay` counts). */
const WEEKDAYS: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

/** Month names and the abbreviations the press uses → month number. */
const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** Ukrainian and Russian month names as dates say them (genitive: "15 листопада", "3 декабря"). */
const CYRILLIC_MONTHS: Record<string, number> = {
  січня: 1,
  лютого: 2,
  березня: 3,
  квітня: 4,
  травня: 5,
  червня: 6,
  липня: 7,
  серпня: 8,
  вересня: 9,
  жовтня: 10,
  листопада: 11,
  грудня: 12,
  января: 1,
  февраля: 2,
  марта: 3,
  апреля: 4,
  мая: 5,
  июня: 6,
  июля: 7,
  августа: 8,
  сентября: 9,
  октября: 10,
  ноября: 11,
  декабря: 12,
};
/** Ukrainian and Russian weekdays as "у понеділок", "в ночь на пятницу" say them → day of the week. */
const CYRILLIC_WEEKDAYS: Record<string, number> = {
  неділю: 0,
  воскресенье: 0,
  понеділок: 1,
  понедельник: 1,
  вівторок: 2,
  вторник: 2,
  середу: 3,
  среду: 3,
  четвер: 4,
  четверг: 4,
  "п'ятницю": 5,
  пятницу: 5,
  суботу: 6,
  субботу: 6,
};
/** Ukrainian and Russian words for a day relative to the report. */
const CYRILLIC_RELATIVE: Record<string, Relative> = {
  сьогодні: 0,
  сегодня: 0,
  "сьогодні вранці": 0,
  "сегодня утром": 0,
  вчора: -1,
  вчера: -1,
  учора: -1,
  напередодні: -1,
  накануне: -1,
  позавчора: -2,
  позавчера: -2,
  вночі: "night",
  уночі: "night",
  ночью: "night",
  "цієї ночі": "night",
  "этой ночью": "night",
  "минулої ночі": "night",
  "минулої доби": -1,
  "прошлой ночью": "night",
  "минувшей ночью": "night",
  "в ночь": "night",
  "у ніч": "night",
};

/** Counts read in "two days ago" (their values from numbers.ts). */
const DAY_COUNT_WORDS = ["a", "one", "two", "three", "four", "five", "six", "seven"];

/**
 * How a relative phrase is anchored to the publication's local day D:
 * - a number: that many days from D ("yesterday" = -1);
 * - "night": the night that ended on D's morning, keyed D (strikes "overnight" fall after midnight);
 *   before NIGHT_ENDS_HOUR that night is not over, so a report then means the night before, D-1;
 * - "evening": the evening before a morning report (D-1), or D's own evening after noon;
 * - "weekend": the last Saturday on or before D.
 */
type Relative = number | "night" | "evening" | "weekend";

/** Phrases for a day relative to the report. Longer phrases win over their parts. */
const RELATIVE: Record<string, Relative> = {
  today: 0,
  "earlier today": 0,
  "this morning": 0,
  "earlier this morning": 0,
  "this afternoon": 0,
  "this evening": 0,
  tonight: 0,
  yesterday: -1,
  "the previous day": -1,
  "the day before yesterday": -2,
  "late last night": -1,
  "last evening": -1,
  overnight: "night",
  "last night": "night",
  "during the night": "night",
  "late night": "evening",
  "late-night": "evening",
  "over the weekend": "weekend",
  "at the weekend": "weekend",
};

/**
 * Local hour (Kyiv) before which "overnight" in a report means the previous night. Measured on the
 * labelled feeds: "overnight" in reports from 07:00 on is keyed to the same day, in a 03:00 round-up
 * to the day before.
 */
const NIGHT_ENDS_HOUR = 4;

/** Words right before a date that make it the date of a span or a plan, not of the strike. */
const SPAN_OR_PLAN_BEFORE =
  /\b(?:(?:since|until|till|through|by|from|starting|beginning|next|as of|anniversary of|invasion(?: began| started)?)|(?:will|would|planned|scheduled|due|expected|ahead of|set for)(?: [a-z]+){0,4}) (?:(?:late|early) )?(?:on )?(?:the )?$/;
/** A statement verb right before a date: it dates what was said ("officials said Monday"). */
const STATEMENT_BEFORE =
  /\b(?:said|says|say|told [a-z]+|announced|wrote|added|confirmed) (?:(?:late|early) )?(?:on )?$/;
/** Words right after a date that make it the date of a speech or meeting, not of the strike. */
const NOT_THE_STRIKE_AFTER =
  /^(?:['’]s)?(?: (?:morning|evening|night|nightly|video))? (?:address|message|speech|statement|briefing|meeting|talks|summit|session|vote|ceremony|conference|deadline|interview|coverage|live|updates|blog|edition|newsletter)\b/;
/** "Monday's strike": a possessive names the event itself, even after "said". */
const POSSESSIVE = /^['’]s\b/;

/** The publication's local day, the anchor for relative words. `day` counts days since 1970-01-01. */
interface Anchor {
  day: number;
  year: number;
  hour: number;
}

/** What a rule read: a day, or null when the phrase dates nothing usable. */
type Resolve = (groups: ReadonlyArray<string | undefined>, anchor: Anchor | null) => number | null;

interface DateRule {
  /** The form the rule reads, for debugging. */
  name: string;
  /** A pattern over lower-cased text; its groups go to `resolve`. */
  pattern: string;
  resolve: Resolve;
  /** True when the pattern holds a month name, which "may" can only be when capitalised. */
  month?: boolean;
}

const alternation = (table: Record<string, unknown>): string =>
  Object.keys(table)
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[-.]/g, "\\$&"))
    .join("|");

const WEEKDAY = `(?:${alternation(WEEKDAYS)})`;
const MONTH = `(?:${alternation(MONTHS)})`;
const ORDINAL = "(?:st|nd|rd|th)?";
const DAY = `(\\d{1,2})${ORDINAL}(?![\\d:])`;
/** A second day of a span: "9-10 July", "the night of 9 to 10 July" (the strike is keyed by the first). */
const DAY_SPAN = `(?:\\s*(?:-|–|to|into|and)\\s*\\d{1,2}${ORDINAL})?`;
const YEAR = "(?:,?\\s+(\\d{4})(?!\\d))?";
/** An optional weekday before an absolute date ("Friday, April 14"): the absolute date decides. */
const WEEKDAY_PREFIX = `(?:${WEEKDAY},?\\s+)?`;

/** Days since 1970-01-01 of a calendar date, or null when there is no such date. */
function dayOf(year: number, month: number, day: number): number | null {
  if (year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const first = Date.UTC(year, month - 1, 1) / DAY_MS;
  return day <= Date.UTC(year, month, 1) / DAY_MS - first ? first + day - 1 : null;
}

const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;

/** A stated calendar date: with its year, or in the year that puts it on or before the report. */
function absolute(
  year: string | undefined,
  month: number,
  day: number,
  anchor: Anchor | null,
): number | null {
  if (year !== undefined) return dayOf(Number(year), month, day);
  if (anchor === null) return null;
  const sameYear = dayOf(anchor.year, month, day);
  if (sameYear === null || sameYear <= anchor.day + 1) return sameYear;
  // A date a few weeks ahead is a plan ("talks on 20 May"); further ahead it is last year's.
  return sameYear - anchor.day <= 31 ? null : dayOf(anchor.year - 1, month, day);
}

/** The most recent such weekday on or before the report's day; "last Monday" on a Monday is a week back. */
function weekday(
  name: string | undefined,
  modifier: string | undefined,
  anchor: Anchor | null,
): number | null {
  if (anchor === null || name === undefined || modifier === "next") return null;
  let back = (weekdayOf(anchor.day) - WEEKDAYS[name]! + 7) % 7;
  if (back === 0 && (modifier === "last" || modifier === "past")) back = 7;
  return anchor.day - back;
}

function relative(phrase: string | undefined, anchor: Anchor | null): number | null {
  const rule = phrase === undefined ? undefined : RELATIVE[phrase];
  if (anchor === null || rule === undefined) return null;
  if (typeof rule === "number") return anchor.day + rule;
  if (rule === "night") return anchor.hour < NIGHT_ENDS_HOUR ? anchor.day - 1 : anchor.day;
  if (rule === "evening") return anchor.hour < 12 ? anchor.day - 1 : anchor.day;
  return anchor.day - ((weekdayOf(anchor.day) + 1) % 7);
}

/** The rules, most specific first: at one position the first alternative that matches wins. */
const RULES: DateRule[] = [
  {
    name: "iso",
    pattern: "\\b(\\d{4})-(\\d{2})-(\\d{2})\\b",
    resolve: ([y, m, d]) => dayOf(Number(y), Number(m), Number(d)),
  },
  {
    name: "numeric day.month.year",
    pattern: "\\b(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})(?!\\d)",
    resolve: ([d, m, y]) => dayOf(Number(y), Number(m), Number(d)),
  },
  {
    name: "day month [year]",
    pattern: `\\b${WEEKDAY_PREFIX}(?:the\\s+)?${DAY}${DAY_SPAN}(?:\\s+of)?\\s+(${MONTH})\\b\\.?${YEAR}`,
    resolve: ([d, m, y], anchor) => absolute(y, MONTHS[m!]!, Number(d), anchor),
    month: true,
  },
  {
    name: "month day [year]",
    pattern: `\\b${WEEKDAY_PREFIX}(${MONTH})\\b\\.?\\s+${DAY}${DAY_SPAN}(?![\\d,.]\\d)${YEAR}`,
    resolve: ([m, d, y], anchor) => absolute(y, MONTHS[m!]!, Number(d), anchor),
    month: true,
  },
  {
    name: "night from weekday to weekday",
    pattern: `\\bnight\\s+(?:of|from)\\s+(${WEEKDAY})\\s+(?:to|into)\\s+${WEEKDAY}\\b`,
    resolve: ([name], anchor) => weekday(name, undefined, anchor),
  },
  {
    name: "overnight into weekday",
    pattern: `\\bovernight\\s+(?:[a-z]+\\s+)?(?:on\\s+|into\\s+|to\\s+)?(${WEEKDAY})\\b`,
    resolve: ([name], anchor) => weekday(name, undefined, anchor),
  },
  {
    name: "weekday",
    pattern: `\\b(?:(last|this|next|past)\\s+)?(${WEEKDAY})\\b`,
    resolve: ([modifier, name], anchor) => weekday(name, modifier, anchor),
  },
  {
    name: "days ago",
    pattern: `\\b(${DAY_COUNT_WORDS.join("|")}|\\d)\\s+days?\\s+ago\\b`,
    resolve: ([count], anchor) =>
      anchor === null ? null : anchor.day - (count === "a" ? 1 : (numberValue(count!) ?? 0)),
  },
  {
    name: "relative word",
    // "during the night of 9 July" is the absolute rule's.
    pattern: `(?<![\\w-])(${alternation(RELATIVE)})(?![\\w-])(?!\\s+of\\b)`,
    resolve: ([phrase], anchor) => relative(phrase, anchor),
  },
];

/** The rule table compiled into one expression; each rule's whole match is a group of its own. */
const RULE_GROUPS: Array<{ rule: DateRule; group: number; inner: number }> = [];
const DATE_PATTERN = (() => {
  let group = 1;
  const sources: string[] = [];
  for (const rule of RULES) {
    const inner = new RegExp(`${rule.pattern}|`).exec("")!.length - 1;
    sources.push(`(${rule.pattern})`);
    RULE_GROUPS.push({ rule, group, inner });
    group += 1 + inner;
  }
  // Every rule starts at a word boundary (the relative words' lookbehind implies one): said once in front,
  // it lets V8 skip the positions inside words instead of trying every rule there.
  return new RegExp(`\\b(?:${sources.join("|")})`, "g");
})();

/** Cyrillic letters, for word edges (`\\b` does not know them). */
const CYR = "а-яіїєґё'’ʼ";
const CYRILLIC_RULES: DateRule[] = [
  {
    name: "день місяць [рік]",
    pattern: `(?<![\\d.])(\\d{1,2})(?:\\s*[-–]\\s*\\d{1,2})?\\s+(${alternation(CYRILLIC_MONTHS)})(?![${CYR}])(?:\\s+(\\d{4})(?!\\d))?`,
    resolve: ([d, m, y], anchor) => absolute(y, CYRILLIC_MONTHS[m!]!, Number(d), anchor),
  },
  {
    name: "у ніч на п'ятницю / в пятницу",
    pattern: `(?<![${CYR}])(?:у|в|во)\\s+(?:ніч\\s+(?:на|проти)\\s+|ночь\\s+на\\s+)?(${alternation(CYRILLIC_WEEKDAYS).replace(/'/g, "['’ʼ]")})(?![${CYR}])`,
    resolve: ([name], anchor) => {
      if (anchor === null || name === undefined) return null;
      const target = CYRILLIC_WEEKDAYS[name.replace(/[’ʼ]/g, "'")];
      return target === undefined ? null : anchor.day - ((weekdayOf(anchor.day) - target + 7) % 7);
    },
  },
  {
    name: "сьогодні, вчора, вночі",
    pattern: `(?<![${CYR}-])(${alternation(CYRILLIC_RELATIVE)})(?![${CYR}-])(?!\\s+(?:на|проти)\\s+\\d)`,
    resolve: ([phrase], anchor) => {
      const rule = phrase === undefined ? undefined : CYRILLIC_RELATIVE[phrase];
      if (anchor === null || rule === undefined) return null;
      if (typeof rule === "number") return anchor.day + rule;
      return anchor.hour < NIGHT_ENDS_HOUR ? anchor.day - 1 : anchor.day;
    },
  },
];
const CYRILLIC_RULE_GROUPS: Array<{ rule: DateRule; group: number; inner: number }> = [];
const CYRILLIC_DATE_PATTERN = (() => {
  let group = 1;
  const sources: string[] = [];
  for (const rule of CYRILLIC_RULES) {
    const inner = new RegExp(`${rule.pattern}|`).exec("")!.length - 1;
    sources.push(`(${rule.pattern})`);
    CYRILLIC_RULE_GROUPS.push({ rule, group, inner });
    group += 1 + inner;
  }
  return new RegExp(sources.join("|"), "g");
})();
/** Words before a Cyrillic date that make it a span's or a plan's ("з 24 лютого", "до 15 ноября", "с 2014"). */
const CYRILLIC_SPAN_BEFORE = new RegExp(
  `(?<![${CYR}])(?:з|із|від|до|с|со|по|починаючи з|начиная с|планує|планирует)\\s+$`,
);

const KYIV = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  hourCycle: "h23",
});
/** A seed that knows only its date ("2023-02-02T00:00:00.000Z"): the date is taken as given. */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})T00:00:00(?:\.0+)?Z$/;

function anchorOf(iso: string): Anchor | null {
  const seed = DATE_ONLY.exec(iso);
  if (seed) {
    const day = dayOf(Number(seed[1]), Number(seed[2]), Number(seed[3]));
    return day === null ? null : { day, year: Number(seed[1]), hour: 12 };
  }
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  let year = 0;
  let month = 0;
  let date = 0;
  let hour = 0;
  for (const part of KYIV.formatToParts(time)) {
    if (part.type === "year") year = Number(part.value);
    else if (part.type === "month") month = Number(part.value);
    else if (part.type === "day") date = Number(part.value);
    else if (part.type === "hour") hour = Number(part.value);
  }
  const day = dayOf(year, month, date);
  return day === null ? null : { day, year, hour };
}

const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The Europe/Kyiv calendar date (YYYY-MM-DD) of an ISO timestamp; a date-only seed keeps its date. */
export function localDate(iso: string): string {
  const anchor = anchorOf(iso);
  if (anchor === null) throw new RangeError(`localDate needs an ISO 8601 timestamp, got "${iso}"`);
  return isoDay(anchor.day);
}

/** A month rule read "may" as the month: only a capitalised "May" is ("5 may be trapped" is not). */
const mayIsMonth = (original: string): boolean => !/\bmay\b/i.test(original) || original.includes("May");

/** The first day in a Ukrainian or Russian text that dates the strike, or null. */
function readCyrillic(lower: string, anchor: Anchor | null): number | null {
  CYRILLIC_DATE_PATTERN.lastIndex = 0;
  for (
    let match = CYRILLIC_DATE_PATTERN.exec(lower);
    match !== null;
    match = CYRILLIC_DATE_PATTERN.exec(lower)
  ) {
    if (CYRILLIC_SPAN_BEFORE.test(lower.slice(Math.max(0, match.index - 20), match.index))) continue;
    const slot = CYRILLIC_RULE_GROUPS.find((candidate) => match![candidate.group] !== undefined)!;
    const day = slot.rule.resolve(match.slice(slot.group + 1, slot.group + 1 + slot.inner), anchor);
    if (day !== null && (anchor === null || day <= anchor.day + 1)) return day;
  }
  return null;
}

/** The first day in one text that dates the strike, or null. */
function readText(text: string, anchor: Anchor | null): number | null {
  const lower = text.toLowerCase();
  if (/[а-яіїєґё]/.test(lower)) {
    const day = readCyrillic(lower, anchor);
    if (day !== null) return day;
  }
  DATE_PATTERN.lastIndex = 0;
  for (let match = DATE_PATTERN.exec(lower); match !== null; match = DATE_PATTERN.exec(lower)) {
    const start = match.index;
    const end = start + match[0].length;
    const before = lower.slice(Math.max(0, start - 40), start);
    const after = lower.slice(end, end + 30);
    if (SPAN_OR_PLAN_BEFORE.test(before) || NOT_THE_STRIKE_AFTER.test(after)) continue;
    if (STATEMENT_BEFORE.test(before) && !POSSESSIVE.test(after)) continue;
    const slot = RULE_GROUPS.find((candidate) => match![candidate.group] !== undefined)!;
    // The original's span lines up with the lower-cased one unless lower-casing changed a length.
    if (slot.rule.month && lower.length === text.length && !mayIsMonth(text.slice(start, end))) continue;
    const day = slot.rule.resolve(match.slice(slot.group + 1, slot.group + 1 + slot.inner), anchor);
    if (day !== null && (anchor === null || day <= anchor.day + 1)) return day;
  }
  return null;
}

/** The strike's date read from texts in priority order (e.g. the event's evidence sentences, then the title, then the lead), against the publication time. */
export function strikeDate(
  texts: string[],
  publishedAt: string | undefined,
): { date: string; stated: boolean } | null {
  return strikeDateReader(publishedAt)(texts);
}

/**
 * strikeDate for the events of one report: the publication time is read once, and each text once however
 * many events share it (the lead above all).
 */
export function strikeDateReader(
  publishedAt: string | undefined,
): (texts: string[]) => { date: string; stated: boolean } | null {
  const anchor = publishedAt === undefined ? null : anchorOf(publishedAt);
  let published: string | undefined;
  const stated = new Map<string, string | null>();
  return (texts) => {
    for (const text of texts) {
      let date = stated.get(text);
      if (date === undefined) {
        const day = readText(text, anchor);
        date = day === null ? null : isoDay(day);
        stated.set(text, date);
      }
      if (date !== null) return { date, stated: true };
    }
    if (anchor === null) return null;
    published ??= isoDay(anchor.day);
    return { date: published, stated: false };
  };
}
