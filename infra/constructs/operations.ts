/** What the operator watches: alarms to the ops topic and one CloudWatch dashboard. */
import { Duration, Stack } from "aws-cdk-lib";
import {
  Alarm,
  type AlarmProps,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { METRICS, METRICS_NAMESPACE } from "../../functions/tables.js";

const FIVE_MINUTES = Duration.minutes(5);

/** A stream batch this old has waited too long: analyze is failing or throttled (normal is seconds). */
export const ITERATOR_AGE_ALARM = Duration.minutes(15);

/** What differs between alarms; all default to "at least 1 in one period, missing data is fine". */
type AlarmSettings = Pick<AlarmProps, "metric"> &
  Partial<
    Pick<
      AlarmProps,
      "comparisonOperator" | "evaluationPeriods" | "datapointsToAlarm" | "treatMissingData" | "threshold"
    >
  >;

/** A StrikeWatch EMF metric (functions/metrics.ts): namespace METRICS_NAMESPACE, dimension `service`. */
function strikeWatchMetric(
  service: string,
  metricName: string,
  statistic = "Sum",
  period = FIVE_MINUTES,
): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service },
    statistic,
    period,
  });
}

/**
 * New messages in a queue: the rise of its visible count from one period to the next. Alarming on
 * the count itself keeps the alarm in ALARM while old dead letters wait, which hides new ones; the
 * rise fires again for each new arrival. Missing data (an empty, idle queue) counts as 0, so the
 * first dead letter after a quiet week is a rise too. (Redriven dead letters are not "sent", so
 * NumberOfMessagesSent never sees them.)
 */
export function newMessages(queue: IQueue, label?: string): MathExpression {
  return new MathExpression({
    expression: "DIFF(FILL(visible, 0))",
    usingMetrics: {
      visible: queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: "Maximum" }),
    },
    period: FIVE_MINUTES,
    ...(label ? { label } : {}),
  });
}

/** What Operations watches, each by a short name used in alarm ids and widget titles. */
export interface OperationsProps {
  functions: Record<string, IFunction>;
  /** The function fed by the articles stream (its IteratorAge is watched). */
  streamConsumer: IFunction;
  feedQueue: IQueue;
  /** A new message in any of these is an alarm. */
  deadLetterQueues: Record<string, IQueue>;
  /** The alerts topic: SNS's failed deliveries are watched. */
  alertsTopic: ITopic;
  /** Where alarms and their recoveries are sent. */
  topic: ITopic;
  /** How often dispatch runs (the poll interval): the metric alarms' windows must span a few runs. */
  pollEvery: Duration;
  /** The dashboard's name: account-wide, so derived from the deployment's name. */
  dashboardName: string;
  /** An alert still pending this long after it was queued is an alarm. */
  pendingAlertMinutes: number;
  /** Alarm when this month's SMS spend reaches this many USD; none when no SMS is subscribed. */
  smsSpendAlarmUSD?: number;
}

/**
 * Alarms (each notifies the ops topic when it fires and when it clears): a function error or
 * throttle; a new message in a dead-letter queue; a feed failing for over an hour; no article
 * stored for two hours; a failed publish; an alert pending too long; a notification SNS could not
 * deliver; this month's SMS spend near its limit; a stream batch waiting too long. And a dashboard
 * of invocations, errors and duration per function, queue depths, articles stored, alerts sent.
 */
