/** SQS queues with the house defaults. */
import { Duration } from "aws-cdk-lib";
import { Queue, QueueEncryption, type QueueProps } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { acknowledge } from "./nag.js";

/** A queue encrypted with SQS-managed keys (SSE-SQS) whose policy refuses requests without TLS. */
export class EncryptedQueue extends Queue {
  constructor(scope: Construct, id: string, props: Omit<QueueProps, "encryption" | "enforceSSL"> = {}) {
    super(scope, id, { ...props, encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });
  }
}

/**
 * A dead-letter queue: encrypted, TLS-only, keeping messages for the SQS maximum of 14 days.
 * cdk-nag's SQS3 sees a DLQ only when another queue's redrive names it, not when a stream
 * mapping, a schedule or a subscription does, and ServerlessChecks wants a redrive policy on every
 * queue, DLQs included; both are acknowledged here.
 */
export class DeadLetterQueue extends EncryptedQueue {
  constructor(scope: Construct, id: string) {
    super(scope, id, { retentionPeriod: Duration.days(14) });
    const reason =
      "This queue is itself a dead-letter queue (of a queue, a stream mapping, a schedule, scheduled runs or SNS subscriptions) and is alarmed on new messages; a DLQ of a DLQ would only move the problem.";
    acknowledge(this, "AwsSolutions-SQS3", reason);
    acknowledge(this, "Serverless-SQSRedrivePolicy", reason);
  }
}
