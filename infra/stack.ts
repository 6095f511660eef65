/**
 * The StrikeWatch stack: tables, queues, schedules, functions, topics and alarms, wired together
 * as DESIGN.md draws the data flow. Wiring only: the house defaults live in constructs/.
 */
import { Duration, Stack, type StackProps } from "aws-cdk-lib";
import { FilterCriteria, FilterRule, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq, SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { Construct } from "constructs";
import { type Config, subscriptionThresholds } from "../functions/core/config.js";
import type { ResolvedSubscription } from "../functions/core/regions.js";
import { ARTICLES_TABLE, ENV, FEEDS_TABLE, INCIDENTS_TABLE, OUTBOX_TABLE } from "../functions/tables.js";
import { bindJson, bindQueue, bindStream, bindTable, bindTopic } from "./constructs/bind.js";
import { StrikeWatchFunction } from "./constructs/function.js";
import { Operations } from "./constructs/operations.js";
import { DeadLetterQueue, EncryptedQueue } from "./constructs/queue.js";
import { FunctionSchedule } from "./constructs/schedule.js";
import { SpecTable } from "./constructs/table.js";
import { AlertSubscriptions, HouseTopic } from "./constructs/topic.js";

/** The validated configuration and its subscriptions with regions resolved (see infra/app.ts). */
export interface StrikeWatchStackProps extends StackProps {
  config: Config;
  subscriptions: readonly ResolvedSubscription[];
  /** An address subscribed to the ops topic (context `opsEmail`). */
  opsEmail?: string;
}

/**
 * Poll time: a batch of 5 feeds is fetched one after another, each allowed 20 s in total by the
 * fetcher, so 60 s could cut a batch of slow feeds short; two minutes covers the worst case.
 */
const POLL_TIMEOUT = Duration.minutes(2);

/** The whole deployment of StrikeWatch. */
export class StrikeWatchStack extends Stack {
  constructor(scope: Construct, id: string, props: StrikeWatchStackProps) {
    super(scope, id, props);
    const { config } = props;

    const articles = new SpecTable(this, ARTICLES_TABLE);
    const incidents = new SpecTable(this, INCIDENTS_TABLE);
    const outbox = new SpecTable(this, OUTBOX_TABLE);
    const feeds = new SpecTable(this, FEEDS_TABLE);

    const feedDeadLetters = new DeadLetterQueue(this, "FeedDeadLetters");
    const feedQueue = new EncryptedQueue(this, "FeedQueue", {
      visibilityTimeout: Duration.seconds(6 * POLL_TIMEOUT.toSeconds()),
      deadLetterQueue: { queue: feedDeadLetters, maxReceiveCount: 3 },
    });
    const streamDeadLetters = new DeadLetterQueue(this, "StreamDeadLetters");
    const scheduleDeadLetters = new DeadLetterQueue(this, "ScheduleDeadLetters");

    const alerts = new HouseTopic(this, "Alerts", { displayName: "StrikeWatch", encryption: "aws-managed" });
    new AlertSubscriptions(this, "AlertSubscriptions", alerts.topic, props.subscriptions);
    const ops = new HouseTopic(this, "Ops", {
      displayName: "StrikeWatch ops",
      encryption: "none",
      allowAlarms: true,
    });
    if (props.opsEmail) ops.topic.addSubscription(new EmailSubscription(props.opsEmail));

    const dispatch = new StrikeWatchFunction(this, "Dispatch", {
      handlerFile: "functions/handlers/dispatch.ts",
      description: "Sends the feeds that are due to the feed queue",
      memorySize: 256,
      timeout: Duration.seconds(30),
    });
    bindTable(dispatch, feeds, "read");
    bindQueue(dispatch, ENV.feedQueueUrl, feedQueue);

    const poll = new StrikeWatchFunction(this, "Poll", {
      handlerFile: "functions/handlers/poll.ts",
      description: "Fetches the feeds of queued messages and stores new articles",
      memorySize: 512,
      timeout: POLL_TIMEOUT,
    });
    bindTable(poll, articles, "write");
    bindTable(poll, feeds, "readWrite");
    poll.addEventSource(
      new SqsEventSource(feedQueue, { batchSize: 5, reportBatchItemFailures: true, maxConcurrency: 10 }),
    );

    const analyze = new StrikeWatchFunction(this, "Analyze", {
      handlerFile: "functions/handlers/analyze.ts",
      description: "Extracts strikes from new articles, merges incidents and publishes alerts",
      memorySize: 512,
      timeout: Duration.seconds(60),
    });
    bindTable(analyze, incidents, "readWrite");
    bindTable(analyze, outbox, "readWrite");
    bindJson(analyze, ENV.watchedRegions, config.watchedRegions);
    bindJson(analyze, ENV.updateThresholds, subscriptionThresholds(config.subscriptions));
    bindTopic(analyze, ENV.alertsTopicArn, alerts.topic);
    bindStream(
      analyze,
      new DynamoEventSource(articles, {
        startingPosition: StartingPosition.LATEST,
        filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual("INSERT") })],
        batchSize: 10,
        bisectBatchOnError: true,
        retryAttempts: 3,
        reportBatchItemFailures: true,
        parallelizationFactor: 1,
        onFailure: new SqsDlq(streamDeadLetters),
      }),
    );

    const every = Duration.minutes(config.pollMinutes);
    new FunctionSchedule(this, "DispatchSchedule", {
      fn: dispatch,
      every,
      description: "Dispatches the feeds that are due",
      deadLetterQueue: scheduleDeadLetters,
      // The feed list travels as the event (256 KB), not as an environment variable (4 KB in all).
      input: { feeds: config.feeds },
    });
    new FunctionSchedule(this, "DeliverSchedule", {
      fn: analyze,
      every,
      description: "Retries alerts whose publish failed",
      deadLetterQueue: scheduleDeadLetters,
      input: { action: "deliver" },
    });

    new Operations(this, "Operations", {
      functions: { dispatch, poll, analyze },
      feedQueue,
      deadLetterQueues: { feed: feedDeadLetters, stream: streamDeadLetters, schedule: scheduleDeadLetters },
      topic: ops.topic,
      pollEvery: every,
    });
  }
}
