/**
 * Sets 6 and 7, Ukrainian and Russian reports (../shared/data/uk-ru: news leads, Telegram posts and RSS
 * headlines with hand labels), scored per language with the measures of issue 12's "Done when": strike
 * detection, the oblast of detected strikes in Ukraine or Russia's border regions, and the killed figure
 * where the text states one. The project's own uk/ru fixtures (tests/fixtures/real-shaped-ukru) have the
 * same record shape and are scored by the same functions.
 */
import { readFile } from "node:fs/promises";
import {
  type Cell,
  clip,
  EXTRACTORS,
  type ExtractorId,
  type Failures,
  figure,
  noFailures,
  type PredictInput,
  type Prediction,
  type Predictor,
  placeKey,
  type Ratio,
  type SetResult,
  showCount,
  showPrediction,
} from "./model.js";

export type Lang = "uk" | "ru";
export const LANGS: Lang[] = ["uk", "ru"];

/** A labelled place of a record (the data set's README gives the label rules). */
export interface UkruGoldPlace {
  name_in_text?: string | null;
  /** "Kharkiv", "Saltivskyi district, Kharkiv", "Biryuch (Valuysky District)"; null when unnamed. */
  name_en: string | null;
  /** "Kharkiv", "Kyiv City", "Crimea", "Belgorod Oblast (Russia)", "Beirut (Lebanon)"; null when unknown. */
  oblast_en: string | null;
  /** Stated killed; 0 for "no one was killed", null when the text gives no number. */
  killed: number | null;
  injured: number | null;
  children_killed?: number | null;
  children_injured?: number | null;
  victims?: "civilian" | "military" | "mixed" | "unknown";
}

/** A record's label: a specific attack that reached a named place, and its places. */
export interface UkruGold {
  strike: boolean;
  places: UkruGoldPlace[];
}

/** One record: a text in Ukrainian or Russian, its date (YYYY-MM-DD) and, when labelled, its gold. */
export interface UkruRecord {
  id: string;
  lang: Lang;
  text: string;
  date: string;
  kind?: string;
  gold?: UkruGold;
}

/** A record with its label. */
export type LabelledRecord = UkruRecord & { gold: UkruGold };

/** The labelled records of a .jsonl file of UkruRecords (unlabelled lines are left out). */
export async function loadUkru(file: string): Promise<LabelledRecord[]> {
  return (await readFile(file, "utf8"))
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as UkruRecord)
    .filter((record): record is LabelledRecord => record.gold !== undefined && record.gold !== null);
}

/**
 * The article a record makes: its first line the title and the rest the body (a lead's headline and
 * snippet; a one-line text splits after its first sentence), so title + "\n" + body is the text; the
 * date at noon UTC as the publication time.
 */
export function ukruInput(record: UkruRecord): PredictInput {
  const text = record.text.trim();
  const newline = text.indexOf("\n");
  const sentenceEnd = /[.!?…](?=\s+\S)/u.exec(text);
  const cut = newline >= 0 ? newline : sentenceEnd ? sentenceEnd.index + sentenceEnd[0].length : text.length;
  const title = text.slice(0, cut).trim();
  const body = text.slice(cut).trim();
  return {
    ...(title ? { title } : {}),
    body,
    ...(/^\d{4}-\d{2}-\d{2}$/.test(record.date) ? { publishedAt: `${record.date}T12:00:00Z` } : {}),
  };
}

/** Ukraine's regions by the gazetteer's admin1 name, and their other spellings in labels. */
const UKRAINE_ADMIN1: Record<string, string> = Object.fromEntries([
  ...[
    "Cherkasy",
    "Chernihiv",
    "Chernivtsi",
    "Dnipropetrovsk",
    "Donetsk",
    "Ivano-Frankivsk",
    "Kharkiv",
    "Kherson",
    "Khmelnytskyi",
    "Kirovohrad",
    "Luhansk",
    "Lviv",
    "Mykolaiv",
    "Odesa",
    "Poltava",
    "Rivne",
    "Sumy",
    "Ternopil",
    "Vinnytsia",
    "Volyn",
    "Zakarpattia",
    "Zaporizhzhia",
    "Zhytomyr",
  ].map((name) => [name.toLowerCase(), `${name} Oblast`]),
  ["kyiv", "Kyiv Oblast"],
  ["kyiv city", "Kyiv"],
  ["kiev", "Kyiv Oblast"],
  ["kiev city", "Kyiv"],
  ["crimea", "Autonomous Republic of Crimea"],
  ["autonomous republic of crimea", "Autonomous Republic of Crimea"],
  ["sevastopol", "Sevastopol"],
  ["odessa", "Odesa Oblast"],
  ["zaporizhia", "Zaporizhzhia Oblast"],
  ["dnipro", "Dnipropetrovsk Oblast"],
]);

