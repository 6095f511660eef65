import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extract } from "../../functions/core/extract/index.js";

/** Words that steer the rules: places, numbers, casualty and strike words, punctuation. */
const WORDS = [
  "Kharkiv",
  "Kharkhiv",
  "Sumy",
  "region",
  "Oblast",
  "district",
  "Saltiv",
  "Kyiv's",
  "Belgorod",
  "village",
  "of",
  "killed",
  "dead",
  "wounded",
  "injured",
  "including",
  "children",
  "two",
  "three",
  "dozens",
  "hundreds",
  "at least",
  "36",
  "1,234",
  "aged",
  "11",
  "and",
  "15",
  "nine-story",
  "FAB-500",
  "missile",
  "drone",
  "hit",
  "struck",
  "a",
  "residential",
  "building",
  "toll",
  "rose",
  "to",
  "in",
  "on",
  "the",
  "people",
  "soldiers",
  "civilians",
  ",",
  ".",
  ";",
  "\n",
  "“",
  "”",
  "’s",
  "Earlier",
  "last week's",
  "could have",
  "between",
  "or",
];

describe("extract on arbitrary text", () => {
  it("never throws and returns well-formed events", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 120 }), fc.string(), (words, noise) => {
        const events = extract({ body: `${words.join(" ")} ${noise}` });
        for (const event of events) {
          expect(event.place.name.length).toBeGreaterThan(0);
          for (const count of [event.killed, event.injured, event.childrenKilled, event.childrenInjured]) {
            if (count) expect(Number.isInteger(count.min) && count.min >= 0).toBe(true);
          }
          expect(["civilian", "military", "mixed", "unknown"]).toContain(event.victims);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("reads a 1 MB report without pathological slowness (bounded by the test timeout)", () => {
    const paragraph =
      "A Russian missile hit a residential building in Kharkiv, killing three people, including two children, and wounding at least 36 others, the governor said.";
    const body = Array.from({ length: 6500 }, () => paragraph).join("\n");
    const events = extract({ body });
    expect(events.map((event) => event.place.name)).toEqual(["Kharkiv"]);
    expect(events[0]?.killed).toEqual({ min: 3, approximate: false });
  });
});
