/**
 * The Atom 1.0 feed (RFC 4287) of alerts: one entry per alert version sent, with an id that never
 * changes (a tag URI of the incident and version), so a feed reader shows each alert once and an
 * update as a new entry. Pure.
 */
import type { WatchedRegion } from "../core/alerts.js";
import { regionToken } from "../core/regions.js";
import type { AlertEntry } from "./list.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text escaped for XML content and attribute values. */
export function xmlEscape(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** The stable id of an alert version's entry. */
export function entryId(incidentId: string, version: number): string {
  return `tag:strikewatch,2026:alert/${incidentId}/v${version}`;
}

/** What the feed document needs besides its entries. */
export interface FeedContext {
  region?: WatchedRegion;
  /** The feed's own URL (path and query; absolute when `origin` is known). */
  selfPath: string;
  /** "https://host" when known: links are made absolute; else they stay relative to the feed. */
  origin?: string;
}

/** The Atom document of the entries (newest first). */
export function atomFeed(entries: AlertEntry[], context: FeedContext): string {
  const base = context.origin ?? "";
  const where = context.region ? regionToken(context.region) : "all regions";
  const updated =
    entries
      .map((entry) => entry.record.sentAt ?? entry.record.createdAt)
      .sort()
      .at(-1) ?? "1970-01-01T00:00:00.000Z";
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom">`,
    `  <id>tag:strikewatch,2026:alerts/${xmlEscape(encodeURIComponent(where))}</id>`,
    `  <title>StrikeWatch alerts: ${xmlEscape(where)}</title>`,
    `  <subtitle>Strikes that killed or injured civilians, one entry per alert and per toll update</subtitle>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(base + context.selfPath)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(`${base}/`)}"/>`,
    `  <author><name>StrikeWatch</name></author>`,
    `  <generator>StrikeWatch</generator>`,
  ];
  for (const { incident, record } of entries) {
    const at = record.sentAt ?? record.createdAt;
    const place = incident.place.admin1 ?? incident.place.name;
    lines.push(
      `  <entry>`,
      `    <id>${entryId(incident.id, record.version)}</id>`,
      `    <title>${xmlEscape(record.alert.subject)}</title>`,
      `    <updated>${at}</updated>`,
      `    <published>${at}</published>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(`${base}/#/incident/${incident.id}`)}"/>`,
      `    <link rel="related" type="application/json" href="${xmlEscape(`${base}/api/incidents/${incident.id}`)}"/>`,
      `    <category term="${xmlEscape(place)}"/>`,
      `    <category term="${record.alert.kind}"/>`,
      `    <summary type="text">${xmlEscape(record.alert.message.sms)}</summary>`,
      `    <content type="text">${xmlEscape(record.alert.message.email)}</content>`,
      `  </entry>`,
    );
  }
  lines.push(`</feed>`, "");
  return lines.join("\n");
}
