/**
 * Set 3, UCDP GED rows for Ukraine 2014–2021: each row's headlines as one report (the first the title,
 * each other its own paragraph), scored on the rows whose headlines speak of a death. A row is positive
 * when UCDP codes civilian deaths, combatant-only when it codes deaths of the sides and no civilian or
 * unknown ones; rows with only unknown deaths count for neither precision nor the false-alert rate.
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
  type Prediction,
  type Predictor,
  placeKey,
  type SetResult,
  showPrediction,
} from "./model.js";

/** The fields of a UCDP row the scoreboard reads. */
interface UcdpRow {
  id: string;
  date_start: string;
  adm_1: string;
  where_description: string;
  deaths_a: number;
  deaths_b: number;
  deaths_civilians: number;
  deaths_unknown: number;
  best: number;
  headlines: string[];
}

/** Headlines that speak of a death. */
export const DEATH_WORDS =
  /\b(kill(?:ed|s|ing|ings)?|dead|died|dies|death|deaths|fatal(?:ly|ity|ities)?|perish(?:ed)?|slain|lives)\b/i;

/** UCDP's adm_1 spellings that the gazetteer names otherwise; the rest are "<Name> oblast". */
const UCDP_ADMIN1: Record<string, string> = {
  "Kiev Special Republican city": "Kyiv",
  "Sevastopol Special Republican city": "Sevastopol",
  "Crimea Autonomous Republic": "Autonomous Republic of Crimea",
  "Odessa oblast": "Odesa Oblast",
  "Dnepropetrovsk oblast": "Dnipropetrovsk Oblast",
  "Lugansk oblast": "Luhansk Oblast",
  "Nikolaev oblast": "Mykolaiv Oblast",
  "Zaporozhye oblast": "Zaporizhzhia Oblast",
};

/** The gazetteer's admin1 name for a UCDP adm_1 ("Donetsk oblast" → "Donetsk Oblast"), null when empty. */
export function ucdpAdmin1(adm1: string): string | null {
  if (!adm1.trim()) return null;
  if (UCDP_ADMIN1[adm1]) return UCDP_ADMIN1[adm1];
  if (/crimea/i.test(adm1)) return "Autonomous Republic of Crimea";
  return adm1.replace(/\s+oblast$/i, " Oblast");
}

/** "1/22/2014 12:00:00 AM" → "2014-01-22T00:00:00Z". */
function isoDate(ucdp: string): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(ucdp);
  return m ? `${m[3]}-${m[1]!.padStart(2, "0")}-${m[2]!.padStart(2, "0")}T00:00:00Z` : undefined;
}

interface UcdpScore {
  tp: number;
  fp: number;
  fn: number;
  /** Alerted positive rows with an adm_1 to compare, and those whose oblast an alertable event names. */
  oblastRows: number;
  oblastRight: number;
  alertedPositives: number;
  killedCivilians: number;
  killedBest: number;
  combatantAlerts: number;
  failures: Failures;
}

/** Set 3: the UCDP rows in `file`. */
export async function ucdpSet(file: string, predictors: Record<ExtractorId, Predictor>): Promise<SetResult> {
  const rows = (await readFile(file, "utf8"))
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as UcdpRow)
    .filter((row) => row.headlines.some((headline) => DEATH_WORDS.test(headline)));
  const positive = (row: UcdpRow) => row.deaths_civilians > 0;
  const combatantOnly = (row: UcdpRow) =>
    row.deaths_civilians === 0 && row.deaths_unknown === 0 && row.deaths_a + row.deaths_b > 0;
  const positives = rows.filter(positive).length;
  const combatants = rows.filter(combatantOnly).length;
  const scores = {} as Record<ExtractorId, UcdpScore>;
  for (const who of EXTRACTORS) {
    const s: UcdpScore = {
      tp: 0,
      fp: 0,
      fn: 0,
      oblastRows: 0,
      oblastRight: 0,
      alertedPositives: 0,
      killedCivilians: 0,
      killedBest: 0,
      combatantAlerts: 0,
      failures: noFailures(),
    };
    for (const row of rows) {
      const [title, ...rest] = row.headlines;
      const publishedAt = isoDate(row.date_start);
      const alertable = predictors[who]
        .predict({ title: title ?? "", body: rest.join("\n"), ...(publishedAt ? { publishedAt } : {}) })
        .filter((p) => p.alertable);
      const label = `ucdp ${row.id} ${row.adm_1 || "?"} civ ${row.deaths_civilians}/best ${row.best}: ${clip(row.headlines.join(" | "), 150)}`;
      const shown = (ps: Prediction[]) => ps.map(showPrediction).join("; ");
      if (positive(row)) {
        if (alertable.length === 0) {
          s.fn += 1;
          s.failures.misses.push(label);
          continue;
        }
        s.tp += 1;
        s.alertedPositives += 1;
        const admin1 = ucdpAdmin1(row.adm_1);
        if (admin1) {
          s.oblastRows += 1;
          if (alertable.some((p) => placeKey(p.admin1) === placeKey(admin1))) s.oblastRight += 1;
          else s.failures.wrong.push(`oblast: ${label} -> ${shown(alertable)}`);
        }
        const killed = Math.max(0, ...alertable.map((p) => p.killed?.min ?? 0));
        if (killed === row.deaths_civilians) s.killedCivilians += 1;
        else s.failures.wrong.push(`killed ${killed}: ${label}`);
        if (killed === row.best) s.killedBest += 1;
      } else if (alertable.length > 0) {
        if (combatantOnly(row)) {
          s.fp += 1;
          s.combatantAlerts += 1;
          s.failures.falseAlerts.push(`${label} -> ${shown(alertable)}`);
        }
      }
    }
    scores[who] = s;
  }
  const cell = (f: (s: UcdpScore) => Cell) => (who: ExtractorId) => f(scores[who]);
  return {
    id: "ucdp",
    title: `3. UCDP GED Ukraine 2014-2021 (${rows.length} rows with a death headline: ${positives} civilian, ${combatants} combatant-only)`,
    notes: [
      "alert = the row has an alertable event; precision over civilian + combatant-only rows (unknown-only rows left out).",
      "oblast and killed over alerted civilian rows; killed = max of the alertable events. deaths_civilians is the",
      "better-defined key (alerts count civilians); `best` adds combatants and unknown deaths.",
    ],
    figures: [
      figure(
        "precision",
        "alert precision",
        cell((s) => ({ n: s.tp, d: s.tp + s.fp })),
      ),
      figure(
        "recall",
        "alert recall",
        cell((s) => ({ n: s.tp, d: positives })),
      ),
      figure(
        "oblast",
        "oblast accuracy (alerted, with adm_1)",
        cell((s) => ({ n: s.oblastRight, d: s.oblastRows })),
      ),
      figure(
        "killedCivilians",
        "killed exact vs deaths_civilians",
        cell((s) => ({ n: s.killedCivilians, d: s.alertedPositives })),
      ),
      figure(
        "killedBest",
        "killed exact vs best",
        cell((s) => ({ n: s.killedBest, d: s.alertedPositives })),
      ),
      figure(
        "combatantFalseAlerts",
        "combatant-only false alert rate",
        cell((s) => ({ n: s.combatantAlerts, d: combatants })),
      ),
    ],
    failures: { ours: scores.ours.failures, keyword: scores.keyword.failures },
  };
}
