/**
 * Alerts: which incidents deserve one, and how an alert reads — one SNS message carrying the
 * JSON incident, an email, an SMS of at most 160 GSM-7 characters, and the message attributes
 * that subscription filter policies match (places, killed, injured, victims, kind). Pure.
 */

import { CYRILLIC_LATIN } from "./extract/translit.js";
import type { Count, Place, StrikeEvent } from "./extract/types.js";
import type { Incident, IncidentSource } from "./incidents.js";

/** A region a user watches, resolved against the gazetteer. */
export interface WatchedRegion {
  name: string;
  precision: Place["precision"];
  country: string;
  admin1: string | null;
}

export type AlertKind = "new" | "update";

/** Everything one SNS publish carries. */
export interface RenderedAlert {
  incidentId: string;
  version: number;
  kind: AlertKind;
  subject: string;
  /** The `Message` of a MessageStructure=json publish: {default, email, sms}. */
  message: { default: string; email: string; sms: string };
  attributes: {
    places: string[];
    killed: number;
    injured: number;
    victims: string;
    kind: AlertKind;
  };
}

/** True when `region` covers `place`: a country all of it, an oblast its towns and districts, a city its districts. */
export function covers(region: WatchedRegion, place: Place): boolean {
  if (region.country !== place.country) return false;
  switch (region.precision) {
    case "country":
      return true;
    case "admin1":
      return place.admin1 === region.name || place.admin1 === region.admin1;
    case "city":
      return place.admin1 === region.admin1 && (place.name === region.name || place.city === region.name);
    case "district":
      return place.admin1 === region.admin1 && place.name === region.name;
  }
}

/** The toll fields of an event or an incident. */
export type Toll = Pick<
  StrikeEvent,
  "victims" | "killed" | "injured" | "childrenKilled" | "childrenInjured"
> & {
  casualties?: Count | null;
};

/** Civilian or mixed victims and someone killed or injured: what the alert rule and the evaluation count. */
export function isCivilianCasualty(toll: Toll): boolean {
  if (toll.victims !== "civilian" && toll.victims !== "mixed") return false;
  const hurt = [
    toll.killed,
    toll.injured,
    toll.casualties ?? null,
    toll.childrenKilled,
    toll.childrenInjured,
  ];
  return hurt.some((count) => (count?.min ?? 0) > 0);
}

/**
 * The project's own rule for whether an extracted event deserves an alert, before watched regions
 * are applied: civilian casualties, of one strike or of a region's day ("over the past day, shelling
 * killed five civilians in the Donetsk region"). A daily toll alerts as an incident of its own kind,
 * never merged into a strike: often it is the only report of that day's dead a watcher gets.
 */
export function isAlertable(event: Toll & Pick<StrikeEvent, "kind">): boolean {
  return isCivilianCasualty(event);
}

/** The alert rule: civilian casualties in a watched region. */
export function deservesAlert(incident: Incident, watched: WatchedRegion[]): boolean {
  return isCivilianCasualty(incident) && watched.some((region) => covers(region, incident.place));
}

const NUMBER = new Intl.NumberFormat("en-US");

/**
 * "3", "1,300", "20+" (an approximate figure or a lower bound: "more than 20", "dozens"), "10-12"
 * (a range): the one way a count reads, in the SMS, the subject and the email alike.
 */
export function countText(count: Count | null): string | null {
  if (!count) return null;
  if (count.max !== undefined) return `${NUMBER.format(count.min)}-${NUMBER.format(count.max)}`;
  return count.approximate ? `${NUMBER.format(count.min)}+` : NUMBER.format(count.min);
}

/** "1 child", "2 children", "3+ children"; just "children" when the report only says some were ("including children"). */
function childrenText(count: Count | null): string | null {
  if (!count || (count.max === undefined && count.min <= 0)) return null;
  if (count.max === undefined && count.min <= 1) return count.approximate ? "children" : "1 child";
  return `${countText(count)} children`;
}

const sameExact = (a: Count, b: Count) =>
  !a.approximate && !b.approximate && a.max === undefined && b.max === undefined && a.min === b.min;

/** "3 killed incl. 2 children", "10 injured incl. children", "2 children killed", "36 injured". */
function roleText(total: Count | null, children: Count | null, verb: "killed" | "injured"): string | null {
  const all = countText(total);
  const kids = childrenText(children);
  if (!all) return kids ? `${kids} ${verb}` : null;
  if (!kids || !children) return `${all} ${verb}`;
  if (total && sameExact(total, children)) return `${kids} ${verb}`;
  return `${all} ${verb} incl. ${kids}`;
}

