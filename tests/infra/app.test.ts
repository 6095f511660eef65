/**
 * infra/app.ts as `cdk synth` runs it (a fresh process, context from CDK_CONTEXT_JSON): the
 * configuration it reads, and a bad one failing synth with its message alone.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../infra/constructs/function.js";

const scratch = mkdtempSync(join(tmpdir(), "strikewatch-app-"));
/** A synth is a fresh Node process compiling the app with tsx: seconds alone, far more on a busy machine. */
const SYNTH_TIMEOUT = 90_000;

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs infra/app.ts with `context` (bundling off) into a fresh cloud assembly directory. */
function synth(context: Record<string, unknown>): Promise<{ code: number; stderr: string; outdir: string }> {
  const outdir = mkdtempSync(join(scratch, "out-"));
  const env = {
    ...process.env,
    CDK_OUTDIR: outdir,
    CDK_CONTEXT_JSON: JSON.stringify({ "aws:cdk:bundling-stacks": [], ...context }),
  };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "infra/app.ts"],
      { cwd: PROJECT_ROOT, env },
      (error, _stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stderr, outdir });
      },
    );
  });
}

function writeConfig(name: string, config: unknown): string {
  const path = join(scratch, name);
  writeFileSync(path, JSON.stringify(config));
  return path;
}

describe("infra/app.ts", () => {
  it(
    "synthesizes the shipped configuration, with both cdk-nag packs and no finding",
    async () => {
      // Act
      const { code, stderr, outdir } = await synth({});

      // Assess
      expect(stderr).not.toMatch(/AwsSolutions|Serverless-|Error/);
      expect(code).toBe(0);
      const template = readFileSync(join(outdir, "StrikeWatch.template.json"), "utf8");
      const shipped = JSON.parse(readFileSync(join(PROJECT_ROOT, "strikewatch.config.json"), "utf8"));
      expect(template).toContain(JSON.stringify(JSON.stringify(shipped.feeds)).slice(1, -1));
    },
    SYNTH_TIMEOUT,
  );

  it(
    "names the stack after the configuration, subscribes its ops emails and warns about plain http feeds",
    async () => {
      // Prepare
      const config = writeConfig("named.json", {
        name: "StrikeWatch-Staging",
        feeds: [{ url: "http://plain.example.org/rss" }],
        watchedRegions: ["Ukraine"],
        ops: { emails: ["ops@example.org"] },
      });

      // Act
      const { code, stderr, outdir } = await synth({ config });

      // Assess
      expect(code).toBe(0);
      const metadata = readFileSync(join(outdir, "StrikeWatch-Staging.metadata.json"), "utf8");
      expect(metadata).toContain("feeds[0].url: http://plain.example.org/rss is plain http");
      const template = readFileSync(join(outdir, "StrikeWatch-Staging.template.json"), "utf8");
      expect(template).toContain('"Endpoint": "ops@example.org"');
      expect(stderr).not.toMatch(/Error/);
    },
    SYNTH_TIMEOUT,
  );

  it(
    "refuses the retired -c opsEmail, saying where the address goes now",
    async () => {
      // Act
      const { code, stderr } = await synth({ opsEmail: "ops@example.org" });

      // Assess
      expect(code).toBe(1);
      expect(stderr).toContain('-c opsEmail is no longer read: list the address under "ops"');
      expect(stderr).not.toMatch(/^\s+at /m);
    },
    SYNTH_TIMEOUT,
  );

  it(
    "fails synth on an unknown region, naming it and the nearest known names",
    async () => {
      // Prepare
      const config = writeConfig("unknown-region.json", {
        feeds: [],
        watchedRegions: ["Ukraine", "Kharkov Oblst"],
      });

      // Act
      const { code, stderr, outdir } = await synth({ config });

      // Assess
      expect(code).toBe(1);
      expect(stderr).toContain('watchedRegions[1]: unknown region "Kharkov Oblst"');
      expect(stderr).toContain("did you mean Kharkiv Oblast");
      expect(stderr).not.toMatch(/^\s+at /m);
      expect(existsSync(join(outdir, "StrikeWatch.template.json"))).toBe(false);
    },
    SYNTH_TIMEOUT,
  );

  it(
    "fails synth on an invalid configuration, naming the field",
    async () => {
      // Prepare
      const config = writeConfig("invalid.json", {
        feeds: [{ url: "ftp://example.org/feed" }],
        watchedRegions: ["Ukraine"],
        subscriptions: [{ sms: "0501234567", regions: ["Ukraine"] }],
      });

      // Act
      const { code, stderr } = await synth({ config });

      // Assess
      expect(code).toBe(1);
      expect(stderr).toContain("invalid configuration");
      expect(stderr).toContain("feeds[0].url");
      expect(stderr).toContain("subscriptions[0]");
    },
    SYNTH_TIMEOUT,
  );

  it(
    "fails synth on a configuration file that does not exist",
    async () => {
      // Act
      const { code, stderr } = await synth({ config: join(scratch, "missing.json") });

      // Assess
      expect(code).toBe(1);
      expect(stderr).toContain("missing.json");
    },
    SYNTH_TIMEOUT,
  );
});
