/**
 * `npm run eval`: the scoreboard. Scores our extractor and the naive keyword extractor (the floor to beat)
 * side by side, in one run, on every data set: our corpus, the seeds' acceptance, and — when ../shared/data
 * exists — UCDP rows, realfeeds-dev items, the realfeeds-dev feeds through the whole pipeline and the
 * Ukrainian and Russian reports of uk-ru, per language. Prints figures, never pass/fail. `--verbose` adds
 * each set's misses, false alerts and wrong figures (first 30 of each); `--json` prints one JSON object of
 * all figures instead of the table. `--set NAME` (repeatable: corpus, seeds, ucdp, realfeeds, ukru) runs
 * only those sets and lists all their failures.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { corpusSet } from "./scoreboard/corpus.js";
import {
  type Cell,
  EXTRACTORS,
  type ExtractorId,
  keyword,
  noFailures,
  ours,
  type Predictor,
  type SetResult,
} from "./scoreboard/model.js";
import { itemsSet, loadItems, pipelineSet } from "./scoreboard/realfeeds.js";
import { seedsSet } from "./scoreboard/seeds.js";
import { ucdpSet } from "./scoreboard/ucdp.js";
import { loadUkru, ukruSets } from "./scoreboard/ukru.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = resolve(ROOT, "../shared/data");
const SHOWN_FAILURES = 30;

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const { values: flags } = parseArgs({
  options: {
    verbose: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    set: { type: "string", multiple: true },
  },
});
const SET_NAMES = ["corpus", "seeds", "ucdp", "realfeeds", "ukru"] as const;
type SetName = (typeof SET_NAMES)[number];
const unknownSets = (flags.set ?? []).filter((name) => !(SET_NAMES as readonly string[]).includes(name));
if (unknownSets.length > 0) {
  process.stderr.write(`unknown --set ${unknownSets.join(", ")}; the sets are ${SET_NAMES.join(", ")}\n`);
  process.exit(2);
}
const wanted = (name: SetName) => flags.set === undefined || flags.set.includes(name);
const predictors: Record<ExtractorId, Predictor> = { ours, keyword };

const skipped = (id: string, title: string, missing = "../shared/data"): SetResult => ({
  id,
  title,
  skipped: `${missing} not found`,
  notes: [],
  figures: [],
  failures: { ours: noFailures(), keyword: noFailures() },
});

/** Sets 6–9: the shared uk-ru reports and our own uk/ru fixtures, each per language. */
async function ukru(): Promise<SetResult[]> {
  const file = join(SHARED, "uk-ru/reports.jsonl");
  const fixtures = join(ROOT, "tests/fixtures/real-shaped-ukru");
  const ours = [
    ...(await loadUkru(join(fixtures, "uk.jsonl"))),
    ...(await loadUkru(join(fixtures, "ru.jsonl"))),
  ];
  return [
    ...(existsSync(file)
      ? ukruSets(await loadUkru(file), predictors, "ukru", "uk-ru reports", 6)
      : [
          skipped("ukruUk", "6. uk-ru reports, Ukrainian", "../shared/data/uk-ru"),
          skipped("ukruRu", "7. uk-ru reports, Russian", "../shared/data/uk-ru"),
        ]),
    ...ukruSets(ours, predictors, "ukruFixtures", "our uk/ru fixtures", 8, ["measures as in 6 and 7."]),
  ];
}

