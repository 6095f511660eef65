/** SNS topics with the house defaults, and the alert subscriptions of the configuration. */
import { createHash } from "node:crypto";
import { Stack } from "aws-cdk-lib";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Alias } from "aws-cdk-lib/aws-kms";
import { CfnSubscription, type ITopic, Topic } from "aws-cdk-lib/aws-sns";
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
  ) {
    super(
      `subscriptions[${index}]: the same address as subscriptions[${firstIndex}]; merge their regions into one entry`,
    );
    this.name = "DuplicateSubscriptionError";
  }
}

/**
 * One subscription per configured email or phone number, each filtered on the alert's message
 * attributes by functions/core/regions.ts `filterPolicy`. The L1 resource takes that policy as
 * it is; the L2 filter types cannot say `$or`, which a subscription with both thresholds needs.
 * A subscription's id is a digest of its endpoint: stable when others are added or removed (no
 * re-confirmation), and no address or number in a logical id.
 */
export class AlertSubscriptions extends Construct {
  constructor(scope: Construct, id: string, topic: ITopic, subscriptions: readonly ResolvedSubscription[]) {
    super(scope, id);
    const seen = new Map<string, number>();
    subscriptions.forEach((subscription, index) => {
      const digest = createHash("sha256")
        .update(`${subscription.protocol}:${subscription.endpoint.toLowerCase()}`)
        .digest("hex")
        .slice(0, 12);
      const first = seen.get(digest);
      if (first !== undefined) throw new DuplicateSubscriptionError(index, first);
      seen.set(digest, index);
      new CfnSubscription(this, `Subscription${digest}`, {
        topicArn: topic.topicArn,
        protocol: subscription.protocol,
        endpoint: subscription.endpoint,
        filterPolicyScope: "MessageAttributes",
        filterPolicy: filterPolicy(subscription),
      });
    });
  }
}
