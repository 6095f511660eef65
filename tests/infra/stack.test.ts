/**
 * Contracts of the synthesized StrikeWatch stack (Template + Match): what each function may do and
 * is told, the queues and their dead letters, the event sources, the schedules, the tables, the
 * subscriptions' filter policies, the topics, the alarms, and cdk-nag's verdict.
 */
import { App, type CfnElement, Stack } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { Queue } from "aws-cdk-lib/aws-sqs";
import { AwsSolutionsChecks, ServerlessChecks } from "cdk-nag";
import type { IConstruct } from "constructs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../functions/core/config.js";
import { resolveConfigRegions } from "../../functions/core/regions.js";
import {
  ARTICLES_TABLE,
  ENV,
  FEEDS_TABLE,
  INCIDENTS_TABLE,
  METRICS_NAMESPACE,
  OUTBOX_TABLE,
  TABLES,
} from "../../functions/tables.js";
import { bindJson, EnvValueTooLargeError } from "../../infra/constructs/bind.js";
import { AlertSubscriptions, DuplicateSubscriptionError } from "../../infra/constructs/topic.js";
import { DEPLOYMENT_TAG, type StrikeWatchStack } from "../../infra/stack.js";
import { SAMPLE_CONFIG, sampleStack } from "./sample.js";

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

let stack: StrikeWatchStack;
let template: Template;

beforeAll(() => {
  stack = sampleStack().stack;
  template = Template.fromStack(stack);
});

/** The logical id of the construct at `path` below the stack (its default CloudFormation resource). */
function idOf(...path: string[]): string {
  let construct: IConstruct = stack;
  for (const part of path) construct = construct.node.findChild(part);
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}

const ref = (...path: string[]) => ({ Ref: idOf(...path) });
const arn = (...path: string[]) => ({ "Fn::GetAtt": [idOf(...path), "Arn"] });