async function scoreboard(): Promise<SetResult[]> {
  const shared = existsSync(SHARED);
  const realfeeds = join(SHARED, "realfeeds-dev");
  const withRealfeeds = shared && wanted("realfeeds");
  const loaded = withRealfeeds ? await loadItems(realfeeds) : [];
  // The two CLI runs first and together: the feed server lives in this process, so nothing synchronous
  // may hold the event loop while the CLI polls it.
  const [seeds, pipeline] = await Promise.all([
    wanted("seeds") ? seedsSet(ROOT, keyword) : null,
    withRealfeeds ? pipelineSet(ROOT, realfeeds, loaded, keyword) : null,
  ]);
  return [
    ...(wanted("corpus") ? [await corpusSet(join(ROOT, "tests/fixtures/eval"), predictors)] : []),
    ...(seeds ? [seeds] : []),
    ...(wanted("ucdp")
      ? [
          shared
            ? await ucdpSet(join(SHARED, "ucdp-ukraine-2014-2021.jsonl"), predictors)
            : skipped("ucdp", "3. UCDP GED Ukraine 2014-2021"),
        ]
      : []),
    ...(wanted("realfeeds")
      ? [
          shared ? itemsSet(loaded, predictors) : skipped("realfeedsItems", "4. realfeeds-dev items"),
          pipeline ?? skipped("realfeedsPipeline", "5. realfeeds-dev pipeline"),
        ]
      : []),
    ...(wanted("ukru") ? await ukru() : []),
  ];
}

function showCell(cell: Cell): string {
  if (cell === null) return "–";
  if (typeof cell === "number") return Number.isInteger(cell) ? String(cell) : cell.toFixed(2);
  if (cell.d === 0) return `– (0/0)`;
  return `${((100 * cell.n) / cell.d).toFixed(1)}% (${cell.n}/${cell.d})`;
}

function jsonCell(cell: Cell): unknown {
  if (cell === null || typeof cell === "number") return cell;
  return { value: cell.d === 0 ? null : cell.n / cell.d, n: cell.n, d: cell.d };
}

function table(sets: SetResult[]): string {
  const width = Math.max(...sets.flatMap((set) => set.figures.map((f) => f.label.length))) + 4;
  const column = 22;
  const lines = [`${"figure".padEnd(width)}${"ours".padEnd(column)}keyword`];
  for (const set of sets) {
    lines.push("", set.title);
    if (set.skipped) {
      lines.push(`  skipped: ${set.skipped}`);
      continue;
    }
    for (const f of set.figures)
      lines.push(`  ${f.label.padEnd(width - 2)}${showCell(f.ours).padEnd(column)}${showCell(f.keyword)}`);
    for (const note of set.notes) lines.push(`    · ${note}`);
  }
  return lines.join("\n");
}

function failures(sets: SetResult[]): string {
  const lines: string[] = [];
  for (const set of sets) {
    if (set.skipped) continue;
    for (const who of EXTRACTORS) {
      const f = set.failures[who];
      for (const [kind, list] of [
        ["misses", f.misses],
        ["false alerts", f.falseAlerts],
        ["wrong figures", f.wrong],
      ] as const) {
        if (list.length === 0) continue;
        lines.push("", `${set.title.split(" (")[0]} — ${who} — ${kind} (${list.length})`);
        const shown = flags.set ? list.length : SHOWN_FAILURES;
        for (const line of list.slice(0, shown)) lines.push(`  ${line}`);
        if (list.length > shown) lines.push(`  … ${list.length - shown} more`);
      }
    }
  }
  return lines.join("\n");
}

const started = performance.now();
const sets = await scoreboard();
const seconds = (performance.now() - started) / 1000;
if (flags.json) {
  const json = {
    seconds: Number(seconds.toFixed(1)),
    sets: Object.fromEntries(
      sets.map((set) => [
        set.id,
        {
          title: set.title,
          ...(set.skipped ? { skipped: set.skipped } : {}),
          figures: Object.fromEntries(
            set.figures.map((f) => [
              f.id,
              { label: f.label, ours: jsonCell(f.ours), keyword: jsonCell(f.keyword) },
            ]),
          ),
        },
      ]),
    ),
  };
  process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
} else {
  process.stdout.write(`${table(sets)}\n`);
  if (flags.verbose) process.stdout.write(`${failures(sets)}\n`);
  process.stdout.write(`\nscoreboard ${seconds.toFixed(1)} s\n`);
}
