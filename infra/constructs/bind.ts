/**
 * Bind helpers: each gives a function an environment variable AND the permission that goes with
 * it, in one call, so a function never holds a name it may not use or a grant it cannot find.
 * Variable names come from functions/tables.ts (a table spec's `envVar`, `ENV.*`).
 */
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { DynamoEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import type { Topic } from "aws-cdk-lib/aws-sns";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { acknowledge } from "./nag.js";
import type { SpecTable } from "./table.js";

/** A DynamoDB item action a StrikeWatch function makes (the adapters' calls, one for one). */
export type TableAction = "GetItem" | "PutItem" | "UpdateItem" | "DeleteItem" | "Query" | "Scan";

/** What a function does with a table: the actions on its items, and the queries of named indexes. */
export interface TableUse {
  items: TableAction[];
  /** Index name → actions on it (a Query of the outbox's pending index). */
  indexes?: Record<string, Array<"Query" | "Scan">>;
}

/** Lambda rejects a function whose variables exceed 4 KB in total; one JSON value may use 3 KB of it. */
const MAX_JSON_ENV_BYTES = 3 * 1024;

/** An index the table's spec does not have. */
export class UnknownIndexError extends Error {
  constructor(table: string, index: string) {
    super(`${table} has no index ${index} (see functions/tables.ts)`);
    this.name = "UnknownIndexError";
  }
}

/**
 * Sets the table's spec env var to its name and grants exactly the item actions the function's
 * adapters call, on the table, and on each named index only (never `<table>/index/*`).
 */
export function bindTable(fn: NodejsFunction, table: SpecTable, use: TableUse): void {
  fn.addEnvironment(table.spec.envVar, table.tableName);
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: [...new Set(use.items)].sort().map((action) => `dynamodb:${action}`),
      resources: [table.tableArn],
    }),
  );
  for (const [index, actions] of Object.entries(use.indexes ?? {})) {
    if (!table.spec.indexes?.some((spec) => spec.name === index))
      throw new UnknownIndexError(table.spec.logicalName, index);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: [...new Set(actions)].sort().map((action) => `dynamodb:${action}`),
        resources: [`${table.tableArn}/index/${index}`],
      }),
    );
  }
}

/** Sets `envVar` to the queue's URL and grants sending to it (SendMessage covers SendMessageBatch; no receive, no delete). */
export function bindQueue(fn: NodejsFunction, envVar: string, queue: Queue): void {
  fn.addEnvironment(envVar, queue.queueUrl);
  fn.addToRolePolicy(new PolicyStatement({ actions: ["sqs:SendMessage"], resources: [queue.queueArn] }));
}

/**
 * Sets `envVar` to the topic's ARN and grants publishing to it. The house topics use the
 * AWS-managed SNS key, whose key policy lets the account's publishers use it through SNS, so no
 * KMS statement is needed.
 */
export function bindTopic(fn: NodejsFunction, envVar: string, topic: Topic): void {
  fn.addEnvironment(envVar, topic.topicArn);
  topic.grants.publish(fn);
}

/** Feeds `fn` from a DynamoDB stream; the mapping's grants come with the event source. */
export function bindStream(fn: NodejsFunction, source: DynamoEventSource): void {
  fn.addEventSource(source);
  acknowledge(
    fn.role!,
    "AwsSolutions-IAM5[Resource::*]",
    "The stream event source needs dynamodb:ListStreams, which has no resource-level permissions; every other stream action names the stream ARN.",
  );
}

/** A JSON value too large for a Lambda environment variable. */
export class EnvValueTooLargeError extends Error {
  constructor(
    readonly variable: string,
    readonly bytes: number,
  ) {
    super(
      `${variable}: ${bytes} bytes of JSON exceed the ${MAX_JSON_ENV_BYTES} bytes a Lambda environment can spare (4 KB in all); list fewer feeds or move them out of the environment`,
    );
    this.name = "EnvValueTooLargeError";
  }
}

/** Sets `envVar` to `value` as JSON, baked in at synth; configuration that needs no permission. */
export function bindJson(fn: NodejsFunction, envVar: string, value: unknown): void {
  const json = JSON.stringify(value);
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_JSON_ENV_BYTES) throw new EnvValueTooLargeError(envVar, bytes);
  fn.addEnvironment(envVar, json);
}
