/**
 * `strikewatch replay`: analyze stored articles of a time range again and, for a deployed stack,
 * move the feed dead letters back to the feed queue. Locally (`--data DIR`) the analyze step runs
 * in-process over the store; deployed (`--stack NAME`) the stack's outputs name the articles table,
 * the analyze function and the feed DLQ, article ids are read from the table and handed to the
 * analyze function in batches (`{"action":"reanalyze"}`), so the deployed code and its role do the
 * work. Credentials and region are the AWS SDK's usual ones (AWS_PROFILE, AWS_REGION, --region).
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { articleIdsFetchedBetween, DynamoArticleStore } from "../adapters/article-dynamo.js";
import { DynamoIncidentStore } from "../adapters/incident-dynamo.js";
import { DynamoAlertOutbox } from "../adapters/outbox-dynamo.js";
import { inRange, MAX_REANALYZE_IDS, type ReanalyzeResult, reanalyze } from "../app/replay.js";
import { type Config, subscriptionThresholds } from "../core/config.js";
import { resolveConfigRegions } from "../core/regions.js";
import { ARTICLES_TABLE, INCIDENTS_TABLE, OUTBOX_TABLE } from "../tables.js";
import type { Io, Printer } from "./output.js";
import { LocalPublisher } from "./publisher.js";
import { startLocalStore } from "./store.js";

/** A time given on the command line that is not one; names the flag. */
export class BadTimeError extends Error {
  constructor(flag: string, value: string) {
    super(`${flag} needs a date or time (2026-11-30 or 2026-11-30T06:00Z), not ${JSON.stringify(value)}`);
    this.name = "BadTimeError";
  }
}

/** `--from` / `--to` as ISO 8601 instants; a bare date is its day's start (from) or end (to). */
export function timeRange(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  const instant = (flag: string, value: string, endOfDay: boolean) => {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
    const time = Date.parse(day ? `${value}T${endOfDay ? "23:59:59.999" : "00:00:00.000"}Z` : value);
    if (!Number.isFinite(time)) throw new BadTimeError(flag, value);
    return new Date(time).toISOString();
  };
  return {
    ...(from !== undefined ? { from: instant("--from", from, false) } : {}),
    ...(to !== undefined ? { to: instant("--to", to, true) } : {}),
  };
}

/** What a replay did, as the last line says it. */
export interface ReplaySummary {
  articles: number;
  alerts: number;
  withheld: number;
  errors: number;
  redriven?: string;
}

/** Re-analyzes the stored articles of `range` in a local store; prints alerts as `run` does. */
export async function replayLocal(
  options: { data: string; config: Config; range: { from?: string; to?: string }; asOnTheDay: boolean },
  printer: Printer,
): Promise<ReplaySummary> {
  const { watched, subscriptions } = resolveConfigRegions(options.config);
  const store = await startLocalStore({ dataDir: options.data });
  try {
    const stored = (
      await new DynamoArticleStore(store.doc, store.tableName(ARTICLES_TABLE)).listStored()
    ).filter(({ article }) => inRange(article.fetchedAt, options.range));
    const publisher = new LocalPublisher();
    const report = await reanalyze(
      stored,
      {
        incidents: new DynamoIncidentStore(store.doc, store.tableName(INCIDENTS_TABLE)),
        outbox: new DynamoAlertOutbox(store.doc, store.tableName(OUTBOX_TABLE)),
        publisher,
        watched,
        thresholds: subscriptionThresholds(subscriptions),
        alertMaxAgeHours: options.config.alertMaxAgeHours,
      },
      { asOnTheDay: options.asOnTheDay },
    );
    for (const { articleId, error } of report.errors)
      printer.event(
        { type: "analyze-error", articleId, error },
        `analyze failed for ${articleId} (${error})`,
      );
    for (const { alert } of publisher.published) printer.alert(alert);
    return {
      articles: stored.length,
      alerts: publisher.published.length,
      withheld: report.analyses.reduce((total, analysis) => total + analysis.withheld.length, 0),
      errors: report.errors.length,
    };
  } finally {
    await store.close();
  }
}

/** A deployed stack that lacks an output this command needs (an older deployment). */
export class MissingOutputError extends Error {
  constructor(stack: string, output: string) {
    super(
      `stack ${stack} has no output ${output}: deploy this version of StrikeWatch first (npx cdk deploy)`,
    );
    this.name = "MissingOutputError";
  }
}

