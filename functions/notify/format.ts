/**
 * How an alert reads in each chat service and in a generic webhook. The words come from the
 * alert's own email rendering (functions/core/alerts.ts: headline, When/Where/Toll/Victims/
 * Weapons/Targets, sources, evidence), so every channel says the same thing; this module only
 * lays them out within each service's documented limits and escapes them for its markup. Pure.
 *
 * - Slack incoming webhook: `text` (the notification fallback) + Block Kit `blocks`
 *   (header ≤ 150 characters, section text ≤ 3000, ≤ 10 fields of ≤ 2000).
 * - Discord execute webhook: one embed (title ≤ 256, description ≤ 4096, ≤ 25 fields with names
 *   ≤ 256 and values ≤ 1024, footer ≤ 2048, 6000 in all), mentions disabled.
 * - Telegram Bot API sendMessage: HTML parse mode with &, <, > and " escaped, ≤ 4096 characters.
 * - Generic webhook: a JSON document of the alert's fields (docs/webhooks.md).
 */
import type { RenderedAlert } from "../core/alerts.js";
import type { Incident } from "../core/incidents.js";

/** A source as the alert lists it. */
export interface SourceLine {
  /** "Publisher: Title (according to …)" */
  label: string;
  /** The link as the email shows it: an http(s) URL, or a seed's file name. */
  link: string;
}

/** The parts of an alert every channel lays out. */
export interface AlertView {
  /** "STRIKE — Poltava (Poltava Oblast)", "UPDATED TOLL — …" */
  headline: string;
  /** When, Where, Toll, Victims, Weapons, Targets (those the alert has), in that order. */
  fields: Array<{ label: string; value: string }>;
  sources: SourceLine[];
  evidence: string[];
  /** "StrikeWatch incident …, alert version N. Counts are …" */
  footer: string;
  incident: Incident;
}

/** Reads the layout of the alert's email: labelled lines, sources, evidence and the last line. */
export function alertView(alert: RenderedAlert): AlertView {
  const lines = alert.message.email.split("\n");
  const view: AlertView = {
    headline: lines[0] ?? alert.subject,
    fields: [],
    sources: [],
    evidence: [],
    footer: "",
    incident: (JSON.parse(alert.message.default) as { incident: Incident }).incident,
  };
  let section: "head" | "sources" | "evidence" = "head";
  for (const line of lines.slice(1)) {
    if (/^Sources \(\d+\):$/.test(line)) section = "sources";
    else if (line === "What the reports say:") section = "evidence";
    else if (line.startsWith("StrikeWatch incident ")) view.footer = line;
    else if (section === "head") {
      const field = /^([A-Z][a-z]+):\s+(.*)$/.exec(line);
      if (field?.[1] && field[2] !== undefined) view.fields.push({ label: field[1], value: field[2] });
    } else if (section === "sources") {
      if (line.startsWith("- ")) view.sources.push({ label: line.slice(2), link: "" });
      else if (line.startsWith("  ") && view.sources.length > 0) view.sources.at(-1)!.link = line.trim();
    } else if (line.startsWith("> ")) view.evidence.push(line.slice(2));
  }
  return view;
}

/** `text` in at most `limit` characters (UTF-16 units, as the services count), cut at a word and marked "…". */
export function clip(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const head = text.slice(0, Math.max(0, limit - 1));
  const space = head.lastIndexOf(" ");
  const cut = space > limit * 0.6 ? head.slice(0, space) : head;
  // Never leave half of a surrogate pair.
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

const isWebLink = (link: string) => /^https?:\/\//i.test(link);

// ---------------------------------------------------------------- Slack

/** Slack's mrkdwn control characters (https://api.slack.com/reference/surfaces/formatting#escaping). */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export const SLACK_LIMITS = { header: 150, sectionText: 3000, fieldText: 2000, fields: 10, blocks: 50 };

/** A Slack incoming-webhook message: `text` is what notifications show; the blocks are the message. */
export function slackMessage(alert: RenderedAlert): { text: string; blocks: unknown[] } {
  const view = alertView(alert);
  const blocks: unknown[] = [
    {
      type: "header",
      text: { type: "plain_text", text: clip(view.headline, SLACK_LIMITS.header), emoji: false },
    },
    {
      type: "section",
      fields: view.fields.slice(0, SLACK_LIMITS.fields).map((field) => ({
        type: "mrkdwn",
        text: clip(`*${field.label}*\n${escapeSlack(field.value)}`, SLACK_LIMITS.fieldText),
      })),
    },
  ];
  if (view.sources.length > 0) {
    const lines = view.sources.map((source) =>
      isWebLink(source.link)
        ? `• <${source.link.replace(/[<>|]/g, encodeURIComponent)}|${escapeSlack(source.label).replace(/\|/g, "¦")}>`
        : `• ${escapeSlack(source.label)} (${escapeSlack(source.link)})`,
    );
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: fitLines(`*Sources (${view.sources.length})*`, lines, SLACK_LIMITS.sectionText),
      },
    });
  }
  if (view.evidence.length > 0) {
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: fitLines(
          "*What the reports say*",
          view.evidence.map((sentence) => `> ${escapeSlack(sentence)}`),
          SLACK_LIMITS.sectionText,
        ),
      },
    });
  }
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: escapeSlack(view.footer) }] });
  return { text: alert.subject, blocks };
}

