/**
 * The functions' metrics as CloudWatch receives them under Lambda's JSON log format. The Node.js
 * runtime then patches `console`: each console line becomes the `message` string of the runtime's
 * own JSON record, where CloudWatch does not look for Embedded Metric Format documents. Only a
 * line written to stdout as it is can be one. The test renders both paths the way the runtime
 * does and checks the result against the EMF specification.
 */
import { format } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { emitMetrics } from "../../functions/metrics.js";
import { METRICS, METRICS_NAMESPACE } from "../../functions/tables.js";

const UNITS = new Set([
  "Seconds",
  "Microseconds",
  "Milliseconds",
  "Bytes",
  "Kilobytes",
  "Megabytes",
  "Gigabytes",
  "Terabytes",
  "Bits",
  "Kilobits",
  "Megabits",
  "Gigabits",
  "Terabits",
  "Percent",
  "Count",
  "Bytes/Second",
  "Kilobytes/Second",
  "Megabytes/Second",
  "Gigabytes/Second",
  "Terabytes/Second",
  "Bits/Second",
  "Kilobits/Second",
  "Megabits/Second",
  "Gigabits/Second",
  "Terabits/Second",
  "Count/Second",
  "None",
]);

/**
 * What keeps a log line from being an EMF document CloudWatch extracts metrics from: it must be a
 * JSON object with `_aws` at top level, a millisecond Timestamp, and directives whose dimensions
 * name top-level strings and whose metrics name top-level numbers. Empty when it is valid.
 */
function emfProblems(line: string): string[] {
  let root: unknown;
  try {
    root = JSON.parse(line);
  } catch {
    return ["not JSON"];
  }
  if (typeof root !== "object" || root === null || Array.isArray(root)) return ["not a JSON object"];
  const record = root as Record<string, unknown>;
  const aws = record._aws as { Timestamp?: unknown; CloudWatchMetrics?: unknown } | undefined;
  if (typeof aws !== "object" || aws === null) return ["no _aws member at top level"];
  const problems: string[] = [];
  if (typeof aws.Timestamp !== "number" || !Number.isInteger(aws.Timestamp) || aws.Timestamp < 1e12)
    problems.push("_aws.Timestamp is not epoch milliseconds");
  if (!Array.isArray(aws.CloudWatchMetrics) || aws.CloudWatchMetrics.length === 0)
    return [...problems, "_aws.CloudWatchMetrics is not a non-empty array"];
  for (const [index, directive] of (aws.CloudWatchMetrics as Array<Record<string, unknown>>).entries()) {
    const at = `CloudWatchMetrics[${index}]`;
    if (typeof directive.Namespace !== "string" || directive.Namespace === "")
      problems.push(`${at}.Namespace missing`);
    const dimensionSets = directive.Dimensions;
    if (!Array.isArray(dimensionSets)) problems.push(`${at}.Dimensions is not an array`);
    else
      for (const set of dimensionSets) {
        if (!Array.isArray(set) || set.length > 30)
          problems.push(`${at}: a dimension set is not an array of ≤ 30`);
        else
          for (const name of set)
            if (typeof record[name] !== "string")
              problems.push(`${at}: dimension ${name} is no top-level string`);
      }
    const metrics = directive.Metrics;
    if (!Array.isArray(metrics) || metrics.length === 0 || metrics.length > 100)
      problems.push(`${at}.Metrics is not an array of 1–100`);
    else
      for (const metric of metrics as Array<{ Name?: unknown; Unit?: unknown }>) {
        const value = typeof metric.Name === "string" ? record[metric.Name] : undefined;
        const numeric =
          typeof value === "number" || (Array.isArray(value) && value.every((v) => typeof v === "number"));
        if (!numeric) problems.push(`${at}: metric ${String(metric.Name)} is no top-level number`);
        if (metric.Unit !== undefined && !UNITS.has(String(metric.Unit)))
          problems.push(`${at}: metric ${String(metric.Name)} has unit ${String(metric.Unit)}`);
      }
  }
  return problems;
}

/**
 * Patches `console` as the Lambda Node.js runtime does under LoggingFormat JSON, and collects what
 * reaches stdout (CloudWatch Logs receives stdout line by line).
 */
function lambdaJsonLogFormat(): { lines: () => string[] } {
  const chunks: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation(((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  }) as typeof process.stdout.write);
  const record =
    (level: string) =>
    (...args: unknown[]) => {
      process.stdout.write(
        `${JSON.stringify({
          timestamp: new Date().toISOString(),
          level,
          requestId: "0f5a3c6e-4d7b-4e8a-9a51-2d3c1b0e9f11",
          message: format(...args),
        })}\n`,
      );
    };
  vi.spyOn(console, "log").mockImplementation(record("INFO"));
  vi.spyOn(console, "info").mockImplementation(record("INFO"));
  vi.spyOn(console, "warn").mockImplementation(record("WARN"));
  vi.spyOn(console, "error").mockImplementation(record("ERROR"));
  return {
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter((line) => line !== ""),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("metrics under Lambda's JSON log format", () => {
  it("reach stdout as a valid EMF document at top level, namespaced, with the service dimension", () => {
    // Prepare
    const log = lambdaJsonLogFormat();

    // Act
    emitMetrics(
      "analyze",
      { [METRICS.alertsSent]: 2, [METRICS.alertsFailed]: 1, [METRICS.oldestPendingAlertSeconds]: 420 },
      undefined,
      { [METRICS.oldestPendingAlertSeconds]: "Seconds" },
    );
    const lines = log.lines();
    vi.restoreAllMocks();

    // Assess
    expect(lines).toHaveLength(1);
    expect(emfProblems(lines[0]!)).toEqual([]);
    const document = JSON.parse(lines[0]!);
    expect(document).toMatchObject({
      service: "analyze",
      AlertsSent: 2,
      AlertsFailed: 1,
      OldestPendingAlertSeconds: 420,
    });
    expect(document._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: METRICS_NAMESPACE,
        Dimensions: [["service"]],
        Metrics: [
          { Name: "AlertsSent", Unit: "Count" },
          { Name: "AlertsFailed", Unit: "Count" },
          { Name: "OldestPendingAlertSeconds", Unit: "Seconds" },
        ],
      },
    ]);
  });

  it("would be lost through console.log, which the runtime wraps in its own record", () => {
    // Prepare: the document the old emitter printed with console.log
    let document = "";
    emitMetrics("poll", { [METRICS.articlesStored]: 3 }, (line) => {
      document = line;
    });
    const log = lambdaJsonLogFormat();

    // Act
    console.log(document);
    const lines = log.lines();
    vi.restoreAllMocks();

    // Assess
    expect(emfProblems(document)).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(emfProblems(lines[0]!)).toEqual(["no _aws member at top level"]);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "INFO", message: document });
  });

  it("finds what is wrong with a document that is not EMF", () => {
    expect(
      emfProblems(
        JSON.stringify({
          _aws: {
            Timestamp: 5,
            CloudWatchMetrics: [
              { Namespace: "N", Dimensions: [["service"]], Metrics: [{ Name: "X", Unit: "Widgets" }] },
            ],
          },
          X: "3",
        }),
      ),
    ).toEqual([
      "_aws.Timestamp is not epoch milliseconds",
      "CloudWatchMetrics[0]: dimension service is no top-level string",
      "CloudWatchMetrics[0]: metric X is no top-level number",
      "CloudWatchMetrics[0]: metric X has unit Widgets",
    ]);
  });
});
