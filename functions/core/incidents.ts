/**
 * Incidents: one strike on one place, seen by one or more articles. Decides whether a new event
 * is a report of a known incident (same place, dates within a day, no contradicting facts, and
 * some positive sign of sameness) and folds it in, noting when the toll rose. Pure.
 */
import type { Article } from "./article.js";
import { shortHash } from "./article.js";
import type { Count, Place, StrikeEvent, Victims } from "./extract/types.js";

/** One source of an incident: the article and what it said. */
export interface IncidentSource {
  articleId: string;
  source: string;
  url: string;
  title?: string;
  attributedTo: string | null;
  seenAt: string;
}

/** A strike on one place, merged across reports. Counts are the highest reported. */
export interface Incident
  extends Pick<
    StrikeEvent,
    | "place"
    | "weapons"
    | "targets"
    | "killed"
    | "injured"
    | "childrenKilled"
    | "childrenInjured"
    | "casualties"
    | "victims"
    | "evidence"
  > {
  id: string;
  /** YYYY-MM-DD: the strike's date (the first report's date, or its fetch date when undated). */
  date: string;
  /** False when no report gave a date and `date` is only when it was fetched (an upper bound). */
  dateKnown: boolean;
  /** True when a report's text stated the strike's date; false when `date` is only a publication date ("reported <date>"). */
  dateStated?: boolean;
  /** "strike" (one attack on one place) or "daily" (a region's toll over a day); absent on old records: a strike. */
  kind?: "strike" | "daily";
  /** The toll the last alert sent carried: updates are measured from it, so small rises add up to one. */
  alertedToll?: { killed: number; injured: number };
  sources: IncidentSource[];
  /** How many alert-worthy versions there have been: 1 after the first alert, +1 per toll rise. */
  alertVersion: number;
  /** Write revision for optimistic concurrency in the store. */
  revision: number;
  createdAt: string;
  updatedAt: string;
}

/** Days either side of an incident's date that a report may fall and still be the same strike. */
export const DATE_WINDOW_DAYS = 1;
/** Evidence-shingle Jaccard similarity above which two reports are near-duplicates. */
export const NEAR_DUPLICATE = 0.3;

const WEAPON_FAMILY: Array<[RegExp, string]> = [
  [/drone|Shahed|FPV/i, "drone"],
  [/bomb|FAB|KAB|cluster/i, "bomb"],
  [/missile|S-300/i, "missile"],
  [/artillery|MLRS|rocket|mortar/i, "artillery"],
];
const TARGET_FAMILY: Record<string, string> = { "residential building": "housing", house: "housing" };

/** The date an event is placed on: its own date, else its article's publication, else the fetch date. */
export function eventDate(event: StrikeEvent, article: Pick<Article, "publishedAt" | "fetchedAt">): string {
  return event.date ?? (article.publishedAt ?? article.fetchedAt).slice(0, 10);
}

/** True when the event's date comes from the text or the article, not from when it was fetched. */
export function eventDateKnown(event: StrikeEvent, article: Pick<Article, "publishedAt">): boolean {
  return event.date !== null || article.publishedAt !== undefined;
}

/** The key of an incident's area (country and admin1): candidates are looked up by it. */
export function areaKey(place: Pick<Place, "country" | "admin1">): string {
  return `${place.country}#${place.admin1 ?? "-"}`;
}

function families(values: string[], table: Array<[RegExp, string]>): Set<string> {
  const found = new Set<string>();
  for (const value of values)
    for (const [pattern, family] of table) if (pattern.test(value)) found.add(family);
  return found;
}

function overlaps<T>(a: Set<T>, b: Set<T>): boolean {
  for (const value of a) if (b.has(value)) return true;
  return false;
}

/** True when one place is, or lies within, the other (a district in its city, a town in its oblast). */
export function samePlace(a: Place, b: Place): boolean {
  if (a.country !== b.country) return false;
  if (a.precision === "country" || b.precision === "country") return false;
  if (a.admin1 !== b.admin1) return false;
  if (a.name === b.name && a.precision === b.precision) return true;
  if (a.precision === "admin1" || b.precision === "admin1") return true;
  const cityOf = (place: Place) => (place.precision === "district" ? place.city : place.name);
  if (a.precision === "district" && b.precision === "district") return false;
  return cityOf(a) === cityOf(b);
}

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

function shingles(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const set = new Set<string>();
  for (let index = 0; index + 3 <= words.length; index += 1) set.add(words.slice(index, index + 3).join(" "));
  return set;
}

/** Jaccard similarity of the word 3-shingles of two texts (0 … 1). */
export function similarity(a: string, b: string): number {
  const left = shingles(a);
  const right = shingles(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const shingle of left) if (right.has(shingle)) shared += 1;
  return shared / (left.size + right.size - shared);
}

const equalCounts = (a: Count | null, b: Count | null) => a !== null && b !== null && a.min === b.min;

