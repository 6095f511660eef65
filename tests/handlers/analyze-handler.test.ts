import { InternalErrorException, PublishCommand, SNSClient, ThrottledException } from "@aws-sdk/client-sns";
import { marshall } from "@aws-sdk/util-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { articleItem, DynamoArticleStore } from "../../functions/adapters/article-dynamo.js";
import { toStreamEvent } from "../../functions/app/analyze.js";
import { EnvError } from "../../functions/env.js";
import { type LocalStore, startLocalStore } from "../../functions/local/store.js";
import { ARTICLES_TABLE, ENV, INCIDENTS_TABLE, OUTBOX_TABLE } from "../../functions/tables.js";
import { seedArticle } from "../helpers/seeds.js";

const sns = mockClient(SNSClient);
let store: LocalStore;
let handler: (event: unknown) => Promise<unknown>;

beforeAll(async () => {
  store = await startLocalStore();
  vi.stubEnv("AWS_ENDPOINT_URL_DYNAMODB", store.endpoint);
  vi.stubEnv("AWS_REGION", "us-east-1");
  vi.stubEnv("AWS_ACCESS_KEY_ID", "test");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "test");
  vi.stubEnv(INCIDENTS_TABLE.envVar, store.tableName(INCIDENTS_TABLE));
  vi.stubEnv(OUTBOX_TABLE.envVar, store.tableName(OUTBOX_TABLE));
  vi.stubEnv(ARTICLES_TABLE.envVar, store.tableName(ARTICLES_TABLE));
  vi.stubEnv(ENV.alertsTopicArn, "arn:aws:sns:us-east-1:123456789012:alerts");
  vi.stubEnv(ENV.watchedRegions, JSON.stringify(["Ukraine", "Belgorod Oblast"]));
  vi.stubEnv(ENV.updateThresholds, JSON.stringify({ killed: [5], injured: [] }));
  // The seeds are old news by now: these tests are about publishing, so the age bound is a century.
  vi.stubEnv(ENV.alertMaxAgeHours, String(100 * 365 * 24));
  vi.stubEnv("POWERTOOLS_LOG_LEVEL", "SILENT");
  vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "true");
  ({ handler } = (await import("../../functions/handlers/analyze.js")) as { handler: typeof handler });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await store.close();
});
afterEach(() => sns.reset());

const streamOf = (seed: string, options: { backfill?: boolean } = {}) =>
  toStreamEvent([marshall(articleItem(seedArticle(seed), options), { removeUndefinedValues: true })]);

