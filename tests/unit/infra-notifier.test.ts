/**
 * Contracts of the notifier in the synthesized stack: the alert topic feeds its queue with raw
 * delivery, the queue has a dead-letter queue that is alarmed, the function consumes it with
 * partial batch responses, and its role may do exactly what its code does (Query and PutItem on
 * the Subscribers table, GetParameter under the deployment's subscriber path, Decrypt only through
 * SSM for those parameters); the outputs `strikewatch subscribe --stack` reads; cdk-nag's verdict.
 */
import type { CfnElement } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks, ServerlessChecks } from "cdk-nag";
import type { IConstruct } from "constructs";
import { beforeAll, describe, expect, it } from "vitest";
import { SUBSCRIBE_OUTPUTS } from "../../functions/local/subscribe.js";
import { ENV, SUBSCRIBERS_TABLE } from "../../functions/tables.js";
import { subscriberParameterPrefix } from "../../infra/constructs/notifier.js";
import type { StrikeWatchStack } from "../../infra/stack.js";
import { sampleStack } from "../infra/sample.js";

type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };

let stack: StrikeWatchStack;
let template: Template;

beforeAll(() => {
  stack = sampleStack().stack;
  template = Template.fromStack(stack);
});

function idOf(...path: string[]): string {
  let construct: IConstruct = stack;
  for (const part of path) construct = construct.node.findChild(part);
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}

function statementsOfNotify(): Statement[] {
  const policies = template.findResources("AWS::IAM::Policy", {
    Properties: { Roles: [{ Ref: idOf("Notifier", "NotifyRole") }] },
  });
  return Object.values(policies).flatMap(
    (policy) =>
      (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
        .Statement,
  );
}

describe("the notifier's queue", () => {
  it("is subscribed to the alert topic with raw message delivery and a redrive policy", () => {
    template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "sqs",
      TopicArn: { Ref: idOf("Alerts", "Topic") },
      Endpoint: { "Fn::GetAtt": [idOf("Notifier", "NotifyQueue"), "Arn"] },
      RawMessageDelivery: true,
      RedrivePolicy: { deadLetterTargetArn: { "Fn::GetAtt": [idOf("SubscriptionDeadLetters"), "Arn"] } },
    });
  });

  it("is encrypted, moves an alert tried three times to its dead-letter queue, and waits six timeouts", () => {
    template.hasResourceProperties("AWS::SQS::Queue", {
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 720,
      RedrivePolicy: {
        deadLetterTargetArn: { "Fn::GetAtt": [idOf("Notifier", "NotifyDeadLetters"), "Arn"] },
        maxReceiveCount: 3,
      },
    });
  });

  it("feeds the notify function five alerts at a time with partial batch responses", () => {
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      FunctionName: { Ref: idOf("Notifier", "Notify") },
      EventSourceArn: { "Fn::GetAtt": [idOf("Notifier", "NotifyQueue"), "Arn"] },
      BatchSize: 5,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
    });
  });

  it("alarms on new dead letters and on the function's errors, notifying the ops topic", () => {
    // Act
    const alarms = Object.entries(template.findResources("AWS::CloudWatch::Alarm")).map(([id, alarm]) => ({
      id,
      body: JSON.stringify(alarm),
    }));

    // Assess
    const deadLetters = alarms.find(({ id }) => id.includes("notifyDeadLetters"));
    expect(deadLetters?.body).toContain(idOf("Notifier", "NotifyDeadLetters"));
    expect(deadLetters?.body).toContain(idOf("Ops", "Topic"));
    expect(
      alarms.some(({ id, body }) => id.includes("notifyErrors") && body.includes(idOf("Notifier", "Notify"))),
    ).toBe(true);
  });
});

describe("the notify function", () => {
  it("is told the Subscribers table and the parameter path, and nothing secret", () => {
    // Act
    const variables =
      template.toJSON().Resources[idOf("Notifier", "Notify")].Properties.Environment.Variables;

    // Assess
    expect(variables).toEqual({
      NODE_OPTIONS: "--enable-source-maps",
      [SUBSCRIBERS_TABLE.envVar]: { Ref: idOf(SUBSCRIBERS_TABLE.logicalName) },
      [ENV.subscriberParameterPrefix]: "/strikewatch/StrikeWatch/subscribers/",
    });
  });

  it("may query and put items of the Subscribers table, and nothing else of any table", () => {
    // Act
    const dynamo = statementsOfNotify().filter((statement) =>
      [statement.Action].flat().some((action) => action.startsWith("dynamodb:")),
    );

    // Assess
    expect(dynamo).toEqual([
      {
        Effect: "Allow",
        Action: ["dynamodb:PutItem", "dynamodb:Query"],
        Resource: { "Fn::GetAtt": [idOf(SUBSCRIBERS_TABLE.logicalName), "Arn"] },
      },
    ]);
  });

  it("may read parameters under the deployment's subscriber path only, and decrypt them only through SSM", () => {
    // Act
    const statements = statementsOfNotify();
    const ssm = statements.filter((statement) => JSON.stringify(statement.Action).includes("ssm:"));
    const kms = statements.filter((statement) => JSON.stringify(statement.Action).includes("kms:"));

    // Assess
    expect(ssm).toHaveLength(1);
    expect(ssm[0]!.Action).toBe("ssm:GetParameter");
    expect(JSON.stringify(ssm[0]!.Resource)).toContain(":parameter/strikewatch/StrikeWatch/subscribers/*");
    expect(kms).toHaveLength(1);
    expect(kms[0]).toMatchObject({
      Action: "kms:Decrypt",
      Condition: {
        StringEquals: {
          "kms:ViaService": { "Fn::Join": ["", ["ssm.", { Ref: "AWS::Region" }, ".amazonaws.com"]] },
        },
        StringLike: { "kms:EncryptionContext:PARAMETER_ARN": ssm[0]!.Resource },
      },
    });
    expect(JSON.stringify(statements)).not.toMatch(/"(ssm|kms|dynamodb):\*"|"Resource":"\*"/);
  });

  it("derives the parameter path from the deployment's name", () => {
    expect(subscriberParameterPrefix("Desk-2")).toBe("/strikewatch/Desk-2/subscribers/");
  });
});

describe("the stack's outputs and cdk-nag", () => {
  it("outputs what strikewatch subscribe --stack reads", () => {
    // Act
    const outputs = Object.keys(template.toJSON().Outputs);

    // Assess
    expect(outputs).toEqual(expect.arrayContaining(Object.values(SUBSCRIBE_OUTPUTS)));
    expect(outputs).toContain("NotifyDeadLettersUrl");
    template.hasOutput("SubscriberParameterPrefix", { Value: "/strikewatch/StrikeWatch/subscribers/" });
  });

  it("builds the Subscribers table from its spec, retained with point-in-time recovery", () => {
    template.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: "pk", KeyType: "HASH" },
          { AttributeName: "sk", KeyType: "RANGE" },
        ],
        TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    });
  });

  it("leaves cdk-nag nothing unacknowledged in the notifier", () => {
    // Prepare
    const { app } = sampleStack();

    // Act
    const violations = [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap((pack) =>
      pack
        .validateScope(app)
        .violations.flatMap((violation) =>
          violation.violatingResources
            .filter((resource) => /Notifier|Subscribers/.test(resource.resourceLogicalId ?? ""))
            .map((resource) => `${violation.ruleName} ${resource.resourceLogicalId}`),
        ),
    );

    // Assess
    expect(violations).toEqual([]);
  });
});
