import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate, loadCorpus } from "../../functions/local/evaluate.js";

/** The targets on the evaluation corpus; a regression in the extractor fails here, with the diffs. */
describe("extraction on the evaluation corpus", () => {
  it("reaches strike F1 ≥ 0.97, admin1 ≥ 0.97, killed and injured exact ≥ 0.95", async () => {
    const report = evaluate(await loadCorpus(join(import.meta.dirname, "../fixtures/eval")));
    const failures = report.failures
      .map((failure) => `${failure.name}: ${failure.diffs.join("; ")}`)
      .join("\n");
    expect(report.reports, "corpus size").toBeGreaterThanOrEqual(80);
    expect(report.detection.f1, failures).toBeGreaterThanOrEqual(0.97);
    expect(report.admin1Accuracy, failures).toBeGreaterThanOrEqual(0.97);
    expect(report.killedExact, failures).toBeGreaterThanOrEqual(0.95);
    expect(report.injuredExact, failures).toBeGreaterThanOrEqual(0.95);
  });
});