/** A title and as many whole lines as fit in `limit` characters. */
function fitLines(title: string, lines: string[], limit: number): string {
  let text = title;
  for (const line of lines) {
    if (text.length + 1 + line.length > limit) break;
    text += `\n${line}`;
  }
  return text;
}

// ---------------------------------------------------------------- Discord

export const DISCORD_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
};

/** Red for deaths, orange for injuries only. */
const DISCORD_COLOURS = { killed: 0xc0392b, injured: 0xe67e22 };

/** Discord's markdown characters, escaped so a headline or a quote cannot format or mention. */
export function escapeDiscord(text: string): string {
  return text
    .replace(/([\\*_~`|[\]])/g, "\\$1")
    .replace(/^([>#-])/gm, "\\$1")
    .replace(/@/g, "@\u200b");
}

/** A Discord execute-webhook body: one embed; no mention is ever parsed. */
export function discordMessage(alert: RenderedAlert): {
  username: string;
  allowed_mentions: { parse: string[] };
  embeds: Array<Record<string, unknown>>;
} {
  const view = alertView(alert);
  const title = clip(view.headline, DISCORD_LIMITS.title);
  const footer = clip(view.footer, DISCORD_LIMITS.footer);
  const fields = view.fields.slice(0, DISCORD_LIMITS.fields).map((field) => ({
    name: clip(field.label, DISCORD_LIMITS.fieldName),
    value: clip(escapeDiscord(field.value), DISCORD_LIMITS.fieldValue),
    inline: field.label !== "Where" && field.label !== "Toll",
  }));
  const used =
    title.length + footer.length + fields.reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  const sources = view.sources.map((source) =>
    isWebLink(source.link)
      ? `• [${escapeDiscord(source.label)}](${source.link.replace(/[()\s]/g, encodeURIComponent)})`
      : `• ${escapeDiscord(source.label)} (${escapeDiscord(source.link)})`,
  );
  const evidence = view.evidence.map((sentence) => `> ${escapeDiscord(sentence)}`);
  const room = Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.total - used);
  let description = fitLines(`**Sources (${view.sources.length})**`, sources, room);
  if (evidence.length > 0)
    description = fitLines(`${description}\n\n**What the reports say**`, evidence, room);
  const firstLink = view.sources.find((source) => isWebLink(source.link))?.link;
  const embed: Record<string, unknown> = {
    title,
    description: clip(description, room),
    color: alert.attributes.killed > 0 ? DISCORD_COLOURS.killed : DISCORD_COLOURS.injured,
    fields,
    footer: { text: footer },
    timestamp: view.incident.updatedAt,
  };
  if (firstLink) embed.url = firstLink;
  return { username: "StrikeWatch", allowed_mentions: { parse: [] }, embeds: [embed] };
}

// ---------------------------------------------------------------- Telegram

/** Telegram's HTML parse mode needs &, <, > (and " inside attributes) as entities. */
export function escapeTelegram(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export const TELEGRAM_TEXT_LIMIT = 4096;

/**
 * The sendMessage parameters of an alert. The HTML text is kept within 4096 characters counting
 * its tags and entities (stricter than Telegram, which counts the text after parsing), by dropping
 * whole evidence and source lines, never half a tag.
 */
export function telegramMessage(
  alert: RenderedAlert,
  chatId: string,
): {
  chat_id: string | number;
  text: string;
  parse_mode: "HTML";
  disable_web_page_preview: true;
  link_preview_options: { is_disabled: true };
} {
  const view = alertView(alert);
  const head = [
    `<b>${escapeTelegram(view.headline)}</b>`,
    "",
    ...view.fields.map((field) => `<b>${escapeTelegram(field.label)}:</b> ${escapeTelegram(field.value)}`),
  ];
  const sources = view.sources.map((source) =>
    isWebLink(source.link)
      ? `• <a href="${escapeTelegram(source.link)}">${escapeTelegram(source.label)}</a>`
      : `• ${escapeTelegram(source.label)} (${escapeTelegram(source.link)})`,
  );
  const evidence = view.evidence.map((sentence) => `<i>${escapeTelegram(sentence)}</i>`);
  const footer = `\n<code>${escapeTelegram(view.footer)}</code>`;
  const budget = TELEGRAM_TEXT_LIMIT - footer.length;
  let text = head.map((line) => clipTagged(line, budget)).join("\n");
  if (text.length > budget) text = escapeTelegram(clip(alert.subject, budget));
  text = fitLines(`${text}\n\n<b>Sources (${view.sources.length})</b>`, sources, budget);
  if (evidence.length > 0) text = fitLines(`${text}\n\n<b>What the reports say</b>`, evidence, budget);
  const numeric = /^-?\d+$/.test(chatId) && Number.isSafeInteger(Number(chatId));
  return {
    chat_id: numeric ? Number(chatId) : chatId,
    text: text + footer,
    parse_mode: "HTML",
    disable_web_page_preview: true,
    link_preview_options: { is_disabled: true },
  };
}

/** A line that may carry tags: left whole when it fits, else reduced to its text, escaped and clipped. */
function clipTagged(line: string, limit: number): string {
  if (line.length <= limit) return line;
  const plain = line
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
  return escapeTelegram(clip(plain, Math.floor(limit / 2)));
}

// ---------------------------------------------------------------- generic webhook

/** The JSON a generic webhook receives (docs/webhooks.md describes every field). */
export interface WebhookPayload {
  type: "alert";
  deliveryId: string;
  kind: RenderedAlert["kind"];
  version: number;
  incidentId: string;
  subject: string;
  sms: string;
  text: string;
  attributes: RenderedAlert["attributes"];
  incident: {
    kind: "strike" | "daily";
    date: string;
    dateKnown: boolean;
    place: Incident["place"];
    killed: Incident["killed"];
    injured: Incident["injured"];
    childrenKilled: Incident["childrenKilled"];
    childrenInjured: Incident["childrenInjured"];
    victims: Incident["victims"];
    weapons: string[];
    targets: string[];
    sources: Array<{ source: string; title: string | null; url: string; attributedTo: string | null }>;
    evidence: string[];
    updatedAt: string;
  };
}

/** The body of a generic webhook delivery. */
export function webhookPayload(alert: RenderedAlert, deliveryId: string): WebhookPayload {
  const { incident } = alertView(alert);
  return {
    type: "alert",
    deliveryId,
    kind: alert.kind,
    version: alert.version,
    incidentId: alert.incidentId,
    subject: alert.subject,
    sms: alert.message.sms,
    text: alert.message.email,
    attributes: alert.attributes,
    incident: {
      kind: incident.kind ?? "strike",
      date: incident.date,
      dateKnown: incident.dateKnown,
      place: incident.place,
      killed: incident.killed,
      injured: incident.injured,
      childrenKilled: incident.childrenKilled,
      childrenInjured: incident.childrenInjured,
      victims: incident.victims,
      weapons: incident.weapons,
      targets: incident.targets,
      sources: incident.sources.map((source) => ({
        source: source.source,
        title: source.title ?? null,
        url: publicLink(source.url),
        attributedTo: source.attributedTo,
      })),
      evidence: incident.evidence,
      updatedAt: incident.updatedAt,
    },
  };
}

/** A source URL as it may leave the machine: a seed's file: URL by its folder and name, never a local path. */
function publicLink(url: string): string {
  if (!url.startsWith("file:")) return url;
  return url.split(/[\\/]/).filter(Boolean).slice(-2).join("/");
}
