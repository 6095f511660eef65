/**
 * Re-analysis of stored articles: the recovery for a stream batch analyze gave up on (the stream
 * dead-letter queue holds only its description, and the stream keeps records for 24 hours), or for
 * articles analyzed by an older extractor. Shared by the analyze Lambda (`{"action":"reanalyze"}`,
 * driven by `strikewatch replay --stack`) and the local `strikewatch replay --data`. Re-analysis is
 * idempotent like the stream: an article already folded in changes nothing and queues nothing new.
 */
import type { Article } from "../core/article.js";
import {
  type AnalyzeDeps,
  type ArticleAnalysis,
  analyzeArticle,
  type DeliverDeps,
  type DeliveryReport,
  deliverPending,
} from "./analyze.js";

/** Most article ids one `{"action":"reanalyze"}` invocation takes (it must end well within the function's minute). */
export const MAX_REANALYZE_IDS = 25;

/** What the analyze function answers a re-analysis with, for the operator's terminal. */
export interface ReanalyzeResult {
  analyzed: number;
  missing: string[];
  queued: number;
  withheld: number;
  errors: Array<{ articleId: string; error: string }>;
  sent: number;
  failed: number;
}

/** A stored article and whether its feed's first poll stored it (a backfill). */
export interface StoredArticle {
  article: Article;
  backfill: boolean;
}

/** How to re-analyze. */
export interface ReanalyzeOptions {
  /**
   * Alert as on the day: no age bound and backfills alerted too (like `run --replay`). Off by
   * default, so re-analyzing last month withholds last month's alerts, as the stream would have.
   */
  asOnTheDay?: boolean;
}

/** What a re-analysis did: each article's analysis, the articles that failed, and the delivery pass. */
export interface ReanalyzeReport {
  analyses: ArticleAnalysis[];
  errors: Array<{ articleId: string; error: string }>;
  delivery: DeliveryReport;
}

/** Analyzes each article in turn (one failing does not stop the others), then delivers pending alerts. */
export async function reanalyze(
  stored: StoredArticle[],
  deps: AnalyzeDeps & DeliverDeps,
  options: ReanalyzeOptions = {},
): Promise<ReanalyzeReport> {
  const analyzeDeps: AnalyzeDeps = { ...deps };
  if (options.asOnTheDay) delete analyzeDeps.alertMaxAgeHours;
  const report: ReanalyzeReport = {
    analyses: [],
    errors: [],
    delivery: { sent: [], failed: [], skipped: 0 },
  };
  for (const { article, backfill } of stored) {
    try {
      report.analyses.push(
        await analyzeArticle(article, analyzeDeps, { backfill: backfill && !options.asOnTheDay }),
      );
    } catch (error) {
      report.errors.push({
        articleId: article.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  report.delivery = await deliverPending(deps);
  return report;
}

/** True when `fetchedAt` lies in [from, to] (ISO 8601 strings compare in time order); open ends allowed. */
export function inRange(fetchedAt: string, range: { from?: string; to?: string }): boolean {
  return (
    (range.from === undefined || fetchedAt >= range.from) && (range.to === undefined || fetchedAt <= range.to)
  );
}