/** Every statement of the policies attached to a function's role. */
function statementsOf(fn: string): Statement[] {
  const policies = template.findResources("AWS::IAM::Policy", {
    Properties: { Roles: [{ Ref: idOf(`${fn}Role`) }] },
  });
  return Object.values(policies).flatMap(
    (policy) =>
      (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
        .Statement,
  );
}

/** The actions a function's role is allowed on `resource` (any resource when omitted). */
function actionsOf(fn: string, resource?: unknown): string[] {
  const covers = (statement: Statement) =>
    resource === undefined ||
    JSON.stringify(statement.Resource) === JSON.stringify(resource) ||
    (Array.isArray(statement.Resource) &&
      statement.Resource.some((item) => JSON.stringify(item) === JSON.stringify(resource)));
  return statementsOf(fn)
    .filter((statement) => statement.Effect === "Allow" && covers(statement))
    .flatMap((statement) => [statement.Action].flat())
    .sort();
}

function environmentOf(fn: string): Record<string, unknown> {
  const resource = template.toJSON().Resources[idOf(fn)];
  return resource.Properties.Environment.Variables;
}

describe("functions", () => {
  it.each(["Dispatch", "Poll", "Analyze"])("%s runs the house defaults", (fn) => {
    // Prepare
    const resources = template.toJSON().Resources;

    // Act
    const { Runtime, Architectures, LoggingConfig, Handler } = resources[idOf(fn)].Properties;
    const logs = resources[idOf(`${fn}Logs`)];

    // Assess
    expect({ Runtime, Architectures, LoggingConfig, Handler }).toEqual({
      Runtime: "nodejs24.x",
      Architectures: ["arm64"],
      LoggingConfig: {
        LogFormat: "JSON",
        LogGroup: ref(`${fn}Logs`),
        ApplicationLogLevel: "INFO",
        SystemLogLevel: "WARN",
      },
      Handler: "index.handler",
    });
    expect(logs.Properties.RetentionInDays).toBe(30);
    expect(logs.DeletionPolicy).toBe("Delete");
  });

  it("sizes each function for its work", () => {
    // Act
    const sizes = Object.fromEntries(
      ["Dispatch", "Poll", "Analyze"].map((fn) => {
        const { MemorySize, Timeout } = template.toJSON().Resources[idOf(fn)].Properties;
        return [fn, { MemorySize, Timeout }];
      }),
    );

    // Assess
    expect(sizes).toEqual({
      Dispatch: { MemorySize: 256, Timeout: 30 },
      Poll: { MemorySize: 512, Timeout: 120 },
      Analyze: { MemorySize: 512, Timeout: 60 },
    });
  });

  it("gives dispatch the feeds table and the feed queue (the feeds come with the schedule's event)", () => {
    expect(environmentOf("Dispatch")).toEqual({
      NODE_OPTIONS: "--enable-source-maps",
      [FEEDS_TABLE.envVar]: ref(FEEDS_TABLE.logicalName),
      [ENV.feedQueueUrl]: ref("FeedQueue"),
    });
  });

  it("gives poll the articles and feeds tables, and the age bound a Telegram channel pages back to", () => {
    expect(environmentOf("Poll")).toEqual({
      NODE_OPTIONS: "--enable-source-maps",
      [ARTICLES_TABLE.envVar]: ref(ARTICLES_TABLE.logicalName),
      [FEEDS_TABLE.envVar]: ref(FEEDS_TABLE.logicalName),
      [ENV.alertMaxAgeHours]: "48",
    });
  });

  it("gives analyze its tables, the watched regions, the thresholds, the age bound and the alerts topic", () => {
    expect(environmentOf("Analyze")).toEqual({
      NODE_OPTIONS: "--enable-source-maps",
      [INCIDENTS_TABLE.envVar]: ref(INCIDENTS_TABLE.logicalName),
      [OUTBOX_TABLE.envVar]: ref(OUTBOX_TABLE.logicalName),
      [ARTICLES_TABLE.envVar]: ref(ARTICLES_TABLE.logicalName),
      [ENV.watchedRegions]: JSON.stringify(["Ukraine", "Belgorod Oblast"]),
      [ENV.updateThresholds]: JSON.stringify({ killed: [1], injured: [5] }),
      [ENV.alertMaxAgeHours]: "48",
      [ENV.alertsTopicArn]: ref("Alerts", "Topic"),
    });
  });

  it("keeps subscribers' contact data out of environments and outputs", () => {
    // Prepare
    const resources = template.toJSON().Resources as Record<string, { Type: string }>;
    const elsewhere = {
      functions: Object.values(resources).filter((resource) => resource.Type === "AWS::Lambda::Function"),
      outputs: template.toJSON().Outputs ?? {},
    };

    // Act
    const text = JSON.stringify(elsewhere);

    // Assess
    expect(text).not.toContain("watcher@example.org");
    expect(text).not.toContain("+380501234567");
    expect(text).not.toContain("ops@example.org");
  });
});

describe("IAM", () => {
  /** Every allowed action of a role, by the resource it is allowed on (JSON of the resource). */
  function grantsOf(fn: string): Record<string, string[]> {
    const grants: Record<string, string[]> = {};
    for (const statement of statementsOf(fn)) {
      expect(statement.Effect).toBe("Allow");
      for (const resource of [statement.Resource].flat()) {
        const key = JSON.stringify(resource);
        grants[key] = [...new Set([...(grants[key] ?? []), ...[statement.Action].flat()])].sort();
      }
    }
    return grants;
  }
  const key = (resource: unknown) => JSON.stringify(resource);
  const logs = (fn: string) => ({ [key(arn(`${fn}Logs`))]: ["logs:CreateLogStream", "logs:PutLogEvents"] });
  /** What a destination (stream DLQ, on-failure) grants on its queue. */
  const SEND = ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"];

  it("lets dispatch scan feed states, send to the feed queue and record a failed run, nothing else", () => {
    expect(grantsOf("Dispatch")).toEqual({
      ...logs("Dispatch"),
      [key(arn(FEEDS_TABLE.logicalName))]: ["dynamodb:Scan"],
      [key(arn("FeedQueue"))]: ["sqs:SendMessage"],
      [key(arn("ScheduleDeadLetters"))]: SEND,
    });
  });

  it("lets poll create articles, read and write feed states and consume the feed queue, nothing else", () => {
    expect(grantsOf("Poll")).toEqual({
      ...logs("Poll"),
      [key(arn(ARTICLES_TABLE.logicalName))]: ["dynamodb:PutItem"],
      [key(arn(FEEDS_TABLE.logicalName))]: ["dynamodb:GetItem", "dynamodb:PutItem"],
      [key(arn("FeedQueue"))]: [
        "sqs:ChangeMessageVisibility",
        "sqs:DeleteMessage",
        "sqs:GetQueueAttributes",
        "sqs:GetQueueUrl",
        "sqs:ReceiveMessage",
      ],
    });
  });

  it("lets analyze read the stream, keep incidents and the outbox, read articles by id and publish alerts, nothing else", () => {
    expect(grantsOf("Analyze")).toEqual({
      ...logs("Analyze"),
      [key(arn(INCIDENTS_TABLE.logicalName))]: [
        "dynamodb:DeleteItem",
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:Query",
      ],
      [key(arn(OUTBOX_TABLE.logicalName))]: ["dynamodb:PutItem", "dynamodb:UpdateItem"],
      [key({ "Fn::Join": ["", [arn(OUTBOX_TABLE.logicalName), "/index/pending"]] })]: ["dynamodb:Query"],
      [key(arn(ARTICLES_TABLE.logicalName))]: ["dynamodb:GetItem"],
      [key({ "Fn::GetAtt": [idOf(ARTICLES_TABLE.logicalName), "StreamArn"] })]: [
        "dynamodb:DescribeStream",
        "dynamodb:GetRecords",
        "dynamodb:GetShardIterator",
      ],
      [key("*")]: ["dynamodb:ListStreams"],
      [key(ref("Alerts", "Topic"))]: ["sns:Publish"],
      [key(arn("StreamDeadLetters"))]: SEND,
      [key(arn("ScheduleDeadLetters"))]: SEND,
    });
  });

  it("writes each function's logs through its own role, with no managed policy", () => {
    for (const fn of ["Dispatch", "Poll", "Analyze"]) {
      expect(actionsOf(fn, arn(`${fn}Logs`))).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
      expect(template.toJSON().Resources[idOf(`${fn}Role`)].Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it("lets SNS write SMS delivery logs under its own log-group prefix only", () => {
    template.hasResourceProperties("AWS::IAM::Role", {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: "sns.amazonaws.com" } })],
      }),
    });
    const [policy] = Object.values(
      template.findResources("AWS::IAM::Policy", {
        Properties: { Roles: [{ Ref: idOf("SmsDeliveryStatusRole") }] },
      }),
    ) as Array<{ Properties: { PolicyDocument: { Statement: Statement[] } } }>;
    expect(policy?.Properties.PolicyDocument.Statement).toHaveLength(1);
    expect(JSON.stringify(policy?.Properties.PolicyDocument.Statement[0]?.Resource)).toContain(
      ":log-group:sns/",
    );
  });
});

