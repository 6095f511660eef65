/**
 * A time budget for the CPU work on one feed body (decode, scan, parse). The fetch has its own
 * timeouts; this bounds what comes after, so one hostile body cannot hold a poll until the
 * function's timeout. Checked between stages and every few thousand tokens inside them.
 */
import { FeedParseError } from "./errors.js";

/**
 * Default budget per feed. 5 MB of items (the fetch's size cap) decodes and parses in 0.3–0.8 s on
 * a busy two-core machine, a realistic 1 MB feed in a tenth of that; the poll function's 512 MB
 * share of a core is about three times slower. And a batch of five feeds that each use up the
 * fetch's 20 s and this budget still ends inside the poll function's two minutes.
 */
export const DEFAULT_PARSE_BUDGET_MS = 3_000;

/** The body took longer than its budget to read; the feed is refused with a message that names the budget. */
export class ParseBudgetError extends FeedParseError {
  constructor(readonly budgetMs: number) {
    super(`parse took longer than ${budgetMs / 1000} s`);
    this.name = "ParseBudgetError";
  }
}

/** A deadline started now; `check()` throws ParseBudgetError once it has passed. */
export class ParseBudget {
  private readonly deadline: number;

  constructor(
    readonly ms: number = DEFAULT_PARSE_BUDGET_MS,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.deadline = clock() + ms;
  }

  /** Throws ParseBudgetError when the budget is spent. */
  check(): void {
    if (this.clock() >= this.deadline) throw new ParseBudgetError(this.ms);
  }
}
