/**
 * `strikewatch replay`: locally over a store whose articles were never analyzed (what a stream dead
 * letter leaves behind), and against a deployed stack with the AWS SDK mocked (no network):
 * outputs read, ids scanned by time, analyze invoked in batches, the feed DLQ redriven.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { SQSClient, StartMessageMoveTaskCommand } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DynamoArticleStore } from "../../functions/adapters/article-dynamo.js";
import { main } from "../../functions/local/cli.js";
import { startLocalStore } from "../../functions/local/store.js";
import { ARTICLES_TABLE } from "../../functions/tables.js";
import { seedArticle } from "../helpers/seeds.js";

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err, records: () => out.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("strikewatch replay --data", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "strikewatch-replay-cmd-"));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  /** A store holding the five seeds as fetched on 1 and 2 February 2025, never analyzed (their stream batch lost). */
  async function unanalyzedStore(name: string): Promise<string> {
    const dir = join(root, name);
    const store = await startLocalStore({ dataDir: dir });
    const articles = new DynamoArticleStore(store.doc, store.tableName(ARTICLES_TABLE));
    for (const [index, number] of ["000", "001", "002", "003", "004"].entries())
      await articles.putNew(seedArticle(number, `2025-02-0${index < 2 ? 1 : 2}T0${index}:00:00.000Z`));
    await store.close();
    return dir;
  }

  it("withholds what is older than the age bound, by default", async () => {
    // Prepare
    const dir = await unanalyzedStore("bounded");

    // Act
    const { code, records } = await cli("replay", "--data", dir, "--json");

    // Assess
    expect(code).toBe(0);
    expect(records().filter((record) => record.type === "alert")).toEqual([]);
    expect(records().at(-1)).toMatchObject({ type: "replay-summary", articles: 5, alerts: 0 });
    expect((records().at(-1) as { withheld: number }).withheld).toBeGreaterThan(0);
  });

  it("alerts as on the day with --as-on-the-day, only the articles of the range, and once", async () => {
    // Prepare
    const dir = await unanalyzedStore("on-the-day");

    // Act
    const firstDay = await cli("replay", "--data", dir, "--json", "--as-on-the-day", "--to", "2025-02-01");
    const all = await cli("replay", "--data", dir, "--json", "--as-on-the-day");
    const again = await cli("replay", "--data", dir, "--json", "--as-on-the-day");

    // Assess: 000 (Kharkiv) and 001 (Poltava, Kharkiv, Sumy) on the first day; 003's two later.
    expect(firstDay.records().at(-1)).toMatchObject({ articles: 2, alerts: 4 });
    expect(all.records().at(-1)).toMatchObject({ articles: 5, alerts: 2 });
    expect(again.records().at(-1)).toMatchObject({ articles: 5, alerts: 0 });
  });

  it("refuses a bad time, a missing target and --redrive without a stack, with usage", async () => {
    const dir = join(root, "bounded");
    for (const argv of [
      ["replay", "--data", dir, "--from", "yesterday"],
      ["replay"],
      ["replay", "--data", dir, "--stack", "StrikeWatch"],
      ["replay", "--data", dir, "--redrive"],
    ]) {
      const { code, err } = await cli(...argv);
      expect(code).toBe(2);
      expect(err.join("\n")).toMatch(/usage: strikewatch/);
    }
  });
});