/** The kind of an event or incident: a strike unless it says it is a daily toll. */
const kindOf = (value: { kind?: "strike" | "daily" }) => value.kind ?? "strike";

/** Days a report may come after the strike whose date another report states ("on Saturday" read on Monday). */
export const REPORT_LAG_DAYS = 2;

/**
 * Why an event is or is not a report of `incident`: null when it is, else the reason it is not.
 * Real coverage of one strike is ten outlets over two days with a rising toll in different words, so
 * the same place within the date window is the same strike unless the text gives evidence of another:
 * another district, a date stated by both that differs, contradicting weapons and targets, or victims of
 * the other side. A daily toll and a strike never join. Undated reports (only their fetch date) need an
 * equal toll or a near-duplicate text.
 */
export function mismatch(
  incident: Incident,
  event: StrikeEvent,
  date: string,
  dateKnown = true,
): string | null {
  if (kindOf(incident) !== kindOf(event)) return "a daily toll and a strike";
  if (!samePlace(incident.place, event.place)) return "different place";
  if (incident.dateKnown && dateKnown) {
    const stated = [incident.dateStated === true, event.dateStated === true];
    const apart = dayDiff(date, incident.date);
    if (kindOf(event) === "daily" || (stated[0] && stated[1])) {
      if (apart !== 0) return "different days";
    } else if (stated[0] || stated[1]) {
      // The one that is only a publication date comes on or after the stated strike date.
      const lag = stated[0] ? apart : -apart;
      if (lag < -DATE_WINDOW_DAYS || lag > REPORT_LAG_DAYS) return "dates too far apart";
    } else if (Math.abs(apart) > DATE_WINDOW_DAYS) return "dates too far apart";
  } else {
    // An undated report's date is when it was fetched: the strike happened then or before.
    const known = incident.dateKnown ? incident.date : dateKnown ? date : null;
    const fetched = incident.dateKnown ? date : incident.date;
    if (known && Date.parse(known) > Date.parse(fetched) + DATE_WINDOW_DAYS * 86_400_000)
      return "dated after the undated report";
  }
  const weaponsA = families(incident.weapons, WEAPON_FAMILY);
  const weaponsB = families(event.weapons, WEAPON_FAMILY);
  const targetsA = new Set(incident.targets.map((target) => TARGET_FAMILY[target] ?? target));
  const targetsB = new Set(event.targets.map((target) => TARGET_FAMILY[target] ?? target));
  const weaponsDiffer = weaponsA.size > 0 && weaponsB.size > 0 && !overlaps(weaponsA, weaponsB);
  const targetsDiffer = targetsA.size > 0 && targetsB.size > 0 && !overlaps(targetsA, targetsB);
  if (weaponsDiffer && targetsDiffer) return "different weapons and targets";
  if (incident.victims !== "unknown" && event.victims !== "unknown" && incident.victims !== event.victims) {
    const either = new Set([incident.victims, event.victims]);
    if (!either.has("mixed")) return "different victims";
  }
  if (!incident.dateKnown || !dateKnown) {
    // Without dates to agree on, only an equal toll or a near-duplicate text is evidence enough.
    if (equalCounts(incident.killed, event.killed) || equalCounts(incident.injured, event.injured))
      return null;
    if (similarity(incident.evidence.join(" "), event.evidence.join(" ")) >= NEAR_DUPLICATE) return null;
    return "undated and nothing equal";
  }
  return null;
}

/** b − a in whole days. */
function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000);
}

/** The best-matching incident for an event among candidates, or undefined. */
export function findIncident(
  candidates: Incident[],
  event: StrikeEvent,
  date: string,
  dateKnown = true,
): Incident | undefined {
  const sameName = (incident: Incident) =>
    incident.place.name === event.place.name || incident.place.city === event.place.name ? 0 : 1;
  return candidates
    .filter((incident) => mismatch(incident, event, date, dateKnown) === null)
    .sort(
      (a, b) =>
        sameName(a) - sameName(b) ||
        daysBetween(a.date, date) - daysBetween(b.date, date) ||
        a.createdAt.localeCompare(b.createdAt),
    )[0];
}

function higher(a: Count | null, b: Count | null): Count | null {
  if (!a) return b;
  if (!b) return a;
  return b.min > a.min ? b : a;
}

function rose(before: Count | null, after: Count | null): boolean {
  return (after?.min ?? 0) > (before?.min ?? 0);
}

function mergeVictims(a: Victims, b: Victims): Victims {
  if (a === b || b === "unknown") return a;
  if (a === "unknown") return b;
  return "mixed";
}

function sourceOf(event: StrikeEvent, article: Article, now: string): IncidentSource {
  return {
    articleId: article.id,
    source: article.source,
    url: article.url,
    ...(article.title ? { title: article.title } : {}),
    attributedTo: event.attributedTo,
    seenAt: now,
  };
}

