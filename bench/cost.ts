/**
 * The monthly AWS cost of StrikeWatch at 5-minute polling, from figures measured by the benchmarks
 * and published us-east-1 prices. Free tiers are excluded throughout: the figures are what the
 * usage costs on an account whose free tier is already spent (or expired).
 */
import type { HandlerName } from "./bundles.js";
import type { LambdaUsage } from "./usage.js";

/** A published price: USD per unit, and where it was read. */
export interface Price {
  usd: number;
  unit: string;
  source: string;
}

/** us-east-1 list prices, free tiers excluded. */
export const PRICES = {
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    unit: "GB-second, arm64 (first 7.5 billion GB-s a month)",
    source: "https://aws.amazon.com/lambda/pricing/",
  },
  lambdaRequest: { usd: 0.2 / 1e6, unit: "request", source: "https://aws.amazon.com/lambda/pricing/" },
  dynamoWru: {
    usd: 0.625 / 1e6,
    unit: "write request unit, on-demand, Standard table class (since the November 2024 price cut)",
    source: "https://aws.amazon.com/dynamodb/pricing/on-demand/",
  },
  dynamoRru: {
    usd: 0.125 / 1e6,
    unit: "read request unit, on-demand, Standard table class",
    source: "https://aws.amazon.com/dynamodb/pricing/on-demand/",
  },
  dynamoStorageGbMonth: {
    usd: 0.25,
    unit: "GB-month of table storage",
    source: "https://aws.amazon.com/dynamodb/pricing/on-demand/",
  },
  dynamoPitrGbMonth: {
    usd: 0.2,
    unit: "GB-month of continuous backups (point-in-time recovery)",
    source: "https://aws.amazon.com/dynamodb/pricing/on-demand/",
  },
  sqsRequest: {
    usd: 0.4 / 1e6,
    unit: "standard-queue request (each 64 KB chunk)",
    source: "https://aws.amazon.com/sqs/pricing/",
  },
  snsPublish: {
    usd: 0.5 / 1e6,
    unit: "standard-topic publish",
    source: "https://aws.amazon.com/sns/pricing/",
  },
  snsEmail: { usd: 2 / 1e5, unit: "email notification", source: "https://aws.amazon.com/sns/pricing/" },
  schedulerInvocation: {
    usd: 1 / 1e6,
    unit: "EventBridge Scheduler invocation",
    source: "https://aws.amazon.com/eventbridge/pricing/",
  },
  logsIngestGb: {
    usd: 0.5,
    unit: "GB of logs ingested (Lambda logs, first 10 TB tier)",
    source: "https://aws.amazon.com/cloudwatch/pricing/",
  },
  logsStorageGbMonth: {
    usd: 0.03,
    unit: "GB-month of log storage",
    source: "https://aws.amazon.com/cloudwatch/pricing/",
  },
  kmsKeyMonth: {
    usd: 1,
    unit: "customer-managed KMS key-month (+$1 per rotated backing key after each yearly rotation)",
    source: "https://aws.amazon.com/kms/pricing/",
  },
  alarmMonth: {
    usd: 0.1,
    unit: "standard-resolution alarm-month",
    source: "https://aws.amazon.com/cloudwatch/pricing/",
  },
  dashboardMonth: { usd: 3, unit: "dashboard-month", source: "https://aws.amazon.com/cloudwatch/pricing/" },
  customMetricMonth: {
    usd: 0.3,
    unit: "custom metric-month (EMF), first 10,000",
    source: "https://aws.amazon.com/cloudwatch/pricing/",
  },
  smsUkraine: {
    usd: 0.1,
    unit: "SMS part to a Ukrainian number (assumption: about $0.10; varies by carrier and sender ID)",
    source: "https://aws.amazon.com/end-user-messaging/pricing/",
  },
  smsUs: {
    usd: 0.00883,
    unit: "SMS part to a US number over 10DLC, carrier fee included (assumption: $0.00581 + ~$0.003)",
    source: "https://aws.amazon.com/end-user-messaging/pricing/",
  },
} as const satisfies Record<string, Price>;

