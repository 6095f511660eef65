import { describe, expect, it } from "vitest";
import { parseConfig } from "../../functions/core/config.js";
import {
  filterPolicy,
  resolveConfigRegions,
  resolveRegion,
  UnknownRegionError,
} from "../../functions/core/regions.js";

describe("resolveRegion", () => {
  it("resolves press spellings to the gazetteer's names", () => {
    expect(resolveRegion("kharkov oblast", "x")).toMatchObject({
      name: "Kharkiv Oblast",
      precision: "admin1",
      country: "UA",
    });
    expect(resolveRegion("Ukraine", "x")).toMatchObject({ precision: "country", country: "UA" });
    expect(resolveRegion("Belgorod Oblast", "x")).toMatchObject({ name: "Belgorod Oblast", country: "RU" });
  });

  it("fails on an unknown name with the path and the nearest known names", () => {
    expect(() => resolveRegion("Kharkov Oblastt", "watchedRegions[2]")).toThrow(UnknownRegionError);
    expect(() => resolveRegion("Kharkov Oblastt", "watchedRegions[2]")).toThrow(
      /^watchedRegions\[2\]: unknown region "Kharkov Oblastt" — Kharkov Oblastt\? did you mean Kharkiv Oblast/,
    );
  });
});

describe("resolveConfigRegions and filterPolicy", () => {
  const config = parseConfig({
    feeds: [],
    watchedRegions: ["Ukraine", "Belgorod Oblast"],
    subscriptions: [
      { email: "desk@example.org", regions: ["Kharkiv Oblast", "Kyiv"], minKilled: 1 },
      { sms: "+380501234567", regions: ["Ukraine"], minKilled: 1, minInjured: 5 },
      { email: "all@example.org", regions: ["Sumy"] },
    ],
  });
  const { watched, subscriptions } = resolveConfigRegions(config);

  it("resolves every watched region and subscription", () => {
    expect(watched.map((region) => region.name)).toEqual(["Ukraine", "Belgorod Oblast"]);
    expect(subscriptions.map((subscription) => subscription.protocol)).toEqual(["email", "sms", "email"]);
  });

  it("turns regions and thresholds into SNS filter policies on message attributes", () => {
    expect(filterPolicy(subscriptions[0]!)).toEqual({
      places: ["Kharkiv Oblast", "Kyiv"],
      killed: [{ numeric: [">=", 1] }],
    });
    expect(filterPolicy(subscriptions[1]!)).toEqual({
      places: ["UA"],
      $or: [{ killed: [{ numeric: [">=", 1] }] }, { injured: [{ numeric: [">=", 5] }] }],
    });
    expect(filterPolicy(subscriptions[2]!)).toEqual({ places: ["Sumy"] });
  });

  it("names the subscription region that is unknown", () => {
    const bad = parseConfig({
      feeds: [],
      watchedRegions: ["Ukraine"],
      subscriptions: [{ email: "a@b.org", regions: ["Zaporozhye Oblast", "Atlantis"] }],
    });
    expect(() => resolveConfigRegions(bad)).toThrow(
      /subscriptions\[0\]\.regions\[1\]: unknown region "Atlantis"/,
    );
  });
});
