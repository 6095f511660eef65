import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, configWarnings, feedSources, parseConfig } from "../../functions/core/config.js";
import { EnvError } from "../../functions/env.js";
import {
  DEFAULT_TELEGRAM_BASE_URL,
  TELEGRAM_PREVIEW_BASE_ENV,
  telegramBaseUrl,
  telegramChannelOf,
} from "../../functions/feeds/telegram.js";

function problems(feeds: unknown[]): string[] {
  try {
    parseConfig({ feeds, watchedRegions: ["Ukraine"] });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("telegram feed entries in strikewatch.config.json", () => {
  it("accepts a channel with an optional name and body cap, beside URL feeds", () => {
    const config = parseConfig({
      feeds: [
        { url: "https://news.example.org/rss", fullText: true },
        { telegram: "sw_kharkiv_test", name: "Kharkiv OVA", maxBytes: 2_000_000 },
        { telegram: "Sumy_news_ODA" },
      ],
      watchedRegions: ["Ukraine"],
    });
    expect(config.feeds).toEqual([
      { url: "https://news.example.org/rss", fullText: true },
      { telegram: "sw_kharkiv_test", name: "Kharkiv OVA", maxBytes: 2_000_000 },
      { telegram: "Sumy_news_ODA" },
    ]);
  });

  it("rejects a name that is no Telegram username, naming the field", () => {
    const rule =
      "must be a public channel's username (as in t.me/<username>): 5–32 letters, digits or underscores, starting with a letter";
    expect(problems([{ telegram: "abcd" }])).toEqual([`feeds[0].telegram: ${rule}`]);
    expect(problems([{ telegram: "1kharkiv" }])).toEqual([`feeds[0].telegram: ${rule}`]);
    expect(problems([{ telegram: "kharkiv-oda" }])).toEqual([`feeds[0].telegram: ${rule}`]);
    expect(problems([{ telegram: "https://t.me/s/kharkivoda" }])).toEqual([`feeds[0].telegram: ${rule}`]);
    expect(problems([{ telegram: `k${"a".repeat(32)}` }])).toEqual([`feeds[0].telegram: ${rule}`]);
    expect(problems([{ url: "https://a.org/rss" }, { telegram: "@kharkivoda" }])).toEqual([
      "feeds[1].telegram: must be the channel's username without the @",
      `feeds[1].telegram: ${rule}`,
    ]);
    expect(problems([{ telegram: 42 }])).toEqual([
      "feeds[0].telegram: Invalid type: Expected string but received 42",
    ]);
  });

  it("wants either a url or a channel, and full text only for url feeds", () => {
    const either =
      "feeds[0]: needs either a url (an RSS/Atom/RDF feed) or a telegram channel's username, not both";
    expect(problems([{ url: "https://a.org/rss", telegram: "kharkivoda" }])).toEqual([either]);
    expect(problems([{ name: "Nothing to read" }])).toEqual([either]);
    expect(problems([{ telegram: "kharkivoda", fullText: true }])).toEqual([
      "feeds[0]: fullText is for url feeds: a telegram channel's posts are read whole",
    ]);
    expect(problems([{ telegram: "kharkivoda", channel: "x" }])).toEqual(["feeds[0].channel: unknown key"]);
    expect(problems([{ telegram: "kharkivoda", maxBytes: 10 }])).toEqual([
      "feeds[0].maxBytes: must be at least 1024 bytes",
    ]);
  });

  it("polls a channel by its preview URL, and leaves URL feeds as they are", () => {
    const url = { url: "http://news.example.org/rss", name: "Plain" };
    const sources = feedSources([
      url,
      { telegram: "sw_kharkiv_test", name: "OVA", maxBytes: 4096 },
      { telegram: "kyivoda" },
    ]);
    expect(sources).toEqual([
      url,
      { url: "https://t.me/s/sw_kharkiv_test", name: "OVA", maxBytes: 4096 },
      { url: "https://t.me/s/kyivoda" },
    ]);
    expect(sources[0]).toBe(url);
    expect(configWarnings({ feeds: [url, { telegram: "kyivoda" }] })).toHaveLength(1);
  });
});

describe("telegramChannelOf", () => {
  it("reads the channel of a preview URL and nothing else", () => {
    expect(telegramChannelOf("https://t.me/s/sw_kharkiv_test")).toBe("sw_kharkiv_test");
    expect(telegramChannelOf("https://t.me/s/Sumy_news_ODA/")).toBe("Sumy_news_ODA");
    expect(telegramChannelOf("https://t.me/sw_kharkiv_test")).toBeUndefined();
    expect(telegramChannelOf("https://t.me/s/sw_kharkiv_test/309")).toBeUndefined();
    expect(telegramChannelOf("https://t.me/s/abc")).toBeUndefined();
    expect(telegramChannelOf("https://example.org/s/sw_kharkiv_test")).toBeUndefined();
  });
});

describe("telegramBaseUrl", () => {
  it("is t.me unless the test variable names another server", () => {
    expect(telegramBaseUrl({})).toBe(DEFAULT_TELEGRAM_BASE_URL);
    expect(telegramBaseUrl({ [TELEGRAM_PREVIEW_BASE_ENV]: " http://127.0.0.1:8123/ " })).toBe(
      "http://127.0.0.1:8123",
    );
  });

  it("fails with the variable's name when it is no http(s) URL", () => {
    expect(() => telegramBaseUrl({ [TELEGRAM_PREVIEW_BASE_ENV]: "127.0.0.1:8123" })).toThrow(EnvError);
    expect(() => telegramBaseUrl({ [TELEGRAM_PREVIEW_BASE_ENV]: "127.0.0.1:8123" })).toThrow(
      /STRIKEWATCH_TELEGRAM_PREVIEW_BASE must be an http\(s\) URL/,
    );
  });
});

describe("docs/telegram-channels.md", () => {
  it("lists only usernames the config accepts, none of them enabled in the shipped file", () => {
    // Prepare
    const root = join(import.meta.dirname, "../..");
    const doc = readFileSync(join(root, "docs/telegram-channels.md"), "utf8");
    const listed = [...doc.matchAll(/^\|[^|]+\|\s*`([^`]+)`\s*\|/gm)].map((match) => match[1]!);
    const shipped = readFileSync(join(root, "strikewatch.config.json"), "utf8");

    // Act
    const feeds = parseConfig({
      feeds: listed.map((telegram) => ({ telegram })),
      watchedRegions: ["Ukraine"],
    }).feeds;

    // Assess
    expect(listed.length).toBeGreaterThanOrEqual(15);
    expect(listed).toEqual(
      expect.arrayContaining(["kharkivoda", "Sumy_news_ODA", "operativno31", "gubernator_46"]),
    );
    expect(feeds).toHaveLength(listed.length);
    expect(shipped).not.toMatch(/"telegram"/);
  });
});