describe("queues", () => {
  it("redrives a feed message to its dead-letter queue after 3 receives", () => {
    template.hasResourceProperties("AWS::SQS::Queue", {
      RedrivePolicy: { deadLetterTargetArn: arn("FeedDeadLetters"), maxReceiveCount: 3 },
      VisibilityTimeout: 720,
    });
  });

  it("keeps the visibility timeout at least 6 times the poll timeout", () => {
    // Prepare
    const resources = template.toJSON().Resources;

    // Act
    const visibility = resources[idOf("FeedQueue")].Properties.VisibilityTimeout;
    const pollTimeout = resources[idOf("Poll")].Properties.Timeout;

    // Assess
    expect(visibility).toBeGreaterThanOrEqual(6 * pollTimeout);
  });

  it("encrypts every queue and refuses requests without TLS", () => {
    // Prepare
    const queues = template.findResources("AWS::SQS::Queue");
    const policies = Object.values(template.findResources("AWS::SQS::QueuePolicy")) as Array<{
      Properties: { Queues: unknown[]; PolicyDocument: { Statement: Array<Record<string, unknown>> } };
    }>;

    // Act
    const tlsOnly = Object.keys(queues).filter((id) =>
      policies.some(
        (policy) =>
          JSON.stringify(policy.Properties.Queues) === JSON.stringify([{ Ref: id }]) &&
          policy.Properties.PolicyDocument.Statement.some(
            (statement) =>
              statement.Effect === "Deny" &&
              JSON.stringify(statement.Condition) === '{"Bool":{"aws:SecureTransport":"false"}}',
          ),
      ),
    );

    // Assess
    // Feed, stream, schedule, subscription and notify dead letters, the feed queue and the notify queue.
    expect(Object.keys(queues)).toHaveLength(7);
    for (const queue of Object.values(queues))
      expect((queue as { Properties: object }).Properties).toMatchObject({ SqsManagedSseEnabled: true });
    expect(tlsOnly.sort()).toEqual(Object.keys(queues).sort());
  });
});

describe("event sources", () => {
  it("feeds poll from the feed queue five messages at a time with partial failures", () => {
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      FunctionName: ref("Poll"),
      EventSourceArn: arn("FeedQueue"),
      BatchSize: 5,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: 10 },
    });
  });

  it("feeds analyze the articles stream, INSERTs only, bisecting and retrying into a dead-letter queue", () => {
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      FunctionName: ref("Analyze"),
      EventSourceArn: { "Fn::GetAtt": [idOf(ARTICLES_TABLE.logicalName), "StreamArn"] },
      StartingPosition: "TRIM_HORIZON",
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ["INSERT"] }) }] },
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      ParallelizationFactor: 1,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      DestinationConfig: { OnFailure: { Destination: arn("StreamDeadLetters") } },
    });
  });
});

describe("schedules", () => {
  it("dispatches the configured feeds at the configured rate with a short retry policy and a dead-letter queue", () => {
    template.hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: "rate(10 minutes)",
      Target: Match.objectLike({
        Arn: arn("Dispatch"),
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 600 },
        DeadLetterConfig: { Arn: arn("ScheduleDeadLetters") },
        Input: JSON.stringify({ feeds: SAMPLE_CONFIG.feeds }),
      }),
    });
  });

  it("carries a thousand feeds in the schedule's event, far under Scheduler's 256 KB", () => {
    const feeds = Array.from({ length: 1000 }, (_, index) => ({
      url: `https://feeds.example.org/${index}/rss.xml`,
    }));
    expect(Buffer.byteLength(JSON.stringify({ feeds }))).toBeLessThan(256 * 1024);
  });

  it("asks analyze to deliver pending alerts at the same rate", () => {
    template.hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: "rate(10 minutes)",
      Target: Match.objectLike({
        Arn: arn("Analyze"),
        Input: JSON.stringify({ action: "deliver" }),
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 600 },
        DeadLetterConfig: { Arn: arn("ScheduleDeadLetters") },
      }),
    });
  });
});

