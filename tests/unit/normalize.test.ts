import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalUrl, shortHash } from "../../functions/core/article.js";
import { ItemNormalizeError, normalizeItem, toIsoDate } from "../../functions/core/normalize.js";
import { parseFeedXml } from "../../functions/feeds/parse.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/normalize");
const FETCHED_AT = "2026-11-22T04:00:00.000Z";

async function feed(name: string, feedUrl: string) {
  const parsed = await parseFeedXml(readFileSync(join(FIXTURES, name), "utf8"));
  const info = { feedUrl, title: parsed.title, link: parsed.link, language: parsed.language };
  return { parsed, info };
}

describe("normalizeItem", () => {
  it("turns an RSS 2.0 item with CDATA HTML into plain paragraphs with entities decoded", async () => {
    const { parsed, info } = await feed("rss2-cdata.xml", "https://wire.example.org/rss");
    const article = normalizeItem(parsed.items[0]!, info, FETCHED_AT);
    expect(article).toEqual({
      id: shortHash("https://wire.example.org/news/2025/05/kharkiv-bomb"),
      url: "https://wire.example.org/news/2025/05/kharkiv-bomb?utm_source=rss&utm_medium=feed",
      source: "Kharkiv Daily Wire",
      feedUrl: "https://wire.example.org/rss",
      title: "Guided bomb hits apartment block in Kharkiv & injures 12",
      author: "Iryna Koval",
      publishedAt: "2025-05-17T03:40:00.000Z",
      fetchedAt: FETCHED_AT,
      language: "en-gb",
      body:
        "A guided aerial bomb struck a nine-storey apartment block in the Saltivskyi district of Kharkiv on Saturday morning, the regional governor said.\n" +
        "Twelve people were injured, including a child. “Rescuers are still at work,” he wrote.",
    });
  });

  it("reads an escaped-HTML description when there is no content", async () => {
    const { parsed, info } = await feed("rss2-cdata.xml", "https://wire.example.org/rss");
    expect(normalizeItem(parsed.items[1]!, info, FETCHED_AT).body).toBe(
      "Engineers restored power to the centre overnight.",
    );
  });

  it("resolves an Atom entry's relative link against the feed's site link and drops the fragment from the id", async () => {
    const { parsed, info } = await feed("atom-relative.xml", "https://harbour.example.net/feed.atom");
    const article = normalizeItem(parsed.items[0]!, info, FETCHED_AT);
    expect(article.url).toBe("https://harbour.example.net/stories/port-warehouse#top");
    expect(article.id).toBe(shortHash(canonicalUrl("https://harbour.example.net/stories/port-warehouse")));
    expect(article.publishedAt).toBe("2025-03-02T05:55:00.000Z");
    expect(article.author).toBe("Harbour desk");
    expect(article.body).toBe(
      "Debris from a downed drone set fire to a warehouse in the port of Odesa.\nNo one was hurt.",
    );
  });

  it("reads an RDF (RSS 1.0) item with its Dublin Core date and creator", async () => {
    const { parsed, info } = await feed("rdf.xml", "https://rdf.example.com/index.rdf");
    const article = normalizeItem(parsed.items[0]!, info, FETCHED_AT);
    expect(article.source).toBe("Sumy Oblast Bulletin");
    expect(article.title).toBe("Missile strike on Sumy city centre");
    expect(article.body).toBe("Two ballistic missiles hit the centre of Sumy on Sunday morning.");
    expect(article.publishedAt).toBe("2025-04-13T07:20:00.000Z");
  });

  it("keeps an undated item with a GUID (id from the GUID) and refuses one with neither link nor GUID", async () => {
    const { parsed, info } = await feed("no-date-no-link.xml", "https://notes.example.com/rss");
    const undated = normalizeItem(parsed.items[0]!, info, FETCHED_AT);
    expect(undated.id).toBe(shortHash("note-0007"));
    expect(undated.publishedAt).toBeUndefined();
    expect(() => normalizeItem(parsed.items[1]!, info, FETCHED_AT)).toThrow(ItemNormalizeError);
    expect(() => normalizeItem(parsed.items[1]!, info, FETCHED_AT)).toThrow(
      /An item with nothing to identify it/,
    );
  });
});

describe("toIsoDate", () => {
  it("reads RFC 822 and ISO dates and rejects nonsense", () => {
    expect(toIsoDate("Sun, 02 Feb 2025 10:00:00 GMT")).toBe("2025-02-02T10:00:00.000Z");
    expect(toIsoDate("2025-02-02T12:00:00+02:00")).toBe("2025-02-02T10:00:00.000Z");
    expect(toIsoDate("yesterday")).toBeUndefined();
    expect(toIsoDate("Sun, 01 Jan 1899 00:00:00 GMT")).toBeUndefined();
  });
});
