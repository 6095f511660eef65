import { describe, expect, it } from "vitest";
import { ConfigError, configWarnings, parseConfig, parseConfigText } from "../../functions/core/config.js";

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

  it("fills the deployment's defaults: name, age bound, ops and tags", () => {
    const config = parseConfig({ feeds: [], watchedRegions: ["Ukraine"] });
    expect(config).toMatchObject({
      name: "StrikeWatch",
      alertMaxAgeHours: 48,
      ops: { emails: [], pendingAlertMinutes: 30, smsSpendAlarmUSD: 0.8 },
      tags: {},
    });
  });

  it("validates the deployment's keys like the rest, naming each bad field", () => {
    expect(
      problems({
        ...valid,
        name: "Strike Watch",
        alertMaxAgeHours: 0,
        ops: { emails: ["ops@example.org", "OPS@example.org", "not-an-address"], pendingAlertMinutes: 1 },
        tags: { "aws:owner": "x", team: "news<desk>" },
      }),
    ).toEqual([
      "name: must start with a letter and use only letters, digits and hyphens (at most 64)",
      "alertMaxAgeHours: must be at least 1",
      "ops.emails[2]: must be an email address",
      "ops.emails: lists an address twice",
      "ops.pendingAlertMinutes: must be at least 5",
      "tags.aws:owner: tag keys use letters, digits, spaces and _.:/=+-@, and not the aws: prefix",
      "tags.team: tag values use letters, digits, spaces and _.:/=+-@",
    ]);
    expect(problems({ ...valid, ops: { emails: ["ops@example.org", "OPS@example.org"] } })).toEqual([
      "ops.emails: lists an address twice",
    ]);
    expect(problems({ ...valid, ops: { email: "ops@example.org" } })).toEqual(["ops.email: unknown key"]);
  });

  it("warns about plain http feeds, and only those", () => {
    const config = parseConfig({
      ...valid,
      feeds: [{ url: "https://safe.example.org/rss" }, { url: "http://plain.example.org/rss" }],
    });
    expect(configWarnings(config)).toEqual([
      "feeds[1].url: http://plain.example.org/rss is plain http: anyone on the way can read or alter the feed; use https:// if the publisher offers it",
    ]);
  });

  it("accepts the shipped configuration file", async () => {
    const { readFile } = await import("node:fs/promises");
    const text = await readFile(new URL("../../strikewatch.config.json", import.meta.url), "utf8");
    expect(parseConfigText(text).name).toBe("StrikeWatch");
  });

  it("reports JSON syntax errors as a ConfigError naming the file", () => {
    expect(() => parseConfigText("{ nope", "my.json")).toThrow(
      /my\.json: invalid configuration\n\s+not valid JSON/,
    );
  });
});

describe("the page's tile server", () => {
  it("is off unless the config gives one, and a bad template is refused by its path", () => {
    expect(parseConfig({ feeds: [], watchedRegions: ["Ukraine"] }).web).toBeUndefined();
    const config = parseConfig({
      feeds: [],
      watchedRegions: ["Ukraine"],
      web: { tiles: "https://tiles.example.org/{z}/{x}/{y}.png", tilesAttribution: "© Example" },
    });
    expect(config.web?.tiles).toBe("https://tiles.example.org/{z}/{x}/{y}.png");
    expect(
      problems({
        feeds: [],
        watchedRegions: ["Ukraine"],
        web: { tiles: "http://tiles.example.org/{z}/{x}/{y}.png" },
      }),
    ).toEqual([expect.stringMatching(/^web\.tiles: must be an https URL template/)]);
  });
});
