/**
 * The scoreboard's shared vocabulary: what an extractor under test returns (a Prediction per place), the
 * figures a data set reports for both extractors, and the key places are compared by. The scoreboard only
 * sees extract(), isAlertable() and the CLI's JSON lines, never the extractor's internals.
 */
import { isAlertable } from "../../functions/core/alerts.js";
import { extract } from "../../functions/core/extract/index.js";
import type { Count } from "../../functions/core/extract/types.js";
import { keywordExtract } from "../keyword-baseline.js";

/** The text an extractor reads. */
export interface PredictInput {
  title?: string;
  body: string;
  publishedAt?: string;
}

/** One place an extractor says was struck, as the scoreboard compares it. */
export interface Prediction {
  name: string;
  /** The city a district belongs to, when the extractor gives one. */
  city?: string;
  admin1: string | null;
  country: string;
  killed: Count | null;
  injured: Count | null;
  alertable: boolean;
}

/** An extractor under test. */
export interface Predictor {
  id: ExtractorId;
  predict(input: PredictInput): Prediction[];
}

export type ExtractorId = "ours" | "keyword";
export const EXTRACTORS: ExtractorId[] = ["ours", "keyword"];

/** Ours: extract(), alertable by the project's own rule. */
export const ours: Predictor = {
  id: "ours",
  predict: (input) =>
    extract(input).map((event) => ({
      name: event.place.name,
      ...(event.place.city ? { city: event.place.city } : {}),
      admin1: event.place.admin1,
      country: event.place.country,
      killed: event.killed,
      injured: event.injured,
      alertable: isAlertable(event),
    })),
};

/** The naive keyword extractor: at most one place an article. */
export const keyword: Predictor = {
  id: "keyword",
  predict: (input) => {
    const event = keywordExtract(input);
    if (!event) return [];
    return [
      {
        ...event.place,
        killed: event.killed === null ? null : { min: event.killed, approximate: false },
        injured: null,
        alertable: event.alertable,
      },
    ];
  },
};

/** A share: n of d. */
export interface Ratio {
  n: number;
  d: number;
}

/** One cell of the table: a share, a plain number, or null where the figure does not apply ("–"). */
export type Cell = Ratio | number | null;

/** One row: a figure of one data set for both extractors. */
export interface Figure {
  id: string;
  label: string;
  ours: Cell;
  keyword: Cell;
}

/** What a developer reads to see why: the misses, false alerts and wrong figures of one extractor. */
export interface Failures {
  misses: string[];
  falseAlerts: string[];
  wrong: string[];
}

/** A data set's part of the scoreboard. */
export interface SetResult {
  id: string;
  title: string;
  /** Why the set did not run, when it did not. */
  skipped?: string;
  /** How the figures are defined, one line each; printed under the set's rows. */
  notes: string[];
  figures: Figure[];
  failures: Record<ExtractorId, Failures>;
}

export const ratio = (n: number, d: number): Ratio => ({ n, d });

export const noFailures = (): Failures => ({ misses: [], falseAlerts: [], wrong: [] });

/** The same figure for both extractors, from a function of the extractor. */
export function figure(id: string, label: string, cell: (who: ExtractorId) => Cell): Figure {
  return { id, label, ours: cell("ours"), keyword: cell("keyword") };
}

/**
 * How place names compare: lower case, letters only, region words and "Autonomous Republic of" dropped,
 * Kiev read as Kyiv (the key score.mjs uses), so "Kharkiv Oblast", "Kharkiv region" and "kharkiv" agree.
 */
export function placeKey(name: string | null | undefined): string {
  return String(name ?? "")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\b(oblast|region|province|city|autonomous republic of)\b/g, "")
    .replace(/[^a-z]/g, "")
    .replace(/^kiev/, "kyiv");
}

/** "3", "3-5", "24~", "null": a count as the failure lines print it. */
export function showCount(count: Count | null | undefined): string {
  if (!count) return "null";
  return `${count.min}${count.max !== undefined ? `-${count.max}` : ""}${count.approximate ? "~" : ""}`;
}

/** A prediction as one failure line prints it. */
export function showPrediction(p: Prediction): string {
  return `${p.name} (${p.admin1 ?? "?"}) killed ${showCount(p.killed)}${p.alertable ? " ALERT" : ""}`;
}

/** At most `width` characters of one line of text. */
export function clip(text: string, width = 110): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}
