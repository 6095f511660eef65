/** EventBridge Scheduler schedules that invoke a function, with the house retry policy. */
import { Duration, Stack } from "aws-cdk-lib";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { Schedule, ScheduleExpression, ScheduleTargetInput } from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { acknowledge, nagArn } from "./nag.js";

/** What a function schedule runs, how often, and where undeliverable invocations go. */
export interface FunctionScheduleProps {
  fn: IFunction;
  every: Duration;
  description: string;
  deadLetterQueue: IQueue;
  /** The event passed to the function; none by default. */
  input?: Record<string, unknown>;
}

/**
 * A rate schedule that invokes a function. Retries are fewer and shorter than Scheduler's
 * defaults (185 retries over 24 h): 2 retries within 10 minutes, since the next tick is minutes
 * away; what still cannot be delivered goes to the dead-letter queue.
 */
export class FunctionSchedule extends Construct {
  constructor(scope: Construct, id: string, props: FunctionScheduleProps) {
    super(scope, id);
    const target = new LambdaInvoke(props.fn, {
      retryAttempts: 2,
      maxEventAge: Duration.minutes(10),
      deadLetterQueue: props.deadLetterQueue,
      ...(props.input ? { input: ScheduleTargetInput.fromObject(props.input) } : {}),
    });
    new Schedule(this, "Schedule", {
      description: props.description,
      schedule: ScheduleExpression.rate(props.every),
      target,
    });
    acknowledge(
      Stack.of(this),
      `AwsSolutions-IAM5[Resource::${nagArn(props.fn)}:*]`,
      "LambdaInvoke grants Scheduler's role lambda:InvokeFunction on this one function and its versions/aliases (<arn>:*); no other function.",
    );
  }
}
