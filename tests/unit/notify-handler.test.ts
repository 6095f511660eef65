/**
 * The notify Lambda with its SDK clients mocked (aws-sdk-client-mock): subscribers are queried from
 * the Subscribers table, secrets read from SSM with decryption and only under the deployment's
 * path, delivery marks put after each success; a record with a failed destination is reported as a
 * batch item failure, and the deployed transport refuses private addresses (the SSRF guard).
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetParameterCommand, ParameterNotFound, SSMClient } from "@aws-sdk/client-ssm";
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DynamoSubscriberStore } from "../../functions/adapters/subscriber-dynamo.js";
import { SsmSecretStore } from "../../functions/adapters/subscriber-secrets-ssm.js";
import { type RenderedAlert, renderAlert } from "../../functions/core/alerts.js";
import { extract } from "../../functions/core/extract/index.js";
import { newIncident } from "../../functions/core/incidents.js";
import type { Transport } from "../../functions/notify/http.js";
import { ENV, SUBSCRIBERS_TABLE } from "../../functions/tables.js";
import { seedArticle } from "../helpers/seeds.js";

const PREFIX = "/strikewatch/Desk/subscribers/";
const dynamo = mockClient(DynamoDBDocumentClient);
const ssm = mockClient(SSMClient);
let module: typeof import("../../functions/handlers/notify.js");

beforeAll(async () => {
  vi.stubEnv(SUBSCRIBERS_TABLE.envVar, "Subscribers-1");
  vi.stubEnv(ENV.subscriberParameterPrefix, PREFIX);
  vi.stubEnv("AWS_REGION", "eu-central-1");
  module = await import("../../functions/handlers/notify.js");
  vi.unstubAllEnvs();
});

beforeEach(() => {
  // The handler logs each delivery as JSON (Powertools); the tests that read logs capture them.
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});

afterEach(() => {
  dynamo.reset();
  ssm.reset();
});

function alertOf(seed: string): RenderedAlert {
  const article = seedArticle(seed);
  return renderAlert(newIncident(extract(article)[0]!, article, "2026-11-22T04:00:00.000Z"), "new", 1);
}

/** An SQS event as raw SNS delivery makes it: each body is the alert's `default` JSON. */
function eventOf(...alerts: RenderedAlert[]): SQSEvent {
  return {
    Records: alerts.map((alert, index) => ({
      messageId: `m${index + 1}`,
      receiptHandle: "r",
      body: alert.message.default,
      attributes: {} as SQSEvent["Records"][number]["attributes"],
      messageAttributes: {},
      md5OfBody: "",
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:eu-central-1:1:NotifyQueue",
      awsRegion: "eu-central-1",
    })),
  };
}

const SUBSCRIBERS = [
  {
    pk: "SUB",
    sk: "slack-aa",
    id: "slack-aa",
    kind: "slack",
    regions: ["Kharkiv Oblast"],
    filterPolicy: { places: ["Kharkiv Oblast"] },
    destination: "https://hooks.slack.com/…",
    secretName: `${PREFIX}slack-aa`,
    createdAt: "2026-11-30T00:00:00Z",
  },
  {
    pk: "SUB",
    sk: "webhook-bb",
    id: "webhook-bb",
    kind: "webhook",
    regions: ["Ukraine"],
    filterPolicy: { places: ["UA"] },
    destination: "https://r.example/…",
    secretName: `${PREFIX}webhook-bb`,
    createdAt: "2026-11-30T00:00:00Z",
  },
  {
    pk: "SUB",
    sk: "webhook-evil",
    id: "webhook-evil",
    kind: "webhook",
    regions: ["Ukraine"],
    filterPolicy: { places: ["UA"] },
    destination: "https://x/…",
    secretName: "/other/app/secret",
    createdAt: "2026-11-30T00:00:00Z",
  },
];

const SECRETS: Record<string, unknown> = {
  [`${PREFIX}slack-aa`]: { url: "https://hooks.slack.com/services/T/B/C" },
  [`${PREFIX}webhook-bb`]: { url: "https://r.example/hook", signingSecret: "s".repeat(32) },
};

function prepareStores(delivered: string[] = [], subscribers = SUBSCRIBERS.slice(0, 2), secrets = SECRETS) {
  dynamo
    .on(QueryCommand)
    .callsFake((input: { ExpressionAttributeValues: Record<string, unknown> }) =>
      input.ExpressionAttributeValues[":pk"] === "SUB"
        ? { Items: subscribers }
        : { Items: delivered.map((sk) => ({ sk })) },
    )
    .on(PutCommand)
    .resolves({});
  ssm.on(GetParameterCommand).callsFake((input: { Name: string; WithDecryption?: boolean }) => {
    const secret = secrets[input.Name];
    if (!secret || input.WithDecryption !== true)
      throw new ParameterNotFound({ message: "not found", $metadata: {} });
    return { Parameter: { Value: JSON.stringify(secret) } };
  });
}

const store = () =>
  new DynamoSubscriberStore(DynamoDBDocumentClient.from(new DynamoDBClient({})), "Subscribers-1");