describe("scheduled runs", () => {
  it.each(["Dispatch", "Analyze"])(
    "%s retries a failed run once, drops it once the next run is due, and records it in the schedule DLQ",
    (fn) => {
      template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
        FunctionName: ref(fn),
        Qualifier: "$LATEST",
        MaximumRetryAttempts: 1,
        MaximumEventAgeInSeconds: 600,
        DestinationConfig: { OnFailure: { Destination: arn("ScheduleDeadLetters") } },
      });
    },
  );

  it("configures no asynchronous invocation for poll, which only its queue invokes", () => {
    expect(
      Object.values(template.findResources("AWS::Lambda::EventInvokeConfig")).map(
        (resource) => (resource as { Properties: { FunctionName: unknown } }).Properties.FunctionName,
      ),
    ).toEqual([ref("Dispatch"), ref("Analyze")]);
  });
});

describe("tables", () => {
  it.each(TABLES.map((spec) => [spec.logicalName, spec] as const))(
    "builds %s from its spec",
    (_name, spec) => {
      // Prepare
      const resource = template.toJSON().Resources[idOf(spec.logicalName)];
      const keys = [
        { AttributeName: spec.partitionKey, KeyType: "HASH" },
        ...(spec.sortKey ? [{ AttributeName: spec.sortKey, KeyType: "RANGE" }] : []),
      ];

      // Act
      const properties = resource.Properties;

      // Assess
      expect(resource.DeletionPolicy).toBe("Retain");
      expect(resource.UpdateReplacePolicy).toBe("Retain");
      expect(properties.KeySchema).toEqual(keys);
      expect(properties.BillingMode).toBe("PAY_PER_REQUEST");
      expect(properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(properties.SSESpecification).toMatchObject({ SSEEnabled: true });
      expect(properties.TimeToLiveSpecification).toEqual(
        spec.ttlAttribute ? { AttributeName: spec.ttlAttribute, Enabled: true } : undefined,
      );
      expect(properties.StreamSpecification).toEqual(
        spec.stream ? { StreamViewType: spec.stream } : undefined,
      );
      expect(
        (properties.GlobalSecondaryIndexes ?? []).map(
          (index: { IndexName: string; KeySchema: unknown; Projection: unknown }) => [
            index.IndexName,
            index.KeySchema,
            index.Projection,
          ],
        ),
      ).toEqual(
        (spec.indexes ?? []).map((index) => [
          index.name,
          [
            { AttributeName: index.partitionKey, KeyType: "HASH" },
            ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: "RANGE" }] : []),
          ],
          { ProjectionType: "ALL" },
        ]),
      );
    },
  );

  it("streams new images of articles only", () => {
    expect(
      template.findResources("AWS::DynamoDB::Table", {
        Properties: { StreamSpecification: Match.anyValue() },
      }),
    ).toEqual({
      [idOf(ARTICLES_TABLE.logicalName)]: expect.anything(),
    });
  });
});

describe("alert subscriptions", () => {
  it("filters the email subscription on Kharkiv Oblast and at least one killed", () => {
    template.hasResourceProperties("AWS::SNS::Subscription", {
      TopicArn: ref("Alerts", "Topic"),
      Protocol: "email",
      Endpoint: "watcher@example.org",
      FilterPolicyScope: "MessageAttributes",
      FilterPolicy: { places: ["Kharkiv Oblast"], killed: [{ numeric: [">=", 1] }] },
    });
  });

  it("redrives what SNS cannot deliver, from every subscription of both topics, into one dead-letter queue", () => {
    // Prepare
    const subscriptions = Object.values(template.findResources("AWS::SNS::Subscription")) as Array<{
      Properties: { RedrivePolicy?: unknown; TopicArn: unknown };
    }>;

    // Act
    const redrives = subscriptions.map((subscription) => subscription.Properties.RedrivePolicy);

    // Assess
    // The config's email and SMS, the ops email, and the notifier's queue.
    expect(subscriptions).toHaveLength(4);
    expect(redrives).toEqual(Array(4).fill({ deadLetterTargetArn: arn("SubscriptionDeadLetters") }));
    for (const topic of ["Alerts", "Ops"]) {
      template.hasResourceProperties("AWS::SQS::QueuePolicy", {
        Queues: [ref("SubscriptionDeadLetters")],
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: "Allow",
              Principal: { Service: "sns.amazonaws.com" },
              Action: "sqs:SendMessage",
              Resource: arn("SubscriptionDeadLetters"),
              Condition: { ArnEquals: { "aws:SourceArn": ref(topic, "Topic") } },
            }),
          ]),
        }),
      });
    }
  });

  it("filters the SMS subscription on Ukraine and one killed or five injured", () => {
    // Prepare
    const subscriptions = template.findResources("AWS::SNS::Subscription", {
      Properties: { Protocol: "sms" },
    });

    // Act
    const [sms] = Object.values(subscriptions) as Array<{ Properties: Record<string, unknown> }>;

    // Assess
    expect(Object.keys(subscriptions)).toHaveLength(1);
    expect(JSON.stringify(sms?.Properties.FilterPolicy)).toBe(
      '{"places":["UA"],"$or":[{"killed":[{"numeric":[">=",1]}]},{"injured":[{"numeric":[">=",5]}]}]}',
    );
    expect(sms?.Properties).toMatchObject({
      Endpoint: "+380501234567",
      FilterPolicyScope: "MessageAttributes",
      TopicArn: ref("Alerts", "Topic"),
    });
  });

  it("keeps a subscription's id when another subscription is removed", () => {
    // Prepare
    const { subscriptions } = resolveConfigRegions(SAMPLE_CONFIG);
    const smsOnly = subscriptions.filter((subscription) => subscription.protocol === "sms");
    const scratch = new Stack();
    const topic = { topicArn: "arn:aws:sns:eu-central-1:111111111111:alerts" };

    const deadLetters = new Queue(scratch, "DeadLetters");

    // Act
    const both = new AlertSubscriptions(scratch, "Both", topic as never, subscriptions, deadLetters);
    const one = new AlertSubscriptions(scratch, "One", topic as never, smsOnly, deadLetters);

    // Assess
    const smsIds = (scope: AlertSubscriptions) => scope.node.children.map((child) => child.node.id);
    expect(smsIds(one)).toHaveLength(1);
    expect(smsIds(both)).toContain(smsIds(one)[0]);
    expect(smsIds(one)[0]).not.toContain("380");
  });

  it("refuses the same address twice", () => {
    // Prepare
    const config = parseConfig({
      feeds: [],
      watchedRegions: ["Ukraine"],
      subscriptions: [
        { email: "watcher@example.org", regions: ["Kharkiv Oblast"] },
        { email: "Watcher@example.org", regions: ["Sumy Oblast"] },
      ],
    });
    const { subscriptions } = resolveConfigRegions(config);

    const scratch = new Stack();
    const deadLetters = new Queue(scratch, "DeadLetters");

    // Act
    const subscribe = () =>
      new AlertSubscriptions(
        scratch,
        `Subscriptions${Math.random()}`,
        { topicArn: "arn" } as never,
        subscriptions,
        deadLetters,
      );

    // Assess
    expect(subscribe).toThrow(DuplicateSubscriptionError);
    expect(subscribe).toThrow("subscriptions[1]: the same address as subscriptions[0]");
  });
});