/** Russia's regions on the border with Ukraine: the ones the oblast figure counts. */
export const RUSSIA_BORDER_ADMIN1 = [
  "Belgorod Oblast",
  "Bryansk Oblast",
  "Kursk Oblast",
  "Rostov Oblast",
  "Voronezh Oblast",
];

/** Where a gold oblast lies for the oblast figure. */
export type GoldRegion =
  | { scope: "in"; admin1: string }
  | { scope: "out"; why: "Russia beyond the border" | "abroad" }
  | { scope: "unmapped"; label: string };

/**
 * A label's oblast as the gazetteer names it: "Kharkiv" → Kharkiv Oblast, "Kyiv City" → Kyiv, "Crimea" →
 * Autonomous Republic of Crimea, "Belgorod Oblast (Russia)" → Belgorod Oblast. Russian regions off the
 * border and other countries are out of the figure's scope; a spelling not known here is "unmapped".
 */
export function goldRegion(oblastEn: string): GoldRegion {
  const country = /\(([^)]*)\)\s*$/.exec(oblastEn)?.[1]?.trim();
  const name = oblastEn.replace(/\s*\([^)]*\)\s*$/, "").trim();
  if (country === "Russia") {
    const admin1 = RUSSIA_BORDER_ADMIN1.find((region) => region.toLowerCase() === name.toLowerCase());
    return admin1 ? { scope: "in", admin1 } : { scope: "out", why: "Russia beyond the border" };
  }
  if (country !== undefined && country !== "Ukraine") return { scope: "out", why: "abroad" };
  const key = name
    .toLowerCase()
    .replace(/\s+(oblast|region)$/, "")
    .trim();
  const admin1 = UKRAINE_ADMIN1[key];
  return admin1 ? { scope: "in", admin1 } : { scope: "unmapped", label: oblastEn };
}

/** The keys a gold place name matches by: "Saltivskyi district, Kharkiv" → saltivskyidistrict, kharkiv. */
function nameKeys(nameEn: string | null): string[] {
  if (!nameEn) return [];
  return nameEn
    .replace(/\([^)]*\)/g, "")
    .split(",")
    .map((part) => placeKey(part))
    .filter((key) => key.length > 0);
}

const predictionKeys = (p: Prediction) => [placeKey(p.name), ...(p.city ? [placeKey(p.city)] : [])];

/** The predictions at a gold place: by name (or a district's city), else in its oblast. */
function predictionsAt(place: UkruGoldPlace, predictions: Prediction[]): Prediction[] {
  const keys = nameKeys(place.name_en);
  const byName = predictions.filter((p) => predictionKeys(p).some((key) => keys.includes(key)));
  if (byName.length > 0) return byName;
  const region = place.oblast_en ? goldRegion(place.oblast_en) : null;
  return region?.scope === "in" ? predictions.filter((p) => p.admin1 === region.admin1) : [];
}

/**
 * A stated count read exactly: the same number, no range. A stated 0 ("без погибших") is read by an
 * event at the place whose count is null or 0, since the event schema has no stated zero.
 */
const countExact = (stated: number, count: Prediction["killed"]) =>
  stated === 0
    ? count === null || (count.min === 0 && count.max === undefined)
    : count !== null && count.min === stated && (count.max === undefined || count.max === stated);

/** Precision, recall and F1 of a detection. */
export interface Detection {
  tp: number;
  fp: number;
  fn: number;
}

