import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeedFetchError } from "../../functions/feeds/fetch.js";
import { fetchFullText } from "../../functions/feeds/fulltext.js";
import { type FixtureServer, serve, startFixtureServer } from "../fixtures/feeds/server.js";

let srv: FixtureServer;
const test = { allowPrivateNetwork: true, connectTimeoutMs: 500, totalTimeoutMs: 1_000 };

const PARAGRAPH =
  "Russian forces struck a residential area of Kharkiv overnight with guided aerial bombs, the regional " +
  "governor said on Sunday. Three people were killed, including two children, and at least 36 were injured. ";

function articlePage(body: string, head = ""): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Strike on Kharkiv | Example News</title>${head}</head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Strike on Kharkiv</h1><p class="byline">By Olena Marchuk</p>${body}</article>
<footer>Cookie settings · Subscribe</footer><script>track()</script></body></html>`;
}

beforeAll(async () => {
  srv = await startFixtureServer();
});

afterAll(async () => {
  await srv.close();
});

describe("fetchFullText", () => {
  it("extracts the article with Readability, with links made absolute", async () => {
    // Prepare
    const body = `<p>${PARAGRAPH.repeat(3)}<a href="/photos/kharkiv">Photos</a></p><p>${PARAGRAPH.repeat(2)}</p>`;
    srv.route("/article", serve(articlePage(body), { "Content-Type": "text/html; charset=utf-8" }));

    // Act
    const page = await fetchFullText(srv.url("/article"), test);

    // Assess
    expect(page?.html).toContain("Three people were killed, including two children");
    expect(page?.html).toContain(`href="${srv.url("/photos/kharkiv")}"`);
    expect(page?.html).not.toContain("Cookie settings");
    expect(page?.html).not.toContain("track()");
    expect(page?.title).toContain("Strike on Kharkiv");
    expect(page?.byline).toBe("By Olena Marchuk");
  });

  it("decodes a windows-1251 page declared in <meta>", async () => {
    const text = "Внаслідок удару по Харкову загинули троє людей, серед них двоє дітей. ".repeat(12);
    const html = articlePage(`<p>${text}</p><p>${text}</p>`).replace(
      'charset="utf-8"',
      'charset="windows-1251"',
    );
    srv.route("/cp1251", serve(iconv.encode(html, "windows-1251"), { "Content-Type": "text/html" }));

    const page = await fetchFullText(srv.url("/cp1251"), test);

    expect(page?.html).toContain("Внаслідок удару по Харкову");
  });

  it("returns null for a page that is not HTML or has no article", async () => {
    srv.route("/pdf", serve("%PDF-1.4", { "Content-Type": "application/pdf" }));
    srv.route("/empty", serve("<html><body></body></html>", { "Content-Type": "text/html" }));

    expect(await fetchFullText(srv.url("/pdf"), test)).toBeNull();
    expect(await fetchFullText(srv.url("/empty"), test)).toBeNull();
  });

  it("is always guarded: a loopback article link is refused without allowPrivateNetwork", async () => {
    srv.route(
      "/internal",
      serve(articlePage(`<p>${PARAGRAPH.repeat(5)}</p>`), { "Content-Type": "text/html" }),
    );
    const before = srv.requests.length;

    const error = await fetchFullText(srv.url("/internal"), { guard: false }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(FeedFetchError);
    expect((error as FeedFetchError).message).toBe(
      `${srv.url("/internal")}: blocked address 127.0.0.1 (loopback)`,
    );
    expect(srv.requests.length).toBe(before);
  });

  it("applies the body cap", async () => {
    srv.route(
      "/huge-page",
      serve(articlePage(`<p>${PARAGRAPH.repeat(400)}</p>`), { "Content-Type": "text/html" }),
    );

    const error = await fetchFullText(srv.url("/huge-page"), { ...test, maxBytes: 20_000 }).catch(
      (e: unknown) => e,
    );

    expect((error as FeedFetchError).reason).toMatch(/^body exceeds 20000 bytes/);
  });
});
