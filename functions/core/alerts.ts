/**
 * Alerts: which incidents deserve one, and how an alert reads — one SNS message carrying the
 * JSON incident, an email, an SMS of at most 160 GSM-7 characters, and the message attributes
 * that subscription filter policies match (places, killed, injured, victims, kind). Pure.
 */
import type { Count, Place, StrikeEvent } from "./extract/types.js";
import type { Incident } from "./incidents.js";

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
 * are applied: a strike (not a region's daily toll) with civilian casualties.
 */
export function isAlertable(event: Toll & Pick<StrikeEvent, "kind">): boolean {
  return event.kind !== "daily" && isCivilianCasualty(event);
}

/** The alert rule: civilian casualties in a watched region. */
export function deservesAlert(incident: Incident, watched: WatchedRegion[]): boolean {
  return isCivilianCasualty(incident) && watched.some((region) => covers(region, incident.place));
}

/** "3", "at least 36", "24+" — how a count reads in text. */
export function countText(count: Count | null, short = false): string | null {
  if (!count) return null;
  if (count.max !== undefined) return `${count.min}-${count.max}`;
  if (count.approximate) return short ? `${count.min}+` : `about ${count.min}`;
  return String(count.min);
}

function tollText(incident: Incident, short: boolean): string {
  const parts: string[] = [];
  const killed = countText(incident.killed, short);
  const injured = countText(incident.injured, short);
  const childrenKilled = countText(incident.childrenKilled, short);
  const childrenInjured = countText(incident.childrenInjured, short);
  if (killed)
    parts.push(
      `${killed} killed${childrenKilled ? ` (${childrenKilled === "1" ? "1 child" : `${childrenKilled} children`})` : ""}`,
    );
  if (injured)
    parts.push(
      `${injured} injured${childrenInjured ? ` (${childrenInjured === "1" ? "1 child" : `${childrenInjured} children`})` : ""}`,
    );
  if (!killed && !injured && incident.casualties)
    parts.push(`${countText(incident.casualties, short)} killed or injured`);
  if (childrenKilled && !killed) parts.push(`${childrenKilled} children killed`);
  return parts.join(", ") || "casualties reported";
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

const GSM7 =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENDED = "^{}\\[~]|€";
const TRANSLIT: Record<string, string> = {
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
  а: "a",
  б: "b",
  в: "v",
  г: "h",
  ґ: "g",
  д: "d",
  е: "e",
  є: "ie",
  ж: "zh",
  з: "z",
  и: "y",
  і: "i",
  ї: "i",
  й: "i",
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
  ь: "",
  ю: "iu",
  я: "ia",
  ы: "y",
  э: "e",
  ъ: "",
  ё: "io",
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

function fitGsm7(text: string, limit: number): string {
  if (gsm7Length(text) <= limit) return text;
  let out = "";
  for (const char of text) {
    if (gsm7Length(`${out}${char}...`) > limit) break;
    out += char;
  }
  return `${out.trimEnd()}...`;
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
  const toll = tollText(incident, false);
  const sources = incident.sources.length;
  const weapons = weaponText(incident.weapons);
  const sms = fitGsm7(
    toGsm7(
      `${kind === "update" ? "UPDATE: " : ""}Strike ${shortPlace(incident.place)} ${incident.date}: ${tollText(incident, true)}` +
        "." +
        `${weapons ? ` ${weapons}.` : ""} ${sources} source${sources === 1 ? "" : "s"}`,
    ),
    160,
  );
  const subject = fitGsm7(
    `${kind === "update" ? "Update: " : ""}Strike on ${where}, ${incident.date}: ${tollText(incident, true)}`,
    100,
  );
  const claims = [...new Set(incident.sources.map((source) => source.attributedTo).filter(Boolean))];
  const lines = [
    kind === "update" ? `UPDATED TOLL — ${where}` : `STRIKE — ${where}`,
    "",
    `When:     ${incident.date}`,
    `Where:    ${where}, ${incident.place.country}${incident.place.precision !== "city" ? ` (${incident.place.precision})` : ""}`,
    `Toll:     ${toll}${claims.length > 0 ? `, according to ${claims.join("; ")}` : ""}`,
    `Victims:  ${incident.victims}`,
  ];
  if (incident.weapons.length > 0) lines.push(`Weapons:  ${incident.weapons.join(", ")}`);
  if (incident.targets.length > 0) lines.push(`Targets:  ${incident.targets.join(", ")}`);
  lines.push("", `Sources (${sources}):`);
  for (const source of incident.sources) {
    lines.push(
      `- ${source.source}${source.title ? `: ${source.title}` : ""}${source.attributedTo ? ` (according to ${source.attributedTo})` : ""}`,
    );
    lines.push(`  ${source.url}`);
  }
  lines.push("", "What the reports say:");
  for (const sentence of incident.evidence.slice(0, 5)) lines.push(`> ${sentence}`);
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