/** A new incident from an event. Its id is derived from the article and place so a retried run makes the same one. */
export function newIncident(event: StrikeEvent, article: Article, now: string): Incident {
  return {
    id: shortHash(`${article.id}|${event.place.country}|${event.place.admin1}|${event.place.name}`),
    place: event.place,
    date: eventDate(event, article),
    dateKnown: eventDateKnown(event, article),
    dateStated: event.dateStated === true,
    kind: kindOf(event),
    weapons: [...event.weapons],
    targets: [...event.targets],
    killed: event.killed,
    injured: event.injured,
    childrenKilled: event.childrenKilled,
    childrenInjured: event.childrenInjured,
    casualties: event.casualties,
    victims: event.victims,
    sources: [sourceOf(event, article, now)],
    evidence: [...event.evidence],
    alertVersion: 0,
    revision: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** The incident with an event folded in, and whether its toll rose. An article already folded in changes nothing. */
export function mergeEvent(
  incident: Incident,
  event: StrikeEvent,
  article: Article,
  now: string,
): { incident: Incident; changed: boolean; tollRose: boolean } {
  if (incident.sources.some((source) => source.articleId === article.id)) {
    return { incident, changed: false, tollRose: false };
  }
  const killed = higher(incident.killed, event.killed);
  const injured = higher(incident.injured, event.injured);
  const casualties = higher(incident.casualties, event.casualties);
  const tollRose =
    rose(incident.killed, killed) || rose(incident.injured, injured) || rose(incident.casualties, casualties);
  // The more precise place wins (a district over its city, a city over its oblast).
  const rank = { district: 3, city: 2, admin1: 1, country: 0 } as const;
  const place = rank[event.place.precision] > rank[incident.place.precision] ? event.place : incident.place;
  // A dated report fixes the date of an incident known only from undated ones; a report that states the
  // strike's date fixes one known only from publication dates.
  const dated =
    (!incident.dateKnown && eventDateKnown(event, article)) ||
    (incident.dateStated !== true && event.dateStated === true);
  return {
    changed: true,
    tollRose,
    incident: {
      ...incident,
      ...(dated
        ? { date: eventDate(event, article), dateKnown: true, dateStated: event.dateStated === true }
        : {}),
      place,
      weapons: [...new Set([...incident.weapons, ...event.weapons])],
      targets: [...new Set([...incident.targets, ...event.targets])],
      killed,
      injured,
      childrenKilled: higher(incident.childrenKilled, event.childrenKilled),
      childrenInjured: higher(incident.childrenInjured, event.childrenInjured),
      casualties,
      victims: mergeVictims(incident.victims, event.victims),
      // One source per URL: the same story under two ids (a re-post, a tracking parameter) is one source.
      sources: incident.sources.some((source) => source.url === article.url)
        ? incident.sources
        : [...incident.sources, sourceOf(event, article, now)],
      evidence: [...new Set([...incident.evidence, ...event.evidence])].slice(0, 8),
      updatedAt: now,
    },
  };
}

/** Subscribers' thresholds: an update that crosses one reaches people the earlier alert did not. */
export interface UpdateThresholds {
  killed: number[];
  injured: number[];
}

/** An update alerts when killed rises by at least this many and this share of the alerted figure. */
export const UPDATE_KILLED = { atLeast: 2, share: 0.25 } as const;
/** Injured figures climb for days; an update for them alone needs a bigger rise. */
export const UPDATE_INJURED = { atLeast: 10, share: 0.5 } as const;

/**
 * Whether an incident's toll has risen enough since its last alert to alert again: the first death;
 * killed up by at least 2 and 25 %; injured up by at least 10 and 50 %; or a subscriber's threshold
 * crossed. Measured from the toll the last alert carried, so small rises add up to one update.
 */
export function worthUpdate(
  incident: Incident,
  thresholds: UpdateThresholds = { killed: [], injured: [] },
): boolean {
  const before = incident.alertedToll ?? { killed: 0, injured: 0 };
  const killed = incident.killed?.min ?? incident.childrenKilled?.min ?? 0;
  const injured = incident.injured?.min ?? incident.childrenInjured?.min ?? 0;
  const rise = (from: number, to: number, rule: { atLeast: number; share: number }) =>
    to - from >= rule.atLeast && to - from >= from * rule.share;
  const crossed = (from: number, to: number, marks: number[]) =>
    marks.some((mark) => from < mark && to >= mark);
  return (
    (before.killed === 0 && killed > 0) ||
    rise(before.killed, killed, UPDATE_KILLED) ||
    rise(before.injured, injured, UPDATE_INJURED) ||
    crossed(before.killed, killed, thresholds.killed) ||
    crossed(before.injured, injured, thresholds.injured)
  );
}

/** The toll an alert of the incident carries, kept on the incident when it is queued. */
export function alertedToll(incident: Incident): { killed: number; injured: number } {
  return {
    killed: incident.killed?.min ?? incident.childrenKilled?.min ?? 0,
    injured: incident.injured?.min ?? incident.childrenInjured?.min ?? 0,
  };
}
