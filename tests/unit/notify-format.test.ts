/**
 * How an alert reads in Slack, Discord, Telegram and a generic webhook: each service's documented
 * shape and limits, escaping of its markup, and a webhook signature a receiver can verify.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type RenderedAlert, renderAlert } from "../../functions/core/alerts.js";
import { extract } from "../../functions/core/extract/index.js";
import { type Incident, newIncident } from "../../functions/core/incidents.js";
import {
  alertView,
  clip,
  DISCORD_LIMITS,
  discordMessage,
  escapeSlack,
  escapeTelegram,
  SLACK_LIMITS,
  slackMessage,
  TELEGRAM_TEXT_LIMIT,
  telegramMessage,
  webhookPayload,
} from "../../functions/notify/format.js";
import { signatureHeader, verifySignature } from "../../functions/notify/sign.js";
import { seedArticle } from "../helpers/seeds.js";

const NOW = "2026-11-22T04:00:00.000Z";

function seedAlert(seed = "000"): RenderedAlert {
  const article = seedArticle(seed);
  return renderAlert(newIncident(extract(article)[0]!, article, NOW), "new", 1);
}

/** An alert whose sources and evidence are far longer than any service takes, with markup in every field. */
function hostileAlert(): RenderedAlert {
  const article = seedArticle("000");
  const base = newIncident(extract(article)[0]!, article, NOW);
  const incident: Incident = {
    ...base,
    targets: ["<b>school</b> & <script>alert(1)</script>"],
    evidence: Array.from(
      { length: 40 },
      (_, index) => `Sentence ${index} says <i>"quoted"</i> & @everyone *bold* ${"word ".repeat(60)}.`,
    ),
    sources: Array.from({ length: 60 }, (_, index) => ({
      articleId: `a${index}`,
      source: `Outlet <${index}> & "Co"`,
      url: `https://news.example.org/${index}?a=1&b=<2>`,
      title: `Title ${index} | with <tags> & ${"long ".repeat(30)}`,
      attributedTo: null,
      seenAt: NOW,
    })),
  };
  return renderAlert(incident, "update", 2);
}

describe("alertView", () => {
  it("reads the headline, the labelled fields, the sources, the evidence and the footer of the alert's email", () => {
    // Act
    const view = alertView(seedAlert());

    // Assess
    expect(view.headline).toBe("STRIKE — Saltivskyi district, Kharkiv (Kharkiv Oblast)");
    expect(view.fields.map((field) => field.label)).toEqual([
      "When",
      "Where",
      "Toll",
      "Victims",
      "Weapons",
      "Targets",
    ]);
    expect(view.fields.find((field) => field.label === "Toll")?.value).toBe(
      "3 killed incl. 2 children, 36 injured",
    );
    expect(view.sources).toEqual([{ label: "Outlet 000", link: "seeds/000_c1778478273d7973.txt" }]);
    expect(view.evidence.length).toBeGreaterThan(0);
    expect(view.footer).toMatch(/^StrikeWatch incident [0-9a-f]+, alert version 1\./);
  });
});

describe("clip", () => {
  it("keeps text that fits and cuts the rest at a word with an ellipsis, within the limit", () => {
    expect(clip("short", 10)).toBe("short");
    expect(clip("one two three four five six", 16)).toBe("one two three…");
    expect(clip("x".repeat(50), 10)).toHaveLength(10);
  });

  it("never leaves half of a surrogate pair", () => {
    expect(clip(`${"a".repeat(8)}😀😀`, 10)).toBe(`${"a".repeat(8)}…`);
  });
});

describe("slackMessage", () => {
  it("carries the subject as the notification text and the alert as Block Kit blocks", () => {
    // Act
    const message = slackMessage(seedAlert());

    // Assess
    expect(message.text).toBe(seedAlert().subject);
    expect(message.blocks.map((block) => (block as { type: string }).type)).toEqual([
      "header",
      "section",
      "section",
      "section",
      "context",
    ]);
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: {
        type: "plain_text",
        text: "STRIKE — Saltivskyi district, Kharkiv (Kharkiv Oblast)",
        emoji: false,
      },
    });
  });

  it("escapes &, < and > and stays within Slack's block limits on a huge alert", () => {
    // Act
    const message = slackMessage(hostileAlert());
    const json = JSON.stringify(message.blocks);
    const sections = message.blocks.filter(
      (block) => (block as { type: string }).type === "section",
    ) as Array<{
      text?: { text: string };
      fields?: Array<{ text: string }>;
    }>;

    // Assess
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const section of sections) {
      if (section.text) expect(section.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      for (const field of section.fields ?? [])
        expect(field.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
    }
    expect(json).not.toContain("<script>");
    expect(json).toContain("&lt;script&gt;");
    expect(escapeSlack("a & <b>")).toBe("a &amp; &lt;b&gt;");
  });

  it("links web sources as <url|label>", () => {
    // Act
    const sources = (slackMessage(hostileAlert()).blocks[2] as { text: { text: string } }).text.text;

    // Assess
    expect(sources).toMatch(
      /^\*Sources \(60\)\*\n• <https:\/\/news\.example\.org\/0\?a=1&b=%3C2%3E\|Outlet &lt;0&gt;/,
    );
  });
});