describe("topics", () => {
  it("encrypts the alerts topic with the AWS-managed SNS key, creates no key of its own, and refuses publishes without TLS", () => {
    const topics = template.findResources("AWS::SNS::Topic");
    expect(JSON.stringify(topics[idOf("Alerts", "Topic")]?.Properties.KmsMasterKeyId)).toContain(
      ":alias/aws/sns",
    );
    expect(topics[idOf("Ops", "Topic")]?.Properties.KmsMasterKeyId).toBeUndefined();
    template.resourceCountIs("AWS::KMS::Key", 0);
    for (const topic of ["Alerts", "Ops"]) {
      template.hasResourceProperties("AWS::SNS::TopicPolicy", {
        Topics: [ref(topic, "Topic")],
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: "Deny",
              Action: "sns:Publish",
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            }),
          ]),
        }),
      });
    }
  });

  it("lets this account's CloudWatch alarms publish to the ops topic", () => {
    template.hasResourceProperties("AWS::SNS::TopicPolicy", {
      Topics: [ref("Ops", "Topic")],
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "sns:Publish",
            Condition: Match.objectLike({ StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } }),
          }),
        ]),
      }),
    });
  });

  it("subscribes the configuration's ops emails to the ops topic", () => {
    template.hasResourceProperties("AWS::SNS::Subscription", {
      TopicArn: ref("Ops", "Topic"),
      Protocol: "email",
      Endpoint: "ops@example.org",
      RedrivePolicy: { deadLetterTargetArn: arn("SubscriptionDeadLetters") },
    });
  });
});

