import { readFileSync } from "node:fs";
import Parser from "rss-parser";
import { describe, expect, it } from "vitest";
import { decodeFeedBody } from "../../functions/feeds/decode.js";
import { FeedParseError, type ParsedFeed, parseFeedXml } from "../../functions/feeds/parse.js";
import { fixture } from "../fixtures/feeds/server.js";

type Expected = { error: string } | (Omit<ParsedFeed, "items"> & { items: Record<string, string>[] });
const expected = JSON.parse(
  readFileSync(new URL("../fixtures/feeds/expected.json", import.meta.url), "utf8"),
) as Record<string, Expected>;

async function parseFixture(name: string, baseUrl?: string): Promise<ParsedFeed> {
  return parseFeedXml(decodeFeedBody(fixture(name)), baseUrl);
}

async function parseError(xml: string): Promise<string> {
  const error = await parseFeedXml(xml).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FeedParseError)) throw new Error(`expected a FeedParseError, got ${String(error)}`);
  return error.reason;
}

function rss(items: string, channel = "<title>Test</title>"): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel>${channel}${items}</channel></rss>`;
}

describe("parseFeedXml: every fixture gives its expected output", () => {
  it.each(Object.keys(expected))("%s", async (name) => {
    // Prepare
    const want = expected[name];

    // Act
    const outcome = await parseFixture(name).then(
      (feed) => ({
        ...(feed.title !== undefined ? { title: feed.title } : {}),
        ...(feed.link !== undefined ? { link: feed.link } : {}),
        ...(feed.language !== undefined ? { language: feed.language } : {}),
        items: feed.items.map((item) =>
          Object.fromEntries(
            (["title", "link", "guid", "isoDate"] as const).flatMap((key) =>
              item[key] === undefined ? [] : [[key, item[key]]],
            ),
          ),
        ),
      }),
      (error: unknown) => ({ error: error instanceof FeedParseError ? error.reason : String(error) }),
    );

    // Assess
    expect(outcome).toEqual(want);
  });
});

describe("parseFeedXml: fields for the normalizer", () => {
  it("keeps CDATA, content:encoded, dc:creator, categories, description and media:content (RSS 2.0)", async () => {
    const feed = await parseFixture("rss2-cdata.xml");
    const [first, second] = feed.items;

    expect(first?.["content:encoded"]).toContain("<p>Three people were killed, including two children");
    expect(first?.["content:encoded"]).toContain("through the night & into the morning");
    expect(first?.description).toBe(
      "<p>A guided aerial bomb struck a nine-storey building in the Saltivskyi district.</p>",
    );
    expect(first?.["dc:creator"]).toBe("Olena Marchuk");
    expect(first?.creator).toBe("Olena Marchuk");
    expect(first?.categories).toEqual(["Kharkiv", "Strikes"]);
    expect(first?.["media:content"]).toEqual([
      { $: { url: "https://eastern-front.example.net/img/kharkiv.jpg", medium: "image" } },
    ]);
    expect(second?.author).toBe("desk@eastern-front.example.net (Night Desk)");
    expect(second?.content).toContain("Damage estimate: €2\u00a0million.");
  });

  it("turns HTML named entities into characters and keeps an unknown one as text", async () => {
    const feed = await parseFixture("bare-ampersand.xml");
    const item = feed.items[0];

    expect(feed.items[0]?.title).toBe("Strike on Kherson market: 2 killed & 9 injured");
    expect(item?.description).toBe(
      "Officials said the toll was 2 killed & 9 injured – figures may rise. Unknown entity: &madeup; stays as text. Score 3 < 5.",
    );
    expect(
      (await parseFeedXml(rss("", "<title>A&nbsp;B&mdash;C &hellip; &#x41;&#66; &eacute;</title>"))).title,
    ).toBe("A\u00a0B\u2014C \u2026 AB é");
  });

  it("parses Atom: xml:base resolves relative links, xml:lang gives the language, a bad date is dropped", async () => {
    const feed = await parseFixture("atom-relative-links.xml");

    expect(feed.items[0]).toMatchObject({
      author: "Taras Hnatiuk",
      summary: "<p>Debris from a downed missile damaged a residential building; two people were injured.</p>",
      pubDate: "2025-02-03T04:12:00.000Z",
    });
    expect(feed.items[2]?.pubDate).toBe("2025-02-01T10:00:00.000Z");
  });

  it("resolves a relative xml:base against the document URL", async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/news/"><title>T</title>
      <entry><title>E</title><id>e1</id><link href="a.html"/></entry></feed>`;

    const withBase = await parseFeedXml(xml, "https://kharkiv.example.org/feeds/atom.xml");
    const withoutBase = await parseFeedXml(xml);

    expect(withBase.items[0]?.link).toBe("https://kharkiv.example.org/news/a.html");
    expect(withoutBase.items[0]?.link).toBe("a.html");
  });

  it("parses RDF (RSS 1.0) with dc:date, dc:creator and dc:language", async () => {
    const feed = await parseFixture("rdf.xml");
    expect(feed.language).toBe("en");
    expect(feed.items[0]).toMatchObject({ creator: "Iryna Bondar", isoDate: "2025-02-02T11:00:00.000Z" });
  });

  it("keeps items without link, date or GUID", async () => {
    const feed = await parseFixture("no-link-no-date.xml");
    expect(feed.items).toHaveLength(2);
    expect(feed.items[1]).not.toHaveProperty("link");
    expect(feed.items[1]).not.toHaveProperty("guid");
  });

  it("keeps the first of items that share a GUID", async () => {
    const feed = await parseFixture("duplicate-guids.xml");
    expect(feed.items.map((item) => item.title)).toEqual([
      "Strike destroys residential building in Poltava",
      "Rescue operation in Poltava completed",
    ]);
  });

  it("reads RSS without a version attribute as RSS 2.0", async () => {
    const feed = await parseFeedXml(
      `<rss><channel><title>Old</title><item><title>I</title></item></channel></rss>`,
    );
    expect(feed.items.map((item) => item.title)).toEqual(["I"]);
  });

  it("survives an Atom <link> without attributes", async () => {
    const feed = await parseFeedXml(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><link/><entry><id>x</id><link>https://a.example.org/1</link></entry></feed>`,
    );
    expect(feed.items[0]?.link).toBe("https://a.example.org/1");
  });

  it("gives strings for fields that xml2js makes objects", async () => {
    const feed = await parseFeedXml(
      rss(
        `<item><title>T</title><guid isPermaLink="true">https://a.example.org/g</guid><category domain="d">Sumy</category></item>`,
      ),
    );
    expect(feed.items[0]).toMatchObject({ guid: "https://a.example.org/g", categories: ["Sumy"] });
  });
});

