/**
 * What the runner prints. Text for people; with --json one JSON object per line with a `type`
 * field — a public contract for scripts, so field names here do not change.
 */
import type { RenderedAlert } from "../core/alerts.js";
import type { Article } from "../core/article.js";
import type { Incident } from "../core/incidents.js";
import type { FeedSource } from "../ports.js";

/** Where output goes; tests capture it. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** The console. */
export const consoleIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** The run summary. */
export interface Summary {
  feeds: number;
  stored: number;
  known: number;
  notModified: number;
  skipped: number;
  feedErrors: number;
  itemErrors: number;
  alerts: number;
  ms: number;
  /** Articles stored by a feed's first poll (a backfill: merged, not alerted). */
  backfill: number;
  /** Alerts withheld: their article was a backfill or their event older than the age bound. */
  withheld: number;
  /** Articles stored with their body cut to fit the store. */
  truncated: number;
}

/** Prints run events as text or JSON lines. */
export class Printer {
  constructor(
    private readonly io: Io,
    private readonly json: boolean,
  ) {}

  article(article: Article, feed: FeedSource): void {
    if (this.json) {
      this.line({
        type: "article",
        id: article.id,
        title: article.title ?? null,
        source: article.source,
        url: article.url,
        feed: feed.url,
      });
      return;
    }
    this.io.out(`stored  ${article.id}  ${article.source}  ${headline(article)}`);
  }

  feedError(feed: string, error: string): void {
    if (this.json) this.line({ type: "feed-error", feed, error });
    else this.io.err(`feed error  ${error.startsWith(feed) ? error : `${feed}: ${error}`}`);
  }

  itemError(feed: string, error: string): void {
    if (this.json) this.line({ type: "item-error", feed, error });
    else this.io.err(`item skipped  ${error}`);
  }

  /** An alert as its SMS and email read; with --json the alert record of the contract. */
  alert(alert: RenderedAlert): void {
    const { incident } = JSON.parse(alert.message.default) as { incident: Incident };
    if (this.json) {
      const count = (value: Incident["killed"]) =>
        value ? { min: value.min, approximate: value.approximate } : null;
      this.line({
        type: "alert",
        kind: alert.kind,
        incidentId: alert.incidentId,
        place: { name: incident.place.name, admin1: incident.place.admin1, country: incident.place.country },
        killed: count(incident.killed),
        injured: count(incident.injured),
        victims: incident.victims,
        articleIds: incident.sources.map((source) => source.articleId),
        sms: alert.message.sms,
        subject: alert.subject,
      });
      return;
    }
    const rule = "-".repeat(72);
    this.io.out(rule);
    this.io.out(`ALERT (${alert.kind})  incident ${alert.incidentId}`);
    this.io.out(`SMS:     ${alert.message.sms}`);
    this.io.out(`Subject: ${alert.subject}`);
    this.io.out("");
    for (const line of alert.message.email.split("\n")) this.io.out(`  ${line}`);
  }

  /** Any other JSON-lines event. */
  event(record: { type: string } & Record<string, unknown>, text: string): void {
    if (this.json) this.line(record);
    else this.io.out(text);
  }

  summary(summary: Summary): void {
    if (this.json) {
      this.line({ type: "summary", ...summary });
      return;
    }
    const parts = [
      `${summary.stored} new article${summary.stored === 1 ? "" : "s"} from ${summary.feeds} feed${summary.feeds === 1 ? "" : "s"}`,
      `${summary.known} already stored`,
    ];
    if (summary.notModified) parts.push(`${summary.notModified} not modified`);
    if (summary.skipped) parts.push(`${summary.skipped} backing off`);
    parts.push(`${summary.feedErrors} feed error${summary.feedErrors === 1 ? "" : "s"}`);
    if (summary.itemErrors) parts.push(`${summary.itemErrors} items skipped`);
    if (summary.truncated) parts.push(`${summary.truncated} cut to fit the store`);
    parts.push(`${summary.alerts} alert${summary.alerts === 1 ? "" : "s"}`);
    // The note goes first, so the summary stays the last line.
    if (summary.withheld > 0) {
      const why = summary.backfill > 0 ? "a feed's first poll is a backfill, and " : "";
      this.io.out(
        `note: ${summary.withheld} alert${summary.withheld === 1 ? "" : "s"} withheld: ${why}events older than the age bound are not alerted (--replay alerts as on the day)`,
      );
    }
    this.io.out(`summary: ${parts.join(", ")} (${summary.ms} ms)`);
  }

  private line(record: Record<string, unknown>): void {
    this.io.out(JSON.stringify(record));
  }
}

/** The title, or the first words of the body when there is none. */
export function headline(article: Article, words = 12): string {
  if (article.title) return article.title;
  const first = article.body.split(/\s+/).slice(0, words).join(" ");
  return article.body.length > first.length ? `${first} …` : first;
}
