import { describe, expect, it } from "vitest";
import { decodeEntities, htmlToText, looksLikeHtml } from "../../functions/core/html.js";
import { normalizeItem } from "../../functions/core/normalize.js";

const FEED = { feedUrl: "https://news.example.org/feed.xml", title: "News" };

function bodyOf(html: string): string {
  return normalizeItem(
    { link: "https://news.example.org/1", description: html },
    FEED,
    "2025-02-01T00:00:00Z",
  ).body;
}

describe("feed text: character references", () => {
  it("reads hex references in escaped HTML, which alone make text HTML", () => {
    expect(looksLikeHtml("It&#x2019;s Kyiv")).toBe(true);
    expect(bodyOf("It&#x2019;s the third night in Kyiv")).toBe("It\u2019s the third night in Kyiv");
  });

  it("reads references to U+0080–U+009F as windows-1252, as browsers do", () => {
    expect(decodeEntities("don&#146;t &#x93;stop&#x94; &#129;")).toBe("don\u2019t \u201cstop\u201d ");
  });
});

describe("feed text: elements dropped with their content", () => {
  it("drops only the tag of an unclosed <iframe> or <object>, not the article after it", () => {
    expect(
      htmlToText('<p>Before.</p><iframe src="https://v.example.org/1"><p>Two injured in Reni.</p>'),
    ).toBe("Before.\nTwo injured in Reni.");
    expect(htmlToText('<object data="x.swf"><p>Strike on Izmail.</p>')).toBe("Strike on Izmail.");
  });

  it("still drops an <iframe> with its end tag, and the rest of an unclosed <script>", () => {
    expect(htmlToText("<p>A</p><iframe>fallback text</iframe><p>B</p>")).toBe("A\nB");
    expect(htmlToText("<p>A</p><script>var x = 1; <p>B</p>")).toBe("A");
  });

  it("stays linear on many unclosed elements and on `<` that opens no tag", () => {
    // Prepare: each of these made the old pass rescan the rest of the text.
    const iframes = `${"<iframe>x ".repeat(50_000)}Kharkiv`;
    const opens = `${"<a title='x ".repeat(50_000)}Kharkiv`;

    // Act
    const started = performance.now();
    const texts = [htmlToText(iframes), htmlToText(opens)];
    const html = looksLikeHtml(opens);

    // Assess: a generous bound (each takes milliseconds).
    expect(texts[0]).toMatch(/^x x .* Kharkiv$/);
    expect(texts[1]).toMatch(/Kharkiv$/);
    expect(html).toBe(false);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