export class Operations extends Construct {
  /** Every alarm, for tests and the dashboard. */
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const notify = new SnsAction(props.topic);
    const alarms = this.alarms;
    const alarm = (alarmId: string, alarmDescription: string, settings: AlarmSettings): void => {
      const created = new Alarm(this, alarmId, {
        alarmDescription,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        ...settings,
      });
      created.addAlarmAction(notify);
      created.addOkAction(notify);
      alarms.push(created);
    };

    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}Errors`, `The ${name} function failed (see its log group).`, {
        metric: fn.metricErrors({ period: FIVE_MINUTES, statistic: "Sum" }),
      });
      alarm(`${name}Throttles`, `Lambda throttled the ${name} function (account concurrency used up?).`, {
        metric: fn.metricThrottles({ period: FIVE_MINUTES, statistic: "Sum" }),
      });
    }
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarm(
        `${name}DeadLetters`,
        `New messages arrived in the ${name} dead-letter queue (see docs/DEPLOY.md, Operations).`,
        { metric: newMessages(queue) },
      );
    }
    // A window holding at least two dispatch runs, so a run landing late does not leave it empty.
    const failingWindow = Duration.minutes(Math.max(15, 2 * props.pollEvery.toMinutes()));
    alarm("FeedsFailing", "At least one feed has been failing for over an hour (see the Feeds table).", {
      metric: strikeWatchMetric("dispatch", METRICS.feedsFailingOverAnHour, "Maximum", failingWindow),
    });
    // Hourly sums, or one sum per poll when polls are rarer; capped so two periods fit CloudWatch's one day.
    const storedWindow = Duration.minutes(Math.min(720, Math.max(60, props.pollEvery.toMinutes())));
    alarm(
      "NoArticles",
      "No article was stored in two windows running: feeds, polling or the store are down.",
      {
        metric: strikeWatchMetric("poll", METRICS.articlesStored, "Sum", storedWindow),
        comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: TreatMissingData.BREACHING,
      },
    );
    alarm("AlertsFailed", "Publishing an alert to SNS failed (it stays pending and is retried).", {
      metric: strikeWatchMetric("analyze", METRICS.alertsFailed),
    });
    alarm(
      "AlertsPending",
      `An alert has been pending for over ${props.pendingAlertMinutes} minutes: publishes keep failing (see the Outbox table).`,
      {
        metric: strikeWatchMetric("analyze", METRICS.oldestPendingAlertSeconds, "Maximum"),
        threshold: props.pendingAlertMinutes * 60,
      },
    );
    alarm(
      "NotificationsFailed",
      "SNS could not deliver alert notifications (bounces, SMS refused or over the spending limit); see the subscription dead-letter queue.",
      {
        metric: new Metric({
          namespace: "AWS/SNS",
          metricName: "NumberOfNotificationsFailed",
          dimensionsMap: { TopicName: props.alertsTopic.topicName },
          statistic: "Sum",
          period: FIVE_MINUTES,
        }),
      },
    );
    if (props.smsSpendAlarmUSD !== undefined) {
      alarm(
        "SmsSpend",
        `This month's SMS spend reached USD ${props.smsSpendAlarmUSD}: SNS stops sending SMS at the account's limit (USD 1 in the sandbox).`,
        {
          metric: new Metric({
            namespace: "AWS/SNS",
            metricName: "SMSMonthToDateSpentUSD",
            statistic: "Maximum",
            period: FIVE_MINUTES,
          }),
          threshold: props.smsSpendAlarmUSD,
        },
      );
    }
    alarm(
      "StreamIteratorAge",
      `New articles have waited over ${ITERATOR_AGE_ALARM.toMinutes()} minutes for analysis: analyze is failing or throttled.`,
      {
        metric: props.streamConsumer.metric("IteratorAge", { statistic: "Maximum", period: FIVE_MINUTES }),
        threshold: ITERATOR_AGE_ALARM.toMilliseconds(),
      },
    );

    const perFunction = (metric: (fn: IFunction, label: string) => IMetric) =>
      Object.entries(props.functions).map(([name, fn]) => metric(fn, name));
    this.dashboard = new Dashboard(this, "Dashboard", {
      dashboardName: props.dashboardName,
      widgets: [
        [new AlarmStatusWidget({ title: "Alarms", alarms, width: 24 })],
        [
          new GraphWidget({
            title: "Invocations",
            left: perFunction((fn, label) => fn.metricInvocations({ label, period: FIVE_MINUTES })),
          }),
          new GraphWidget({
            title: "Errors",
            left: perFunction((fn, label) => fn.metricErrors({ label, period: FIVE_MINUTES })),
          }),
          new GraphWidget({
            title: "Duration (p90)",
            left: perFunction((fn, label) =>
              fn.metricDuration({ label, period: FIVE_MINUTES, statistic: "p90" }),
            ),
          }),
        ],
        [
          new GraphWidget({
            title: "Queue depth",
            left: [
              props.feedQueue.metricApproximateNumberOfMessagesVisible({
                label: "feed queue",
                period: FIVE_MINUTES,
              }),
              ...Object.entries(props.deadLetterQueues).map(([name, queue]) =>
                queue.metricApproximateNumberOfMessagesVisible({ label: name, period: FIVE_MINUTES }),
              ),
            ],
          }),
          new GraphWidget({
            title: "Articles stored",
            left: [
              strikeWatchMetric("poll", METRICS.articlesStored),
              strikeWatchMetric("poll", METRICS.feedErrors),
            ],
          }),
          new GraphWidget({
            title: "Alerts sent",
            left: [
              strikeWatchMetric("analyze", METRICS.alertsSent),
              strikeWatchMetric("analyze", METRICS.alertsFailed),
            ],
            right: [strikeWatchMetric("analyze", METRICS.oldestPendingAlertSeconds, "Maximum")],
          }),
        ],
      ],
    });
  }

  /** The console address of the dashboard. */
  dashboardUrl(): string {
    const { region } = Stack.of(this);
    return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=${this.dashboard.dashboardName}`;
  }
}
