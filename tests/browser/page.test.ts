/**
 * The page in a real headless Chromium (Debian's, driven by playwright-core), served by `strikewatch
 * serve`'s server over a store the seeds filled: the map and the list load, a region filter (and a
 * misspelt one's suggestion) narrows the list, an incident shows its sources, evidence and alerts,
 * the keyboard alone gets there, a phone sees one column. Screenshots go to test-output/screenshots/.
 * Without Chromium the suite is skipped with how to install it, except under CI=true, where it fails.
 */
import { existsSync, mkdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../functions/local/cli.js";
import { type RunningServer, startServer } from "../../functions/local/serve.js";
import { type LocalStore, startLocalStore } from "../../functions/local/store.js";

const CHROMIUM = process.env.STRIKEWATCH_CHROMIUM ?? "/usr/bin/chromium";
const SCREENSHOTS = join(import.meta.dirname, "../../test-output/screenshots");
const available = existsSync(CHROMIUM);

if (!available) {
  const how = `Chromium is not installed at ${CHROMIUM}: the browser tests of the page are skipped. Install it with: sudo apt-get install chromium`;
  if (process.env.CI === "true") throw new Error(`${how} (CI=true: a missing browser is a failure)`);
  console.warn(`\n*** ${how} ***\n`);
}

describe.runIf(available)("the page in Chromium", () => {
  let dir: string;
  let store: LocalStore;
  let server: RunningServer;
  let browser: Browser;
  /** Requests the pages made to anywhere but the local server. */
  const outside: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "strikewatch-page-"));
    const io = { out: () => {}, err: (line: string) => problems.push(line) };
    expect(await main(["run", "--data", dir], io)).toBe(0);
    store = await startLocalStore({ dataDir: dir });
    server = await startServer(store, {
      port: 0,
      onError: (error) => problems.push(`server: ${(error as Error).stack}`),
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A fresh page at the server's URL (plus `hash`), with the list loaded. */
  async function open(
    hash = "",
    viewport = { width: 1280, height: 800 },
    options: { isMobile?: boolean } = {},
  ): Promise<Page> {
    const context = await browser.newContext({
      viewport,
      ...(options.isMobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    });
    const page = await context.newPage();
    page.on("request", (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith("data:"))
        outside.push(request.url());
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      // The misspelt region's 400 is the answer the filter test asks for; anything else is a problem.
      if (message.type() === "error" && !message.text().includes("status of 400"))
        problems.push(`console: ${message.text()}`);
    });
    await page.goto(`${server.url}${hash}`);
    await page.waitForSelector("#list li");
    return page;
  }

  const listed = (page: Page) => page.locator("#list li .place").allTextContents();

  it("shows the seeds' incidents in the list and on the map over the bundled base layer", async () => {
    // Act
    const page = await open();
    await expect.poll(() => page.locator(".leaflet-overlay-pane path").count()).toBeGreaterThan(30);

    // Assess
    expect(await listed(page)).toHaveLength(7);
    expect(await listed(page)).toEqual(
      expect.arrayContaining(["Poltava, Poltava Oblast", "Sumy, Sumy Oblast", "Belgorod, Belgorod Oblast"]),
    );
    expect(await page.locator("#status").textContent()).toBe("7 incidents, newest first.");
    expect(await page.locator("path.leaflet-interactive").count()).toBe(7);
    const fields = await page.locator("input, select").evaluateAll((all) => all.map((field) => field.id));
    for (const id of fields) expect(await page.locator(`label[for="${id}"]`).count()).toBe(1);
    expect(fields).toHaveLength(6);
    await page.screenshot({ path: join(SCREENSHOTS, "desktop.png") });
    await page.context().close();
  });

  it("filters by region, and offers the nearest names for a misspelt one", async () => {
    // Prepare
    const page = await open();

    // Act
    await page.fill("#f-region", "Sumy Oblast");
    await page.click("button[type=submit]");
    await expect.poll(() => page.locator("#list li").count()).toBe(1);
    const sumy = await listed(page);
    await page.fill("#f-region", "Kharkov Oblastt");
    await page.click("button[type=submit]");
    const error = await page.locator("#filter-error").textContent();
    await page.click("text=Use Kharkiv Oblast");
    await expect.poll(() => page.locator("#list li").count()).toBe(4);
    const kharkiv = await listed(page);

    // Assess
    expect(sumy).toEqual(["Sumy, Sumy Oblast"]);
    expect(error).toMatch(/unknown region "Kharkov Oblastt"; did you mean Kharkiv Oblast/);
    expect(new Set(kharkiv)).toEqual(
      new Set(["Kharkiv, Kharkiv Oblast", "Saltivskyi district, Kharkiv Oblast"]),
    );
    expect(page.url()).toContain("region=Kharkiv+Oblast");
    expect(await page.inputValue("#f-region")).toBe("Kharkiv Oblast");
    await page.context().close();
  });

  it("opens an incident with its toll history, sources, evidence and the alert sent", async () => {
    // Prepare
    const page = await open();

    // Act
    await page.click("#list a:has-text('Poltava')");
    await page.waitForSelector("#incident-heading");

    // Assess
    expect(await page.locator("#incident-heading").textContent()).toBe("Poltava, Poltava Oblast");
    expect(await page.locator("#incident h3").allTextContents()).toEqual([
      "Toll history",
      "Sources (2)",
      "What the reports say",
      "Alerts sent",
    ]);
    expect(await page.locator("#incident .sources li").count()).toBe(2);
    expect(await page.locator("#incident blockquote").first().textContent()).toMatch(/Poltava/);
    expect(await page.locator("#incident").textContent()).toMatch(/Alert 1 sent .*: Strike on Poltava/);
    expect(await page.locator("#incident tbody tr").first().textContent()).toMatch(/^.*3\s*10\s*alert 1$/);
    await page.screenshot({ path: join(SCREENSHOTS, "desktop-incident.png") });
    await page.click("text=Back to the list");
    await page.waitForSelector("#list-view:not([hidden])");
    expect(await page.locator(":focus").getAttribute("id")).toBe("list-heading");
    await page.context().close();
  });

  it("gets from the filters to an incident and back with the keyboard alone", async () => {
    // Prepare
    const page = await open();
    const focused = async () => {
      const element = page.locator(":focus");
      return (await element.getAttribute("id")) || (await element.textContent());
    };

    // Act: Tab to the skip link, follow it, Tab to the first incident, open it, Escape back.
    await page.keyboard.press("Tab");
    const skip = await focused();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    const first = await focused();
    await page.keyboard.press("Enter");
    await page.waitForSelector("#incident-heading");
    const opened = await focused();
    await page.keyboard.press("Escape");
    await page.waitForSelector("#list-view:not([hidden])");
    const back = await focused();
    // The region field, typed into and submitted with Enter.
    await page.focus("#f-region");
    await page.keyboard.type("Poltava Oblast");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#list li").count()).toBe(1);

    // Assess
    expect(skip).toBe("Skip to the list of incidents");
    expect(first).toMatch(/Kharkiv|Saltivskyi|Belgorod|Poltava|Sumy/);
    expect(opened).toBe("incident-heading");
    expect(back).toBe("list-heading");
    expect(await listed(page)).toEqual(["Poltava, Poltava Oblast"]);
    await page.context().close();
  });

  it("fits a phone: one column, no sideways scrolling, filters folded away", async () => {
    // Act
    const page = await open("", { width: 390, height: 844 }, { isMobile: true });
    await expect.poll(() => page.locator(".leaflet-overlay-pane path").count()).toBeGreaterThan(30);

    // Assess
    expect(await page.locator("html").evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.locator("#filter-box").getAttribute("open")).toBeNull();
    expect(await listed(page)).toHaveLength(7);
    await page.screenshot({ path: join(SCREENSHOTS, "phone.png") });
    await page.click("#list a:has-text('Sumy')");
    await page.waitForSelector("#incident-heading");
    await page.screenshot({ path: join(SCREENSHOTS, "phone-incident.png"), fullPage: true });
    await page.context().close();
  });

  it("asked nothing of any other server and logged no error", () => {
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
  });
});
