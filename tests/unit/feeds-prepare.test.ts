import { describe, expect, it } from "vitest";
import { ParseBudget, ParseBudgetError } from "../../functions/feeds/budget.js";
import { FeedParseError, type ParsedFeed, parseFeedXml } from "../../functions/feeds/parse.js";
import { MAX_DEPTH, prepareFeedXml } from "../../functions/feeds/prepare.js";

async function parseError(xml: string, budget?: ParseBudget): Promise<FeedParseError> {
  const error = await parseFeedXml(xml, undefined, budget ? { budget } : {}).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FeedParseError)) throw new Error(`expected a FeedParseError, got ${String(error)}`);
  return error;
}

function rss(items: string): string {
  return `<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>T</title>\n${items}</channel>\n</rss>\n`;
}

function item(description: string, title = "Strike"): string {
  return `<item><title>${title}</title><link>https://a.example.org/1</link><description>${description}</description></item>\n`;
}

const nested = (depth: number, text = "Kharkiv") =>
  `${"<div>".repeat(depth)}${text}${"</div>".repeat(depth)}`;

describe("parseFeedXml: nesting is capped", () => {
  it("refuses a description of 100 000 nested <div> (issue 14, item 1) naming the cap and the line", async () => {
    // Prepare
    const xml = rss(item(nested(100_000)));

    // Act
    const started = performance.now();
    const error = await parseError(xml);

    // Assess: a generous bound; the parse took 512 s and then overflowed the stack before.
    expect(error.reason).toMatch(/^refused: elements nested more than 512 deep at line 5, column \d+$/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("reads markup nested up to the cap, text included", async () => {
    const depth = MAX_DEPTH - 4; // rss, channel, item, description
    const feed = await parseFeedXml(rss(item(nested(depth))));
    expect(feed.items[0]?.description).toBe(nested(depth));
  });

  it("caps structural nesting too", async () => {
    const error = await parseError(rss(`<item>${"<x>".repeat(600)}${"</x>".repeat(600)}</item>`));
    expect(error.reason).toMatch(/^refused: elements nested more than 512 deep at line 5/);
  });
});

describe("parseFeedXml: the parse budget", () => {
  /** A clock that moves 100 ms each time it is read. */
  function steppingClock(): () => number {
    let now = 0;
    return () => (now += 100);
  }

  it("refuses a feed whose parse outlasts its budget, naming the budget", async () => {
    // Prepare: 20 000 items, so the budget is read many times on the way.
    const items = Array.from({ length: 20_000 }, (_, i) => `<item><guid>g${i}</guid></item>`).join("");
    const budget = new ParseBudget(1_000, steppingClock());

    // Act
    const error = await parseError(rss(items), budget);

    // Assess
    expect(error).toBeInstanceOf(ParseBudgetError);
    expect(error.reason).toBe("parse took longer than 1 s");
  });

  it("lets a small feed through the same budget", async () => {
    const feed = await parseFeedXml(rss(item("Two injured in Sumy")), undefined, {
      budget: new ParseBudget(1_000, steppingClock()),
    });
    expect(feed.items).toHaveLength(1);
  });
});

describe("parseFeedXml: text fields keep every word in document order", () => {
  it("reads raw child elements of RSS title and description", async () => {
    const feed = await parseFeedXml(
      rss(item("killed in <b>Kharkiv</b> when <i>two</i> bombs hit", "Strike on <b>Kharkiv</b> kills 5")),
    );
    expect(feed.items[0]).toMatchObject({
      title: "Strike on <b>Kharkiv</b> kills 5",
      description: "killed in <b>Kharkiv</b> when <i>two</i> bombs hit",
    });
  });

  it("reads HTML that is not XML inside a field (<br>, an unclosed <p>, a stray end tag)", async () => {
    const feed = await parseFeedXml(rss(item("<p>One<br>two <p>three</span> in Sumy")));
    expect(feed.items[0]?.description).toBe("<p>One<br>two <p>three</span> in Sumy");
  });

  it("ends a field left open at the end tag of its item", async () => {
    const xml = rss(
      `<item><title>First</title><description>Drone hit <b>Odesa</item>\n<item><title>Second</title></item>\n`,
    );
    const feed = await parseFeedXml(xml);
    expect(feed.items.map((entry) => [entry.title, entry.description])).toEqual([
      ["First", "Drone hit <b>Odesa"],
      ["Second", undefined],
    ]);
  });

  it("keeps CDATA as HTML in RSS and as text in Atom xhtml", async () => {
    const rssFeed = await parseFeedXml(rss(item("A <![CDATA[<b>Kyiv</b> & ]]><i>Lviv</i>")));
    const atom = await parseFeedXml(
      `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><content type="xhtml"><div>A <![CDATA[<b>]]> <i>Lviv</i></div></content></entry></feed>`,
    );
    expect(rssFeed.items[0]?.description).toBe("A <b>Kyiv</b> & <i>Lviv</i>");
    expect(atom.items[0]?.content).toBe("<div>A &lt;b&gt; <i>Lviv</i></div>");
  });

  it("escapes Atom plain text, so no `<` in it is taken for markup", async () => {
    const feed = await parseFeedXml(
      `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>3 &lt; 5 &amp; &lt;b&gt;</title></entry></feed>`,
    );
    expect(feed.items[0]?.title).toBe("3 &lt; 5 &amp; &lt;b&gt;");
  });

  it("decodes base64 (Atom 0.3) and reads nothing from binary content (Atom 1.0 image/png)", async () => {
    const html = Buffer.from("<p>Strike on <b>Sumy</b></p>").toString("base64");
    const feed = await parseFeedXml(
      `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><content type="text/html" mode="base64">${html}</content></entry>` +
        `<entry><id>2</id><content type="image/png">iVBORw0KGgo=</content></entry></feed>`,
    );
    expect(feed.items.map((entry) => entry.content)).toEqual(["<p>Strike on <b>Sumy</b></p>", ""]);
  });

  it("is not fooled by the placeholder character in the feed", async () => {
    const feed = await parseFeedXml(rss(item("real text", "\uE0000\uE000")));
    expect(feed.items[0]).toMatchObject({ title: "0", description: "real text" });
  });
});

describe("parseFeedXml: documents peers read", () => {
  it.each([
    ["an empty RSS root", `<rss version="2.0"/>`],
    ["an RSS root with text only", `<rss version="2.0">nothing yet</rss>`],
    ["an empty Atom root", `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="uk"></feed>`],
  ])("reads %s as a feed with no items", async (_name, xml) => {
    const feed: ParsedFeed = await parseFeedXml(xml);
    expect(feed.items).toEqual([]);
  });

  it("reads prefixed elements of the root's own namespace, and leaves <atom:link> in RSS alone", async () => {
    const rdf = await parseFeedXml(
      `<RDF:RDF xmlns:RDF="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/"><rss:channel><rss:title>R</rss:title></rss:channel><rss:item><rss:title>Item</rss:title><rss:link>https://a.example.org/r</rss:link></rss:item></RDF:RDF>`,
    );
    const withAtom = await parseFeedXml(
      `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><atom:link rel="self" href="https://a.example.org/feed.xml"/><link>https://a.example.org/</link><title>A</title></channel></rss>`,
    );
    expect(rdf).toMatchObject({ title: "R", items: [{ title: "Item", link: "https://a.example.org/r" }] });
    expect(withAtom).toMatchObject({ title: "A", link: "https://a.example.org/" });
  });

  it("salvages a document cut inside a text field", async () => {
    const xml = rss(item("Complete one")).replace(
      /<\/channel>[\s\S]*$/,
      "<item><title>Cut<description>Drone hit",
    );
    const feed = await parseFeedXml(xml);
    expect(feed.items.map((entry) => entry.description)).toEqual(["Complete one"]);
  });

  it("turns an Atom <link> holding its URL into one with an href", async () => {
    const feed = await parseFeedXml(
      `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><link>\n  https://a.example.org/1?a=1&amp;b=2\n</link></entry></feed>`,
    );
    expect(feed.items[0]?.link).toBe("https://a.example.org/1?a=1&b=2");
  });

  it("never takes an enclosure, a self or a related link for the article", async () => {
    const feed = await parseFeedXml(
      `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>tag:a,2025:1</id><link rel="enclosure" href="https://a.example.org/movie.mp4"/><link rel="related" href="https://b.example.org/"/></entry>` +
        `<entry><id>tag:a,2025:2</id><link rel="enclosure" href="https://a.example.org/movie.mp4"/><link href="https://a.example.org/2"/></entry></feed>`,
    );
    expect(feed.items.map((entry) => entry.link)).toEqual([undefined, "https://a.example.org/2"]);
  });

  it("takes a date from Atom 0.3 issued/created/modified and dcterms when there is no other", async () => {
    const feed = await parseFeedXml(
      `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><id>1</id><modified>2025-02-02T00:00:00Z</modified><issued>2025-02-01T10:00:00+02:00</issued></entry>` +
        `<entry><id>2</id><modified>2025-02-03T00:00:00Z</modified></entry><entry><id>3</id><issued>someday</issued></entry></feed>`,
    );
    expect(feed.items.map((entry) => entry.isoDate)).toEqual([
      "2025-02-01T08:00:00.000Z",
      "2025-02-03T00:00:00.000Z",
      undefined,
    ]);
  });
});

describe("parseFeedXml: refusals say what is wrong and where", () => {
  it("counts the lines before the XML and those of a dropped DOCTYPE", async () => {
    const xml = `PHP Warning: x\n\n<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN"\n  "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"><channel>\n<title>T</title>\n<item><guid a=b>x</guid></item>\n</channel></rss>`;
    expect((await parseError(xml)).reason).toMatch(
      /^malformed XML: Unquoted attribute value at line 8, column \d+$/,
    );
  });

  it("names an end tag that closes nothing open", async () => {
    expect((await parseError(rss("<item></entry>"))).reason).toBe(
      "malformed XML: Unexpected close tag </entry> where </item> was expected, at line 5, column 14",
    );
  });

  it("never passes on a JavaScript error message", async () => {
    const reasons = await Promise.all(
      [
        `<rss version="2.0"><channel><item><title>x</title></item><item>`,
        `<feed xmlns="http://www.w3.org/2005/Atom"><entry><link/><link rel="x"/></entry></feed>`,
        `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><title>x</title></rdf:RDF>`,
      ].map((xml) =>
        parseFeedXml(xml).then(
          () => "read",
          (error: FeedParseError) => error.reason,
        ),
      ),
    );
    for (const reason of reasons)
      expect(reason).not.toMatch(/undefined|properties|is not a function|TypeError/);
  });
});

describe("prepareFeedXml", () => {
  it("keeps the line breaks of what it replaces", () => {
    const xml = rss(item("line one\nline two\n<b>line three</b>"));
    const prepared = prepareFeedXml(xml);
    // The root's end tag is the last thing kept.
    expect(prepared.xml.split("\n").length).toBe(xml.trimEnd().split("\n").length);
  });
});