describe("parseFeedXml: repairs", () => {
  it("salvages a truncated feed up to its last complete item", async () => {
    const feed = await parseFixture("truncated.xml");
    expect(feed.items.map((item) => item.guid)).toEqual(["zp-1", "zp-2"]);
  });

  it("salvages a truncated Atom feed", async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>1</id><title>One</title></entry><entry><id>2</id><tit`;
    expect((await parseFeedXml(xml)).items.map((item) => item.guid)).toEqual(["1"]);
  });

  it("refuses a truncated feed with no complete item", async () => {
    expect(
      await parseError(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Cut</title><item><title>Half`,
      ),
    ).toBe("malformed XML: truncated");
    expect(await parseError(`<?xml version="1.0"?><rss version="2.0"><channel><title>Cut`)).toBe(
      "malformed XML: truncated",
    );
  });

  it("drops junk after the root element", async () => {
    const feed = await parseFeedXml(`${rss("<item><guid>a</guid></item>")}\n<b>Notice</b>: cache written`);
    expect(feed.items).toHaveLength(1);
  });

  it("drops references to characters XML forbids", async () => {
    const feed = await parseFeedXml(rss("", "<title>Kyiv&#0;&#x1;&#99999999;&#xD800; today</title>"));
    expect(feed.title).toBe("Kyiv today");
  });
});

describe("parseFeedXml: refusals", () => {
  it("refuses the billion laughs quickly, without expanding", async () => {
    const started = performance.now();
    const reason = await parseError(decodeFeedBody(fixture("billion-laughs.xml")));
    expect(reason).toBe("refused: DOCTYPE with entity declarations");
    expect(performance.now() - started).toBeLessThan(100);
  });

  it("refuses XXE before anything could read the file", async () => {
    expect(await parseError(decodeFeedBody(fixture("xxe.xml")))).toBe(
      "refused: DOCTYPE with entity declarations",
    );
  });

  it("refuses an unterminated DOCTYPE with entities", async () => {
    expect(await parseError(`<!DOCTYPE rss [<!ENTITY a "b">`)).toBe(
      "refused: DOCTYPE with entity declarations",
    );
  });

  it("accepts a DOCTYPE without entities (RSS 0.91 style) and drops it", async () => {
    const feed = await parseFeedXml(
      `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>Old&nbsp;one</title></channel></rss>`,
    );
    expect(feed.title).toBe("Old\u00a0one");
  });

  it.each([
    ["", "empty body"],
    ["  \n\t ", "empty body"],
    ["\uFEFF", "empty body"],
    ["just some words", "not a feed: no XML markup"],
    ["<html><body>Not here</body></html>", "not a feed: looks like an HTML page"],
    ["<!doctype html><title>x</title>", "not a feed: looks like an HTML page"],
    [`<?xml version="1.0"?><opml version="2.0"><body/></opml>`, "not a feed: root element <opml>"],
    [`<?xml version="1.0"?>`, "not a feed: no root element"],
    [
      `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></chanel></rss>`,
      "malformed XML: Unexpected close tag </chanel> where </channel> was expected, at line 1, column 74",
    ],
  ])("%j → %s", async (xml, reason) => {
    expect(await parseError(xml)).toBe(reason);
  });
});

describe("rss-parser itself", () => {
  it("does not read external entities: given the XXE document directly, no file content appears", async () => {
    // Prepare: bypass our refusal to see what the library would do on its own.
    const xml = decodeFeedBody(fixture("xxe.xml"));

    // Act
    const result = await new Parser()
      .parseString(xml)
      .then((feed) => JSON.stringify(feed))
      .catch((error: unknown) => String(error));

    // Assess
    expect(result).not.toContain("root:");
    expect(result).not.toContain("/bin/");
  });
});
