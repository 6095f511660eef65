import { describe, expect, it } from "vitest";
import { extract } from "../../functions/core/extract/index.js";
import type { StrikeEvent } from "../../functions/core/extract/types.js";
import {
  findIncident,
  mergeEvent,
  mismatch,
  newIncident,
  samePlace,
  similarity,
  worthUpdate,
} from "../../functions/core/incidents.js";
import { seedArticle } from "../helpers/seeds.js";

const NOW = "2026-11-22T04:00:00.000Z";
const events = (seed: string) => extract(seedArticle(seed));
const incident = (seed: string, index: number) => newIncident(events(seed)[index]!, seedArticle(seed), NOW);
const at = (seed: string, place: string) => events(seed).find((event) => event.place.name === place)!;

describe("mismatch", () => {
  it("matches the same strike from two outlets (001 and 002), one undated", () => {
    expect(mismatch(incident("001", 0), at("002", "Poltava"), "2025-02-02", true)).toBeNull();
    expect(mismatch(incident("001", 1), at("002", "Kharkiv"), "2025-02-02", true)).toBeNull();
    expect(mismatch(incident("001", 2), at("002", "Sumy Oblast"), "2025-02-02", true)).toBeNull();
  });

  it("keeps the three Kharkiv incidents of 000, 001 and 003 apart", () => {
    // None of the three states a date: only an equal toll or a near-duplicate text could join them.
    const day = "2026-11-22";
    expect(mismatch(incident("000", 0), at("001", "Kharkiv"), day, false)).not.toBeNull();
    expect(mismatch(incident("001", 1), at("003", "Kharkiv"), day, false)).not.toBeNull();
    expect(mismatch(incident("000", 0), at("003", "Kharkiv"), day, false)).not.toBeNull();
  });

  it("needs the dates to agree within a day when both are known", () => {
    const poltava = { ...incident("002", 0) };
    const event: StrikeEvent = { ...at("002", "Poltava") };
    expect(mismatch(poltava, event, "2025-02-03", true)).toBeNull();
    expect(mismatch(poltava, event, "2025-02-05", true)).toBe("dates too far apart");
  });

  it("refuses a dated report later than an undated one was fetched", () => {
    const undated = incident("001", 0);
    expect(mismatch(undated, at("002", "Poltava"), "2026-12-30", true)).toBe(
      "dated after the undated report",
    );
  });

  it("joins reports of one place within the window whatever their tolls: a rising toll is an update", () => {
    const base = incident("002", 0);
    const later: StrikeEvent = {
      ...at("002", "Poltava"),
      killed: { min: 11, approximate: false },
      injured: { min: 30, approximate: false },
      evidence: ["The toll in Poltava has risen to 11, rescuers said on Monday."],
    };
    expect(mismatch(base, later, "2025-02-03", true)).toBeNull();
  });

  it("keeps a report apart when weapons and targets both contradict", () => {
    const base = { ...incident("002", 0), weapons: ["drone"], targets: ["residential building"] };
    const other: StrikeEvent = { ...at("002", "Poltava"), weapons: ["artillery"], targets: ["school"] };
    expect(mismatch(base, other, "2025-02-02", true)).toBe("different weapons and targets");
    // One contradiction alone is not evidence of another strike: reports name weapons loosely.
    expect(mismatch(base, { ...other, targets: ["residential building"] }, "2025-02-02", true)).toBeNull();
  });

  it("keeps two strikes apart when both reports state different days", () => {
    const base = { ...incident("002", 0), date: "2025-02-01", dateStated: true };
    const next: StrikeEvent = { ...at("002", "Poltava"), date: "2025-02-02", dateStated: true };
    expect(mismatch(base, next, "2025-02-02", true)).toBe("different days");
    // A report dated only by its publication comes up to two days after the stated strike.
    const report: StrikeEvent = { ...next, date: "2025-02-03", dateStated: false };
    expect(mismatch(base, report, "2025-02-03", true)).toBeNull();
    expect(mismatch(base, { ...report, date: "2025-02-05" }, "2025-02-05", true)).toBe("dates too far apart");
  });

  it("never joins a region's daily toll and a strike", () => {
    const strike = incident("002", 0);
    const daily: StrikeEvent = {
      ...at("002", "Poltava"),
      kind: "daily",
      place: { ...strike.place, name: "Poltava Oblast", precision: "admin1" },
    };
    expect(mismatch(strike, daily, "2025-02-02", true)).toBe("a daily toll and a strike");
  });
});

