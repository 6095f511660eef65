/**
 * The naive merge that turns the keyword extractor's guesses into alerts, so the pipeline sets have a
 * floor too: one incident per oblast and publication day; the first alertable report alerts ("new"),
 * a later report with a higher toll updates it. Alerts come out as the CLI's JSON alert lines.
 */
import type { AlertLine } from "./cli.js";
import type { Prediction } from "./model.js";

/** One report for the naive merge, in arrival order. */
export interface MergeInput {
  articleId: string;
  publishedAt?: string;
  predictions: Prediction[];
}

/** Alerts of the naive merge over `reports`, in order. */
export function naiveAlerts(reports: MergeInput[]): AlertLine[] {
  const incidents = new Map<string, { killed: number; articleIds: string[] }>();
  const alerts: AlertLine[] = [];
  for (const report of reports) {
    for (const p of report.predictions.filter((prediction) => prediction.alertable)) {
      const incidentId = `${p.admin1 ?? p.name}@${report.publishedAt?.slice(0, 10) ?? "undated"}`;
      const killed = p.killed?.min ?? 0;
      const known = incidents.get(incidentId);
      const place = { name: p.name, admin1: p.admin1, country: p.country };
      if (!known) {
        incidents.set(incidentId, { killed, articleIds: [report.articleId] });
        alerts.push({
          type: "alert",
          kind: "new",
          incidentId,
          place,
          killed: p.killed,
          articleIds: [report.articleId],
        });
        continue;
      }
      if (!known.articleIds.includes(report.articleId)) known.articleIds.push(report.articleId);
      if (killed <= known.killed) continue;
      known.killed = killed;
      alerts.push({
        type: "alert",
        kind: "update",
        incidentId,
        place,
        killed: p.killed,
        articleIds: [...known.articleIds],
      });
    }
  }
  return alerts;
}
