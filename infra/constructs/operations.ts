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

/** What differs between alarms; all default to "at least 1 in one period, missing data is fine". */
type AlarmSettings = Pick<AlarmProps, "metric"> &
  Partial<
    Pick<AlarmProps, "comparisonOperator" | "evaluationPeriods" | "datapointsToAlarm" | "treatMissingData">
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

/** What Operations watches, each by a short name used in alarm ids and widget titles. */
export interface OperationsProps {
  functions: Record<string, IFunction>;
  feedQueue: IQueue;
  /** Any message in one of these is an alarm. */
  deadLetterQueues: Record<string, IQueue>;
  /** Where alarms and their recoveries are sent. */
  topic: ITopic;
  /** How often dispatch runs (the poll interval): the metric alarms' windows must span a few runs. */
  pollEvery: Duration;
}

/**
 * Alarms (each notifies the ops topic when it fires and when it clears): a function error, a
 * message in a dead-letter queue, a feed failing for over an hour, no article stored for two
 * hours. And a dashboard of invocations, errors and duration per function, queue depths, articles
 * stored and alerts sent.
 */
export class Operations extends Construct {
  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const notify = new SnsAction(props.topic);
    const alarms: Alarm[] = [];
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
    }
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarm(`${name}Messages`, `Messages are waiting in the ${name} dead-letter queue.`, {
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: FIVE_MINUTES,
          statistic: "Maximum",
        }),
      });
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

    const perFunction = (metric: (fn: IFunction, label: string) => IMetric) =>
      Object.entries(props.functions).map(([name, fn]) => metric(fn, name));
    new Dashboard(this, "Dashboard", {
      dashboardName: Stack.of(this).stackName,
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
          }),
        ],
      ],
    });
  }
}
