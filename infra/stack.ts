/**
 * The StrikeWatch stack: tables, queues, schedules, functions, topics and alarms, wired together
 * as DESIGN.md draws the data flow. Wiring only: the house defaults live in constructs/.
 */
import { CfnOutput, Duration, Stack, type StackProps, Tags } from "aws-cdk-lib";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { FilterCriteria, FilterRule, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import { DynamoEventSource, SqsDlq, SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import type { Construct } from "constructs";
import { type Config, feedSources, subscriptionThresholds } from "../functions/core/config.js";
import type { ResolvedSubscription } from "../functions/core/regions.js";
import {
  ARTICLES_TABLE,
  ENV,
  FEEDS_TABLE,
  INCIDENTS_TABLE,
  OUTBOX_TABLE,
  SUBSCRIBERS_TABLE,
} from "../functions/tables.js";
import { bindJson, bindQueue, bindStream, bindTable, bindTopic } from "./constructs/bind.js";
import { StrikeWatchFunction } from "./constructs/function.js";
import { acknowledge } from "./constructs/nag.js";
import { Notifier } from "./constructs/notifier.js";
import { Operations } from "./constructs/operations.js";
import { DeadLetterQueue, EncryptedQueue } from "./constructs/queue.js";
import { FunctionSchedule } from "./constructs/schedule.js";
import { SpecTable } from "./constructs/table.js";
import { AlertSubscriptions, HouseTopic, Subscriptions } from "./constructs/topic.js";
import { Web } from "./constructs/web.js";

/** The validated configuration and its subscriptions with regions resolved (see infra/app.ts). */
export interface StrikeWatchStackProps extends StackProps {
  config: Config;
  subscriptions: readonly ResolvedSubscription[];
}

/**
 * Poll time: the messages of a batch are polled side by side, each feed allowed 20 s for its fetch
 * (the fetcher's total timeout) and 30 s for its full-text pages (the fetcher's budget): about
 * 50 s at worst, so two minutes leave room for the store and a slow cold start.
 */
const POLL_TIMEOUT = Duration.minutes(2);

/** The tag every resource carries, with the deployment's name, so two copies are told apart in billing. */
export const DEPLOYMENT_TAG = "strikewatch:deployment";

/** The whole deployment of StrikeWatch. */
export class StrikeWatchStack extends Stack {
  constructor(scope: Construct, id: string, props: StrikeWatchStackProps) {
    super(scope, id, props);
    const { config } = props;
    Tags.of(this).add(DEPLOYMENT_TAG, config.name);
    for (const [key, value] of Object.entries(config.tags)) Tags.of(this).add(key, value);

    const articles = new SpecTable(this, ARTICLES_TABLE);
    const incidents = new SpecTable(this, INCIDENTS_TABLE);
    const outbox = new SpecTable(this, OUTBOX_TABLE);
    const feeds = new SpecTable(this, FEEDS_TABLE);
    const subscribers = new SpecTable(this, SUBSCRIBERS_TABLE);

    const feedDeadLetters = new DeadLetterQueue(this, "FeedDeadLetters");
    const feedQueue = new EncryptedQueue(this, "FeedQueue", {
      visibilityTimeout: Duration.seconds(6 * POLL_TIMEOUT.toSeconds()),
      deadLetterQueue: { queue: feedDeadLetters, maxReceiveCount: 3 },
    });
    const streamDeadLetters = new DeadLetterQueue(this, "StreamDeadLetters");
    // Scheduled invocations Scheduler could not deliver, and scheduled runs that failed (on-failure destination).
    const scheduleDeadLetters = new DeadLetterQueue(this, "ScheduleDeadLetters");
    // Notifications SNS gave up on, from any subscription of either topic.
    const subscriptionDeadLetters = new DeadLetterQueue(this, "SubscriptionDeadLetters");

    const alerts = new HouseTopic(this, "Alerts", { displayName: "StrikeWatch", encryption: "aws-managed" });
    new AlertSubscriptions(
      this,
      "AlertSubscriptions",
      alerts.topic,
      props.subscriptions,
      subscriptionDeadLetters,
    );
    const ops = new HouseTopic(this, "Ops", {
      displayName: "StrikeWatch ops",
      encryption: "none",
      allowAlarms: true,
    });
    new Subscriptions(
      this,
      "OpsSubscriptions",
      ops.topic,
      config.ops.emails.map((email) => ({ protocol: "email" as const, endpoint: email })),
      subscriptionDeadLetters,
      "ops.emails",
    );

    const every = Duration.minutes(config.pollMinutes);
    // A scheduled run that fails is retried once, and never after the next run is due: runs do not pile up.
    const scheduledRunFailures = {
      retryAttempts: 1,
      maxEventAge: Duration.seconds(Math.min(6 * 3600, Math.max(60, every.toSeconds()))),
      onFailure: new SqsDestination(scheduleDeadLetters),
    };

    const dispatch = new StrikeWatchFunction(this, "Dispatch", {
      handlerFile: "functions/handlers/dispatch.ts",
      description: "Sends the feeds that are due to the feed queue",
      memorySize: 256,
      timeout: Duration.seconds(30),
    });
    bindTable(dispatch, feeds, { items: ["Scan"] });
    bindQueue(dispatch, ENV.feedQueueUrl, feedQueue);
    dispatch.configureAsyncInvoke(scheduledRunFailures);

    const poll = new StrikeWatchFunction(this, "Poll", {
      handlerFile: "functions/handlers/poll.ts",
      description: "Fetches the feeds of queued messages and stores new articles",
      memorySize: 512,
      timeout: POLL_TIMEOUT,
    });
    bindTable(poll, articles, { items: ["PutItem"] });
    bindTable(poll, feeds, { items: ["GetItem", "PutItem"] });
    poll.addEventSource(
      new SqsEventSource(feedQueue, { batchSize: 5, reportBatchItemFailures: true, maxConcurrency: 10 }),
    );
    acknowledge(
      poll,
      "Serverless-LambdaEventSourceMappingDestination",
      "An SQS event source mapping takes no on-failure destination; the feed queue's own redrive policy moves a message that failed 3 times to FeedDeadLetters, which is alarmed.",
    );

    const analyze = new StrikeWatchFunction(this, "Analyze", {
      handlerFile: "functions/handlers/analyze.ts",
      description: "Extracts strikes from new articles, merges incidents and publishes alerts",
      memorySize: 512,
      timeout: Duration.seconds(60),
    });
    bindTable(analyze, incidents, { items: ["Query", "GetItem", "PutItem", "DeleteItem"] });
    bindTable(analyze, outbox, { items: ["PutItem", "UpdateItem"], indexes: { pending: ["Query"] } });
    // Re-analysis of stored articles (`strikewatch replay --stack`) reads them by id.
    bindTable(analyze, articles, { items: ["GetItem"] });
    bindJson(analyze, ENV.watchedRegions, config.watchedRegions);
    bindJson(analyze, ENV.updateThresholds, subscriptionThresholds(config.subscriptions));
    bindJson(analyze, ENV.alertMaxAgeHours, config.alertMaxAgeHours);
    // A Telegram channel's paging back stops at the same age bound.
    bindJson(poll, ENV.alertMaxAgeHours, config.alertMaxAgeHours);
    bindTopic(analyze, ENV.alertsTopicArn, alerts.topic);
    analyze.configureAsyncInvoke(scheduledRunFailures);
    bindStream(
      analyze,
      new DynamoEventSource(articles, {
        // A stream read from its oldest record: articles stored before the mapping was ready are analyzed too.
        startingPosition: StartingPosition.TRIM_HORIZON,
        filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual("INSERT") })],
        batchSize: 10,
        bisectBatchOnError: true,
        retryAttempts: 3,
        reportBatchItemFailures: true,
        parallelizationFactor: 1,
        onFailure: new SqsDlq(streamDeadLetters),
      }),
    );

    new FunctionSchedule(this, "DispatchSchedule", {
      fn: dispatch,
      every,
      description: "Dispatches the feeds that are due",
      deadLetterQueue: scheduleDeadLetters,
      // The feed list travels as the event (256 KB), not as an environment variable (4 KB in all).
      // A Telegram channel travels as its preview URL, which the poll function reads as a channel.
      input: { feeds: feedSources(config.feeds) },
    });
    new FunctionSchedule(this, "DeliverSchedule", {
      fn: analyze,
      every,
      description: "Retries alerts whose publish failed",
      deadLetterQueue: scheduleDeadLetters,
      input: { action: "deliver" },
    });

    const smsDeliveryRole = this.smsDeliveryStatusRole();

    // Chat and webhook subscribers (strikewatch subscribe): alert topic → queue → notify λ.
    const notifier = new Notifier(this, "Notifier", {
      topic: alerts.topic,
      table: subscribers,
      deployment: config.name,
      subscriptionDeadLetters,
    });

    const operations = new Operations(this, "Operations", {
      functions: { dispatch, poll, analyze, notify: notifier.fn },
      streamConsumer: analyze,
      feedQueue,
      deadLetterQueues: {
        feed: feedDeadLetters,
        stream: streamDeadLetters,
        schedule: scheduleDeadLetters,
        subscription: subscriptionDeadLetters,
        notify: notifier.deadLetters,
      },
      alertsTopic: alerts.topic,
      topic: ops.topic,
      pollEvery: every,
      dashboardName: config.name,
      pendingAlertMinutes: config.ops.pendingAlertMinutes,
      ...(props.subscriptions.some((subscription) => subscription.protocol === "sms")
        ? { smsSpendAlarmUSD: config.ops.smsSpendAlarmUSD }
        : {}),
    });

    // The page, the read-only API and the alert feeds; a tile server only when the config's `web.tiles` (or
    // -c webTiles=URL) gives one (see docs/DEPLOY.md).
    const web = new Web(this, "Web", {
      incidents,
      outbox,
      reservedConcurrency: 10,
      tiles: config.web?.tiles ?? this.node.tryGetContext("webTiles"),
      tilesAttribution: config.web?.tilesAttribution ?? this.node.tryGetContext("webTilesAttribution"),
    });

    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output("WebUrl", web.url, "The page: map, list and each incident");
    output("ApiUrl", `${web.url}api/incidents`, "The read-only API (docs/api.md)");
    output("AlertsFeedUrl", `${web.url}feeds/alerts.atom`, "The Atom feed of alerts (?region=…)");
    output(
      "AlertsTopicArn",
      alerts.topic.topicArn,
      "The SNS topic of the alerts (subscriptions, confirm-subscription)",
    );
    output("OpsTopicArn", ops.topic.topicArn, "The SNS topic the alarms notify");
    output("DashboardUrl", operations.dashboardUrl(), "The CloudWatch dashboard");
    output("ArticlesTableName", articles.tableName, "Stored articles");
    output("IncidentsTableName", incidents.tableName, "Incidents");
    output("OutboxTableName", outbox.tableName, "Alert outbox (pending and sent alerts)");
    output("FeedsTableName", feeds.tableName, "Each feed's polling state and health");
    output("FeedQueueUrl", feedQueue.queueUrl, "Feeds waiting to be polled");
    output("FeedDeadLettersUrl", feedDeadLetters.queueUrl, "Feeds whose poll failed 3 times (redrive)");
    output(
      "FeedDeadLettersArn",
      feedDeadLetters.queueArn,
      "The feed dead-letter queue (strikewatch replay --redrive)",
    );
    output("StreamDeadLettersUrl", streamDeadLetters.queueUrl, "Article batches analyze gave up on");
    output(
      "ScheduleDeadLettersUrl",
      scheduleDeadLetters.queueUrl,
      "Scheduled runs that failed or were not delivered",
    );
    output(
      "SubscriptionDeadLettersUrl",
      subscriptionDeadLetters.queueUrl,
      "Notifications SNS could not deliver",
    );
    output("AnalyzeFunctionName", analyze.functionName, "The analyze function (strikewatch replay --stack)");
    output(
      "SubscribersTableName",
      subscribers.tableName,
      "Chat and webhook subscribers (strikewatch subscribe)",
    );
    output(
      "SubscriberParameterPrefix",
      notifier.parameterPrefix,
      "The SSM path of subscribers' secrets (strikewatch subscribe)",
    );
    output(
      "SubscriptionDeadLettersArn",
      subscriptionDeadLetters.queueArn,
      "The redrive target of email and SMS subscriptions added with strikewatch subscribe",
    );
    output("NotifyDeadLettersUrl", notifier.deadLetters.queueUrl, "Alerts the notifier gave up on (3 tries)");
    output(
      "SmsDeliveryStatusRoleArn",
      smsDeliveryRole.roleArn,
      "For aws sns set-sms-attributes DeliveryStatusIAMRole (SMS delivery logs)",
    );
  }

  /**
   * The role SNS uses to log SMS deliveries (successes and failures with the carrier's reason) to
   * CloudWatch Logs. SMS delivery logging is an account setting (`aws sns set-sms-attributes`),
   * not a topic's, so the stack makes the role and docs/DEPLOY.md the one command that uses it.
   */
  private smsDeliveryStatusRole(): Role {
    const role = new Role(this, "SmsDeliveryStatusRole", {
      assumedBy: new ServicePrincipal("sns.amazonaws.com"),
      description: "Lets SNS write SMS delivery status logs (set with aws sns set-sms-attributes)",
    });
    const { partition, region, account } = Stack.of(this);
    role.addToPolicy(
      new PolicyStatement({
        actions: [
          "logs:CreateLogGroup",
          "logs:CreateLogStream",
          "logs:PutLogEvents",
          "logs:PutMetricFilter",
          "logs:PutRetentionPolicy",
        ],
        resources: [`arn:${partition}:logs:${region}:${account}:log-group:sns/${region}/${account}/*`],
      }),
    );
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:sns/<AWS::Region>/<AWS::AccountId>/*]`,
      "SNS names its SMS delivery log groups itself (sns/<region>/<account>/DirectPublishToPhoneNumber and .../Failure); the role may write only under that account's sns/ prefix.",
    );
    return role;
  }
}