/** How the deployment is used and sized: stated assumptions, not measurements. */
export const ASSUMPTIONS = {
  pollsPerFeedPerMonth: 8640,
  cyclesPerMonth: 8640,
  alertsPerDay: 5,
  emailSubscribers: 3,
  /** infra/stack.ts: the poll function's SQS batch size, and memory of each function. */
  pollBatchSize: 5,
  memoryGb: { dispatch: 0.25, poll: 0.5, analyze: 0.5 } satisfies Record<HandlerName, number>,
  /** Lambda gives 1 vCPU at 1,769 MB and less in proportion; one local core counts as one vCPU. */
  fullVcpuGb: 1769 / 1024,
  /** A 304 poll writes the feed state only when lastSuccessAt is 30 minutes old: 1 poll in 6. */
  stateRefreshEveryPolls: 6,
  /** Per SendMessageBatch call of dispatch (not measured: SQS is not emulated). */
  sqsBatchCallMs: 15,
  /** Lambda's SQS event-source pollers wait on an idle queue: 5 long polls of 20 s each, all month. */
  idleReceivesPerMonth: 5 * 3 * 60 * 24 * 30,
  /** One cold start per concurrent environment every 30 minutes; INIT is billed (since Aug. 2025). */
  coldStartEveryCycles: 6,
  pollConcurrencyCap: 10,
  /** Lambda's platform records per invocation: none, infra/ keeps only their warnings (systemLogLevel WARN). */
  platformLogBytes: 0,
  /** Lambda wraps console.log lines in JSON format with timestamp, level and request id. */
  consoleWrapBytes: 120,
  articleTtlDays: 90,
  /**
   * infra/ today: no customer-managed key (the alerts topic uses the AWS-managed SNS key, the ops
   * topic none), 17 alarms (18 with SMS subscriptions), 1 dashboard (free within an account's first 3), 6 EMF metrics (METRICS).
   */
  kmsKeys: 0,
  alarms: 17,
  dashboards: 1,
  customMetrics: 6,
};

/**
 * The measured figures the model needs: the Lambda usage of usage.ts, the farm's 304 rate
 * (poll.ts), dispatch per feed and the cold-start INIT time of each bundle (bundles.ts).
 */
export interface CostInputs
  extends Pick<
    LambdaUsage,
    | "poll304"
    | "poll200"
    | "pollCpuMs"
    | "articleWru"
    | "knownArticleWru"
    | "feedStateWru"
    | "analyze"
    | "deliver"
    | "logBytes"
  > {
  /** Share of polls answered 304 in the farm's steady state. */
  rate304: number;
  dispatch: { msPerFeed: number; rruPerFeed: number };
  initMs: Record<HandlerName, number>;
  /** Extra wait per fetch for a real server's round trips (0 on loopback). */
  extraFetchMs?: number;
}

/** One line of the breakdown. */
export interface CostLine {
  service: string;
  item: string;
  quantity: number;
  unit: string;
  usd: number;
}

/** The monthly cost for `feeds` feeds: usage lines (the total) and, apart, the fixed monthly charges of infra/. */
export interface CostEstimate {
  feeds: number;
  lines: CostLine[];
  usageUsd: number;
  fixed: CostLine[];
  fixedUsd: number;
  smsPerSubscriberUsd: { ukraine: number; us: number };
}

