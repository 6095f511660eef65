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
    const day = "2026-11-22";
    expect(mismatch(incident("000", 0), at("001", "Kharkiv"), day, false)).toBe("different weapons");
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

  it("needs a positive sign of sameness: two strikes on one city the same day with different tolls stay apart", () => {
    const base = incident("002", 0);
    const other: StrikeEvent = {
      ...at("002", "Poltava"),
      killed: { min: 1, approximate: false },
      injured: null,
      evidence: ["Another attack hit a school."],
      targets: ["school"],
    };
    expect(mismatch(base, other, "2025-02-02", true)).toBe("nothing shows it is the same strike");
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
