/**
 * Bind helpers: each gives a function an environment variable AND the permission that goes with
 * it, in one call, so a function never holds a name it may not use or a grant it cannot find.
 * Variable names come from functions/tables.ts (a table spec's `envVar`, `ENV.*`).
 */
import type { DynamoEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import type { Topic } from "aws-cdk-lib/aws-sns";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { acknowledge, nagArn } from "./nag.js";
import type { SpecTable } from "./table.js";

/** What a function may do with a table's items. */
export type TableAccess = "read" | "write" | "readWrite";

/** Lambda rejects a function whose variables exceed 4 KB in total; one JSON value may use 3 KB of it. */
const MAX_JSON_ENV_BYTES = 3 * 1024;

/** Sets the table's spec env var to its name and grants item access (its indexes included). */
export function bindTable(fn: NodejsFunction, table: SpecTable, access: TableAccess): void {
  fn.addEnvironment(table.spec.envVar, table.tableName);
  if (access === "read") table.grants.readData(fn);
  else if (access === "write") table.grants.writeData(fn);
  else table.grants.readWriteData(fn);
  const indexes = table.spec.indexes?.map((index) => index.name) ?? [];
  if (indexes.length > 0 && access !== "write") {
    acknowledge(
      fn.role!,
      `AwsSolutions-IAM5[Resource::${nagArn(table)}/index/*]`,
      `CDK grants a table's indexes as <table>/index/*; ${table.spec.logicalName} has only ${indexes.join(", ")}, from its spec.`,
    );
  }
}

/** Sets `envVar` to the queue's URL and grants sending to it (no receive, no delete). */
export function bindQueue(fn: NodejsFunction, envVar: string, queue: Queue): void {
  fn.addEnvironment(envVar, queue.queueUrl);
  queue.grants.sendMessages(fn);
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