/** Prices the month of `feeds` feeds polled every 5 minutes. */
export function estimateMonthlyCost(feeds: number, inputs: CostInputs): CostEstimate {
  const a = ASSUMPTIONS;
  const lines: CostLine[] = [];
  const add = (service: string, item: string, quantity: number, unit: string, price: Price) =>
    lines.push({ service, item, quantity, unit, usd: quantity * price.usd });

  const polls = feeds * a.pollsPerFeedPerMonth;
  const changed = polls * (1 - inputs.rate304);
  const unchanged = polls * inputs.rate304;
  const newArticles = changed * inputs.poll200.stored;
  const alerts = a.alertsPerDay * 30;
  const cpuSlowdown = (gb: number) => Math.max(1, a.fullVcpuGb / gb);
  const extra = inputs.extraFetchMs ?? 0;

  const pollInvocations = a.cyclesPerMonth * Math.ceil(feeds / a.pollBatchSize);
  const pollMs =
    unchanged * (inputs.poll304.ms + extra) +
    changed * (inputs.poll200.ms + extra + inputs.pollCpuMs * (cpuSlowdown(a.memoryGb.poll) - 1));
  const dispatchMs =
    a.cyclesPerMonth * (feeds * inputs.dispatch.msPerFeed + Math.ceil(feeds / 10) * a.sqsBatchCallMs);
  // One stream invocation per new article (an upper bound: a batch may carry several) plus the schedule.
  const analyzeInvocations = newArticles + a.cyclesPerMonth;
  const analyzeMs =
    newArticles * inputs.analyze.extractMs * cpuSlowdown(a.memoryGb.analyze) +
    alerts * inputs.analyze.msPerAlert +
    analyzeInvocations * inputs.deliver.ms;
  const coldStarts = (environments: number) => (a.cyclesPerMonth / a.coldStartEveryCycles) * environments;
  const initGbS =
    (coldStarts(1) * inputs.initMs.dispatch * a.memoryGb.dispatch +
      coldStarts(Math.min(a.pollConcurrencyCap, Math.ceil(feeds / a.pollBatchSize))) *
        inputs.initMs.poll *
        a.memoryGb.poll +
      coldStarts(1) * inputs.initMs.analyze * a.memoryGb.analyze) /
    1000;
  add(
    "Lambda",
    "poll compute (per-feed time × 0.5 GB)",
    (pollMs * a.memoryGb.poll) / 1000,
    "GB-s",
    PRICES.lambdaArmGbSecond,
  );
  add(
    "Lambda",
    "dispatch compute (0.25 GB)",
    (dispatchMs * a.memoryGb.dispatch) / 1000,
    "GB-s",
    PRICES.lambdaArmGbSecond,
  );
  add(
    "Lambda",
    "analyze compute: new articles + scheduled delivery (0.5 GB)",
    (analyzeMs * a.memoryGb.analyze) / 1000,
    "GB-s",
    PRICES.lambdaArmGbSecond,
  );
  add("Lambda", "INIT of cold starts", initGbS, "GB-s", PRICES.lambdaArmGbSecond);
  add(
    "Lambda",
    "requests: dispatch + poll batches + analyze",
    a.cyclesPerMonth + pollInvocations + analyzeInvocations,
    "requests",
    PRICES.lambdaRequest,
  );

  // Lambda's event-source mapping receives and deletes a batch of messages per request.
  const sqsPerCycle = Math.ceil(feeds / 10) + 2 * Math.ceil(feeds / a.pollBatchSize);
  add(
    "SQS",
    `send (batches of 10) + receive and delete (batches of ${a.pollBatchSize})`,
    a.cyclesPerMonth * sqsPerCycle,
    "requests",
    PRICES.sqsRequest,
  );
  add(
    "SQS",
    "idle long polls of the event-source mapping",
    a.idleReceivesPerMonth,
    "requests",
    PRICES.sqsRequest,
  );

  const rru =
    unchanged * inputs.poll304.rru +
    changed * inputs.poll200.rru +
    a.cyclesPerMonth * feeds * inputs.dispatch.rruPerFeed +
    analyzeInvocations * inputs.deliver.rru +
    alerts * (inputs.analyze.incidentRruPerAlert + inputs.analyze.outboxRruPerAlert);
  const analyzeWru = alerts * (inputs.analyze.incidentWruPerAlert + inputs.analyze.outboxWruPerAlert);
  add(
    "DynamoDB",
    "reads: feed state, dispatch scan, pending alerts, incidents",
    rru,
    "RRU",
    PRICES.dynamoRru,
  );
  add("DynamoDB", "poll writes: new articles", newArticles * inputs.articleWru, "WRU", PRICES.dynamoWru);
  add(
    "DynamoDB",
    `poll writes: known articles re-put, refused (${inputs.poll200.refused.toFixed(0)} per 200)`,
    changed * inputs.poll200.refused * inputs.knownArticleWru,
    "WRU",
    PRICES.dynamoWru,
  );
  add(
    "DynamoDB",
    "poll writes: feed state (each 200; a 304 every 30 min)",
    (changed + unchanged / a.stateRefreshEveryPolls) * inputs.feedStateWru,
    "WRU",
    PRICES.dynamoWru,
  );
  add("DynamoDB", "analyze writes: incidents, outbox", analyzeWru, "WRU", PRICES.dynamoWru);
  // An article's size in KB is about its write units (1 WRU per KB, rounded up).
  const storedGb = ((newArticles / 30) * a.articleTtlDays * inputs.articleWru) / 1024 / 1024;
  add(
    "DynamoDB",
    `storage: ${a.articleTtlDays} days of articles`,
    storedGb,
    "GB-month",
    PRICES.dynamoStorageGbMonth,
  );
  add("DynamoDB", "point-in-time recovery of that storage", storedGb, "GB-month", PRICES.dynamoPitrGbMonth);

  add(
    "EventBridge Scheduler",
    "dispatch + deliver schedules",
    2 * a.cyclesPerMonth,
    "invocations",
    PRICES.schedulerInvocation,
  );
  add("SNS", `publishes (${a.alertsPerDay} alerts a day)`, alerts, "publishes", PRICES.snsPublish);
  add(
    "SNS",
    `email deliveries (${a.emailSubscribers} subscribers)`,
    alerts * a.emailSubscribers,
    "emails",
    PRICES.snsEmail,
  );

  const lb = inputs.logBytes;
  const logBytes =
    (a.cyclesPerMonth + pollInvocations + analyzeInvocations) * a.platformLogBytes +
    changed * lb.feedPolled +
    pollInvocations * (lb.emfPoll + a.consoleWrapBytes) +
    a.cyclesPerMonth * (lb.dispatched + lb.emfDispatch + a.consoleWrapBytes) +
    analyzeInvocations * (lb.emfAnalyze + a.consoleWrapBytes);
  const logGb = logBytes / 1024 ** 3;
  add("CloudWatch Logs", "ingestion", logGb, "GB", PRICES.logsIngestGb);
  add("CloudWatch Logs", "storage (one month kept)", logGb, "GB-month", PRICES.logsStorageGbMonth);

  const fixed: CostLine[] = [
    {
      service: "KMS",
      item: "topic keys (alerts, ops)",
      quantity: a.kmsKeys,
      unit: "key-months",
      usd: a.kmsKeys * PRICES.kmsKeyMonth.usd,
    },
    {
      service: "CloudWatch",
      item: "alarms",
      quantity: a.alarms,
      unit: "alarm-months",
      usd: a.alarms * PRICES.alarmMonth.usd,
    },
    {
      service: "CloudWatch",
      item: "dashboard",
      quantity: a.dashboards,
      unit: "dashboard-months",
      usd: a.dashboards * PRICES.dashboardMonth.usd,
    },
    {
      service: "CloudWatch",
      item: "EMF custom metrics",
      quantity: a.customMetrics,
      unit: "metric-months",
      usd: a.customMetrics * PRICES.customMetricMonth.usd,
    },
  ];
  const total = (values: CostLine[]) => values.reduce((sum, line) => sum + line.usd, 0);
  return {
    feeds,
    lines,
    usageUsd: total(lines),
    fixed,
    fixedUsd: total(fixed),
    smsPerSubscriberUsd: { ukraine: alerts * PRICES.smsUkraine.usd, us: alerts * PRICES.smsUs.usd },
  };
}