describe("discordMessage", () => {
  it("sends one embed with the headline as title, fields, a colour, a footer, and no mentions", () => {
    // Act
    const message = discordMessage(seedAlert());
    const [embed] = message.embeds;

    // Assess
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(embed).toMatchObject({
      title: "STRIKE — Saltivskyi district, Kharkiv (Kharkiv Oblast)",
      color: 0xc0392b,
      timestamp: NOW,
      footer: { text: expect.stringMatching(/^StrikeWatch incident /) },
    });
    expect((embed!.fields as Array<{ name: string }>).map((field) => field.name)).toContain("Toll");
  });

  it("keeps title ≤ 256, description ≤ 4096, fields ≤ 25 and 6000 characters in all on a huge alert", () => {
    // Act
    const [embed] = discordMessage(hostileAlert()).embeds as Array<{
      title: string;
      description: string;
      fields: Array<{ name: string; value: string }>;
      footer: { text: string };
    }>;
    const total =
      embed!.title.length +
      embed!.description.length +
      embed!.footer.text.length +
      embed!.fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0);

    // Assess
    expect(embed!.title.length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
    expect(embed!.description.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(embed!.fields.length).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
    for (const field of embed!.fields)
      expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.total);
    expect(embed!.description).not.toMatch(/@everyone/);
  });

  it("clips a headline longer than 256 characters", () => {
    // Prepare
    const alert = seedAlert();
    const long = {
      ...alert,
      message: {
        ...alert.message,
        email: `STRIKE — ${"Place ".repeat(80)}\n${alert.message.email.split("\n").slice(1).join("\n")}`,
      },
    };

    // Act
    const [embed] = discordMessage(long).embeds as Array<{ title: string }>;

    // Assess
    expect(embed!.title.length).toBeLessThanOrEqual(256);
    expect(embed!.title.endsWith("…")).toBe(true);
  });
});

describe("telegramMessage", () => {
  it("is a sendMessage call in HTML parse mode without link previews, a numeric chat id as a number", () => {
    // Act
    const message = telegramMessage(seedAlert(), "-1001234567890");

    // Assess
    expect(message).toMatchObject({
      chat_id: -1001234567890,
      parse_mode: "HTML",
      disable_web_page_preview: true,
      link_preview_options: { is_disabled: true },
    });
    expect(message.text.startsWith("<b>STRIKE — Saltivskyi district")).toBe(true);
    expect(telegramMessage(seedAlert(), "@strikewatch_desk").chat_id).toBe("@strikewatch_desk");
  });

  it("escapes &, <, > and quotes, and keeps within 4096 characters, tags included, on a huge alert", () => {
    // Act
    const { text } = telegramMessage(hostileAlert(), "42");

    // Assess
    expect(text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(text).toContain('<a href="https://news.example.org/0?a=1&amp;b=&lt;2&gt;">');
    // Only the tags we write remain once they are taken out.
    expect(text.replace(/<\/?(b|i|code)>|<a href="[^"]*">|<\/a>/g, "")).not.toMatch(/[<>]/);
    expect(escapeTelegram(`a & <b> "c"`)).toBe("a &amp; &lt;b&gt; &quot;c&quot;");
  });
});

describe("webhookPayload and its signature", () => {
  it("carries the alert's fields and the incident's, with no local file path", () => {
    // Act
    const payload = webhookPayload(seedAlert(), "72d.v1.webhook-1");

    // Assess
    expect(payload).toMatchObject({
      type: "alert",
      deliveryId: "72d.v1.webhook-1",
      kind: "new",
      version: 1,
      attributes: { places: expect.arrayContaining(["Kharkiv Oblast", "UA"]), killed: 3, injured: 36 },
      incident: { victims: "civilian", killed: { min: 3 }, place: { admin1: "Kharkiv Oblast" } },
    });
    expect(payload.incident.sources[0]!.url).toBe("seeds/000_c1778478273d7973.txt");
  });

  it("signs t.<body> with HMAC-SHA256 in a header a receiver verifies with the known secret", () => {
    // Prepare
    const secret = "whsec_test_0123456789abcdef";
    const body = JSON.stringify(webhookPayload(seedAlert(), "d"));
    const now = new Date("2026-11-30T12:00:00Z");

    // Act
    const header = signatureHeader(secret, body, now);

    // Assess
    const expected = createHmac("sha256", secret).update(`1796040000.${body}`).digest("hex");
    expect(header).toBe(`t=1796040000,v1=${expected}`);
    expect(verifySignature(secret, body, header, now)).toBe(true);
    expect(verifySignature(secret, `${body} `, header, now)).toBe(false);
    expect(verifySignature("wrong secret", body, header, now)).toBe(false);
    expect(verifySignature(secret, body, header, new Date(now.getTime() + 301_000))).toBe(false);
    expect(verifySignature(secret, body, undefined, now)).toBe(false);
  });
});