describe("alarms", () => {
  type AlarmProperties = Record<string, unknown> & { AlarmActions: unknown; OKActions: unknown };
  const alarms = () =>
    Object.values(template.findResources("AWS::CloudWatch::Alarm")).map(
      (resource) => (resource as { Properties: AlarmProperties }).Properties,
    );
  /** The one alarm on `metricName` whose properties include `match`. */
  function alarmOn(metricName: string, match: Record<string, unknown> = {}): AlarmProperties {
    const found = alarms().filter(
      (alarm) =>
        alarm.MetricName === metricName &&
        Object.entries(match).every(([name, value]) => JSON.stringify(alarm[name]) === JSON.stringify(value)),
    );
    expect(found).toHaveLength(1);
    return found[0]!;
  }
  const notifies = (alarm: AlarmProperties) => {
    expect(alarm.AlarmActions).toEqual([ref("Ops", "Topic")]);
    expect(alarm.OKActions).toEqual([ref("Ops", "Topic")]);
  };

  it("alarms on new dead letters in each dead-letter queue: the rise of the visible count, an idle queue counting 0", () => {
    for (const queue of [
      "FeedDeadLetters",
      "StreamDeadLetters",
      "ScheduleDeadLetters",
      "SubscriptionDeadLetters",
    ]) {
      const found = alarms().filter((alarm) =>
        JSON.stringify(alarm.Metrics ?? "").includes(
          JSON.stringify({ "Fn::GetAtt": [idOf(queue), "QueueName"] }),
        ),
      );
      expect(found).toHaveLength(1);
      const alarm = found[0]!;
      expect(alarm).toMatchObject({ Threshold: 1, ComparisonOperator: "GreaterThanOrEqualToThreshold" });
      expect(alarm.Metrics).toEqual([
        { Id: "expr_1", Expression: "DIFF(FILL(visible, 0))", ReturnData: true },
        {
          Id: "visible",
          ReturnData: false,
          MetricStat: {
            Metric: {
              Namespace: "AWS/SQS",
              MetricName: "ApproximateNumberOfMessagesVisible",
              Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": [idOf(queue), "QueueName"] } }],
            },
            Period: 300,
            Stat: "Maximum",
          },
        },
      ]);
      notifies(alarm);
    }
  });

  it("alarms on any function error or throttle", () => {
    for (const fn of ["Dispatch", "Poll", "Analyze"]) {
      for (const metric of ["Errors", "Throttles"]) {
        const alarm = alarmOn(metric, { Dimensions: [{ Name: "FunctionName", Value: ref(fn) }] });
        expect(alarm).toMatchObject({
          Namespace: "AWS/Lambda",
          Statistic: "Sum",
          Threshold: 1,
          ComparisonOperator: "GreaterThanOrEqualToThreshold",
        });
        notifies(alarm);
      }
    }
  });

  it("alarms when a feed has been failing for over an hour", () => {
    const alarm = alarmOn("FeedsFailingOverAnHour");
    expect(alarm).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Dimensions: [{ Name: "service", Value: "dispatch" }],
      Period: 1200,
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
    });
    notifies(alarm);
  });

  it("alarms when no article was stored for two hours, missing data included", () => {
    const alarm = alarmOn("ArticlesStored");
    expect(alarm).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Dimensions: [{ Name: "service", Value: "poll" }],
      Statistic: "Sum",
      Period: 3600,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      Threshold: 1,
      ComparisonOperator: "LessThanThreshold",
      TreatMissingData: "breaching",
    });
    notifies(alarm);
  });

  it("alarms on a failed publish and on an alert pending for over 30 minutes, from the outbox's metrics", () => {
    const failed = alarmOn("AlertsFailed");
    expect(failed).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Dimensions: [{ Name: "service", Value: "analyze" }],
      Statistic: "Sum",
      Threshold: 1,
    });
    const pending = alarmOn("OldestPendingAlertSeconds");
    expect(pending).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Dimensions: [{ Name: "service", Value: "analyze" }],
      Statistic: "Maximum",
      Threshold: 1800,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
    });
    notifies(failed);
    notifies(pending);
  });

  it("alarms on notifications SNS failed to deliver from the alerts topic", () => {
    const alarm = alarmOn("NumberOfNotificationsFailed");
    expect(alarm).toMatchObject({
      Namespace: "AWS/SNS",
      Dimensions: [{ Name: "TopicName", Value: { "Fn::GetAtt": [idOf("Alerts", "Topic"), "TopicName"] } }],
      Statistic: "Sum",
      Threshold: 1,
    });
    notifies(alarm);
  });

  it("alarms at USD 0.80 of SMS spend this month, since an SMS subscription exists", () => {
    const alarm = alarmOn("SMSMonthToDateSpentUSD");
    expect(alarm).toMatchObject({ Namespace: "AWS/SNS", Statistic: "Maximum", Threshold: 0.8 });
    notifies(alarm);
  });

  it("alarms when new articles wait over 15 minutes for analysis", () => {
    const alarm = alarmOn("IteratorAge");
    expect(alarm).toMatchObject({
      Namespace: "AWS/Lambda",
      Dimensions: [{ Name: "FunctionName", Value: ref("Analyze") }],
      Statistic: "Maximum",
      Threshold: 900_000,
    });
    notifies(alarm);
  });

  it("has exactly these alarms, each notifying the ops topic", () => {
    expect(alarms()).toHaveLength(4 * 2 + 5 + 7);
    for (const alarm of alarms()) notifies(alarm);
  });

  it("has no SMS spend alarm without SMS subscriptions", () => {
    // Prepare
    const config = parseConfig({ ...SAMPLE_CONFIG, subscriptions: [SAMPLE_CONFIG.subscriptions[0]] });

    // Act
    const emailOnly = Template.fromStack(sampleStack({ config }).stack);

    // Assess
    expect(
      emailOnly.findResources("AWS::CloudWatch::Alarm", {
        Properties: { MetricName: "SMSMonthToDateSpentUSD" },
      }),
    ).toEqual({});
  });

  it("draws one dashboard named after the deployment", () => {
    // Act
    const [dashboard] = Object.values(template.findResources("AWS::CloudWatch::Dashboard")) as Array<{
      Properties: { DashboardBody: unknown };
    }>;
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);

    // Assess
    template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    template.hasResourceProperties("AWS::CloudWatch::Dashboard", { DashboardName: "StrikeWatch" });
    for (const text of [
      "Invocations",
      "Errors",
      "Duration",
      "Queue depth",
      "ArticlesStored",
      "AlertsSent",
      "OldestPendingAlertSeconds",
    ])
      expect(body).toContain(text);
  });
});

