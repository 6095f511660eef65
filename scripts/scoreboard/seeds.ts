/**
 * Set 2, the acceptance on the seeds (DESIGN.md, "Acceptance on the seeds"): `strikewatch run --json` over
 * the bundled seeds must alert Kharkiv for 000, Poltava, Kharkiv and Sumy for 001, Kharkiv and Belgorod for
 * 003 — six alerts — and nothing for 002 (the same strikes as 001) or 004 (military victims). The keyword
 * extractor runs in-process over the same files with the naive merge.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseSeedText, seedFileId } from "../../functions/core/article.js";
import { type AlertLine, runCli } from "./cli.js";
import { naiveAlerts } from "./merge.js";
import {
  type ExtractorId,
  type Failures,
  figure,
  noFailures,
  type Predictor,
  placeKey,
  type SetResult,
} from "./model.js";

/** The alerts DESIGN.md expects: seed number and oblast. */
export const EXPECTED_SEED_ALERTS: ReadonlyArray<{ seed: string; admin1: string }> = [
  { seed: "000", admin1: "Kharkiv Oblast" },
  { seed: "001", admin1: "Poltava Oblast" },
  { seed: "001", admin1: "Kharkiv Oblast" },
  { seed: "001", admin1: "Sumy Oblast" },
  { seed: "003", admin1: "Kharkiv Oblast" },
  { seed: "003", admin1: "Belgorod Oblast" },
];

interface SeedScore {
  got: number;
  updates: number;
  matched: number;
  unexpected: number;
  failures: Failures;
}

/** Matches the new alerts to the expected ones by seed and oblast. */
function scoreAlerts(alerts: AlertLine[], seedOf: Map<string, string>): SeedScore {
  const open = [...EXPECTED_SEED_ALERTS];
  const fresh = alerts.filter((alert) => alert.kind === "new");
  const score: SeedScore = {
    got: fresh.length,
    updates: alerts.length - fresh.length,
    matched: 0,
    unexpected: 0,
    failures: noFailures(),
  };
  for (const alert of fresh) {
    const seeds = (alert.articleIds ?? []).map((id) => seedOf.get(id) ?? id);
    const at = open.findIndex(
      (want) => seeds.includes(want.seed) && placeKey(want.admin1) === placeKey(alert.place?.admin1),
    );
    if (at >= 0) {
      open.splice(at, 1);
      score.matched += 1;
      continue;
    }
    score.unexpected += 1;
    score.failures.falseAlerts.push(
      `seed ${seeds.join("+")}: ${alert.place?.name} (${alert.place?.admin1}) killed ${alert.killed?.min ?? "null"}`,
    );
  }
  for (const want of open) score.failures.misses.push(`seed ${want.seed}: ${want.admin1}`);
  return score;
}

/** Set 2: the seeds in `root`/seeds, through the CLI (ours) and the naive merge (keyword). */
export async function seedsSet(root: string, keyword: Predictor): Promise<SetResult> {
  const dir = join(root, "seeds");
  const files = (await readdir(dir)).filter((name) => seedFileId(name) !== null).sort();
  const seedOf = new Map(files.map((name) => [seedFileId(name)!, name.slice(0, 3)]));
  const run = await runCli(root, ["run", "--json"]);
  const reports = await Promise.all(
    files.map(async (name) => {
      const seed = parseSeedText(await readFile(join(dir, name), "utf8"));
      return {
        articleId: seedFileId(name)!,
        ...(seed.date ? { publishedAt: seed.date } : {}),
        predictions: keyword.predict({ ...(seed.title ? { title: seed.title } : {}), body: seed.body }),
      };
    }),
  );
  const scores: Record<ExtractorId, SeedScore> = {
    ours: scoreAlerts(run.alerts, seedOf),
    keyword: scoreAlerts(naiveAlerts(reports), seedOf),
  };
  if (run.code !== 0)
    scores.ours.failures.wrong.push(`strikewatch run exited ${run.code}: ${run.stderr.trim()}`);
  return {
    id: "seeds",
    title: `2. seeds acceptance (${files.length} seeds, DESIGN.md)`,
    notes: [
      "ours = `strikewatch run --json`; keyword = naive merge (same oblast + publication day).",
      `ours alerted: ${
        run.alerts
          .filter((alert) => alert.kind === "new")
          .map(
            (alert) =>
              `${(alert.articleIds ?? []).map((id) => seedOf.get(id) ?? id).join("+")} ${alert.place?.name}`,
          )
          .join(", ") || "nothing"
      }`,
    ],
    figures: [
      figure("expected", "alerts expected", () => EXPECTED_SEED_ALERTS.length),
      figure("got", "new alerts got", (who) => scores[who].got),
      figure("matched", "expected alerts matched (seed+oblast)", (who) => ({
        n: scores[who].matched,
        d: EXPECTED_SEED_ALERTS.length,
      })),
      figure("unexpected", "unexpected alerts (002/004/other)", (who) => scores[who].unexpected),
      figure("updates", "update alerts", (who) => scores[who].updates),
    ],
    failures: { ours: scores.ours.failures, keyword: scores.keyword.failures },
  };
}
