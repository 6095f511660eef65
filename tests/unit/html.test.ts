import { describe, expect, it } from "vitest";
import { decodeEntities, htmlToText, looksLikeHtml } from "../../functions/core/html.js";

describe("htmlToText", () => {
  it("puts paragraphs on lines and folds whitespace inside them", () => {
    const html =
      "<p>Three people were   killed\n in Poltava.</p><p>Ten were <b>wounded</b>.</p><br/>Rescue goes on";
    expect(htmlToText(html)).toBe("Three people were killed in Poltava.\nTen were wounded.\nRescue goes on");
  });

  it("drops scripts, styles and comments with their content", () => {
    const html = "<div>News<script>alert('x')</script><style>p{}</style><!-- ad --> text</div>";
    expect(htmlToText(html)).toBe("News text");
  });

  it("decodes named, decimal and hex entities", () => {
    expect(htmlToText("<p>Kharkiv&rsquo;s &ldquo;Saltivka&rdquo; &amp; more&nbsp;&#8212; &#x2014;</p>")).toBe(
      "Kharkiv’s “Saltivka” & more — —",
    );
  });

  it("keeps a stray '<' that is not a tag", () => {
    expect(htmlToText("<p>fewer than 5 < 7 people</p>")).toBe("fewer than 5 < 7 people");
  });
});

describe("decodeEntities", () => {
  it("decodes every HTML 4 entity and drops soft hyphens and zero-width marks", () => {
    expect(decodeEntities("&Omega;&hearts;&lowast;&eacute; co&shy;op&zwj;")).toBe("Ω♥∗é coop");
  });

  it("leaves unknown entities as written and replaces invalid code points", () => {
    expect(decodeEntities("&bogus; &#0; &#xD800;")).toBe("&bogus; \ufffd \ufffd");
  });
});

describe("looksLikeHtml", () => {
  it("tells markup from plain text", () => {
    expect(looksLikeHtml("<p>x</p>")).toBe(true);
    expect(looksLikeHtml("5 < 7 and 8 > 3")).toBe(false);
  });
});
