/**
 * Extraction benchmarks: extract() throughput on one core over the seeds and the evaluation corpus,
 * and the gazetteer's first-use cost (its index is built on the first lookup) in a fresh process.
 */
import { findSourceMap } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { extract } from "../functions/core/extract/index.js";
import { loadArticles } from "./corpus.js";
import { median, OUT_DIR, ROOT, runNode } from "./stats.js";

/** extract() throughput; MB are 10^6 bytes of seed-format text. */
export interface ExtractResult {
  mbPerS: number;
  articlesPerS: number;
  articles: number;
  bytesPerPass: number;
  passes: number;
  seconds: number;
}

/** Runs extract() over the corpus: passes for `warmupS`, then whole passes until `minS` seconds have been measured. */
export async function benchExtract(minS = 2, warmupS = 0.5): Promise<ExtractResult> {
  const corpus = await loadArticles();
  const bytesPerPass = corpus.reduce((total, entry) => total + entry.bytes, 0);
  let events = 0;
  const pass = () => {
    for (const { article } of corpus) events += extract(article).length;
  };
  const warmupEnd = performance.now() + warmupS * 1000;
  while (performance.now() < warmupEnd) pass();
  let passes = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < minS * 1000) {
    pass();
    passes++;
    elapsed = performance.now() - started;
  }
  if (events === 0) throw new Error("extract() found no events in the corpus");
  const seconds = elapsed / 1000;
  return {
    mbPerS: (bytesPerPass * passes) / 1e6 / seconds,
    articlesPerS: (corpus.length * passes) / seconds,
    articles: corpus.length,
    bytesPerPass,
    passes,
    seconds,
  };
}

/** The gazetteer in a fresh process: import time of its bundle and time of the first lookup (medians). */
export interface GazetteerResult {
  firstCallMs: number;
  importMs: number;
  bundleKb: number;
}

/** Bundles gazetteer.ts with esbuild, then times `runs` fresh `node` processes. */
export async function benchGazetteerLoad(runs = 5): Promise<GazetteerResult> {
  const outfile = join(OUT_DIR, "gazetteer.mjs");
  const result = await build({
    entryPoints: [join(ROOT, "functions", "core", "extract", "gazetteer.ts")],
    bundle: true,
    platform: "node",
    target: "node22",
    format: "esm",
    minify: true,
    outfile,
    metafile: true,
    logLevel: "silent",
  });
  const bytes = Object.values(result.metafile.outputs).reduce((total, output) => total + output.bytes, 0);
  const script = `
    const t0 = performance.now();
    const { findPlaceMentions } = await import(${JSON.stringify(pathToFileURL(outfile).href)});
    const t1 = performance.now();
    const found = findPlaceMentions("Two people were killed when a drone hit an apartment building in Kharkiv.");
    const t2 = performance.now();
    if (found.length === 0) throw new Error("no place found");
    console.log(JSON.stringify({ importMs: t1 - t0, firstCallMs: t2 - t1 }));`;
  const samples: Array<{ importMs: number; firstCallMs: number }> = [];
  for (let run = 0; run < runs; run++) {
    const { stdout } = await runNode(["--input-type=module", "-e", script]);
    samples.push(JSON.parse(stdout) as { importMs: number; firstCallMs: number });
  }
  return {
    firstCallMs: median(samples.map((sample) => sample.firstCallMs)),
    importMs: median(samples.map((sample) => sample.importMs)),
    bundleKb: bytes / 1024,
  };
}

/** One function's share of extract()'s CPU time. */
export interface ProfileEntry {
  fn: string;
  where: string;
  selfPercent: number;
}

/** Samples extract() over the corpus with the V8 profiler for `seconds`; the functions with most self time. */
export async function profileExtract(seconds = 1, top = 8): Promise<ProfileEntry[]> {
  const { Session } = await import("node:inspector/promises");
  const corpus = await loadArticles();
  for (const { article } of corpus) extract(article);
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 100 });
    await session.post("Profiler.start");
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) for (const { article } of corpus) extract(article);
    const { profile } = await session.post("Profiler.stop");
    const hits = new Map<string, { fn: string; where: string; hits: number }>();
    let total = 0;
    for (const node of profile.nodes) {
      const count = node.hitCount ?? 0;
      total += count;
      const { functionName, url, lineNumber, columnNumber } = node.callFrame;
      // The profiler sees tsx's compiled code; its source map gives the line in the .ts file.
      const entry = url ? findSourceMap(url)?.findEntry(lineNumber, columnNumber) : undefined;
      const original = (entry as { originalLine?: number } | undefined)?.originalLine;
      const line = original === undefined ? "" : `:${original + 1}`;
      const where = url ? `${url.replace(/^.*\/functions\//, "functions/")}${line}` : "(native)";
      const key = `${functionName}@${where}`;
      const tally = hits.get(key) ?? { fn: functionName || "(anonymous)", where, hits: 0 };
      tally.hits += count;
      hits.set(key, tally);
    }
    return [...hits.values()]
      .sort((a, b) => b.hits - a.hits)
      .slice(0, top)
      .map(({ fn, where, hits: count }) => ({ fn, where, selfPercent: (100 * count) / total }));
  } finally {
    session.disconnect();
  }
}