describe("notifyHandler over the SDK adapters", () => {
  it("delivers each alert to the subscribers that want it, marks each delivery, and reports a record with a failure", async () => {
    // Prepare
    prepareStores();
    const posted: string[] = [];
    const transport: Transport = async (url) => {
      posted.push(url);
      return { status: url.includes("r.example") ? 500 : 200, body: "" };
    };
    const handler = module.notifyHandler({
      subscribers: store(),
      marks: store(),
      secrets: new SsmSecretStore(new SSMClient({})),
      transport,
      environment: { sleep: async () => undefined, random: () => 0.5 },
    });
    const kharkiv = alertOf("000");
    const belgorod = alertOf("003");

    // Act
    const response = await handler(eventOf(kharkiv, belgorod));

    // Assess: Kharkiv goes to slack-aa and webhook-bb (which fails); Belgorod (Russia) to nobody.
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: "m1" }] });
    expect(posted.filter((url) => url === "https://hooks.slack.com/services/T/B/C")).toHaveLength(1);
    expect(posted.filter((url) => url === "https://r.example/hook")).toHaveLength(4);
    const marks = dynamo.commandCalls(PutCommand).map((call) => call.args[0].input.Item);
    expect(marks).toEqual([
      expect.objectContaining({
        pk: `DLV#${kharkiv.incidentId}#v0001`,
        sk: "slack-aa",
        deliveryId: `${kharkiv.incidentId}.v1.slack-aa`,
      }),
    ]);
    expect(
      ssm.commandCalls(GetParameterCommand).every((call) => call.args[0].input.WithDecryption === true),
    ).toBe(true);
  });

  it("skips a destination whose delivery mark exists (a retried batch)", async () => {
    // Prepare
    prepareStores(["slack-aa", "webhook-bb"]);
    const posted: string[] = [];
    const handler = module.notifyHandler({
      subscribers: store(),
      marks: store(),
      secrets: new SsmSecretStore(new SSMClient({})),
      transport: async (url) => {
        posted.push(url);
        return { status: 200, body: "" };
      },
    });

    // Act
    const response = await handler(eventOf(alertOf("000")));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(posted).toEqual([]);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
  });

  it("reports a message that is not an alert, and still delivers the others of the batch", async () => {
    // Prepare
    prepareStores();
    const handler = module.notifyHandler({
      subscribers: store(),
      marks: store(),
      secrets: new SsmSecretStore(new SSMClient({})),
      transport: async () => ({ status: 200, body: "" }),
    });
    const event = eventOf(alertOf("000"), alertOf("000"));
    event.Records[0]!.body = "{not json";

    // Act
    const response = await handler(event);

    // Assess
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(["m1"]);
  });

  it("leaves records it has no time for to the queue's next offer", async () => {
    // Prepare
    prepareStores();
    const handler = module.notifyHandler({
      subscribers: store(),
      marks: store(),
      secrets: new SsmSecretStore(new SSMClient({})),
      transport: async () => ({ status: 200, body: "" }),
    });

    // Act
    const response = await handler(eventOf(alertOf("000"), alertOf("001")), {
      getRemainingTimeInMillis: () => module.RECORD_BUDGET_MS - 1,
    });

    // Assess
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(["m1", "m2"]);
  });

  it("unwraps an SNS envelope too (a subscription without raw delivery)", () => {
    // Prepare
    const alert = alertOf("000");
    const [record] = eventOf(alert).Records;
    record!.body = JSON.stringify({ Type: "Notification", Message: alert.message.default });

    // Act
    const read = module.alertOfRecord(record!);

    // Assess
    expect(read).toEqual(alert);
  });
});

describe("the deployed handler", () => {
  it("refuses private destinations and secrets outside the deployment's path, and fails the record", async () => {
    // Prepare
    prepareStores([], SUBSCRIBERS, {
      [`${PREFIX}slack-aa`]: { url: "https://127.0.0.1:9/services/T/B/C" },
      [`${PREFIX}webhook-bb`]: { url: "https://169.254.169.254/latest", signingSecret: "s".repeat(32) },
      "/other/app/secret": { url: "https://198.51.100.7/x", signingSecret: "s".repeat(32) },
    });
    const logged: string[] = [];
    const capture = (chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, "write").mockImplementation(capture);
    vi.spyOn(process.stderr, "write").mockImplementation(capture);

    // Act
    const response = await module.handler(eventOf(alertOf("000")));

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: "m1" }] });
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
    expect(ssm.commandCalls(GetParameterCommand).map((call) => call.args[0].input.Name)).not.toContain(
      "/other/app/secret",
    );
    const logs = logged.join("");
    expect(logs).toMatch(/refused: blocked address 127\.0\.0\.1 \(loopback\)/);
    expect(logs).toMatch(/refused: blocked address 169\.254\.169\.254 \(link-local\)/);
    expect(logs).toMatch(/secret \/other\/app\/secret is outside/);
    expect(logs).not.toContain("/services/T/B/C");
  });
});
