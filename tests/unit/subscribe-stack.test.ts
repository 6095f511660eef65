/**
 * `strikewatch subscribe` and `strikewatch subscriptions` against a deployed stack, its AWS calls
 * mocked (aws-sdk-client-mock): the stack's outputs are read with CloudFormation; email and SMS
 * become SNS subscriptions with the very filter policy the configuration's subscriptions get;
 * chat and webhook secrets go to an SSM SecureString under the stack's prefix, never to the table
 * or the terminal; removing deletes both.
 */
import { CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { SNSClient, SubscribeCommand, UnsubscribeCommand } from "@aws-sdk/client-sns";
import {
  DeleteParameterCommand,
  GetParameterCommand,
  ParameterNotFound,
  PutParameterCommand,
  SSMClient,
} from "@aws-sdk/client-ssm";
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseConfig } from "../../functions/core/config.js";
import { filterPolicy, resolveConfigRegions } from "../../functions/core/regions.js";
import { main } from "../../functions/local/cli.js";
import { SUBSCRIBE_OUTPUTS, TELEGRAM_TOKEN_ENV } from "../../functions/local/subscribe.js";

const cloudFormation = mockClient(CloudFormationClient);
const sns = mockClient(SNSClient);
const ssm = mockClient(SSMClient);
const dynamo = mockClient(DynamoDBDocumentClient);

const TOPIC = "arn:aws:sns:eu-central-1:111122223333:Desk-AlertsTopic";
const DEAD_LETTERS = "arn:aws:sqs:eu-central-1:111122223333:Desk-SubscriptionDeadLetters";
const PREFIX = "/strikewatch/Desk/subscribers/";

afterEach(() => {
  vi.unstubAllEnvs();
  cloudFormation.reset();
  sns.reset();
  ssm.reset();
  dynamo.reset();
});

