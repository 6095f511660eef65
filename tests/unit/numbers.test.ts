import { describe, expect, it } from "vitest";
import { findQuantities, numberValue } from "../../functions/core/extract/numbers.js";

const counts = (sentence: string) => findQuantities(sentence).map((q) => [q.text, q.count]);

describe("numberValue", () => {
  it.each([
    ["1,234", 1234],
    ["36", 36],
    ["twenty-one", 21],
    ["ninety nine", 99],
    ["two hundred and five", 205],
    ["a thousand", 1000],
    ["eleven", 11],
  ])("reads %s as %d", (text, value) => {
    expect(numberValue(text)).toBe(value);
  });
});

describe("findQuantities", () => {
  it("reads modifiers: 'at least' is an exact minimum, 'more than' and 'up to' are approximate", () => {
    expect(counts("at least 36 were hurt, more than 1,234 dead, up to 15 missing, nearly 40 people")).toEqual(
      [
        ["at least 36", { min: 36, approximate: false }],
        ["more than 1,234", { min: 1234, approximate: true }],
        ["up to 15", { min: 15, approximate: true }],
        ["nearly 40", { min: 40, approximate: true }],
      ],
    );
  });

  it("gives vague amounts their conservative minimum", () => {
    expect(counts("dozens injured, hundreds dead, a dozen hurt, scores wounded")).toEqual([
      ["dozens", { min: 24, approximate: true }],
      ["hundreds", { min: 200, approximate: true }],
      ["a dozen", { min: 12, approximate: false }],
      ["scores", { min: 40, approximate: true }],
    ]);
  });

  it("reads ranges", () => {
    expect(counts("between 10 to 12 people")).toEqual([
      ["10 to 12", { min: 10, max: 12, approximate: false }],
    ]);
  });

  it.each([
    "two boys aged 11 and 15",
    "a 14-year-old girl",
    "a nine-story apartment building on the 9th floor",
    "an FAB-500 bomb, S-300 and Kh-101 missiles, a Tu-95 bomber",
    "at 3:40 a.m. on 7 June 2024",
    "on June 7, 2024",
    "£12.8 billion and $61 billion in aid, 40 million pounds",
    "turnout was 54% and 30 percent",
    "30 km from the border, 5 miles away",
    "over 50 explosions and 12 missiles",
  ])("finds no head-count in '%s' other than articles", (sentence) => {
    expect(findQuantities(sentence).filter((q) => !/^(a|two)$/i.test(q.text))).toEqual([]);
  });
});