/** The toll as every form of the alert says it. */
function tollText(incident: Toll): string {
  const killed = roleText(incident.killed, incident.childrenKilled, "killed");
  const injured = roleText(incident.injured, incident.childrenInjured, "injured");
  const parts = [killed, injured].filter((part): part is string => part !== null);
  if (!incident.killed && !incident.injured && incident.casualties)
    parts.unshift(`${countText(incident.casualties)} killed or injured`);
  return parts.join(", ") || "casualties reported";
}

/** Who a source says gave its figures, as it reads mid-sentence ("the Russian defense ministry"), or null. */
function claimant(source: IncidentSource): string | null {
  return source.attributedTo?.trim().replace(/^The\b/, "the") || null;
}

/** Who the figures come from: "according to Russia; the Russian defense ministry", or null. */
function claimText(sources: IncidentSource[]): string | null {
  const claims = [...new Set(sources.map(claimant).filter((claim): claim is string => claim !== null))];
  return claims.length > 0 ? `according to ${claims.join("; ")}` : null;
}

/**
 * When the strike was: its stated date; "reported <date>" when the reports give only their own
 * date; null when no report gave a date (the incident's date is then only when it was first seen).
 */
function dateText(incident: Incident, short = false): string | null {
  if (!incident.dateKnown) return null;
  if (incident.dateStated) return incident.date;
  return `${short ? "rep." : "reported"} ${incident.date}`;
}

/** "Saltivskyi district, Kharkiv (Kharkiv Oblast)" */
export function placeText(place: Place): string {
  const where = place.precision === "district" && place.city ? `${place.name}, ${place.city}` : place.name;
  return place.admin1 && place.admin1 !== place.name && place.admin1 !== place.city
    ? `${where} (${place.admin1})`
    : where;
}

function shortPlace(place: Place): string {
  const where = place.precision === "district" && place.city ? `${place.city}` : place.name;
  const region = place.admin1?.replace(/ Oblast$/, " Obl.");
  return region && place.admin1 !== where && region !== where ? `${where} (${region})` : where;
}

const REGION_NAMES = new Intl.DisplayNames(["en"], { type: "region" });