describe("outputs, names and tags", () => {
  it("outputs what the deploy guide's commands need, and no contact data", () => {
    // Act
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;

    // Assess
    expect(Object.keys(outputs).sort()).toEqual(
      [
        "AlertsTopicArn",
        "OpsTopicArn",
        "DashboardUrl",
        "ArticlesTableName",
        "IncidentsTableName",
        "OutboxTableName",
        "FeedsTableName",
        "FeedQueueUrl",
        "FeedDeadLettersUrl",
        "FeedDeadLettersArn",
        "StreamDeadLettersUrl",
        "ScheduleDeadLettersUrl",
        "SubscriptionDeadLettersUrl",
        "AnalyzeFunctionName",
        "SmsDeliveryStatusRoleArn",
        "SubscriptionDeadLettersArn",
        "SubscribersTableName",
        "SubscriberParameterPrefix",
        "NotifyDeadLettersUrl",
        "WebUrl",
        "ApiUrl",
        "AlertsFeedUrl",
      ].sort(),
    );
    expect(outputs.AlertsTopicArn?.Value).toEqual(ref("Alerts", "Topic"));
    expect(outputs.OpsTopicArn?.Value).toEqual(ref("Ops", "Topic"));
    expect(outputs.ArticlesTableName?.Value).toEqual(ref(ARTICLES_TABLE.logicalName));
    expect(outputs.AnalyzeFunctionName?.Value).toEqual(ref("Analyze"));
    expect(JSON.stringify(outputs.DashboardUrl?.Value)).toContain(
      `"#dashboards:name=",${JSON.stringify(ref("Operations", "Dashboard"))}`,
    );
    for (const output of Object.values(outputs)) expect(JSON.stringify(output)).not.toMatch(/Export/);
  });

  /** Properties that give a resource a name of its own, which must be unique in an account or region. */
  const PHYSICAL_NAMES = new Set([
    "TableName",
    "QueueName",
    "TopicName",
    "FunctionName",
    "RoleName",
    "LogGroupName",
    "DashboardName",
    "AlarmName",
    "Name",
    "GroupName",
    "ExportName",
  ]);

  it("names the stack and the dashboard after the configuration's name, so two copies fit one account", () => {
    // Prepare
    const app = new App({ context: { "aws:cdk:bundling-stacks": [] } });
    const staging = parseConfig({ ...SAMPLE_CONFIG, name: "StrikeWatch-Staging" });

    // Act
    const first = sampleStack({ app }).stack;
    const second = sampleStack({ app, config: staging }).stack;
    const physicalNames = [first, second].map((copy) => {
      const names: string[] = [];
      const resources = Template.fromStack(copy).toJSON().Resources as Record<
        string,
        { Properties?: Record<string, unknown> }
      >;
      for (const resource of Object.values(resources))
        for (const [property, value] of Object.entries(resource.Properties ?? {}))
          if (PHYSICAL_NAMES.has(property) && typeof value === "string")
            names.push(`${property}=${JSON.stringify(value)}`);
      return names;
    });

    // Assess
    expect([first.stackName, second.stackName]).toEqual(["StrikeWatch", "StrikeWatch-Staging"]);
    expect(physicalNames).toEqual([['DashboardName="StrikeWatch"'], ['DashboardName="StrikeWatch-Staging"']]);
  });

  it("tags every resource with the deployment's name and the configuration's tags", () => {
    // Prepare
    const tagged = [
      "AWS::DynamoDB::Table",
      "AWS::SQS::Queue",
      "AWS::SNS::Topic",
      "AWS::Lambda::Function",
      "AWS::IAM::Role",
    ];

    // Act
    const tags = tagged.flatMap((type) =>
      Object.values(template.findResources(type)).map(
        (resource) =>
          (resource as { Properties: { Tags?: Array<{ Key: string; Value: string }> } }).Properties.Tags,
      ),
    );

    // Assess
    expect(tags.length).toBeGreaterThan(15);
    for (const list of tags)
      expect(list).toEqual(
        expect.arrayContaining([
          { Key: DEPLOYMENT_TAG, Value: "StrikeWatch" },
          { Key: "team", Value: "desk" },
        ]),
      );
  });
});

describe("bindJson", () => {
  it("refuses a value that would not fit in a Lambda environment", () => {
    // Prepare
    const { stack: scratch } = sampleStack();
    const analyze = scratch.node.findChild("Analyze") as NodejsFunction;
    const regions = Array.from({ length: 400 }, (_, index) => `Region number ${index}`);

    // Act
    const bind = () => bindJson(analyze, ENV.watchedRegions, regions);

    // Assess
    expect(bind).toThrow(EnvValueTooLargeError);
    expect(bind).toThrow(/STRIKEWATCH_WATCHED_REGIONS: \d+ bytes/);
  });
});