/** The figures of one extractor on the records of one language, as counts. */
export interface UkruScore {
  records: number;
  strikes: number;
  /** Detected = at least one event. */
  detection: Detection;
  /** Detected = at least one alertable event. */
  alertDetection: Detection;
  /** Detected gold strikes with a gold oblast in scope, and those where every such oblast is an event's admin1. */
  oblast: Ratio;
  /** Gold places with a stated killed figure (all of them, detected or not), and those read exactly. */
  killed: Ratio;
  /** The same over stated figures of 1 or more. */
  killedPositive: Ratio;
  injured: Ratio;
  /** Gold oblast spellings goldRegion does not know. */
  unmapped: string[];
  failures: Failures;
}

/** F1 of a detection, null when it found and expected nothing. */
export function f1(d: Detection): number | null {
  const denominator = 2 * d.tp + d.fp + d.fn;
  return denominator === 0 ? null : (2 * d.tp) / denominator;
}

const share = (r: Ratio): number | null => (r.d === 0 ? null : r.n / r.d);

/** The shares of a score as plain numbers (null where nothing was counted), for tests and JSON. */
export function shares(s: UkruScore) {
  const precision = (d: Detection) => share({ n: d.tp, d: d.tp + d.fp });
  const recall = (d: Detection) => share({ n: d.tp, d: d.tp + d.fn });
  return {
    precision: precision(s.detection),
    recall: recall(s.detection),
    f1: f1(s.detection),
    alertPrecision: precision(s.alertDetection),
    alertRecall: recall(s.alertDetection),
    alertF1: f1(s.alertDetection),
    oblast: share(s.oblast),
    killedExact: share(s.killed),
    killedPositiveExact: share(s.killedPositive),
    injuredExact: share(s.injured),
  };
}

const recordLabel = (record: UkruRecord) => `${record.id} [${record.lang}] ${clip(record.text, 100)}`;

const goldText = (places: UkruGoldPlace[]) =>
  places
    .map(
      (p) => `${p.name_en ?? "?"} (${p.oblast_en ?? "?"}) k ${p.killed ?? "null"} i ${p.injured ?? "null"}`,
    )
    .join("; ");

/** Scores one extractor on labelled records (of one language, or any mix). */
export function scoreUkru(records: LabelledRecord[], predictor: Predictor): UkruScore {
  const s: UkruScore = {
    records: records.length,
    strikes: records.filter((r) => r.gold.strike).length,
    detection: { tp: 0, fp: 0, fn: 0 },
    alertDetection: { tp: 0, fp: 0, fn: 0 },
    oblast: { n: 0, d: 0 },
    killed: { n: 0, d: 0 },
    killedPositive: { n: 0, d: 0 },
    injured: { n: 0, d: 0 },
    unmapped: [],
    failures: noFailures(),
  };
  const tally = (d: Detection, found: boolean, gold: boolean) => {
    if (found && gold) d.tp += 1;
    else if (found) d.fp += 1;
    else if (gold) d.fn += 1;
  };
  for (const record of records) {
    const predictions = predictor.predict(ukruInput(record));
    const { strike, places } = record.gold;
    const detected = predictions.length > 0;
    const shown = predictions.map(showPrediction).join("; ");
    tally(s.detection, detected, strike);
    tally(
      s.alertDetection,
      predictions.some((p) => p.alertable),
      strike,
    );
    if (detected && !strike) s.failures.falseAlerts.push(`${recordLabel(record)} -> ${shown}`);
    if (!detected && strike) s.failures.misses.push(`${recordLabel(record)} [gold ${goldText(places)}]`);
    if (!strike) continue;
    const regions = places.flatMap((p) => (p.oblast_en ? [goldRegion(p.oblast_en)] : []));
    for (const region of regions)
      if (region.scope === "unmapped" && !s.unmapped.includes(region.label)) s.unmapped.push(region.label);
    const inScope = [...new Set(regions.flatMap((region) => (region.scope === "in" ? [region.admin1] : [])))];
    if (detected && inScope.length > 0) {
      s.oblast.d += 1;
      if (inScope.every((admin1) => predictions.some((p) => p.admin1 === admin1))) s.oblast.n += 1;
      else s.failures.wrong.push(`oblast ${inScope.join(", ")}: ${recordLabel(record)} -> ${shown}`);
    }
    for (const place of places) {
      const at = predictionsAt(place, predictions);
      if (place.killed !== null) {
        const ok = at.some((p) => countExact(place.killed!, p.killed));
        s.killed.d += 1;
        s.killed.n += ok ? 1 : 0;
        if (place.killed > 0) {
          s.killedPositive.d += 1;
          s.killedPositive.n += ok ? 1 : 0;
        }
        if (!ok && detected) {
          const read = at.length > 0 ? at.map((p) => showCount(p.killed)).join("/") : "no event there";
          s.failures.wrong.push(
            `killed ${read}, gold ${place.killed} @ ${place.name_en ?? "?"}: ${recordLabel(record)}`,
          );
        }
      }
      if (place.injured !== null) {
        s.injured.d += 1;
        if (at.some((p) => countExact(place.injured!, p.injured))) s.injured.n += 1;
      }
    }
  }
  return s;
}

