import { describe, expect, it } from "vitest";
import { keywordExtract } from "../../scripts/keyword-baseline.js";

describe("keywordExtract", () => {
  it("takes the first region named and the number word right before 'killed'", () => {
    // Act
    const event = keywordExtract({
      title: "Two civilians killed as rockets hit a market in the Kharkov region",
      body: "Officials in Poltava sent help.",
    });

    // Assess
    expect(event).toEqual({
      place: { name: "Kharkiv", admin1: "Kharkiv Oblast", country: "UA" },
      killed: 2,
      alertable: true,
    });
  });

  it("reads digits before 'dead' and resolves Russian border regions", () => {
    // Act
    const event = keywordExtract({ title: "Drone attack on Belgorod leaves 4 dead, 11 hurt", body: "" });

    // Assess
    expect(event?.place.admin1).toBe("Belgorod Oblast");
    expect(event?.place.country).toBe("RU");
    expect(event?.killed).toBe(4);
    expect(event?.alertable).toBe(true);
  });

  it("does not alert when a soldier word is present, and has no count without one before 'killed'", () => {
    // Act
    const event = keywordExtract({
      title: "Soldiers killed near Zaporozhye in overnight shelling",
      body: "The regional governor gave no figure.",
    });

    // Assess
    expect(event).toEqual({
      place: { name: "Zaporizhzhia", admin1: "Zaporizhzhia Oblast", country: "UA" },
      killed: null,
      alertable: false,
    });
  });

  it("finds nothing without a region name, and no alert without a casualty word", () => {
    // Act
    const nowhere = keywordExtract({ title: "Missile strike kills three in a southern city", body: "" });
    const quiet = keywordExtract({ title: "Parliament in Kiev passes the budget", body: "" });

    // Assess
    expect(nowhere).toBeNull();
    expect(quiet).toEqual({
      place: { name: "Kyiv", admin1: "Kyiv", country: "UA" },
      killed: null,
      alertable: false,
    });
  });
});
