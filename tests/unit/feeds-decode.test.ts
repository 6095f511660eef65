import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { charsetFromContentType, decodeFeedBody, decodeHtmlBody } from "../../functions/feeds/decode.js";
import { fixture } from "../fixtures/feeds/server.js";

const TITLE = "Ракетний удар по Харкову: троє загиблих, серед них діти";

function feedIn(encoding: string | undefined, title = TITLE): string {
  const prolog = encoding ? `<?xml version="1.0" encoding="${encoding}"?>` : `<?xml version="1.0"?>`;
  return `${prolog}<rss version="2.0"><channel><title>${title}</title></channel></rss>`;
}

describe("decodeFeedBody: fixtures", () => {
  it.each([
    ["windows-1251.xml", undefined],
    ["koi8-u.xml", undefined],
    ["utf16.xml", undefined],
    ["bom-whitespace.xml", undefined],
    ["wrong-prolog-utf8.xml", undefined],
    ["windows-1251.xml", "application/rss+xml"],
    ["koi8-u.xml", "text/xml; charset=KOI8-U"],
  ])("%s (Content-Type %s) decodes the Cyrillic titles", (name, contentType) => {
    // Act
    const text = decodeFeedBody(fixture(name), contentType);

    // Assess
    expect(text).toContain(TITLE);
    expect(text).toContain("Ґрунтовні руйнування в Одесі");
    expect(text).toContain("Їхні сусіди");
    expect(text).not.toMatch(/encoding=/);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
  });
});

describe("decodeFeedBody: which declaration wins", () => {
  it("takes the charset of the Content-Type over the prolog", () => {
    const body = iconv.encode(feedIn("windows-1251"), "koi8-r");
    expect(decodeFeedBody(body, 'text/xml; charset="koi8-r"')).toContain("Ракетний удар");
  });

  it("prefers the prolog over a server-default ISO-8859-1 header", () => {
    const body = iconv.encode(feedIn("windows-1251"), "windows-1251");
    expect(decodeFeedBody(body, "text/xml; charset=ISO-8859-1")).toContain(TITLE);
  });

  it("prefers the prolog over a UTF-8 header when the bytes are not UTF-8", () => {
    const body = iconv.encode(feedIn("windows-1251"), "windows-1251");
    expect(decodeFeedBody(body, "application/rss+xml; charset=UTF-8")).toContain(TITLE);
  });

  it("reads valid UTF-8 as UTF-8 whatever single-byte charset the header claims", () => {
    const body = Buffer.from(feedIn(undefined), "utf8");
    expect(decodeFeedBody(body, "application/xml; charset=windows-1251")).toContain(TITLE);
  });

  it("keeps a single-byte declaration when the body is plain ASCII", () => {
    const body = Buffer.from(feedIn("iso-8859-1", "Kharkiv"), "ascii");
    expect(decodeFeedBody(body)).toBe(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Kharkiv</title></channel></rss>`,
    );
  });

  it("decodes ISO-8859-15 (the euro sign) and ISO-8859-5 (Cyrillic)", () => {
    const euro = iconv.encode(feedIn("ISO-8859-15", "Schaden: 2 Mio. €"), "iso-8859-15");
    const cyrillic = iconv.encode(feedIn("iso-8859-5", "Удар по Києву"), "iso-8859-5");
    expect(decodeFeedBody(euro)).toContain("Schaden: 2 Mio. €");
    expect(decodeFeedBody(cyrillic)).toContain("Удар по Києву");
  });

  it("detects UTF-16BE without a BOM and ignores a UTF-16 claim on ASCII-compatible bytes", () => {
    const be = iconv.encode(feedIn("UTF-16"), "utf-16be");
    const lying = Buffer.from(feedIn("UTF-16"), "utf8");
    expect(decodeFeedBody(be)).toContain(TITLE);
    expect(decodeFeedBody(lying, "text/xml; charset=utf-16")).toContain(TITLE);
  });

  it("lets a BOM win over every declaration", () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(feedIn("koi8-r"), "utf8")]);
    expect(decodeFeedBody(body, "text/xml; charset=windows-1251")).toContain(TITLE);
  });

  it("ignores unknown charset labels and sniffs bytes that are not UTF-8", () => {
    const body = iconv.encode(feedIn(undefined), "windows-1251");
    expect(decodeFeedBody(body, "text/xml; charset=x-unheard-of")).toContain(TITLE);
  });

  it("strips only the encoding pseudo-attribute of the prolog", () => {
    const text = decodeFeedBody(Buffer.from(`<?xml version="1.0" encoding='UTF-8' standalone="yes"?><rss/>`));
    expect(text).toBe(`<?xml version="1.0" standalone="yes"?><rss/>`);
  });
});

describe("charsetFromContentType", () => {
  it.each([
    ["text/xml; charset=Windows-1251", "windows-1251"],
    ['application/rss+xml;charset="utf-8"', "utf-8"],
    ["text/xml", undefined],
    ["text/xml; charset=bogus", undefined],
    [undefined, undefined],
  ])("%s → %s", (header, expected) => {
    expect(charsetFromContentType(header)).toBe(expected);
  });
});

describe("decodeHtmlBody", () => {
  it("reads <meta charset> when the header has none", () => {
    const page = `<html><head><meta charset="windows-1251"><title>${TITLE}</title></head></html>`;
    expect(decodeHtmlBody(iconv.encode(page, "windows-1251"), "text/html")).toContain(TITLE);
  });

  it("reads the http-equiv form", () => {
    const page = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-u"></head><body>${TITLE}</body></html>`;
    expect(decodeHtmlBody(iconv.encode(page, "koi8-u"))).toContain(TITLE);
  });

  it("falls back to windows-1252 for undeclared bytes that are not UTF-8", () => {
    expect(decodeHtmlBody(Buffer.from([0x93, 0x4b, 0x79, 0x69, 0x76, 0x94]))).toBe("\u201cKyiv\u201d");
  });
});