describe("analyze Lambda handler (real module, dynalite, SNS mocked)", () => {
  it("publishes one MessageStructure=json message per alert with filterable attributes", async () => {
    sns.on(PublishCommand).resolves({ MessageId: "m-1" });
    const response = await handler(streamOf("003"));
    expect(response).toEqual({ batchItemFailures: [] });
    const calls = sns.commandCalls(PublishCommand).map((call) => call.args[0].input);
    expect(calls).toHaveLength(2);
    const belgorod = calls.find((input) => input.Subject?.includes("Belgorod"))!;
    expect(belgorod.TopicArn).toBe("arn:aws:sns:us-east-1:123456789012:alerts");
    expect(belgorod.MessageStructure).toBe("json");
    expect(Object.keys(JSON.parse(belgorod.Message!))).toEqual(["default", "email", "sms"]);
    expect(belgorod.MessageAttributes).toEqual({
      places: { DataType: "String.Array", StringValue: '["Belgorod","Belgorod Oblast","RU"]' },
      killed: { DataType: "Number", StringValue: "22" },
      injured: { DataType: "Number", StringValue: "24" },
      victims: { DataType: "String", StringValue: "civilian" },
      kind: { DataType: "String", StringValue: "new" },
    });
  });

  it("keeps alerts pending through SNS throttling and internal errors, then sends each once", async () => {
    sns
      .on(PublishCommand)
      .rejectsOnce(new ThrottledException({ message: "Rate exceeded", $metadata: {} }))
      .rejectsOnce(new InternalErrorException({ message: "internal", $metadata: {} }))
      .rejectsOnce(new ThrottledException({ message: "Rate exceeded", $metadata: {} }))
      .resolves({ MessageId: "m-2" });
    // 001 gives three alerts; every one fails its first publish in this pass.
    const first = await handler(streamOf("001"));
    expect(first).toEqual({ batchItemFailures: [] });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(3);
    // The stream record is delivered again: nothing new is queued.
    await handler(streamOf("001"));
    // The scheduled delivery pass sends what is pending.
    const retry = (await handler({ action: "deliver" })) as { sent: number; failed: number };
    const published = sns.commandCalls(PublishCommand).filter((_, index) => index >= 3);
    const successful = new Set(published.map((call) => call.args[0].input.Subject));
    expect(successful.size).toBe(3);
    expect(retry.failed).toBe(0);
    expect((await handler({ action: "deliver" })) as object).toEqual({ sent: 0, failed: 0 });
  });

  it("publishes nothing for an article its feed's first poll stored (a backfill)", async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: "m-3" });

    // Act
    const response = await handler(streamOf("000", { backfill: true }));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it("re-analyzes stored articles by id, alerting what the stream never analyzed and naming ids that are gone", async () => {
    // Prepare: seed 000 stored, as if its stream batch had gone to the dead-letter queue
    sns.on(PublishCommand).resolves({ MessageId: "m-4" });
    const article = {
      ...seedArticle("000"),
      id: "0123456789abcdef",
      url: "https://wire.example.org/replayed",
    };
    await new DynamoArticleStore(store.doc, store.tableName(ARTICLES_TABLE)).putNew(article);

    // Act
    const result = await handler({ action: "reanalyze", ids: [article.id, "fedcba9876543210"] });
    const again = await handler({ action: "reanalyze", ids: [article.id] });

    // Assess
    expect(result).toMatchObject({
      analyzed: 1,
      missing: ["fedcba9876543210"],
      queued: 1,
      sent: 1,
      errors: [],
    });
    expect(again).toMatchObject({ analyzed: 1, queued: 0, sent: 0 });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
  });

  it("refuses an unknown action and a reanalyze without ids, saying what is wrong", async () => {
    await expect(handler({ action: "rewind" })).rejects.toThrow(/analyze event: unknown action "rewind"/);
    await expect(handler({ action: "reanalyze" })).rejects.toThrow(/reanalyze needs ids/);
    await expect(
      handler({ action: "reanalyze", ids: Array.from({ length: 26 }, (_, index) => String(index)) }),
    ).rejects.toThrow(/at most 25 ids/);
  });

  it("reports a record that cannot be analyzed, and those after it, for retry", async () => {
    const broken = streamOf("000");
    const record = broken.Records[0]!;
    // A stream image that is not an article: the analyze step fails on it.
    record.dynamodb!.NewImage = { id: { S: "ffffffffffffffff" } };
    const both = {
      Records: [
        record,
        ...streamOf("004").Records.map((r) => ({ ...r, dynamodb: { ...r.dynamodb, SequenceNumber: "9" } })),
      ],
    };
    const errors = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const response = (await handler(both)) as { batchItemFailures: Array<{ itemIdentifier: string }> };
    errors.mockRestore();
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual([
      record.dynamodb!.SequenceNumber,
      "9",
    ]);
  });
});

describe("analyze Lambda cold start", () => {
  it("fails with the missing variable's name", async () => {
    vi.resetModules();
    vi.stubEnv(OUTBOX_TABLE.envVar, "");
    await expect(import("../../functions/handlers/analyze.js")).rejects.toMatchObject({
      name: EnvError.name,
    });
    await expect(import("../../functions/handlers/analyze.js")).rejects.toThrow(/OUTBOX_TABLE is not set/);
    vi.stubEnv(OUTBOX_TABLE.envVar, store.tableName(OUTBOX_TABLE));
  });

  it("fails on an age bound that is not a positive number, naming the variable", async () => {
    vi.resetModules();
    vi.stubEnv(ENV.alertMaxAgeHours, "two days");
    await expect(import("../../functions/handlers/analyze.js")).rejects.toThrow(
      /STRIKEWATCH_ALERT_MAX_AGE_HOURS must be a positive number/,
    );
    vi.stubEnv(ENV.alertMaxAgeHours, "48");
  });

  it("fails on a misspelt watched region, naming it", async () => {
    vi.resetModules();
    vi.stubEnv(ENV.watchedRegions, JSON.stringify(["Ukraine", "Kharkov Oblastt"]));
    await expect(import("../../functions/handlers/analyze.js")).rejects.toThrow(
      /STRIKEWATCH_WATCHED_REGIONS\[1\]: unknown region "Kharkov Oblastt".*Kharkiv Oblast/,
    );
  });
});
