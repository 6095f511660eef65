/** SNS topics with the house defaults, and the alert subscriptions of the configuration. */
import { createHash } from "node:crypto";
import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { CfnSubscription, type ITopic, Topic } from "aws-cdk-lib/aws-sns";
import { Construct } from "constructs";
import { filterPolicy, type ResolvedSubscription } from "../../functions/core/regions.js";

/** How an encrypted topic is labelled and whether CloudWatch alarms publish to it. */
export interface EncryptedTopicProps {
  /** Shown as the email sender name and the SMS prefix. */
  displayName: string;
  /** Let this account's CloudWatch alarms publish (key and topic policy); default false. */
  allowAlarms?: boolean;
}

/**
 * An SNS topic encrypted with its own customer-managed KMS key (rotated yearly) and a policy that
 * refuses publishes without TLS. Roles of the account get the key through `topic.grants.publish`.
 * With `allowAlarms`, CloudWatch may use the key and publish, for alarms of this account only:
 * without the key statement an alarm on an encrypted topic deploys cleanly and delivers nothing.
 */
export class EncryptedTopic extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: EncryptedTopicProps) {
    super(scope, id);
    const key = new Key(this, "Key", {
      description: `Encrypts the StrikeWatch ${id} topic`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.topic = new Topic(this, "Topic", {
      displayName: props.displayName,
      masterKey: key,
      enforceSSL: true,
    });
    if (props.allowAlarms) this.allowAlarms(key);
  }

  private allowAlarms(key: Key): void {
    const { account, region, partition } = Stack.of(this);
    const cloudWatch = new ServicePrincipal("cloudwatch.amazonaws.com");
    const conditions = {
      StringEquals: { "aws:SourceAccount": account },
      ArnLike: { "aws:SourceArn": `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
    };
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudWatch],
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        resources: ["*"],
        conditions,
      }),
    );
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudWatch],
        actions: ["sns:Publish"],
        resources: [this.topic.topicArn],
        conditions,
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