function deployed(outputs: Record<string, string> = {}) {
  const values = {
    [SUBSCRIBE_OUTPUTS.topic]: TOPIC,
    [SUBSCRIBE_OUTPUTS.table]: "Desk-Subscribers-1",
    [SUBSCRIBE_OUTPUTS.prefix]: PREFIX,
    [SUBSCRIBE_OUTPUTS.deadLetters]: DEAD_LETTERS,
    ...outputs,
  };
  cloudFormation.on(DescribeStacksCommand, { StackName: "Desk" }).resolves({
    Stacks: [
      {
        StackName: "Desk",
        CreationTime: new Date(),
        StackStatus: "UPDATE_COMPLETE",
        Outputs: Object.entries(values)
          .filter(([, value]) => value !== "")
          .map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  });
  dynamo.on(PutCommand).resolves({});
  sns.on(SubscribeCommand).resolves({ SubscriptionArn: `${TOPIC}:0f1e2d3c` });
  ssm.on(PutParameterCommand).resolves({ Version: 1 });
}

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

describe("subscribe --email against a deployed stack", () => {
  it("subscribes the address on the alert topic with the configuration's filter policy and a redrive policy", async () => {
    // Prepare
    deployed();
    const configured = resolveConfigRegions(
      parseConfig({
        feeds: [],
        watchedRegions: ["Ukraine"],
        subscriptions: [
          {
            email: "desk@example.org",
            regions: ["Kharkiv Oblast", "Sumy Oblast"],
            minKilled: 1,
            minInjured: 5,
          },
        ],
      }),
    ).subscriptions[0]!;

    // Act
    const result = await cli(
      "subscribe",
      "--email",
      "desk@example.org",
      "--regions",
      "Kharkov Oblast, Sumy Oblast",
      "--min-killed",
      "1",
      "--min-injured",
      "5",
      "--stack",
      "Desk",
    );

    // Assess
    expect(result.code).toBe(0);
    const [subscribe] = sns.commandCalls(SubscribeCommand);
    expect(subscribe?.args[0].input).toEqual({
      TopicArn: TOPIC,
      Protocol: "email",
      Endpoint: "desk@example.org",
      ReturnSubscriptionArn: true,
      Attributes: {
        FilterPolicyScope: "MessageAttributes",
        FilterPolicy: JSON.stringify(filterPolicy(configured)),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DEAD_LETTERS }),
      },
    });
    expect(JSON.parse(subscribe!.args[0].input.Attributes!.FilterPolicy!)).toEqual({
      places: ["Kharkiv Oblast", "Sumy Oblast"],
      $or: [{ killed: [{ numeric: [">=", 1] }] }, { injured: [{ numeric: [">=", 5] }] }],
    });
    const [put] = dynamo.commandCalls(PutCommand);
    expect(put?.args[0].input).toMatchObject({
      TableName: "Desk-Subscribers-1",
      Item: {
        pk: "SUB",
        kind: "email",
        regions: ["Kharkiv Oblast", "Sumy Oblast"],
        minKilled: 1,
        minInjured: 5,
        destination: "d***@example.org",
        subscriptionArn: `${TOPIC}:0f1e2d3c`,
      },
    });
    expect(result.out.join("\n")).toMatch(/a confirmation mail is on its way/);
    expect(ssm.commandCalls(PutParameterCommand)).toHaveLength(0);
  });

  it("subscribes a phone number by SMS with a regions-only policy", async () => {
    // Prepare
    deployed();

    // Act
    const result = await cli(
      "subscribe",
      "--sms",
      "+380501234567",
      "--regions",
      "Ukraine",
      "--stack",
      "Desk",
    );

    // Assess
    expect(result.code).toBe(0);
    const input = sns.commandCalls(SubscribeCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ Protocol: "sms", Endpoint: "+380501234567" });
    expect(JSON.parse(input.Attributes!.FilterPolicy!)).toEqual({ places: ["UA"] });
    expect(dynamo.commandCalls(PutCommand)[0]!.args[0].input.Item).toMatchObject({
      destination: "+380*******67",
    });
  });

  it("says which output is missing on an older deployment, and subscribes nothing", async () => {
    // Prepare
    deployed({ [SUBSCRIBE_OUTPUTS.table]: "" });

    // Act
    const result = await cli(
      "subscribe",
      "--email",
      "a@example.org",
      "--regions",
      "Ukraine",
      "--stack",
      "Desk",
    );

    // Assess
    expect(result.code).toBe(1);
    expect(result.err.join("\n")).toMatch(
      /stack Desk has no output SubscribersTableName: deploy this version/,
    );
    expect(sns.commandCalls(SubscribeCommand)).toHaveLength(0);
  });

  it("unsubscribes again when the record cannot be stored", async () => {
    // Prepare
    deployed();
    dynamo.on(PutCommand).rejects(
      Object.assign(new Error("throttled"), {
        name: "ProvisionedThroughputExceededException",
        $metadata: {},
      }),
    );
    sns.on(UnsubscribeCommand).resolves({});

    // Act
    const result = await cli(
      "subscribe",
      "--email",
      "a@example.org",
      "--regions",
      "Ukraine",
      "--stack",
      "Desk",
    );

    // Assess
    expect(result.code).toBe(1);
    expect(sns.commandCalls(UnsubscribeCommand)[0]?.args[0].input).toEqual({
      SubscriptionArn: `${TOPIC}:0f1e2d3c`,
    });
  });
});

