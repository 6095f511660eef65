/**
 * Lambda bundle benchmark: builds each handler as infra/ bundles it for Lambda (esbuild, minified
 * ESM, the AWS SDK inside) into bench/out/, and also with the SDK left to the runtime for
 * comparison; reports sizes and largest inputs, and times importing each in a fresh `node`
 * process against a bare `node -e 0`.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Metafile } from "esbuild";
import { median, OUT_DIR, ROOT, runNode } from "./stats.js";

/** The Lambda handlers, by function name. */
const HANDLERS = ["dispatch", "poll", "analyze"] as const;
/** A handler's name. */
export type HandlerName = (typeof HANDLERS)[number];

/** Dummy values for every variable a handler requires at cold start. */
const HANDLER_ENV: Record<string, string> = {
  AWS_REGION: "us-east-1",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  ARTICLES_TABLE: "bench-articles",
  FEEDS_TABLE: "bench-feeds",
  INCIDENTS_TABLE: "bench-incidents",
  OUTBOX_TABLE: "bench-outbox",
  ALERTS_TOPIC_ARN: "arn:aws:sns:us-east-1:123456789012:bench-alerts",
  FEED_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/123456789012/bench-feeds",
  STRIKEWATCH_WATCHED_REGIONS: '["Ukraine"]',
  STRIKEWATCH_UPDATE_THRESHOLDS: '{"killed":[],"injured":[]}',
  STRIKEWATCH_ALERT_MAX_AGE_HOURS: "48",
  SUBSCRIBERS_TABLE: "bench-subscribers",
  STRIKEWATCH_SUBSCRIBER_PARAMETER_PREFIX: "/strikewatch/bench/subscribers/",
};

/** One input of a bundle and the bytes it contributes. */
export interface BundleInput {
  path: string;
  kb: number;
}

/**
 * A built handler: its size, its largest inputs (grouped by package), its cold import, and the cold
 * import of its external AWS SDK packages alone (Lambda's runtime provides those, the process still loads them).
 */
export interface BundleResult {
  name: HandlerName;
  kb: number;
  largest: BundleInput[];
  externals: string[];
  importMs: number;
  /** Fastest and slowest of the runs: the machine is shared, so the spread is part of the figure. */
  importRangeMs: [number, number];
  ratio: number;
  externalsMs: number;
}

/** The bundles and the bare-node baseline they are compared with. */
export interface BundlesResult {
  bundles: BundleResult[];
  bareMs: number;
  maxRatio: number;
}

/** Groups a metafile's inputs by npm package (or by source file outside node_modules), largest first. */
function largestInputs(metafile: Metafile, top = 6): BundleInput[] {
  const sizes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
      const key = match?.[1] ?? path;
      sizes.set(key, (sizes.get(key) ?? 0) + input.bytesInOutput);
    }
  }
  return [...sizes.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([path, bytes]) => ({ path, kb: bytes / 1024 }));
}

/** Builds the three handlers, then times `runs` cold imports of each, interleaved with bare runs. */
export async function benchBundles(
  runs = 7,
  sdk: "bundled" | "external" = "bundled",
): Promise<BundlesResult> {
  const built: Array<{
    name: HandlerName;
    file: string;
    kb: number;
    largest: BundleInput[];
    externals: string[];
  }> = [];
  for (const name of HANDLERS) {
    const file = join(OUT_DIR, `lambda-sdk-${sdk}`, name, "index.mjs");
    const result = await build({
      entryPoints: [join(ROOT, "functions", "handlers", `${name}.ts`)],
      outfile: file,
      bundle: true,
      platform: "node",
      target: "node22",
      format: "esm",
      minify: true,
      sourcemap: false,
      external: sdk === "external" ? ["@aws-sdk/*"] : [],
      mainFields: ["module", "main"],
      banner: {
        js: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
      },
      metafile: true,
      logLevel: "silent",
    });
    const bytes = Object.values(result.metafile.outputs).reduce((total, output) => total + output.bytes, 0);
    const externals = new Set<string>();
    for (const output of Object.values(result.metafile.outputs)) {
      for (const imported of output.imports) {
        if (imported.external && imported.path.startsWith("@aws-sdk/")) externals.add(imported.path);
      }
    }
    built.push({
      name,
      file,
      kb: bytes / 1024,
      largest: largestInputs(result.metafile),
      externals: [...externals],
    });
  }
  const env = { ...process.env, ...HANDLER_ENV };
  const times = new Map<string, number[]>();
  const time = async (key: string, args: string[]) => {
    const samples = times.get(key) ?? [];
    samples.push((await runNode(args, env)).ms);
    times.set(key, samples);
  };
  for (let run = 0; run < runs; run++) {
    await time("bare", ["-e", "0"]);
    for (const bundle of built) {
      const script = `await import(${JSON.stringify(pathToFileURL(bundle.file).href)});`;
      await time(bundle.name, ["--input-type=module", "-e", script]);
      // The SDK alone: what the bundle's import costs that the bundle itself does not contain.
      const sdk = bundle.externals.map((path) => `await import(${JSON.stringify(path)});`).join("");
      await time(`${bundle.name}:externals`, ["--input-type=module", "-e", sdk]);
    }
  }
  const bareMs = median(times.get("bare") ?? []);
  const bundles = built.map(({ name, kb, largest, externals }) => {
    const samples = times.get(name) ?? [];
    const importMs = median(samples);
    const importRangeMs: [number, number] = [Math.min(...samples), Math.max(...samples)];
    const externalsMs = median(times.get(`${name}:externals`) ?? []);
    return { name, kb, largest, externals, importMs, importRangeMs, ratio: importMs / bareMs, externalsMs };
  });
  return { bundles, bareMs, maxRatio: Math.max(...bundles.map((bundle) => bundle.ratio)) };
}