describe("cdk-nag AwsSolutions and Serverless", () => {
  it.each([
    ["AwsSolutions", () => new AwsSolutionsChecks()],
    ["Serverless", () => new ServerlessChecks()],
  ])("leaves no unacknowledged %s finding", (_pack, pack) => {
    // Prepare
    const { app } = sampleStack();

    // Act
    const report = pack().validateScope(app);

    // Assess
    expect(
      report.violations.map(
        (violation) => `${violation.ruleName} at ${violation.violatingResources.map((r) => r.constructPath)}`,
      ),
    ).toEqual([]);
  });

  it("acknowledges exactly these findings, each with a reason", () => {
    // Prepare
    const { stack: fresh } = sampleStack();
    const acknowledged: Array<[string, string, string]> = [];

    // Act
    for (const construct of fresh.node.findAll())
      for (const entry of construct.node.metadata)
        if (entry.type === "aws:cdk:acknowledged-rules")
          for (const [id, reason] of Object.entries(entry.data as Record<string, string>))
            acknowledged.push([construct.node.path, id.replace(/^Annotation::/, ""), reason]);

    // Assess
    const deadLetters = [
      "FeedDeadLetters",
      "ScheduleDeadLetters",
      "StreamDeadLetters",
      "SubscriptionDeadLetters",
    ];
    const functions = ["Dispatch", "Poll", "Analyze"];
    expect(acknowledged.map(([path, id]) => `${path} ${id}`).sort()).toEqual(
      [
        `StrikeWatch AwsSolutions-IAM5[Resource::<${idOf("Analyze")}.Arn>:*]`,
        `StrikeWatch AwsSolutions-IAM5[Resource::<${idOf("Dispatch")}.Arn>:*]`,
        "StrikeWatch/Ops/Topic AwsSolutions-SNS2",
        "StrikeWatch/AnalyzeRole AwsSolutions-IAM5[Resource::*]",
        "StrikeWatch/SmsDeliveryStatusRole AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:sns/<AWS::Region>/<AWS::AccountId>/*]",
        ...deadLetters.flatMap((queue) => [
          `StrikeWatch/${queue} AwsSolutions-SQS3`,
          `StrikeWatch/${queue} Serverless-SQSRedrivePolicy`,
        ]),
        ...functions.flatMap((fn) => [
          `StrikeWatch/${fn} Serverless-LambdaDLQ`,
          `StrikeWatch/${fn} Serverless-LambdaTracing`,
        ]),
        "StrikeWatch/Poll Serverless-LambdaEventSourceMappingDestination",
        // The read-only API (infra/constructs/web.ts) and the chat/webhook notifier (infra/constructs/notifier.ts).
        "StrikeWatch/Api Serverless-LambdaDLQ",
        "StrikeWatch/Api Serverless-LambdaTracing",
        "StrikeWatch/Notifier/Notify Serverless-LambdaDLQ",
        "StrikeWatch/Notifier/Notify Serverless-LambdaEventSourceMappingDestination",
        "StrikeWatch/Notifier/Notify Serverless-LambdaTracing",
        "StrikeWatch/Notifier/NotifyDeadLetters AwsSolutions-SQS3",
        "StrikeWatch/Notifier/NotifyDeadLetters Serverless-SQSRedrivePolicy",
        "StrikeWatch/Notifier/NotifyRole AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*]",
        "StrikeWatch/Notifier/NotifyRole AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter/strikewatch/StrikeWatch/subscribers/*]",
        "StrikeWatch/Web/Distribution AwsSolutions-CFR1",
        "StrikeWatch/Web/Distribution AwsSolutions-CFR2",
        "StrikeWatch/Web/Distribution AwsSolutions-CFR3",
        "StrikeWatch/Web/Distribution AwsSolutions-CFR4",
        "StrikeWatch/Web/Site AwsSolutions-S1",
        // CDK's own BucketDeployment custom resource that copies the page into its bucket.
        ...[
          "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
          "AwsSolutions-IAM5[Action::s3:Abort*]",
          "AwsSolutions-IAM5[Action::s3:DeleteObject*]",
          "AwsSolutions-IAM5[Action::s3:GetBucket*]",
          "AwsSolutions-IAM5[Action::s3:GetObject*]",
          "AwsSolutions-IAM5[Action::s3:List*]",
          "AwsSolutions-IAM5[Resource::*]",
          "AwsSolutions-IAM5[Resource::<WebSiteD504717C.Arn>/*]",
          "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]",
          "AwsSolutions-L1",
          "Serverless-LambdaDLQ",
          "Serverless-LambdaLatestVersion",
          "Serverless-LambdaTracing",
        ].map((id) => `StrikeWatch/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C256MiB ${id}`),
      ].sort(),
    );
    for (const [, , reason] of acknowledged) expect(reason.length).toBeGreaterThan(60);
  });

  it("still reports what nobody acknowledged", () => {
    // Prepare
    const { app, stack: fresh } = sampleStack();
    new Queue(fresh, "Plain");
    const analyzeRole = fresh.node.findChild("AnalyzeRole") as unknown as {
      addToPrincipalPolicy(statement: PolicyStatement): void;
    };
    analyzeRole.addToPrincipalPolicy(
      new PolicyStatement({ actions: ["s3:*"], resources: ["arn:aws:s3:::x/*"] }),
    );

    // Act
    const rules = [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap((pack) =>
      pack.validateScope(app).violations.map((violation) => violation.ruleName),
    );

    // Assess
    expect(rules).toEqual(
      expect.arrayContaining([
        "AwsSolutions-SQS3",
        "AwsSolutions-SQS4",
        "AwsSolutions-IAM5[Action::s3:*]",
        "AwsSolutions-IAM5[Resource::arn:aws:s3:::x/*]",
        "Serverless-SQSRedrivePolicy",
      ]),
    );
  });
});
