/**
 * The extraction evaluation: runs extract() over a corpus of reports with expected events beside
 * them (tests/fixtures/eval/NNN-slug.txt + .json) and scores it: precision / recall / F1 of
 * civilian-casualty strike detection, place recall, admin1 accuracy, killed and injured exact match.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { isCivilianCasualty } from "../core/alerts.js";
import { parseSeedText } from "../core/article.js";
import { extract } from "../core/extract/index.js";
import type { Count, StrikeEvent, Victims } from "../core/extract/types.js";

/** An expected event as the corpus writes it. */
export interface ExpectedEvent {
  place: { name: string; admin1: string | null; country: string; precision: string; city?: string };
  killed: Count | null;
  injured: Count | null;
  childrenKilled: Count | null;
  childrenInjured: Count | null;
  casualties?: Count | null;
  victims: Victims;
}

/** One report of the corpus. */
export interface Case {
  name: string;
  text: string;
  note: string;
  expected: ExpectedEvent[];
}

/** The scores and the failures. */
export interface EvalReport {
  reports: number;
  expectedEvents: number;
  extractedEvents: number;
  detection: { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number };
  placeRecall: number;
  placePrecision: number;
  admin1Accuracy: number;
  killedExact: number;
  injuredExact: number;
  failures: Array<{ name: string; note: string; diffs: string[] }>;
  msPerArticle: number;
}

/** Reads every NNN-slug.txt / .json pair in `dir`. */
export async function loadCorpus(dir: string): Promise<Case[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  return Promise.all(
    names.map(async (name) => {
      const base = name.slice(0, -5);
      const json = JSON.parse(await readFile(join(dir, name), "utf8")) as {
        note?: string;
        events: ExpectedEvent[];
      };
      return {
        name: base,
        text: await readFile(join(dir, `${base}.txt`), "utf8"),
        note: json.note ?? "",
        expected: json.events,
      };
    }),
  );
}

/** A place name folded for matching: no accents, case, apostrophes or trailing "district"/"oblast". */
export const foldPlaceName = (name: string) =>
  name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’'`]/g, "")
    .replace(/\s+(district|raion|oblast|region)$/, "");

/** A place's names to match on: its own, and its city for a district. */
function keys(place: { name: string; city?: string }): string[] {
  return [foldPlaceName(place.name), ...(place.city ? [foldPlaceName(place.city)] : [])];
}

const sameCount = (a: Count | null, b: Count | null) =>
  (a === null && b === null) ||
  (a !== null && b !== null && a.min === b.min && (a.max ?? null) === (b.max ?? null));

const show = (count: Count | null) =>
  count ? `${count.min}${count.max ? `-${count.max}` : ""}${count.approximate ? "~" : ""}` : "null";

/** Pairs expected with extracted events: same name first, then a district with its city. */
function pair(
  expected: ExpectedEvent[],
  got: StrikeEvent[],
): Array<[ExpectedEvent, StrikeEvent | undefined]> {
  const free = new Set(got);
  const pairs: Array<[ExpectedEvent, StrikeEvent | undefined]> = [];
  for (const want of expected) {
    const exact = [...free].find(
      (event) =>
        foldPlaceName(event.place.name) === foldPlaceName(want.place.name) &&
        event.place.country === want.place.country,
    );
    const loose =
      exact ?? [...free].find((event) => keys(event.place).some((key) => keys(want.place).includes(key)));
    if (loose) free.delete(loose);
    pairs.push([want, loose]);
  }
  return pairs;
}