describe("subscribe --slack / --webhook / --telegram against a deployed stack", () => {
  it("keeps a Slack URL in a SecureString under the stack's prefix, and only the parameter's name in the table", async () => {
    // Prepare
    deployed();
    const url = "https://hooks.slack.com/services/T0001/B0002/secretsecretsecret";

    // Act
    const result = await cli(
      "subscribe",
      "--slack",
      url,
      "--regions",
      "Kharkiv Oblast",
      "--stack",
      "Desk",
      "--json",
    );

    // Assess
    expect(result.code).toBe(0);
    const parameter = ssm.commandCalls(PutParameterCommand)[0]!.args[0].input;
    const item = dynamo.commandCalls(PutCommand)[0]!.args[0].input.Item!;
    expect(parameter).toMatchObject({
      Type: "SecureString",
      Overwrite: false,
      Value: JSON.stringify({ url }),
    });
    expect(parameter.Name).toBe(`${PREFIX}${item.id}`);
    expect(item).toMatchObject({
      kind: "slack",
      secretName: parameter.Name,
      destination: "https://hooks.slack.com/…",
    });
    expect(JSON.stringify(item)).not.toContain("secretsecretsecret");
    expect(result.out.join("\n")).not.toContain("secretsecretsecret");
    expect(sns.commandCalls(SubscribeCommand)).toHaveLength(0);
  });

  it("stores a webhook's URL and signing secret, and prints a generated secret once", async () => {
    // Prepare
    deployed();

    // Act
    const result = await cli(
      "subscribe",
      "--webhook",
      "https://receiver.example.org/strikewatch",
      "--regions",
      "Ukraine",
      "--stack",
      "Desk",
    );

    // Assess
    expect(result.code).toBe(0);
    const stored = JSON.parse(ssm.commandCalls(PutParameterCommand)[0]!.args[0].input.Value!);
    expect(stored.url).toBe("https://receiver.example.org/strikewatch");
    expect(stored.signingSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(result.out.join("\n")).toContain(
      `signing secret (shown once; give it to the receiver, see docs/webhooks.md): ${stored.signingSecret}`,
    );
  });

  it("uses a shared bot-token parameter under the prefix, and refuses one outside it", async () => {
    // Prepare
    deployed();
    ssm
      .on(GetParameterCommand, { Name: `${PREFIX}telegram-bot` })
      .resolves({ Parameter: { Value: "123456:tok" } });

    // Act
    const shared = await cli(
      "subscribe",
      "--telegram",
      "-1001234567890",
      "--telegram-token-param",
      `${PREFIX}telegram-bot`,
      "--regions",
      "Ukraine",
      "--stack",
      "Desk",
    );
    const outside = await cli(
      "subscribe",
      "--telegram",
      "@desk_channel",
      "--telegram-token-param",
      "/team/bot",
      "--regions",
      "Ukraine",
      "--stack",
      "Desk",
    );

    // Assess
    expect(shared.code).toBe(0);
    expect(dynamo.commandCalls(PutCommand)[0]!.args[0].input.Item).toMatchObject({
      kind: "telegram",
      chatId: "-1001234567890",
      secretName: `${PREFIX}telegram-bot`,
      sharedSecret: true,
    });
    expect(ssm.commandCalls(PutParameterCommand)).toHaveLength(0);
    expect(outside.code).toBe(2);
    expect(outside.err[0]).toMatch(
      /--telegram-token-param: must be under \/strikewatch\/Desk\/subscribers\//,
    );
  });
});

describe("subscriptions --remove against a deployed stack", () => {
  it("unsubscribes an email subscriber and deletes its record", async () => {
    // Prepare
    deployed();
    dynamo.on(GetCommand).resolves({
      Item: {
        pk: "SUB",
        sk: "email-1",
        id: "email-1",
        kind: "email",
        regions: ["Ukraine"],
        destination: "d***@example.org",
        subscriptionArn: `${TOPIC}:abc`,
        createdAt: "2026-11-30T00:00:00Z",
      },
    });
    dynamo.on(DeleteCommand).resolves({ Attributes: { pk: "SUB" } });
    sns.on(UnsubscribeCommand).resolves({});

    // Act
    const result = await cli("subscriptions", "--remove", "email-1", "--stack", "Desk");

    // Assess
    expect(result).toMatchObject({ code: 0, out: ["removed email-1"] });
    expect(sns.commandCalls(UnsubscribeCommand)[0]!.args[0].input).toEqual({
      SubscriptionArn: `${TOPIC}:abc`,
    });
    expect(dynamo.commandCalls(DeleteCommand)[0]!.args[0].input.Key).toEqual({ pk: "SUB", sk: "email-1" });
  });

  it("deletes a chat subscriber's own parameter, even one already gone, but never a shared one", async () => {
    // Prepare
    deployed();
    dynamo
      .on(GetCommand, { Key: { pk: "SUB", sk: "slack-1" } })
      .resolves({
        Item: {
          id: "slack-1",
          kind: "slack",
          regions: ["Ukraine"],
          destination: "x",
          secretName: `${PREFIX}slack-1`,
          createdAt: "t",
        },
      })
      .on(GetCommand, { Key: { pk: "SUB", sk: "telegram-1" } })
      .resolves({
        Item: {
          id: "telegram-1",
          kind: "telegram",
          regions: ["Ukraine"],
          destination: "x",
          secretName: `${PREFIX}bot`,
          sharedSecret: true,
          chatId: "1",
          createdAt: "t",
        },
      });
    dynamo.on(DeleteCommand).resolves({ Attributes: {} });
    ssm.on(DeleteParameterCommand).rejects(new ParameterNotFound({ message: "gone", $metadata: {} }));

    // Act
    const slack = await cli("subscriptions", "--remove", "slack-1", "--stack", "Desk");
    const telegram = await cli("subscriptions", "--remove", "telegram-1", "--stack", "Desk");

    // Assess
    expect(slack.code).toBe(0);
    expect(telegram.code).toBe(0);
    expect(ssm.commandCalls(DeleteParameterCommand).map((call) => call.args[0].input.Name)).toEqual([
      `${PREFIX}slack-1`,
    ]);
    expect(dynamo.commandCalls(DeleteCommand)).toHaveLength(2);
  });
});

describe("subscribe refuses bad input before any AWS call", () => {
  it.each([
    [
      ["--email", "not-an-address", "--regions", "Ukraine"],
      /--email: "not-an-address" is not an email address/,
    ],
    [["--sms", "0501234567", "--regions", "Ukraine"], /--sms: must be a phone number in E\.164 form/],
    [["--slack", "http://hooks.slack.com/x", "--regions", "Ukraine"], /--slack: must be an https:\/\/ URL/],
    [
      ["--webhook", "https://r.example/x", "--secret", "short", "--regions", "Ukraine"],
      /--secret: at least 16 characters/,
    ],
    [
      ["--slack", "https://h.example/x", "--email", "a@b.org", "--regions", "Ukraine"],
      /exactly one of .* \(got --email and --slack\)/,
    ],
    [["--slack", "https://h.example/x"], /needs --regions/],
    [
      ["--slack", "https://h.example/x", "--regions", "Ukraine", "--min-killed", "two"],
      /--min-killed: must be a whole number/,
    ],
    [["--telegram", "12345", "--regions", "Ukraine"], /STRIKEWATCH_TELEGRAM_BOT_TOKEN/],
    [["--slack", "https://h.example/x", "--regions", "Narnia"], /unknown region "Narnia"/],
  ])("%j", async (argv, message) => {
    // Prepare
    deployed();
    vi.stubEnv(TELEGRAM_TOKEN_ENV, "");

    // Act
    const result = await cli("subscribe", ...argv, "--stack", "Desk");

    // Assess
    expect(result.code).toBe(2);
    expect(result.err.join("\n")).toMatch(message);
    expect(cloudFormation.commandCalls(DescribeStacksCommand)).toHaveLength(0);
  });

  it("needs exactly one of --stack and --data", async () => {
    const result = await cli("subscribe", "--email", "a@b.org", "--regions", "Ukraine");
    expect(result.code).toBe(2);
    expect(result.err[0]).toMatch(/needs either --stack NAME .* or --data DIR/);
  });
});
