import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeFeedBody } from "../../functions/feeds/decode.js";
import { FeedParseError, parseFeedXml } from "../../functions/feeds/parse.js";
import { fixture } from "../fixtures/feeds/server.js";

const VALID = [
  "rss2-cdata.xml",
  "atom-relative-links.xml",
  "rdf.xml",
  "windows-1251.xml",
  "duplicate-guids.xml",
  "bare-ampersand.xml",
].map((name) => decodeFeedBody(fixture(name)));

const NASTY = [
  "&",
  "<",
  ">",
  "]]>",
  "<![CDATA[",
  "<!--",
  "<!DOCTYPE rss [",
  '<!ENTITY x "y">',
  "&x;",
  "&nbsp;",
  "&#0;",
  "&#x110000;",
  "<item>",
  "</item>",
  "<entry>",
  "</channel>",
  "</rss>",
  '"',
  "\u0000",
  "\uFEFF",
  "\uD800",
  "<?xml version='1.0' encoding='koi8-r'?>",
  "<link/>",
  "<published>yesterday</published>",
  "<guid/>",
];

/** A valid feed with a few random edits: cuts, deletions, insertions of nasty tokens, duplications. */
const mutatedFeed = fc
  .tuple(
    fc.constantFrom(...VALID),
    fc.array(
      fc.tuple(
        fc.constantFrom("cut", "delete", "insert", "duplicate"),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 8 })),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([text, edits]) =>
    edits.reduce((current, [kind, a, b, token]) => {
      const at = Math.floor(a * current.length);
      const span = Math.floor(b * 200);
      if (kind === "cut") return current.slice(0, at);
      if (kind === "delete") return current.slice(0, at) + current.slice(at + span);
      if (kind === "insert") return current.slice(0, at) + token + current.slice(at);
      return current.slice(0, at + span) + current.slice(at, at + span) + current.slice(at + span);
    }, text),
  );

/** Parses and checks the result's shape; only FeedParseError may come out. */
async function parsesOrRefuses(text: string): Promise<void> {
  try {
    const feed = await parseFeedXml(text);
    expect(Array.isArray(feed.items)).toBe(true);
    for (const item of feed.items) {
      for (const field of ["title", "link", "guid", "pubDate", "isoDate", "content", "description"]) {
        if (item[field] !== undefined) expect(typeof item[field]).toBe("string");
      }
    }
    const guids = feed.items.map((item) => item.guid).filter((guid) => guid !== undefined);
    expect(new Set(guids).size).toBe(guids.length);
  } catch (error) {
    if (!(error instanceof FeedParseError)) throw error;
    expect(error.reason.length).toBeGreaterThan(0);
  }
}

describe("decode → parse never crash", () => {
  it("random bytes with random Content-Type headers", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 600 }),
        fc.option(
          fc.oneof(
            fc.string(),
            fc.constantFrom(
              "text/xml; charset=windows-1251",
              "application/xml; charset=utf-16",
              "text/xml; charset=koi8-u",
            ),
          ),
          { nil: undefined },
        ),
        async (bytes, contentType) => {
          const text = decodeFeedBody(Buffer.from(bytes), contentType);
          expect(typeof text).toBe("string");
          await parsesOrRefuses(text);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("random bytes behind a valid XML declaration and root", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        const body = Buffer.concat([
          Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel>'),
          Buffer.from(bytes),
        ]);
        await parsesOrRefuses(decodeFeedBody(body));
      }),
      { numRuns: 300 },
    );
  });

  it("mutated valid feeds", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedFeed, async (text) => {
        await parsesOrRefuses(text);
      }),
      { numRuns: 600 },
    );
  });

  it("mutated valid feeds re-encoded in a declared single-byte charset", async () => {
    await fc.assert(
      fc.asyncProperty(
        mutatedFeed,
        fc.constantFrom("windows-1251", "koi8-u", "iso-8859-5"),
        async (text, charset) => {
          const body = Buffer.from(text, "latin1");
          await parsesOrRefuses(decodeFeedBody(body, `text/xml; charset=${charset}`));
        },
      ),
      { numRuns: 200 },
    );
  });
});