const LANGUAGE: Record<Lang, string> = { uk: "Ukrainian", ru: "Russian" };

/** How the uk/ru figures are defined, printed under a pair of sets. */
export const UKRU_NOTES = [
  "strike = any event (the Done-when measure); alert = an alertable event, both against gold.strike.",
  "oblast over detected strikes with a gold oblast in Ukraine or in Russia's border regions",
  `(${RUSSIA_BORDER_ADMIN1.map((r) => r.replace(" Oblast", "")).join(", ")}): every such oblast among the events' admin1.`,
  "killed/injured over every gold place with a stated figure (detected or not): an event at the place or",
  "in its oblast has exactly it; a stated 0 is read by such an event with no figure.",
];

/**
 * The scoreboard's sets for labelled uk/ru records, one per language: `idPrefix` + "Uk" / "Ru" as ids,
 * numbered from `first`, `title` ("uk-ru reports") followed by the language. `notes` go under the second.
 */
export function ukruSets(
  records: LabelledRecord[],
  predictors: Record<ExtractorId, Predictor>,
  idPrefix: string,
  title: string,
  first: number,
  notes: string[] = UKRU_NOTES,
): SetResult[] {
  return LANGS.map((lang, index) => {
    const mine = records.filter((record) => record.lang === lang);
    const scores = {} as Record<ExtractorId, UkruScore>;
    for (const who of EXTRACTORS) scores[who] = scoreUkru(mine, predictors[who]);
    const cell = (f: (s: UkruScore) => Cell) => (who: ExtractorId) => f(scores[who]);
    const detectionFigures = (id: string, label: string, pick: (s: UkruScore) => Detection) => [
      figure(
        `${id}Precision`,
        `${label} precision`,
        cell((s) => ({ n: pick(s).tp, d: pick(s).tp + pick(s).fp })),
      ),
      figure(
        `${id}Recall`,
        `${label} recall`,
        cell((s) => ({ n: pick(s).tp, d: pick(s).tp + pick(s).fn })),
      ),
      figure(
        `${id}F1`,
        `${label} F1`,
        cell((s) => f1(pick(s))),
      ),
    ];
    const unmapped = scores.ours.unmapped;
    return {
      id: `${idPrefix}${lang === "uk" ? "Uk" : "Ru"}`,
      title: `${first + index}. ${title}, ${LANGUAGE[lang]} (${mine.length} records, ${scores.ours.strikes} strikes)`,
      notes: [
        ...(index === LANGS.length - 1 ? notes : []),
        ...(unmapped.length > 0 ? [`unmapped gold oblasts: ${unmapped.join(", ")}`] : []),
      ],
      figures: [
        figure("records", "records", () => mine.length),
        figure("strikes", "gold strikes", () => scores.ours.strikes),
        ...detectionFigures("strike", "strike detection", (s) => s.detection),
        ...detectionFigures("alert", "alertable detection", (s) => s.alertDetection),
        figure(
          "oblast",
          "oblast right (detected, UA + RU border)",
          cell((s) => s.oblast),
        ),
        figure(
          "killedExact",
          "killed exact (stated, incl. 0)",
          cell((s) => s.killed),
        ),
        figure(
          "killedPositiveExact",
          "killed exact (stated ≥ 1)",
          cell((s) => s.killedPositive),
        ),
        figure(
          "injuredExact",
          "injured exact (stated, incl. 0)",
          cell((s) => s.injured),
        ),
      ],
      failures: { ours: scores.ours.failures, keyword: scores.keyword.failures },
    };
  });
}
