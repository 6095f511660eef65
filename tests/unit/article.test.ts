import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  articleFromSeed,
  articleId,
  articleToSeedText,
  canonicalUrl,
  cleanBody,
  InvalidUrlError,
  parseSeedText,
  renderSeedText,
  seedFileId,
  seedFileName,
  shortHash,
} from "../../functions/core/article.js";

const SEEDS = join(import.meta.dirname, "../../seeds");
const seedFiles = readdirSync(SEEDS).filter((name) => name.endsWith(".txt"));
const readSeed = (name: string) => readFileSync(join(SEEDS, name), "utf8");

describe("canonicalUrl", () => {
  it("lower-cases the host, drops the fragment and tracking parameters, keeps the rest", () => {
    const url =
      "https://WWW.Example.COM/news/Kharkiv-Strike?id=7&utm_source=rss&utm_medium=feed&fbclid=abc&gclid=x#comments";
    expect(canonicalUrl(url)).toBe("https://www.example.com/news/Kharkiv-Strike?id=7");
  });

  it("keeps the scheme as given and drops an empty query", () => {
    expect(canonicalUrl("http://example.com/a?utm_campaign=x")).toBe("http://example.com/a");
  });

  it("refuses what is not an absolute http(s) URL, naming it", () => {
    expect(() => canonicalUrl("/relative/path")).toThrow(InvalidUrlError);
    expect(() => canonicalUrl("mailto:someone@example.com")).toThrow(/mailto:someone@example.com/);
  });
});

describe("articleId", () => {
  it("is the first 16 hex of SHA-256 of the canonical URL", () => {
    const id = articleId("https://Example.com/a?utm_source=x#top", undefined);
    expect(id).toBe(shortHash("https://example.com/a"));
    expect(id).toMatch(/^[0-9a-f]{16}$/);
  });

  it("is the same for two spellings of one URL and different for two URLs", () => {
    expect(articleId("https://example.com/a?utm_medium=rss", "g1")).toBe(
      articleId("https://EXAMPLE.com/a", "g2"),
    );
    expect(articleId("https://example.com/a", undefined)).not.toBe(
      articleId("https://example.com/b", undefined),
    );
  });

  it("falls back to the GUID when there is no usable link", () => {
    expect(articleId(undefined, "urn:uuid:1234")).toBe(shortHash("urn:uuid:1234"));
    expect(articleId("not a url", "urn:uuid:1234")).toBe(shortHash("urn:uuid:1234"));
    expect(() => articleId(undefined, undefined)).toThrow(/link or a GUID/);
  });
});

describe("seed text", () => {
  it("reads 002's date header and title", () => {
    const seed = parseSeedText(readSeed("002_16b2b9d5e41fa0f4.txt"));
    expect(seed.date).toBe("2025-02-02");
    expect(seed.title).toBe(
      "Volodomyr Zelenskyy Calls On Ukraine's Allies To Step Up Support After Latest Russia 'Terror' Attacks",
    );
    expect(seed.body.startsWith("Kevin Schofield\n")).toBe(true);
  });

  it("reads 003's first line as its title", () => {
    const seed = parseSeedText(readSeed("003_e96bcc39b64da713.txt"));
    expect(seed.date).toBeUndefined();
    expect(seed.title).toBe(
      "Russian Strikes Hit Ukrainian ‘Military’ Sites in Response to Belgorod Attack | Latest on Russia-Ukraine Conflict",
    );
  });

  it.each(["000_c1778478273d7973.txt", "001_d1335562950f1f2a.txt", "004_208bb5c925342d33.txt"])(
    "gives %s no title and no date",
    (name) => {
      const seed = parseSeedText(readSeed(name));
      expect(seed.title).toBeUndefined();
      expect(seed.date).toBeUndefined();
      expect(seed.body.length).toBeGreaterThan(2000);
    },
  );

  it("drops boilerplate lines from bodies", () => {
    const body = parseSeedText(readSeed("003_e96bcc39b64da713.txt")).body;
    for (const line of [
      "Please enter your comment!",
      "Please enter your name here",
      "Hot Topics",
      "Related Articles",
    ]) {
      expect(body).not.toContain(line);
    }
    expect(body).not.toMatch(/This site uses Akismet/);
    expect(body).not.toMatch(/Also Read:/);
    expect(body).toContain("Hungary is blocking a significant aid package");
  });

  it.each(seedFiles)("round-trips %s: render(parse(x)) keeps title, date and body", (name) => {
    const parsed = parseSeedText(readSeed(name));
    const again = parseSeedText(renderSeedText(parsed));
    expect(again).toEqual(parsed);
  });

  it("renders the header exactly as the seeds write it", () => {
    expect(renderSeedText({ date: "2025-02-02", title: "A title", body: "Line one\nLine two" })).toBe(
      " date 2025-02-02 A title\n\nLine one\nLine two\n",
    );
    expect(renderSeedText({ title: "Short headline", body: "Body." })).toBe("Short headline\n\nBody.\n");
  });

  it("does not take a first sentence for a title", () => {
    expect(parseSeedText("A full sentence ends with a stop.\n\nBody text here.\n").title).toBeUndefined();
  });

  it("folds whitespace and keeps single blank lines between paragraphs", () => {
    expect(cleanBody("  a \t b  \n\n\n\nc\u00a0 d\n\n")).toBe("a b\n\nc d");
  });
});

describe("seed files", () => {
  it("keeps the id of the file name and names exports NNN_<id>.txt", () => {
    expect(seedFileId("004_208bb5c925342d33.txt")).toBe("208bb5c925342d33");
    expect(seedFileId("notes.txt")).toBeNull();
    expect(seedFileName(7, "208bb5c925342d33")).toBe("007_208bb5c925342d33.txt");
  });

  it("turns a seed file into an article with its own id, and back into the same text", () => {
    const text = readSeed("002_16b2b9d5e41fa0f4.txt");
    const article = articleFromSeed("002_16b2b9d5e41fa0f4.txt", text, {
      source: "seeds",
      feedUrl: "file:///seeds/",
      fetchedAt: "2026-01-01T00:00:00.000Z",
    });
    expect(article.id).toBe("16b2b9d5e41fa0f4");
    expect(article.publishedAt).toBe("2025-02-02T00:00:00.000Z");
    expect(parseSeedText(articleToSeedText(article))).toEqual(parseSeedText(text));
  });
});
