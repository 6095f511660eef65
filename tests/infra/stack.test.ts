/**
 * Contracts of the synthesized StrikeWatch stack (Template + Match): what each function may do and
 * is told, the queues and their dead letters, the event sources, the schedules, the tables, the
 * subscriptions' filter policies, the topics, the alarms, and cdk-nag's verdict.
 */
import { type CfnElement, Stack } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { Queue } from "aws-cdk-lib/aws-sqs";
import { AwsSolutionsChecks } from "cdk-nag";
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
import type { StrikeWatchStack } from "../../infra/stack.js";
import { SAMPLE_CONFIG, sampleStack } from "./sample.js";

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

let stack: StrikeWatchStack;
let template: Template;

beforeAll(() => {
  stack = sampleStack({ opsEmail: "ops@example.org" }).stack;
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
    expect(logs.Properties).toEqual({ RetentionInDays: 30 });
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

  it("gives poll the articles and feeds tables", () => {
    expect(environmentOf("Poll")).toEqual({
      NODE_OPTIONS: "--enable-source-maps",
      [ARTICLES_TABLE.envVar]: ref(ARTICLES_TABLE.logicalName),
      [FEEDS_TABLE.envVar]: ref(FEEDS_TABLE.logicalName),
    });
  });

  it("gives analyze the incidents and outbox tables, the watched regions and the alerts topic", () => {
    expect(environmentOf("Analyze")).toEqual({
      NODE_OPTIONS: "--enable-source-maps",
      [INCIDENTS_TABLE.envVar]: ref(INCIDENTS_TABLE.logicalName),
      [OUTBOX_TABLE.envVar]: ref(OUTBOX_TABLE.logicalName),
      [ENV.watchedRegions]: JSON.stringify(["Ukraine", "Belgorod Oblast"]),
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
  it("lets dispatch read feed states and send to the feed queue, nothing else", () => {
    expect(actionsOf("Dispatch", arn(FEEDS_TABLE.logicalName))).toEqual(
      [
        "dynamodb:BatchGetItem",
        "dynamodb:ConditionCheckItem",
        "dynamodb:DescribeTable",
        "dynamodb:GetItem",
        "dynamodb:GetRecords",
        "dynamodb:GetShardIterator",
        "dynamodb:Query",
        "dynamodb:Scan",
      ].sort(),
    );
    expect(actionsOf("Dispatch", arn("FeedQueue"))).toEqual([
      "sqs:GetQueueAttributes",
      "sqs:GetQueueUrl",
      "sqs:SendMessage",
    ]);
    expect(actionsOf("Dispatch", arn(ARTICLES_TABLE.logicalName))).toEqual([]);
    expect(
      actionsOf("Dispatch").filter((action) => /^dynamodb:.*(Put|Update|Delete|Write)/.test(action)),
    ).toEqual([]);
  });

  it("lets poll write articles and feed states and consume the feed queue, never publish", () => {
    expect(actionsOf("Poll", arn(ARTICLES_TABLE.logicalName))).toEqual(
      [
        "dynamodb:BatchWriteItem",
        "dynamodb:DeleteItem",
        "dynamodb:DescribeTable",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
      ].sort(),
    );
    expect(actionsOf("Poll", arn(FEEDS_TABLE.logicalName))).toContain("dynamodb:PutItem");
    expect(actionsOf("Poll", arn("FeedQueue"))).toContain("sqs:ReceiveMessage");
    expect(
      actionsOf("Poll").filter((action) => action.startsWith("sns:") || action.startsWith("kms:")),
    ).toEqual([]);
  });

  it("lets analyze publish to the alerts topic only and never touch the feed queue", () => {
    // Act
    const publishes = statementsOf("Analyze").filter((statement) =>
      [statement.Action].flat().includes("sns:Publish"),
    );

    // Assess
    expect(publishes.map((statement) => statement.Resource)).toEqual([ref("Alerts", "Topic")]);
    expect(actionsOf("Analyze").filter((action) => action.startsWith("kms:"))).toEqual([]);
    expect(actionsOf("Analyze", arn("FeedQueue"))).toEqual([]);
    expect(actionsOf("Analyze")).not.toContain("sqs:ReceiveMessage");
    expect(actionsOf("Analyze", arn(ARTICLES_TABLE.logicalName))).toEqual([]);
  });

  it("allows a wildcard resource only for dynamodb:ListStreams", () => {
    // Act
    const wildcards = ["Dispatch", "Poll", "Analyze"].flatMap((fn) =>
      statementsOf(fn)
        .filter((statement) => JSON.stringify(statement.Resource) === '"*"')
        .map((statement) => [fn, statement.Action]),
    );

    // Assess
    expect(wildcards).toEqual([["Analyze", "dynamodb:ListStreams"]]);
  });

  it("writes each function's logs through its own role, with no managed policy", () => {
    for (const fn of ["Dispatch", "Poll", "Analyze"]) {
      expect(actionsOf(fn, arn(`${fn}Logs`))).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
      expect(template.toJSON().Resources[idOf(`${fn}Role`)].Properties.ManagedPolicyArns).toBeUndefined();
    }
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
    expect(Object.keys(queues)).toHaveLength(4);
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
      StartingPosition: "LATEST",
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

    // Act
    const both = new AlertSubscriptions(scratch, "Both", topic as never, subscriptions);
    const one = new AlertSubscriptions(scratch, "One", topic as never, smsOnly);

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

    // Act
    const subscribe = () =>
      new AlertSubscriptions(new Stack(), "Subscriptions", { topicArn: "arn" } as never, subscriptions);

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

  it("subscribes the ops email to the ops topic", () => {
    template.hasResourceProperties("AWS::SNS::Subscription", {
      TopicArn: ref("Ops", "Topic"),
      Protocol: "email",
      Endpoint: "ops@example.org",
    });
  });
});

describe("alarms", () => {
  const opsTopic = () => [ref("Ops", "Topic")];

  it("alarms on any dead letter", () => {
    for (const queue of ["FeedDeadLetters", "StreamDeadLetters", "ScheduleDeadLetters"]) {
      template.hasResourceProperties("AWS::CloudWatch::Alarm", {
        MetricName: "ApproximateNumberOfMessagesVisible",
        Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": [idOf(queue), "QueueName"] } }],
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        AlarmActions: opsTopic(),
      });
    }
  });

  it("alarms on any function error", () => {
    for (const fn of ["Dispatch", "Poll", "Analyze"]) {
      template.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Namespace: "AWS/Lambda",
        MetricName: "Errors",
        Dimensions: [{ Name: "FunctionName", Value: ref(fn) }],
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        AlarmActions: opsTopic(),
        OKActions: opsTopic(),
      });
    }
  });

  it("alarms when a feed has been failing for over an hour", () => {
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: METRICS_NAMESPACE,
      MetricName: "FeedsFailingOverAnHour",
      Dimensions: [{ Name: "service", Value: "dispatch" }],
      Period: 1200,
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      AlarmActions: opsTopic(),
    });
  });

  it("alarms when no article was stored for two hours, missing data included", () => {
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: METRICS_NAMESPACE,
      MetricName: "ArticlesStored",
      Dimensions: [{ Name: "service", Value: "poll" }],
      Statistic: "Sum",
      Period: 3600,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      Threshold: 1,
      ComparisonOperator: "LessThanThreshold",
      TreatMissingData: "breaching",
      AlarmActions: opsTopic(),
    });
  });

  it("draws one dashboard", () => {
    // Act
    const [dashboard] = Object.values(template.findResources("AWS::CloudWatch::Dashboard")) as Array<{
      Properties: { DashboardBody: unknown };
    }>;
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);

    // Assess
    template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    template.hasResourceProperties("AWS::CloudWatch::Dashboard", { DashboardName: "StrikeWatch" });
    for (const text of ["Invocations", "Errors", "Duration", "Queue depth", "ArticlesStored", "AlertsSent"])
      expect(body).toContain(text);
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

describe("cdk-nag AwsSolutions", () => {
  it("leaves no unacknowledged finding", () => {
    // Prepare
    const { app } = sampleStack();

    // Act
    const report = new AwsSolutionsChecks().validateScope(app);

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
    expect(acknowledged.map(([path, id]) => `${path} ${id}`).sort()).toEqual(
      [
        `StrikeWatch AwsSolutions-IAM5[Resource::<${idOf("Analyze")}.Arn>:*]`,
        `StrikeWatch AwsSolutions-IAM5[Resource::<${idOf("Dispatch")}.Arn>:*]`,
        "StrikeWatch/Ops/Topic AwsSolutions-SNS2",
        `StrikeWatch/AnalyzeRole AwsSolutions-IAM5[Resource::<${idOf(OUTBOX_TABLE.logicalName)}.Arn>/index/*]`,
        "StrikeWatch/AnalyzeRole AwsSolutions-IAM5[Resource::*]",
        "StrikeWatch/FeedDeadLetters AwsSolutions-SQS3",
        "StrikeWatch/ScheduleDeadLetters AwsSolutions-SQS3",
        "StrikeWatch/StreamDeadLetters AwsSolutions-SQS3",
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
    const rules = new AwsSolutionsChecks()
      .validateScope(app)
      .violations.map((violation) => violation.ruleName);

    // Assess
    expect(rules).toEqual(
      expect.arrayContaining([
        "AwsSolutions-SQS3",
        "AwsSolutions-SQS4",
        "AwsSolutions-IAM5[Action::s3:*]",
        "AwsSolutions-IAM5[Resource::arn:aws:s3:::x/*]",
      ]),
    );
  });
});
