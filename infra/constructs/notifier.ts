/**
 * The notifier: the alert topic → an SQS queue (raw delivery, with a dead-letter queue) → the notify
 * function, which posts each alert to the chat and webhook subscribers of the Subscribers table.
 * Subscribers come and go with `strikewatch subscribe` (no deploy); their secrets are SecureString
 * parameters under `/strikewatch/<deployment>/subscribers/`, the only parameters it may read.
 */
import { Duration, Stack } from "aws-cdk-lib";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import { SqsSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { ENV } from "../../functions/tables.js";
import { bindTable } from "./bind.js";
import { StrikeWatchFunction } from "./function.js";
import { acknowledge } from "./nag.js";
import { DeadLetterQueue, EncryptedQueue } from "./queue.js";
import type { SpecTable } from "./table.js";

/**
 * The notify function's time: its destinations are tried side by side, each at most 4 attempts of
 * 8 s with waits of at most 15 s between (about 80 s at worst, the handler's RECORD_BUDGET_MS), and
 * it starts no record it could not finish; two minutes hold one worst-case record and a cold start.
 */
export const NOTIFY_TIMEOUT = Duration.minutes(2);

/** What the notifier is wired to. */
export interface NotifierProps {
  /** The alert topic it subscribes to. */
  topic: ITopic;
  /** The Subscribers table (records and delivery marks). */
  table: SpecTable;
  /** The deployment's name: the parameter path is `/strikewatch/<deployment>/subscribers/`. */
  deployment: string;
  /** Where SNS puts messages it could not deliver to the notify queue. */
  subscriptionDeadLetters: IQueue;
}

/** The SSM path of a deployment's subscriber secrets. */
export function subscriberParameterPrefix(deployment: string): string {
  return `/strikewatch/${deployment}/subscribers/`;
}

/**
 * The queue, its dead letters, the function and its least-privilege role: Query and PutItem on
 * the table, ssm:GetParameter on the deployment's subscriber path, kms:Decrypt only through SSM
 * for those parameters.
 */
export class Notifier extends Construct {
  readonly fn: StrikeWatchFunction;
  readonly queue: EncryptedQueue;
  readonly deadLetters: DeadLetterQueue;
  readonly parameterPrefix: string;

  constructor(scope: Construct, id: string, props: NotifierProps) {
    super(scope, id);
    this.parameterPrefix = subscriberParameterPrefix(props.deployment);
    this.deadLetters = new DeadLetterQueue(this, "NotifyDeadLetters");
    this.queue = new EncryptedQueue(this, "NotifyQueue", {
      // Six times the function's timeout, as Lambda advises for a queue it consumes.
      visibilityTimeout: Duration.seconds(6 * NOTIFY_TIMEOUT.toSeconds()),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 3 },
    });
    props.topic.addSubscription(
      new SqsSubscription(this.queue, {
        rawMessageDelivery: true,
        deadLetterQueue: props.subscriptionDeadLetters,
      }),
    );

    this.fn = new StrikeWatchFunction(this, "Notify", {
      handlerFile: "functions/handlers/notify.ts",
      description: "Posts alerts to the Slack, Discord, Telegram and webhook subscribers",
      memorySize: 256,
      timeout: NOTIFY_TIMEOUT,
    });
    bindTable(this.fn, props.table, { items: ["Query", "PutItem"] });
    this.fn.addEnvironment(ENV.subscriberParameterPrefix, this.parameterPrefix);
    const { partition, region, account } = Stack.of(this);
    const parameters = `arn:${partition}:ssm:${region}:${account}:parameter${this.parameterPrefix}*`;
    this.fn.addToRolePolicy(new PolicyStatement({ actions: ["ssm:GetParameter"], resources: [parameters] }));
    // The AWS-managed aws/ssm key already lets the account's principals decrypt through SSM; this
    // says so for this role alone, for these parameters only, so nothing rests on the key policy.
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ["kms:Decrypt"],
        resources: [`arn:${partition}:kms:${region}:${account}:key/*`],
        conditions: {
          StringEquals: { "kms:ViaService": `ssm.${region}.amazonaws.com` },
          StringLike: { "kms:EncryptionContext:PARAMETER_ARN": parameters },
        },
      }),
    );
    this.fn.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 5, reportBatchItemFailures: true, maxConcurrency: 5 }),
    );

    acknowledge(
      this.fn,
      "Serverless-LambdaEventSourceMappingDestination",
      "An SQS event source mapping takes no on-failure destination; the notify queue's own redrive policy moves an alert that failed 3 times to NotifyDeadLetters, which is alarmed.",
    );
    acknowledge(
      this.fn.role!,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter${this.parameterPrefix}*]`,
      "Subscribers are added without redeploying, each with its own SecureString parameter named by its id; the role may read only the deployment's subscriber path.",
    );
    acknowledge(
      this.fn.role!,
      "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*]",
      "The AWS-managed aws/ssm key's id is not known at synth; decryption is allowed only through SSM (kms:ViaService) and only for parameters under the deployment's subscriber path (kms:EncryptionContext:PARAMETER_ARN).",
    );
  }
}