describe("strikewatch replay --stack (AWS SDK mocked)", () => {
  // Made here, not at collection: a mock replaces the client's send for every instance, dynalite's too.
  let cloudFormation: ReturnType<typeof mockClient>;
  let dynamo: ReturnType<typeof mockClient>;
  let lambda: ReturnType<typeof mockClient>;
  let sqs: ReturnType<typeof mockClient>;
  beforeAll(() => {
    cloudFormation = mockClient(CloudFormationClient);
    dynamo = mockClient(DynamoDBDocumentClient);
    lambda = mockClient(LambdaClient);
    sqs = mockClient(SQSClient);
  });
  const DLQ_ARN = "arn:aws:sqs:eu-central-1:111111111111:StrikeWatch-FeedDeadLetters";
  afterEach(() => {
    cloudFormation.reset();
    dynamo.reset();
    lambda.reset();
    sqs.reset();
  });
  afterAll(() => {
    cloudFormation.restore();
    dynamo.restore();
    lambda.restore();
    sqs.restore();
  });

  const outputs = (skip = "") =>
    cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: "StrikeWatch",
          CreationTime: new Date(),
          StackStatus: "UPDATE_COMPLETE",
          Outputs: [
            { OutputKey: "ArticlesTableName", OutputValue: "StrikeWatch-Articles-1" },
            { OutputKey: "AnalyzeFunctionName", OutputValue: "StrikeWatch-Analyze-1" },
            { OutputKey: "FeedDeadLettersArn", OutputValue: DLQ_ARN },
          ].filter((output) => output.OutputKey !== skip),
        },
      ],
    });
  const ids = Array.from({ length: 30 }, (_, index) => index.toString(16).padStart(16, "0"));
  const answer = (batch: string[]) =>
    new TextEncoder().encode(
      JSON.stringify({
        analyzed: batch.length,
        missing: [],
        queued: 1,
        withheld: 2,
        errors: [],
        sent: 1,
        failed: 0,
      }),
    ) as never;

  it("hands the ids of the range to the analyze function in batches of 25, then redrives the feed DLQ", async () => {
    // Prepare
    outputs();
    dynamo
      .on(ScanCommand)
      .resolvesOnce({
        Items: ids.slice(0, 20).map((id) => ({ id, fetchedAt: "2026-11-29T10:00:00.000Z" })),
        LastEvaluatedKey: { id: ids[19] },
      })
      .resolvesOnce({ Items: ids.slice(20).map((id) => ({ id, fetchedAt: "2026-11-29T11:00:00.000Z" })) });
    lambda.on(InvokeCommand).callsFake((input: { Payload: Uint8Array }) => ({
      StatusCode: 200,
      Payload: answer(JSON.parse(new TextDecoder().decode(input.Payload)).ids),
    }));
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: "task-1" });

    // Act
    const { code, records } = await cli(
      "replay",
      "--stack",
      "StrikeWatch",
      "--region",
      "eu-central-1",
      "--from",
      "2026-11-29",
      "--to",
      "2026-11-29",
      "--redrive",
      "--json",
    );

    // Assess
    expect(code).toBe(0);
    expect(cloudFormation.commandCalls(DescribeStacksCommand)[0]?.args[0].input).toEqual({
      StackName: "StrikeWatch",
    });
    const scan = dynamo.commandCalls(ScanCommand)[0]?.args[0].input;
    expect(scan).toMatchObject({
      TableName: "StrikeWatch-Articles-1",
      FilterExpression: "#fetchedAt >= :from AND #fetchedAt <= :to",
      ExpressionAttributeValues: { ":from": "2026-11-29T00:00:00.000Z", ":to": "2026-11-29T23:59:59.999Z" },
    });
    const payloads = lambda
      .commandCalls(InvokeCommand)
      .map((call) => JSON.parse(new TextDecoder().decode(call.args[0].input.Payload as Uint8Array)));
    expect(payloads).toEqual([
      { action: "reanalyze", ids: ids.slice(0, 25), asOnTheDay: false },
      { action: "reanalyze", ids: ids.slice(25), asOnTheDay: false },
    ]);
    expect(lambda.commandCalls(InvokeCommand)[0]?.args[0].input).toMatchObject({
      FunctionName: "StrikeWatch-Analyze-1",
      InvocationType: "RequestResponse",
    });
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)[0]?.args[0].input).toEqual({ SourceArn: DLQ_ARN });
    expect(records().at(-1)).toEqual({
      type: "replay-summary",
      articles: 30,
      alerts: 2,
      withheld: 4,
      errors: 0,
      redriven: "task-1",
    });
  });

  it("reports a batch the function failed on and exits 1", async () => {
    // Prepare
    outputs();
    dynamo.on(ScanCommand).resolves({ Items: [{ id: ids[0], fetchedAt: "2026-11-29T10:00:00.000Z" }] });
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: "Unhandled",
      Payload: new TextEncoder().encode('{"errorMessage":"Task timed out"}') as never,
    });

    // Act
    const { code, records } = await cli("replay", "--stack", "StrikeWatch", "--json");

    // Assess
    expect(code).toBe(1);
    expect(records()[0]).toMatchObject({ type: "analyze-error", ids: [ids[0]] });
    expect(records().at(-1)).toMatchObject({ type: "replay-summary", errors: 1 });
  });

  it("says which output an older deployment lacks", async () => {
    // Prepare
    outputs("FeedDeadLettersArn");

    // Act
    const { code, err } = await cli("replay", "--stack", "StrikeWatch", "--redrive");

    // Assess
    expect(code).toBe(1);
    expect(err.join("\n")).toContain("stack StrikeWatch has no output FeedDeadLettersArn");
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
  });
});
