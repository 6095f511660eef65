/**
 * `npm run bench`: runs every benchmark in one process (children where a fresh process is the point),
 * prints the figures against their goals and the cost breakdown, and writes bench/results.json.
 * Everything is served from 127.0.0.1; every server and child is closed before exit.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { join } from "node:path";
import { benchBundles, type HandlerName } from "./bundles.js";
import { type CostInputs, estimateMonthlyCost, formatEstimate } from "./cost.js";
import { benchExtract, benchGazetteerLoad, profileExtract } from "./extract.js";
import { FeedFarm } from "./farm.js";
import { benchFeedToAlert } from "./live.js";
import { benchParse } from "./parse.js";
import { comparePolling } from "./poll.js";
import { OUT_DIR, ROOT, round } from "./stats.js";
import { measureLambdaUsage } from "./usage.js";

// The pinned SDK's notice about future Node versions is for people upgrading it (see README).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  process.stdout.write(`${name} … `);
  const result = await run();
  process.stdout.write(`${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

const benchStarted = performance.now();
await mkdir(OUT_DIR, { recursive: true });
const extract = await step("extract throughput", () => benchExtract());
const profile = await step("extract profile", () => profileExtract());
const gazetteer = await step("gazetteer first use (5 fresh processes)", () => benchGazetteerLoad());
const parse = await step("feed parsing: rss-parser vs feedsmith", () => benchParse());
const farm = new FeedFarm(500, 20);
await farm.start();
let polling: Awaited<ReturnType<typeof comparePolling>>;
let usage: Awaited<ReturnType<typeof measureLambdaUsage>>;
try {
  polling = await step("polling farm: 500 feeds × 3 rounds, StrikeWatch then naive", () =>
    comparePolling(farm),
  );
  usage = await step("Lambda usage: 100 feeds polled one at a time, corpus analyzed", () =>
    measureLambdaUsage(farm),
  );
} finally {
  await farm.close();
}
const live = await step("feed to alert: 24 items, one every 1.5 s", () => benchFeedToAlert());
const bundles = await step("Lambda bundles as deployed (AWS SDK inside), cold imports (7 runs each)", () =>
  benchBundles(7, "bundled"),
);
const runtimeSdk = await step("Lambda bundles with the runtime's AWS SDK, for comparison", () =>
  benchBundles(7, "external"),
);

const byName = <T>(pick: (bundle: (typeof bundles.bundles)[number]) => T) =>
  Object.fromEntries(bundles.bundles.map((bundle) => [bundle.name, pick(bundle)])) as Record<HandlerName, T>;
const costInputs: CostInputs = {
  rate304: polling.rate304,
  poll304: usage.poll304,
  poll200: usage.poll200,
  pollCpuMs: usage.pollCpuMs,
  articleWru: usage.articleWru,
  knownArticleWru: usage.knownArticleWru,
  feedStateWru: usage.feedStateWru,
  analyze: usage.analyze,
  deliver: usage.deliver,
  dispatch: { msPerFeed: usage.dispatch.ms / usage.dispatch.feeds, rruPerFeed: usage.dispatch.rruPerFeed },
  initMs: byName((bundle) => Math.max(0, bundle.importMs - bundles.bareMs)),
  logBytes: usage.logBytes,
};
const cost10 = estimateMonthlyCost(10, costInputs);
const cost100 = estimateMonthlyCost(100, costInputs);
const cost1000 = estimateMonthlyCost(1000, costInputs);
const slowFeeds = estimateMonthlyCost(100, { ...costInputs, extraFetchMs: 250 });
const noConditional = estimateMonthlyCost(100, { ...costInputs, rate304: 0 });

const bytesAfterFirst = (rounds: typeof polling.naive) =>
  rounds.slice(1).reduce((total, value) => total + value.bytes, 0);
const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "unknown", node: process.version },
  extract_mb_per_s: round(extract.mbPerS),
  extract_articles_per_s: round(extract.articlesPerS, 1),
  extract_corpus: { articles: extract.articles, bytes: extract.bytesPerPass, passes: extract.passes },
  extract_profile_top: profile.map((entry) => ({ ...entry, selfPercent: round(entry.selfPercent, 1) })),
  gazetteer_load_ms: round(gazetteer.firstCallMs, 2),
  gazetteer_import_ms: round(gazetteer.importMs, 2),
  parse_ratio_vs_feedsmith: round(parse.ratio),
  parse_ratio_vs_feedsmith_fixtures: round(parse.ratioFixtures),
  parse_ratio_vs_feedsmith_1mb: round(parse.ratio1mb),
  parse_ratio_strikewatch_vs_feedsmith: round(parse.strikewatchRatio),
  parse_ms_per_pass: {
    rss_parser: round(parse.msPerPass.rssParser, 2),
    feedsmith: round(parse.msPerPass.feedsmith, 2),
    strikewatch: round(parse.msPerPass.strikewatch, 2),
  },
  parse_inputs: parse.inputs,
  poll_wall_ratio_vs_naive: round(polling.wallRatio),
  poll_bytes_ratio_vs_naive: round(polling.bytesRatio),
  poll_bytes_ratio_after_first_round: round(
    bytesAfterFirst(polling.strikewatch) / bytesAfterFirst(polling.naive),
  ),
  farm_304_rate: round(polling.rate304),
  poll_rounds: {
    strikewatch: polling.strikewatch.map((r) => ({ ...r, wallMs: round(r.wallMs, 1) })),
    naive: polling.naive.map((r) => ({ ...r, wallMs: round(r.wallMs, 1) })),
  },
  feed_to_alert_p50_s: round(live.p50S),
  feed_to_alert_p95_s: round(live.p95S),
  feed_to_alert_samples: live.latenciesS.map((value) => round(value)),
  feed_to_alert_missed: live.missed,
  bundle_kb: byName((bundle) => round(bundle.kb, 1)),
  bundle_largest_inputs_kb: byName((bundle) =>
    Object.fromEntries(bundle.largest.map((input) => [input.path, round(input.kb, 1)])),
  ),
  cold_import_ratio: { ...byName((bundle) => round(bundle.ratio, 2)), max: round(bundles.maxRatio, 2) },
  cold_import_ms: { ...byName((bundle) => round(bundle.importMs, 1)), bare_node: round(bundles.bareMs, 1) },
  cold_import_ms_range: byName((bundle) => bundle.importRangeMs.map((ms) => round(ms, 1))),
  aws_sdk_import_ms: Object.fromEntries(
    runtimeSdk.bundles.map((bundle) => [bundle.name, round(bundle.externalsMs, 1)]),
  ),
  bundle_kb_runtime_sdk: Object.fromEntries(
    runtimeSdk.bundles.map((bundle) => [bundle.name, round(bundle.kb, 1)]),
  ),
  cold_import_ratio_runtime_sdk: Object.fromEntries(
    runtimeSdk.bundles.map((bundle) => [bundle.name, round(bundle.ratio, 2)]),
  ),
  lambda_usage: usage,
  cost_usd_month_10_feeds: round(cost10.usageUsd, 2),
  cost_usd_month_100_feeds: round(cost100.usageUsd, 2),
  cost_usd_month_1000_feeds: round(cost1000.usageUsd, 2),
  cost_fixed_usd_month: round(cost100.fixedUsd, 2),
  cost_total_usd_month_100_feeds: round(cost100.usageUsd + cost100.fixedUsd, 2),
  cost_usd_month_100_feeds_at_250ms_fetch: round(slowFeeds.usageUsd, 2),
  cost_usd_month_100_feeds_without_304: round(noConditional.usageUsd, 2),
  cost_by_service_usd_month: Object.fromEntries(
    [
      [10, cost10],
      [100, cost100],
      [1000, cost1000],
    ].map(([feeds, cost]) => {
      const byService: Record<string, number> = {};
      for (const line of (cost as typeof cost100).lines) {
        byService[line.service] = (byService[line.service] ?? 0) + line.usd;
      }
      return [
        `${feeds}_feeds`,
        Object.fromEntries(Object.entries(byService).map(([key, usd]) => [key, round(usd, 2)])),
      ];
    }),
  ),
  cost_breakdown_100_feeds: cost100.lines.map((line) => ({
    ...line,
    quantity: round(line.quantity, 2),
    usd: round(line.usd, 4),
  })),
  bench_seconds: 0,
};
results.bench_seconds = round((performance.now() - benchStarted) / 1000, 1);
await writeFile(join(ROOT, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);

const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
const rows: Array<[string, string, string, string]> = [
  [
    "extract throughput",
    `${extract.mbPerS.toFixed(2)} MB/s, ${extract.articlesPerS.toFixed(0)} articles/s`,
    "≥ 20 MB/s",
    verdict(extract.mbPerS >= 20),
  ],
  [
    "gazetteer first lookup (fresh process)",
    `${gazetteer.firstCallMs.toFixed(1)} ms (+${gazetteer.importMs.toFixed(1)} ms import)`,
    "",
    "",
  ],
  [
    "rss-parser / feedsmith parse time",
    `${parse.ratio.toFixed(2)} (fixtures ${parse.ratioFixtures.toFixed(2)}, 1 MB ${parse.ratio1mb.toFixed(2)})`,
    "",
    "",
  ],
  [
    "poll wall time, StrikeWatch / naive",
    polling.wallRatio.toFixed(3),
    "≤ 0.2",
    verdict(polling.wallRatio <= 0.2),
  ],
  [
    "poll bytes, StrikeWatch / naive",
    `${polling.bytesRatio.toFixed(3)} (after round 1: ${results.poll_bytes_ratio_after_first_round})`,
    "≤ 0.1",
    verdict(polling.bytesRatio <= 0.1),
  ],
  ["farm 304 rate (rounds 2–3)", polling.rate304.toFixed(3), "", ""],
  [
    "feed to alert p50 / p95",
    `${live.p50S.toFixed(2)} s / ${live.p95S.toFixed(2)} s (${live.latenciesS.length} items)`,
    "p95 ≤ 2 s",
    verdict(live.p95S <= 2 && live.missed.length === 0),
  ],
  ...bundles.bundles.map((bundle): [string, string, string, string] => [
    `bundle ${bundle.name}`,
    `${bundle.kb.toFixed(1)} KB, cold import ${bundle.importMs.toFixed(0)} ms = ${bundle.ratio.toFixed(2)}× bare node (runtime SDK: ${runtimeSdk.bundles.find((other) => other.name === bundle.name)?.kb.toFixed(0)} KB, ${runtimeSdk.bundles.find((other) => other.name === bundle.name)?.ratio.toFixed(2)}×)`,
    "≤ 300 KB, ≤ 3×",
    verdict(bundle.kb <= 300 && bundle.ratio <= 3),
  ]),
  [
    "cost, 10 / 100 / 1000 feeds (usage)",
    `$${cost10.usageUsd.toFixed(2)} / $${cost100.usageUsd.toFixed(2)} / $${cost1000.usageUsd.toFixed(2)} a month`,
    "≤ $1 at 100",
    verdict(cost100.usageUsd <= 1),
  ],
  [
    "cost, 100 feeds with fixed charges",
    `$${(cost100.usageUsd + cost100.fixedUsd).toFixed(2)} a month`,
    "≤ $1",
    verdict(cost100.usageUsd + cost100.fixedUsd <= 1),
  ],
];
const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
console.log(
  `\nStrikeWatch benchmarks (${cpus().length} cores, Node ${process.version}, ${results.bench_seconds} s)\n`,
);
for (const [name, value, goal, ok] of rows) {
  console.log(
    `${name.padEnd(widths[0] ?? 0)}  ${value.padEnd(widths[1] ?? 0)}  ${goal.padEnd(widths[2] ?? 0)}  ${ok}`,
  );
}
for (const bundle of bundles.bundles.filter((candidate) => candidate.kb > 300)) {
  const inputs = bundle.largest.map((input) => `${input.path} ${input.kb.toFixed(0)} KB`).join(", ");
  console.log(`\nLargest inputs of the ${bundle.name} bundle (esbuild metafile): ${inputs}`);
}
const hot = profile
  .slice(0, 5)
  .map((entry) => `${entry.fn} (${entry.where}) ${entry.selfPercent.toFixed(0)}%`);
console.log(`extract() self time: ${hot.join(", ")}`);
console.log(`\n${formatEstimate(cost100)}`);
console.log(
  `\nUsage totals: 10 feeds $${cost10.usageUsd.toFixed(2)}, 1000 feeds $${cost1000.usageUsd.toFixed(2)}; ` +
    `100 feeds with 250 ms more per fetch $${slowFeeds.usageUsd.toFixed(2)}, with no 304s $${noConditional.usageUsd.toFixed(2)}.`,
);
console.log("\nWrote bench/results.json");