function countryName(code: string): string {
  try {
    return REGION_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The email's Where line, in words a reader knows: "Saltivskyi district, Kharkiv, Kharkiv Oblast,
 * Ukraine"; "Kharkiv Oblast, Ukraine (region-wide report)" when the reports name only the oblast.
 */
function whereText(place: Place): string {
  // A Ukrainian or Russian report's own name stays beside the English one: "Kharkiv (Харків)".
  const chain = [place.local && place.local !== place.name ? `${place.name} (${place.local})` : place.name];
  if (place.precision === "district" && place.city) chain.push(place.city);
  if (place.admin1 && place.admin1 !== place.name && !chain.includes(place.admin1)) chain.push(place.admin1);
  const country = countryName(place.country);
  if (country !== place.name && !chain.includes(country)) chain.push(country);
  const text = chain.join(", ");
  if (place.precision === "admin1") return `${text} (region-wide report)`;
  if (place.precision === "country") return `${text} (country-wide report)`;
  return text;
}

const VICTIMS: Record<Incident["victims"], string> = {
  civilian: "civilians",
  military: "military",
  mixed: "civilians and military",
  unknown: "not stated",
};

/** A source's link as a reader can use it: a seed file (a file: URL) by its folder and name, never a machine path. */
function linkText(url: string): string {
  if (!url.startsWith("file:")) return url;
  let path = url.slice("file:".length);
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    // Not a well-formed URL: its raw path still names the file.
  }
  return path.split(/[\\/]/).filter(Boolean).slice(-2).join("/");
}

/** The incident's sources, one per URL: a later article at the same URL fills in only what the first lacked. */
function distinctSources(incident: Incident): IncidentSource[] {
  const byUrl = new Map<string, IncidentSource>();
  for (const source of incident.sources) {
    const first = byUrl.get(source.url);
    if (!first) byUrl.set(source.url, source);
    else
      byUrl.set(source.url, {
        ...first,
        ...(first.title || !source.title ? {} : { title: source.title }),
        attributedTo: first.attributedTo ?? source.attributedTo,
      });
  }
  return [...byUrl.values()];
}

/** True when `text` ends as a sentence does (".", "!", "?", "…", then perhaps closing quotes or brackets). */
const WHOLE_SENTENCE = /[.!?…]["'”’»)\]]*$/u;

/**
 * At most five evidence sentences for the email: each on one line, each a whole sentence (a bare
 * headline only when no sentence is left), none repeating another or a source's title (compared
 * without case or spacing).
 */
function evidenceLines(incident: Incident, sources: IncidentSource[]): string[] {
  const key = (text: string) => text.toLowerCase().replace(/\s+/g, " ").trim();
  const seen = new Set(sources.flatMap((source) => (source.title ? [key(source.title)] : [])));
  const lines: string[] = [];
  for (const raw of incident.evidence) {
    const line = raw.replace(/\s+/g, " ").trim();
    if (!line || seen.has(key(line))) continue;
    seen.add(key(line));
    lines.push(line);
  }
  const sentences = lines.filter((line) => WHOLE_SENTENCE.test(line));
  return (sentences.length > 0 ? sentences : lines).slice(0, 5);
}

const GSM7 =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENDED = "^{}\\[~]|€";
const TRANSLIT: Record<string, string> = {
  ...CYRILLIC_LATIN,
  "‘": "'",
  "’": "'",
  "“": '"',
  "”": '"',
  "„": '"',
  "«": '"',
  "»": '"',
  "–": "-",
  "—": "-",
  "…": "...",
  "\u00a0": " ",
};

/** Text in the GSM-7 alphabet: typographic marks and Cyrillic transliterated, accents stripped, the rest dropped. */
export function toGsm7(text: string): string {
  let out = "";
  for (const char of text) {
    if (GSM7.includes(char) || GSM7_EXTENDED.includes(char)) {
      out += char;
      continue;
    }
    const lower = char.toLowerCase();
    const mapped = TRANSLIT[char] ?? TRANSLIT[lower];
    if (mapped !== undefined) {
      out += char !== lower && mapped ? mapped[0]!.toUpperCase() + mapped.slice(1) : mapped;
      continue;
    }
    const stripped = char.normalize("NFD").replace(/\p{M}/gu, "");
    if ([...stripped].every((c) => GSM7.includes(c))) out += stripped;
    else out += "?";
  }
  return out;
}

/** Length in GSM-7 septets (extended characters take two). */
export function gsm7Length(text: string): number {
  let length = 0;
  for (const char of text) length += GSM7_EXTENDED.includes(char) ? 2 : 1;
  return length;
}

type Measure = (text: string) => number;

/** `text` within `limit`: cut after the last whole word that fits (a lone over-long word by characters) and marked "...". */
function cutAtWord(text: string, limit: number, measure: Measure): string {
  if (measure(text) <= limit) return text;
  const budget = limit - measure("...");
  let head = "";
  for (const space of text.matchAll(/\s+/g)) {
    const candidate = text.slice(0, space.index);
    if (measure(candidate) > budget) break;
    head = candidate;
  }
  if (!head)
    for (const char of text) {
      if (measure(head + char) > budget) break;
      head += char;
    }
  return `${head.replace(/[\s,;:(\-–—]+$/u, "")}...`;
}

/** One way to write a message, given the place to name in it. */
interface Draft {
  place: string;
  text: (place: string) => string;
}

/**
 * The first draft (fullest first) within `limit`. When none fits, the last draft with its place
 * cut at a word, so the toll stays whole; failing that, the whole text cut at a word.
 */
function fitDrafts(drafts: Draft[], limit: number, measure: Measure): string {
  for (const draft of drafts) {
    const text = draft.text(draft.place);
    if (measure(text) <= limit) return text;
  }
  const last = drafts.at(-1)!;
  const room = limit - measure(last.text(""));
  if (room >= 12) {
    const text = last.text(cutAtWord(last.place, room, measure));
    if (measure(text) <= limit) return text;
  }
  return cutAtWord(last.text(last.place), limit, measure);
}

/** SNS takes an email subject of printable ASCII, under 100 characters. */
const SUBJECT_LIMIT = 99;

/** Printable ASCII: Cyrillic and typographic marks as for SMS, accents stripped, the rest "?". */
function toAscii(text: string): string {
  return toGsm7(text)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[\r\n\t]/g, " ")
    .replace(/[^\x20-\x7e]/g, "?");
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function weaponText(weapons: string[]): string {
  const families = new Set<string>();
  for (const weapon of weapons) {
    if (/drone|Shahed|FPV/i.test(weapon)) families.add("drones");
    else if (/bomb|FAB|KAB/i.test(weapon)) families.add("bombs");
    else if (/missile|S-300/i.test(weapon)) families.add("missiles");
    else if (/artillery|MLRS|rocket|mortar/i.test(weapon)) families.add("shelling");
  }
  return [...families].map(capital).join("/");
}

/** Renders the alert for version `version` of an incident. */
export function renderAlert(incident: Incident, kind: AlertKind, version: number): RenderedAlert {
  const where = placeText(incident.place);
  const toll = tollText(incident);
  const sources = distinctSources(incident);
  const claim = claimText(sources);
  const sourceCount = `${sources.length} source${sources.length === 1 ? "" : "s"}`;
  const weapons = weaponText(incident.weapons);
  const update = kind === "update";
  // A region's toll over a day reads as one, not as a strike.
  const daily = incident.kind === "daily";
  const what = daily ? "Daily toll" : "Strike";

  // Whole optional parts go first, in this order: weapons, the sources count, the attribution.
  const smsDraft =
    (parts: { claim: boolean; weapons: boolean; sources: boolean }) =>
    (place: string): string => {
      const date = dateText(incident, true);
      return toGsm7(
        `${update ? "UPDATE: " : ""}${what} ${place}${date ? ` ${date}` : ""}: ${toll}` +
          `${parts.claim && claim ? `, ${claim}` : ""}.` +
          `${parts.weapons && weapons ? ` ${weapons}.` : ""}${parts.sources ? ` ${sourceCount}` : ""}`,
      );
    };
  const smsPlace = toGsm7(shortPlace(incident.place));
  const sms = fitDrafts(
    [
      { place: smsPlace, text: smsDraft({ claim: true, weapons: true, sources: true }) },
      { place: smsPlace, text: smsDraft({ claim: true, weapons: false, sources: true }) },
      { place: smsPlace, text: smsDraft({ claim: true, weapons: false, sources: false }) },
      { place: smsPlace, text: smsDraft({ claim: false, weapons: false, sources: false }) },
    ],
    160,
    gsm7Length,
  );

  const on =
    daily || incident.place.precision === "admin1" || incident.place.precision === "country" ? "in" : "on";
  const subjectDraft =
    (withClaim: boolean, shortDate = false) =>
    (place: string): string => {
      const date = dateText(incident, shortDate);
      return toAscii(
        `${update ? "Update: " : ""}${what} ${on} ${place}${date ? `, ${date}` : ""}: ${toll}` +
          `${withClaim && claim ? `, ${claim}` : ""}`,
      );
    };
  const longPlace = toAscii(where);
  const briefPlace = toAscii(shortPlace(incident.place));
  // The attribution outweighs the longer forms of the place and the date; it goes last.
  const subject = fitDrafts(
    [
      { place: longPlace, text: subjectDraft(true) },
      { place: briefPlace, text: subjectDraft(true) },
      { place: briefPlace, text: subjectDraft(true, true) },
      { place: longPlace, text: subjectDraft(false) },
      { place: briefPlace, text: subjectDraft(false) },
    ],
    SUBJECT_LIMIT,
    (text) => text.length,
  );

  const when = dateText(incident) ?? `date not given (first seen ${incident.date})`;
  const lines = [
    update ? `UPDATED TOLL — ${where}` : daily ? `DAILY TOLL — ${where}` : `STRIKE — ${where}`,
    "",
    `When:     ${when}`,
    `Where:    ${whereText(incident.place)}`,
    `Toll:     ${toll}${claim ? `, ${claim}` : ""}`,
    `Victims:  ${VICTIMS[incident.victims]}`,
  ];
  if (incident.weapons.length > 0) lines.push(`Weapons:  ${incident.weapons.join(", ")}`);
  if (incident.targets.length > 0) lines.push(`Targets:  ${incident.targets.join(", ")}`);
  lines.push("", `Sources (${sources.length}):`);
  for (const source of sources) {
    const by = claimant(source);
    lines.push(
      `- ${source.source}${source.title ? `: ${source.title}` : ""}${by ? ` (according to ${by})` : ""}`,
    );
    lines.push(`  ${linkText(source.url)}`);
  }
  const evidence = evidenceLines(incident, sources);
  if (evidence.length > 0) {
    lines.push("", "What the reports say:");
    for (const sentence of evidence) lines.push(`> ${sentence}`);
  }
  lines.push(
    "",
    `StrikeWatch incident ${incident.id}, alert version ${version}. Counts are the highest any source reported.`,
  );
  const places = [
    incident.place.name,
    ...(incident.place.city ? [incident.place.city] : []),
    ...(incident.place.admin1 ? [incident.place.admin1] : []),
    incident.place.country,
  ];
  return {
    incidentId: incident.id,
    version,
    kind,
    subject,
    message: { default: JSON.stringify({ kind, version, incident }), email: lines.join("\n"), sms },
    attributes: {
      places: [...new Set(places)],
      killed: incident.killed?.min ?? incident.childrenKilled?.min ?? 0,
      injured: incident.injured?.min ?? incident.childrenInjured?.min ?? 0,
      victims: incident.victims,
      kind,
    },
  };
}
