import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSeedText } from "../../functions/core/article.js";
import { extract, type StrikeEvent } from "../../functions/core/extract/index.js";

const SEEDS = join(import.meta.dirname, "../../seeds");

function eventsOf(name: string): StrikeEvent[] {
  const seed = parseSeedText(readFileSync(join(SEEDS, name), "utf8"));
  return extract({
    title: seed.title,
    body: seed.body,
    publishedAt: seed.date && `${seed.date}T00:00:00.000Z`,
  });
}

const where = (event: StrikeEvent) => `${event.place.name} / ${event.place.admin1} / ${event.place.country}`;

/** DESIGN.md, "Acceptance on the seeds": exactly these events. */
describe("extract on the seeds", () => {
  it("000: Kharkiv's Saltivskyi district, FAB-500 guided bomb on an apartment building, 3 killed incl. 2 children, ≥36 injured, civilian", () => {
    const events = eventsOf("000_c1778478273d7973.txt");
    expect(events.map(where)).toEqual(["Saltivskyi district / Kharkiv Oblast / UA"]);
    const [event] = events;
    expect(event!.place).toMatchObject({ precision: "district", city: "Kharkiv" });
    expect(event!.killed).toEqual({ min: 3, approximate: false });
    expect(event!.childrenKilled).toEqual({ min: 2, approximate: false });
    expect(event!.injured).toEqual({ min: 36, approximate: false });
    expect(event!.weapons).toEqual(expect.arrayContaining(["FAB-500", "guided aerial bomb"]));
    expect(event!.targets).toContain("residential building");
    expect(event!.victims).toBe("civilian");
    expect(event!.evidence.join(" ")).toContain("left three dead, including two boys aged 11 and 15");
  });

  it("001: Poltava 3 killed / 10 injured incl. children, Kharkiv 1 killed by a drone, Sumy 2 killed; no Kursk event", () => {
    const events = eventsOf("001_d1335562950f1f2a.txt");
    expect(events.map(where)).toEqual([
      "Poltava / Poltava Oblast / UA",
      "Kharkiv / Kharkiv Oblast / UA",
      "Sumy / Sumy Oblast / UA",
    ]);
    const [poltava, kharkiv, sumy] = events;
    expect([poltava!.killed?.min, poltava!.injured?.min, poltava!.childrenInjured?.min]).toEqual([3, 10, 1]);
    expect(poltava!.targets).toContain("residential building");
    expect([kharkiv!.killed?.min, kharkiv!.injured]).toEqual([1, null]);
    expect(kharkiv!.weapons).toContain("drone");
    expect([sumy!.killed?.min, sumy!.injured]).toEqual([2, null]);
    expect(events.every((event) => event.victims === "civilian")).toBe(true);
  });

  it("002: the same three strikes, dated 2025-02-02; the six wounded across six cities go to none", () => {
    const events = eventsOf("002_16b2b9d5e41fa0f4.txt");
    expect(
      events.map((event) => [event.place.name, event.killed?.min, event.injured?.min ?? null, event.date]),
    ).toEqual([
      ["Poltava", 3, 10, "2025-02-02"],
      ["Kharkiv", 1, null, "2025-02-02"],
      ["Sumy Oblast", 2, null, "2025-02-02"],
    ]);
    expect(events.every((event) => event.victims === "civilian")).toBe(true);
  });

  it("003: Kharkiv ≥22 injured with residential buildings and a kindergarten hit; Belgorod ≥22 killed, dozens injured, civilian; no Kyiv event", () => {
    const events = eventsOf("003_e96bcc39b64da713.txt");
    expect(events.map(where).sort()).toEqual([
      "Belgorod / Belgorod Oblast / RU",
      "Kharkiv / Kharkiv Oblast / UA",
    ]);
    const kharkiv = events.find((event) => event.place.name === "Kharkiv")!;
    expect(kharkiv.injured).toEqual({ min: 22, approximate: false });
    expect(kharkiv.killed).toBeNull();
    expect(kharkiv.targets).toEqual(expect.arrayContaining(["residential building", "kindergarten"]));
    expect(["civilian", "mixed"]).toContain(kharkiv.victims);
    const belgorod = events.find((event) => event.place.name === "Belgorod")!;
    expect(belgorod.killed).toEqual({ min: 22, approximate: false });
    expect(belgorod.injured).toEqual({ min: 24, approximate: true });
    expect(belgorod.victims).toBe("civilian");
  });

  it("004: Kharkiv, hundreds dead and wounded among Ukrainian forces, claimed via RIA Novosti: military", () => {
    const events = eventsOf("004_208bb5c925342d33.txt");
    expect(events.map(where)).toEqual(["Kharkiv / Kharkiv Oblast / UA"]);
    expect(events[0]!.victims).toBe("military");
    expect(events[0]!.attributedTo).toBe("RIA Novosti");
    expect(events[0]!.casualties).toEqual({ min: 200, approximate: true });
  });
});
