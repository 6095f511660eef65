/** SNS topics with the house defaults, and the alert subscriptions of the configuration. */
import { createHash } from "node:crypto";
import { Stack } from "aws-cdk-lib";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Alias } from "aws-cdk-lib/aws-kms";
import { CfnSubscription, type ITopic, Topic } from "aws-cdk-lib/aws-sns";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { filterPolicy, type ResolvedSubscription } from "../../functions/core/regions.js";
import { acknowledge } from "./nag.js";

/** How a topic is labelled and protected. */
export interface HouseTopicProps {
  /** Shown as the email sender name and the SMS prefix. */
  displayName: string;
  /**
   * "aws-managed": server-side encryption with the account's AWS-managed SNS key (alias/aws/sns),
   * which costs nothing and needs no grant for publishers of the account. "none": for the ops
   * topic, which CloudWatch alarms publish to: they cannot use the AWS-managed key, and a
   * customer-managed key (USD 1 a month) would cost more than the rest of a small deployment.
   */
  encryption: "aws-managed" | "none";
  /** Let this account's CloudWatch alarms publish; default false. */
  allowAlarms?: boolean;
}

/**
 * An SNS topic whose policy refuses publishes without TLS, encrypted as `encryption` says. With
 * `allowAlarms`, CloudWatch may publish, for alarms of this account only.
 */
export class HouseTopic extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: HouseTopicProps) {
    super(scope, id);
    this.topic = new Topic(this, "Topic", {
      displayName: props.displayName,
      ...(props.encryption === "aws-managed"
        ? { masterKey: Alias.fromAliasName(this, "Key", "alias/aws/sns") }
        : {}),
      enforceSSL: true,
    });
    if (props.encryption === "none") {
      acknowledge(
        this.topic,
        "AwsSolutions-SNS2",
        "The ops topic carries only CloudWatch alarm state changes (alarm names and metric values), no subscriber or article data; alarms cannot publish to a topic under the AWS-managed SNS key, and a customer-managed key costs USD 1 a month, more than the rest of a small deployment.",
      );
    }
    if (props.allowAlarms) this.allowAlarms();
  }

  private allowAlarms(): void {
    const { account, region, partition } = Stack.of(this);
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal("cloudwatch.amazonaws.com")],
        actions: ["sns:Publish"],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { "aws:SourceAccount": account },
          ArnLike: { "aws:SourceArn": `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
        },
      }),
    );
  }
}

/** Two subscriptions in the configuration for the same email or phone number; SNS keeps one per topic. */
export class DuplicateSubscriptionError extends Error {
  constructor(
    readonly index: number,
    readonly firstIndex: number,
    readonly path = "subscriptions",
  ) {
    super(
      `${path}[${index}]: the same address as ${path}[${firstIndex}]; ${path === "subscriptions" ? "merge their regions into one entry" : "list it once"}`,
    );
    this.name = "DuplicateSubscriptionError";
  }
}

/** One endpoint to subscribe: its protocol and address, and the filter policy on message attributes, if any. */
export interface Endpoint {
  protocol: "email" | "sms";
  endpoint: string;
  filterPolicy?: Record<string, unknown>;
}

/** Lets `topic` move undeliverable messages into `deadLetters` (the redrive policy of its subscriptions). */
export function allowRedrive(deadLetters: IQueue, topic: ITopic): void {
  deadLetters.addToResourcePolicy(
    new PolicyStatement({
      principals: [new ServicePrincipal("sns.amazonaws.com")],
      actions: ["sqs:SendMessage"],
      resources: [deadLetters.queueArn],
      conditions: { ArnEquals: { "aws:SourceArn": topic.topicArn } },
    }),
  );
}

/**
 * One subscription per endpoint, each with a redrive policy into `deadLetters`: a message SNS
 * gives up on (an address that bounces for good, an SMS the carrier refuses) lands there instead
 * of vanishing, and the dead-letter alarm says so. The L1 resource takes a filter policy as it is;
 * the L2 filter types cannot say `$or`, which a subscription with both thresholds needs. An id is a
 * digest of the endpoint: stable when others are added or removed (no re-confirmation), and no
 * address or number in a logical id. `path` names the configuration list in errors.
 */
export class Subscriptions extends Construct {
  constructor(
    scope: Construct,
    id: string,
    topic: ITopic,
    endpoints: readonly Endpoint[],
    deadLetters: IQueue,
    path = "subscriptions",
  ) {
    super(scope, id);
    const seen = new Map<string, number>();
    endpoints.forEach((endpoint, index) => {
      const digest = createHash("sha256")
        .update(`${endpoint.protocol}:${endpoint.endpoint.toLowerCase()}`)
        .digest("hex")
        .slice(0, 12);
      const first = seen.get(digest);
      if (first !== undefined) throw new DuplicateSubscriptionError(index, first, path);
      seen.set(digest, index);
      new CfnSubscription(this, `Subscription${digest}`, {
        topicArn: topic.topicArn,
        protocol: endpoint.protocol,
        endpoint: endpoint.endpoint,
        redrivePolicy: { deadLetterTargetArn: deadLetters.queueArn },
        ...(endpoint.filterPolicy
          ? { filterPolicyScope: "MessageAttributes", filterPolicy: endpoint.filterPolicy }
          : {}),
      });
    });
    if (endpoints.length > 0) allowRedrive(deadLetters, topic);
  }
}

/** The alert subscriptions of the configuration, each filtered by functions/core/regions.ts `filterPolicy`. */
export class AlertSubscriptions extends Subscriptions {
  constructor(
    scope: Construct,
    id: string,
    topic: ITopic,
    subscriptions: readonly ResolvedSubscription[],
    deadLetters: IQueue,
  ) {
    super(
      scope,
      id,
      topic,
      subscriptions.map((subscription) => ({
        protocol: subscription.protocol,
        endpoint: subscription.endpoint,
        filterPolicy: filterPolicy(subscription),
      })),
      deadLetters,
    );
  }
}