/** The outputs of a deployed stack, by key. */
export async function stackOutputs(
  stack: string,
  region: string | undefined,
): Promise<Record<string, string>> {
  // The deployed-stack clients load only for --stack: a local run starts without them.
  const { CloudFormationClient, DescribeStacksCommand } = await import("@aws-sdk/client-cloudformation");
  const cloudFormation = new CloudFormationClient(region ? { region } : {});
  try {
    const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stack }));
    return Object.fromEntries(
      (Stacks?.[0]?.Outputs ?? []).map((output) => [output.OutputKey ?? "", output.OutputValue ?? ""]),
    );
  } finally {
    cloudFormation.destroy();
  }
}

/**
 * Re-analyzes the articles of `range` in a deployed stack through its analyze function, in
 * batches; with `redrive`, asks SQS to move the feed dead letters back to the feed queue.
 */
export async function replayDeployed(
  options: {
    stack: string;
    region?: string;
    range: { from?: string; to?: string };
    asOnTheDay: boolean;
    redrive: boolean;
  },
  printer: Printer,
): Promise<ReplaySummary> {
  const outputs = await stackOutputs(options.stack, options.region);
  const need = (key: string) => {
    const value = outputs[key];
    if (!value) throw new MissingOutputError(options.stack, key);
    return value;
  };
  const table = need("ArticlesTableName");
  const functionName = need("AnalyzeFunctionName");
  const deadLetters = options.redrive ? need("FeedDeadLettersArn") : undefined;
  const [{ InvokeCommand, LambdaClient }, { SQSClient, StartMessageMoveTaskCommand }] = await Promise.all([
    import("@aws-sdk/client-lambda"),
    import("@aws-sdk/client-sqs"),
  ]);
  const config = options.region ? { region: options.region } : {};
  const dynamo = new DynamoDBClient(config);
  const lambda = new LambdaClient(config);
  const sqs = new SQSClient(config);
  const summary: ReplaySummary = { articles: 0, alerts: 0, withheld: 0, errors: 0 };
  try {
    const ids = await articleIdsFetchedBetween(DynamoDBDocumentClient.from(dynamo), table, options.range);
    for (let start = 0; start < ids.length; start += MAX_REANALYZE_IDS) {
      const batch = ids.slice(start, start + MAX_REANALYZE_IDS);
      const response = await lambda.send(
        new InvokeCommand({
          FunctionName: functionName,
          InvocationType: "RequestResponse",
          Payload: new TextEncoder().encode(
            JSON.stringify({ action: "reanalyze", ids: batch, asOnTheDay: options.asOnTheDay }),
          ),
        }),
      );
      const payload = response.Payload ? new TextDecoder().decode(response.Payload) : "null";
      if (response.FunctionError) {
        summary.errors += batch.length;
        printer.event(
          { type: "analyze-error", ids: batch, error: payload },
          `analyze failed for ${batch.length} articles from ${batch[0]}: ${payload}`,
        );
        continue;
      }
      const result = JSON.parse(payload) as ReanalyzeResult;
      summary.articles += result.analyzed;
      summary.alerts += result.queued;
      summary.withheld += result.withheld;
      summary.errors += result.errors.length;
      for (const { articleId, error } of result.errors)
        printer.event(
          { type: "analyze-error", articleId, error },
          `analyze failed for ${articleId} (${error})`,
        );
      printer.event(
        { type: "reanalyzed", ...result },
        `re-analyzed ${result.analyzed} articles: ${result.queued} alerts queued (${result.sent} sent, ${result.failed} failed), ${result.withheld} withheld${result.missing.length > 0 ? `, ${result.missing.length} gone` : ""}`,
      );
    }
    if (deadLetters) {
      const task = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: deadLetters }));
      summary.redriven = task.TaskHandle ?? "";
      printer.event(
        { type: "redrive", queue: deadLetters, taskHandle: task.TaskHandle ?? null },
        `moving the feed dead letters back to the feed queue (task ${task.TaskHandle})`,
      );
    }
    return summary;
  } finally {
    dynamo.destroy();
    lambda.destroy();
    sqs.destroy();
  }
}

/** The replay's last line. */
export function printReplaySummary(io: Io, json: boolean, summary: ReplaySummary): void {
  if (json) {
    io.out(JSON.stringify({ type: "replay-summary", ...summary }));
    return;
  }
  io.out(
    `replay: ${summary.articles} article${summary.articles === 1 ? "" : "s"} analyzed again, ${summary.alerts} alert${summary.alerts === 1 ? "" : "s"}, ${summary.withheld} withheld, ${summary.errors} error${summary.errors === 1 ? "" : "s"}${summary.redriven !== undefined ? "; feed dead letters moving back to the feed queue" : ""}`,
  );
}
