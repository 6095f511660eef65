import { describe, expect, it } from "vitest";
import { localDate, strikeDate } from "../../functions/core/extract/dates.js";

/** Friday 1 March 2024, 10:00 in Kyiv (UTC+2 in winter). */
const FRIDAY_MORNING = "2024-03-01T08:00:00.000Z";
/** Friday 1 March 2024, 02:00 in Kyiv: the night is not over yet. */
const FRIDAY_SMALL_HOURS = "2024-03-01T00:00:01.000Z";

describe("localDate", () => {
  it("moves a UTC timestamp at 22:30 on day D to D+1 in Kyiv", () => {
    // Prepare
    const winter = "2024-03-01T22:30:00.000Z";
    const summer = "2023-07-22T22:30:00Z";

    // Act
    const dates = [localDate(winter), localDate(summer)];

    // Assess
    expect(dates).toEqual(["2024-03-02", "2023-07-23"]);
  });

  it("keeps the UTC date when Kyiv is still on the same day", () => {
    expect(localDate("2024-03-01T21:59:00.000Z")).toBe("2024-03-01");
  });

  it("takes a date-only seed's date as given", () => {
    expect(localDate("2024-02-29T00:00:00.000Z")).toBe("2024-02-29");
  });

  it("refuses a string that is no timestamp, naming it", () => {
    expect(() => localDate("last Tuesday")).toThrow(/"last Tuesday"/);
  });
});

