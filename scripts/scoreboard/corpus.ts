/**
 * Set 1, the project's own corpus (tests/fixtures/eval): ours as the existing scorer evaluate() reports
 * it; the keyword extractor by the same rules over its predictions (same name folding and pairing,
 * detection = a civilian-casualty event, admin1/killed/injured exact over paired events).
 */
import { isCivilianCasualty } from "../../functions/core/alerts.js";
import { parseSeedText } from "../../functions/core/article.js";
import type { Count } from "../../functions/core/extract/types.js";
import {
  type Case,
  type EvalReport,
  evaluate,
  foldPlaceName,
  loadCorpus,
} from "../../functions/local/evaluate.js";
import {
  type Cell,
  type ExtractorId,
  type Failures,
  figure,
  noFailures,
  type Prediction,
  type Predictor,
  type SetResult,
  showCount,
  showPrediction,
} from "./model.js";

/** The figures of evaluate() that the scoreboard shows, as counts. */
interface CorpusScore {
  tp: number;
  fp: number;
  fn: number;
  expected: number;
  extracted: number;
  matched: number;
  admin1: number;
  killed: number;
  injured: number;
  failures: Failures;
}

const keys = (place: { name: string; city?: string }) => [
  foldPlaceName(place.name),
  ...(place.city ? [foldPlaceName(place.city)] : []),
];
const sameCount = (a: Count | null, b: Count | null) =>
  (a === null && b === null) ||
  (a !== null && b !== null && a.min === b.min && (a.max ?? null) === (b.max ?? null));

/** evaluate()'s rules over any predictor's output. */
export function scoreCases(cases: Case[], predictor: Predictor): CorpusScore {
  const score: CorpusScore = {
    tp: 0,
    fp: 0,
    fn: 0,
    expected: 0,
    extracted: 0,
    matched: 0,
    admin1: 0,
    killed: 0,
    injured: 0,
    failures: noFailures(),
  };
  for (const c of cases) {
    const seed = parseSeedText(c.text);
    const got = predictor.predict({
      ...(seed.title ? { title: seed.title } : {}),
      body: seed.body,
      ...(seed.date ? { publishedAt: `${seed.date}T00:00:00Z` } : {}),
    });
    score.expected += c.expected.length;
    score.extracted += got.length;
    const free = new Set<Prediction>(got);
    for (const want of c.expected) {
      const label = `${c.name}: ${want.place.name} (${want.place.admin1})`;
      const exact = [...free].find(
        (p) => foldPlaceName(p.name) === foldPlaceName(want.place.name) && p.country === want.place.country,
      );
      const event = exact ?? [...free].find((p) => keys(p).some((key) => keys(want.place).includes(key)));
      const positive = isCivilianCasualty(want);
      if (!event) {
        if (positive) {
          score.fn += 1;
          score.failures.misses.push(`${label}: no event`);
        }
        continue;
      }
      free.delete(event);
      score.matched += 1;
      if (positive && event.alertable) score.tp += 1;
      else if (positive) {
        score.fn += 1;
        score.failures.misses.push(`${label}: not alertable (${showPrediction(event)})`);
      } else if (event.alertable) {
        score.fp += 1;
        score.failures.falseAlerts.push(`${label}: alertable but want victims ${want.victims}`);
      }
      if (event.admin1 === want.place.admin1) score.admin1 += 1;
      else score.failures.wrong.push(`${label}: admin1 ${event.admin1}`);
      if (sameCount(event.killed, want.killed)) score.killed += 1;
      else
        score.failures.wrong.push(
          `${label}: killed ${showCount(event.killed)}, want ${showCount(want.killed)}`,
        );
      if (sameCount(event.injured, want.injured)) score.injured += 1;
    }
    for (const event of free) {
      if (!event.alertable) continue;
      score.fp += 1;
      score.failures.falseAlerts.push(`${c.name}: extra event ${showPrediction(event)}`);
    }
  }
  return score;
}

/** evaluate()'s report as counts, its failures sorted into misses, false alerts and wrong figures. */
function fromReport(report: EvalReport): CorpusScore {
  const failures = noFailures();
  for (const failure of report.failures)
    for (const diff of failure.diffs) {
      const line = `${failure.name}: ${diff}`;
      if (/not detected|^missing event: .*\[civilian casualties\]/.test(diff)) failures.misses.push(line);
      else if (
        /detected as civilian casualties but is not|^extra event: .*victims (civilian|mixed)/.test(diff)
      )
        failures.falseAlerts.push(line);
      else if (/admin1|killed .*want/.test(diff)) failures.wrong.push(line);
    }
  const matched = Math.round(report.placeRecall * report.expectedEvents);
  return {
    ...report.detection,
    expected: report.expectedEvents,
    extracted: report.extractedEvents,
    matched,
    admin1: Math.round(report.admin1Accuracy * matched),
    killed: Math.round(report.killedExact * matched),
    injured: Math.round(report.injuredExact * matched),
    failures,
  };
}

/** Set 1: the corpus in `dir`. */
export async function corpusSet(dir: string, predictors: Record<ExtractorId, Predictor>): Promise<SetResult> {
  const cases = await loadCorpus(dir);
  const scores: Record<ExtractorId, CorpusScore> = {
    ours: fromReport(evaluate(cases)),
    keyword: scoreCases(cases, predictors.keyword),
  };
  const cell = (f: (s: CorpusScore) => Cell) => (who: ExtractorId) => f(scores[who]);
  return {
    id: "corpus",
    title: `1. our corpus (tests/fixtures/eval, ${cases.length} reports)`,
    notes: [
      "ours = evaluate(); keyword = the same rules over its guesses. Events paired by place name; detection = civilian casualties.",
    ],
    figures: [
      figure(
        "expectedEvents",
        "expected events",
        cell((s) => s.expected),
      ),
      figure(
        "extractedEvents",
        "extracted events",
        cell((s) => s.extracted),
      ),
      figure(
        "precision",
        "detection precision",
        cell((s) => ({ n: s.tp, d: s.tp + s.fp })),
      ),
      figure(
        "recall",
        "detection recall",
        cell((s) => ({ n: s.tp, d: s.tp + s.fn })),
      ),
      figure(
        "placeRecall",
        "place recall",
        cell((s) => ({ n: s.matched, d: s.expected })),
      ),
      figure(
        "admin1",
        "admin1 accuracy (paired)",
        cell((s) => ({ n: s.admin1, d: s.matched })),
      ),
      figure(
        "killedExact",
        "killed exact (paired)",
        cell((s) => ({ n: s.killed, d: s.matched })),
      ),
      figure(
        "injuredExact",
        "injured exact (paired)",
        cell((s) => ({ n: s.injured, d: s.matched })),
      ),
    ],
    failures: { ours: scores.ours.failures, keyword: scores.keyword.failures },
  };
}
