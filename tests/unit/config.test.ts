import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, parseConfigText } from "../../functions/core/config.js";

const valid = {
  feeds: [{ url: "https://news.example.org/rss", name: "Example", fullText: true }],
  pollMinutes: 10,
  watchedRegions: ["Ukraine", "Belgorod Oblast"],
  subscriptions: [
    { email: "desk@example.org", regions: ["Kharkiv Oblast"], minKilled: 1 },
    { sms: "+380501234567", regions: ["Kyiv"], minInjured: 5 },
  ],
};

function problems(input: unknown): string[] {
  try {
    parseConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("accepts a valid config and fills defaults", () => {
    const config = parseConfig({ feeds: [], watchedRegions: ["Ukraine"] });
    expect(config.pollMinutes).toBe(5);
    expect(config.subscriptions).toEqual([]);
    expect(parseConfig(valid).subscriptions).toHaveLength(2);
  });

  it("rejects unknown keys with their path", () => {
    expect(problems({ ...valid, extra: true })).toEqual(["extra: unknown key"]);
    expect(problems({ ...valid, feeds: [{ url: "https://a.org/rss", tags: [] }] })).toEqual([
      "feeds[0].tags: unknown key",
    ]);
  });

  it("rejects bad values with the path of the bad field", () => {
    expect(problems({ ...valid, feeds: [{ url: "ftp://a.org/rss" }] })).toEqual([
      "feeds[0].url: must be an http or https URL",
    ]);
    expect(problems({ ...valid, pollMinutes: 0 })).toEqual(["pollMinutes: must be at least 1"]);
    expect(problems({ ...valid, watchedRegions: [] })).toEqual([
      "watchedRegions: must list at least one region",
    ]);
    expect(
      problems({ ...valid, subscriptions: [{ sms: "0501234567", regions: ["Kyiv"], minKilled: -2 }] }),
    ).toEqual([
      "subscriptions[0].sms: must be a phone number in E.164 form (+380…)",
      "subscriptions[0].minKilled: must be 0 or more",
    ]);
    expect(problems({ ...valid, subscriptions: [{ fax: "1" }] })).toEqual([
      "subscriptions[0]: must be {email, regions} or {sms, regions}",
    ]);
  });

  it("reports JSON syntax errors as a ConfigError naming the file", () => {
    expect(() => parseConfigText("{ nope", "my.json")).toThrow(
      /my\.json: invalid configuration\n\s+not valid JSON/,
    );
  });
});