describe("strikeDate", () => {
  it("rolls a weekday back across a month boundary", () => {
    // Prepare
    const sentence = "A guided bomb hit a clinic in the town on Tuesday, killing two nurses.";

    // Act
    const result = strikeDate([sentence], FRIDAY_MORNING);

    // Assess
    expect(result).toEqual({ date: "2024-02-27", stated: true });
  });

  it("reads the publication's own weekday as the publication date", () => {
    // Prepare
    const sentence = "Shelling on Friday wounded four people at a bus stop.";

    // Act
    const result = strikeDate([sentence], FRIDAY_MORNING);

    // Assess
    expect(result).toEqual({ date: "2024-03-01", stated: true });
  });

  it("falls back to the publication's Kyiv date, not stated, when no text gives a date", () => {
    // Prepare
    const texts = ["Drone debris set fire to a warehouse", "Firefighters worked through the rubble."];

    // Act
    const result = strikeDate(texts, "2024-03-01T23:15:00.000Z");

    // Assess
    expect(result).toEqual({ date: "2024-03-02", stated: false });
  });

  it("gives null for relative words when there is no publication time", () => {
    // Prepare
    const texts = ["The rocket struck a shop yesterday.", "Rescuers searched overnight on Sunday."];

    // Act
    const result = strikeDate(texts, undefined);

    // Assess
    expect(result).toBeNull();
  });

  it("reads an absolute date with its year without a publication time", () => {
    // Prepare
    const texts = ["A missile hit the station yesterday.", "The attack on 5 May 2022 killed a driver."];

    // Act
    const result = strikeDate(texts, undefined);

    // Assess
    expect(result).toEqual({ date: "2022-05-05", stated: true });
  });

  it("does not read an age as a date", () => {
    // Prepare
    const sentence = "A 3-year-old boy and his 29-year-old mother were among the dead.";

    // Act
    const result = strikeDate([sentence], FRIDAY_MORNING);

    // Assess
    expect(result).toEqual({ date: "2024-03-01", stated: false });
  });

  it.each([
    "The village has been shelled almost daily since 2014.",
    "Since 24 February 2022 the city has lost most of its power plants.",
    "Regional officials counted 40 attacks over the past 24 hours.",
    "Sirens sounded at 4.30am and again at 11pm.",
    "Up to 5 may still be under the rubble, rescuers fear.",
    "Leaders will meet on Sunday to discuss air defence.",
    "Officials said Thursday that two people had died in the blast.",
    "In his Wednesday evening address the president thanked rescuers.",
  ])("takes no date from an unrelated time phrase: %s", (sentence) => {
    expect(strikeDate([sentence], FRIDAY_MORNING)).toEqual({ date: "2024-03-01", stated: false });
  });

  it.each([
    ["Saturday's strike on the depot killed a guard.", "2024-02-24"],
    ["The regional governor said Saturday's strike killed a guard.", "2024-02-24"],
    ["The missile struck early Tuesday.", "2024-02-27"],
    ["Rockets hit the market late on Wednesday.", "2024-02-28"],
    ["A drone hit the dormitory on Wednesday night.", "2024-02-28"],
    ["Sirens wailed on Sunday morning before the blast.", "2024-02-25"],
    ["A strike last Friday destroyed the school.", "2024-02-23"],
    ["Shells landed on the night from Thursday to Friday.", "2024-02-29"],
    ["Two people died yesterday when the shop was hit.", "2024-02-29"],
    ["The day before yesterday a bomb hit the port.", "2024-02-28"],
    ["Two days ago a rocket hit the clinic.", "2024-02-28"],
    ["A drone hit a tower block this morning.", "2024-03-01"],
    ["Earlier today a missile struck the rail yard.", "2024-03-01"],
    ["The city was attacked overnight.", "2024-03-01"],
    ["Drones struck the city last night.", "2024-03-01"],
    ["Three died in late-night shelling.", "2024-02-29"],
    ["A tower block was hit over the weekend.", "2024-02-24"],
    ["Missiles struck on the night of 9 February.", "2024-02-09"],
    ["The school was bombed on 5 February.", "2024-02-05"],
    ["The school was bombed February 5.", "2024-02-05"],
    ["The school was bombed on the 5th of February.", "2024-02-05"],
    ["Rockets hit the port on Feb. 20, 2024.", "2024-02-20"],
    ["The strike of 05.02.2024 hit a bakery.", "2024-02-05"],
    ["The strike on Tuesday, February 20 hit a bakery.", "2024-02-20"],
  ])("reads %j as %s", (sentence, date) => {
    expect(strikeDate([sentence], FRIDAY_MORNING)).toEqual({ date, stated: true });
  });

  it("keys 'overnight' in a report filed before 04:00 Kyiv to the night before", () => {
    // Prepare
    const sentence = "Drones hit an energy facility overnight, injuring a worker.";

    // Act
    const smallHours = strikeDate([sentence], FRIDAY_SMALL_HOURS);
    const seed = strikeDate([sentence], "2024-03-01T00:00:00.000Z");

    // Assess: the seed has only a date, not a time, so it is not "in the small hours".
    expect(smallHours).toEqual({ date: "2024-02-29", stated: true });
    expect(seed).toEqual({ date: "2024-03-01", stated: true });
  });

  it("gives a yearless date the publication's year, or the year before when that would be ahead", () => {
    // Prepare
    const published = "2024-01-02T09:00:00.000Z";

    // Act
    const january = strikeDate(["The refinery was hit on January 1."], published);
    const december = strikeDate(["The refinery was hit on December 30."], published);

    // Assess
    expect(january).toEqual({ date: "2024-01-01", stated: true });
    expect(december).toEqual({ date: "2023-12-30", stated: true });
  });

  it("never returns a date after the publication day plus one", () => {
    // Prepare
    const texts = ["The strike on 20 March 2024 hit a bridge.", "Aid will arrive on March 9."];

    // Act
    const result = strikeDate(texts, FRIDAY_MORNING);

    // Assess
    expect(result).toEqual({ date: "2024-03-01", stated: false });
  });

  it("lets the first text that holds a date decide", () => {
    // Prepare
    const texts = [
      "Five killed in rocket attack",
      "Rockets hit the square on Thursday.",
      "Reported on Monday.",
    ];

    // Act
    const result = strikeDate(texts, FRIDAY_MORNING);

    // Assess
    expect(result).toEqual({ date: "2024-02-29", stated: true });
  });

  it("passes over a statement's date to the strike's date in the same text", () => {
    // Prepare
    const sentence = "The mayor said on Thursday that the blast on Tuesday killed a teacher.";

    // Act
    const result = strikeDate([sentence], FRIDAY_MORNING);

    // Assess
    expect(result).toEqual({ date: "2024-02-27", stated: true });
  });
});