/** The breakdown as text: one line per item, the usage total, then the fixed charges and SMS. */
export function formatEstimate(estimate: CostEstimate): string {
  const money = (usd: number) => `$${usd < 0.01 && usd > 0 ? usd.toFixed(4) : usd.toFixed(2)}`;
  const qty = (value: number) =>
    value >= 1000 ? Math.round(value).toLocaleString("en-US") : String(Number(value.toPrecision(3)));
  const rows = estimate.lines.map(
    (line) =>
      `  ${line.service.padEnd(22)}${line.item.padEnd(62)}${`${qty(line.quantity)} ${line.unit}`.padStart(24)}${money(line.usd).padStart(10)}`,
  );
  const fixed = estimate.fixed.map(
    (line) =>
      `  ${line.service.padEnd(22)}${line.item.padEnd(62)}${`${qty(line.quantity)} ${line.unit}`.padStart(24)}${money(line.usd).padStart(10)}`,
  );
  return [
    `${estimate.feeds} feeds, 5-minute polling, a month, free tiers excluded:`,
    ...rows,
    `  ${"usage total".padEnd(108)}${money(estimate.usageUsd).padStart(10)}`,
    "  fixed monthly charges of the stack as infra/ defines it today (whatever the number of feeds):",
    ...fixed,
    `  ${"fixed total".padEnd(108)}${money(estimate.fixedUsd).padStart(10)}`,
    `  SMS, per SMS subscriber receiving every alert: Ukraine ${money(estimate.smsPerSubscriberUsd.ukraine)}, US ${money(estimate.smsPerSubscriberUsd.us)}`,
  ].join("\n");
}