describe("samePlace", () => {
  it("a district lies in its city, a city in its oblast; two districts do not match", () => {
    const saltivskyi = at("000", "Saltivskyi district").place;
    const kharkiv = at("001", "Kharkiv").place;
    expect(samePlace(saltivskyi, kharkiv)).toBe(true);
    expect(samePlace(kharkiv, { ...kharkiv, name: "Kharkiv Oblast", precision: "admin1" })).toBe(true);
    expect(samePlace(saltivskyi, { ...saltivskyi, name: "Osnovianskyi district" })).toBe(false);
    expect(samePlace(kharkiv, at("001", "Sumy").place)).toBe(false);
  });
});

describe("mergeEvent", () => {
  it("ignores an article already folded in", () => {
    const first = incident("001", 0);
    const again = mergeEvent(first, events("001")[0]!, seedArticle("001"), NOW);
    expect(again.changed).toBe(false);
    expect(again.incident).toBe(first);
  });

  it("keeps the more precise place and the higher toll", () => {
    const sumyCity = incident("001", 2);
    const merged = mergeEvent(sumyCity, at("002", "Sumy Oblast"), seedArticle("002"), NOW);
    expect(merged.incident.place.name).toBe("Sumy");
    expect(merged.tollRose).toBe(false);
    expect(merged.incident.sources).toHaveLength(2);
  });
});

describe("findIncident and similarity", () => {
  it("picks a matching candidate and ignores others", () => {
    const candidates = [incident("000", 0), incident("001", 1), incident("003", 1)];
    expect(findIncident(candidates, at("002", "Kharkiv"), "2025-02-02", true)?.id).toBe(candidates[1]!.id);
  });

  it("scores near-duplicates high and unrelated text low", () => {
    const a = "Three people were killed and 10 wounded when a residential building in Poltava was hit.";
    expect(similarity(a, a)).toBe(1);
    expect(
      similarity(
        a,
        "Three people were killed and ten wounded when a residential building in Poltava was hit overnight.",
      ),
    ).toBeGreaterThan(0.5);
    expect(similarity(a, "A drone strike killed one person in Kharkiv.")).toBeLessThan(0.1);
  });
});

describe("worthUpdate", () => {
  const withToll = (killed: number, injured: number, alerted: { killed: number; injured: number }) => ({
    ...incident("002", 0),
    killed: { min: killed, approximate: false },
    injured: { min: injured, approximate: false },
    alertedToll: alerted,
  });

  it("sends the first death, and a rise of killed by at least 2 and 25 % since the last alert", () => {
    expect(worthUpdate(withToll(1, 5, { killed: 0, injured: 5 }))).toBe(true);
    expect(worthUpdate(withToll(3, 10, { killed: 2, injured: 10 }))).toBe(false);
    expect(worthUpdate(withToll(4, 10, { killed: 2, injured: 10 }))).toBe(true);
    // 20 → 24 is 4 more but only 20 %: not yet.
    expect(worthUpdate(withToll(24, 10, { killed: 20, injured: 10 }))).toBe(false);
    expect(worthUpdate(withToll(25, 10, { killed: 20, injured: 10 }))).toBe(true);
  });

  it("needs a bigger rise for injured alone, and always sends a crossed subscriber threshold", () => {
    expect(worthUpdate(withToll(3, 18, { killed: 3, injured: 10 }))).toBe(false);
    expect(worthUpdate(withToll(3, 20, { killed: 3, injured: 10 }))).toBe(true);
    expect(worthUpdate(withToll(5, 10, { killed: 4, injured: 10 }), { killed: [5], injured: [] })).toBe(true);
    expect(worthUpdate(withToll(5, 10, { killed: 4, injured: 10 }))).toBe(false);
  });
});