/** Scores extract() on the corpus. */
export function evaluate(cases: Case[]): EvalReport {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let matched = 0;
  let admin1 = 0;
  let killed = 0;
  let injured = 0;
  let extractedEvents = 0;
  let expectedEvents = 0;
  let unmatchedExtracted = 0;
  const failures: EvalReport["failures"] = [];
  const started = performance.now();
  const results = cases.map((c) => {
    const seed = parseSeedText(c.text);
    return extract({
      title: seed.title,
      body: seed.body,
      ...(seed.date ? { publishedAt: `${seed.date}T00:00:00Z` } : {}),
    });
  });
  const msPerArticle = (performance.now() - started) / Math.max(1, cases.length);
  cases.forEach((c, index) => {
    const got = results[index]!;
    const diffs: string[] = [];
    extractedEvents += got.length;
    expectedEvents += c.expected.length;
    const pairs = pair(c.expected, got);
    for (const [want, event] of pairs) {
      const label = `${want.place.name} (${want.place.admin1})`;
      const wantPositive = isCivilianCasualty(want);
      if (!event) {
        if (wantPositive) fn += 1;
        diffs.push(`missing event: ${label}${wantPositive ? " [civilian casualties]" : ""}`);
        continue;
      }
      matched += 1;
      const gotPositive = isCivilianCasualty(event);
      if (wantPositive && gotPositive) tp += 1;
      else if (wantPositive) {
        fn += 1;
        diffs.push(
          `${label}: not detected as civilian casualties (victims ${event.victims}, want ${want.victims})`,
        );
      } else if (gotPositive) {
        fp += 1;
        diffs.push(
          `${label}: detected as civilian casualties but is not (victims ${event.victims}, want ${want.victims})`,
        );
      }
      if (event.place.admin1 === want.place.admin1) admin1 += 1;
      else diffs.push(`${label}: admin1 ${event.place.admin1}`);
      if (sameCount(event.killed, want.killed)) killed += 1;
      else diffs.push(`${label}: killed ${show(event.killed)}, want ${show(want.killed)}`);
      if (sameCount(event.injured, want.injured)) injured += 1;
      else diffs.push(`${label}: injured ${show(event.injured)}, want ${show(want.injured)}`);
    }
    const used = new Set(pairs.map(([, event]) => event));
    for (const event of got) {
      if (used.has(event)) continue;
      unmatchedExtracted += 1;
      if (isCivilianCasualty(event)) fp += 1;
      diffs.push(
        `extra event: ${event.place.name} (${event.place.admin1}) killed ${show(event.killed)} injured ${show(event.injured)} victims ${event.victims}`,
      );
    }
    if (diffs.length > 0) failures.push({ name: c.name, note: c.note, diffs });
  });
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  return {
    reports: cases.length,
    expectedEvents,
    extractedEvents,
    detection: {
      tp,
      fp,
      fn,
      precision,
      recall,
      f1: (2 * precision * recall) / Math.max(1e-9, precision + recall),
    },
    placeRecall: matched / Math.max(1, expectedEvents),
    placePrecision: (extractedEvents - unmatchedExtracted) / Math.max(1, extractedEvents),
    admin1Accuracy: admin1 / Math.max(1, matched),
    killedExact: killed / Math.max(1, matched),
    injuredExact: injured / Math.max(1, matched),
    failures,
    msPerArticle,
  };
}

/** The report as text: the scores, then each failure with its diffs. */
export function formatReport(report: EvalReport): string {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  const lines = [
    `reports ${report.reports}, expected events ${report.expectedEvents}, extracted ${report.extractedEvents}`,
    `civilian-casualty strike detection: precision ${pct(report.detection.precision)}, recall ${pct(report.detection.recall)}, F1 ${report.detection.f1.toFixed(3)} (tp ${report.detection.tp}, fp ${report.detection.fp}, fn ${report.detection.fn})`,
    `places: recall ${pct(report.placeRecall)}, precision ${pct(report.placePrecision)}`,
    `admin1 accuracy ${pct(report.admin1Accuracy)}; killed exact ${pct(report.killedExact)}; injured exact ${pct(report.injuredExact)} (over matched events)`,
    `extraction ${report.msPerArticle.toFixed(3)} ms per article`,
  ];
  if (report.failures.length > 0) lines.push("", `failures (${report.failures.length} reports):`);
  for (const failure of report.failures) {
    lines.push(`- ${failure.name}: ${failure.note.slice(0, 140)}`);
    for (const diff of failure.diffs) lines.push(`    ${diff}`);
  }
  return lines.join("\n");
}
