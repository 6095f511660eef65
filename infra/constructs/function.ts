/**
 * The house Lambda function: every StrikeWatch handler is deployed with the same runtime,
 * architecture, bundling, logging and role shape, so a handler differs only in what it is bound to.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Duration, RemovalPolicy } from "aws-cdk-lib";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
} from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { acknowledge } from "./nag.js";

/** The repository root: handler paths, the lockfile and esbuild's working directory hang off it. */
export const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** ESM bundles still meet CommonJS dependencies that call `require`; this gives them one. */
const REQUIRE_BANNER =
  "import { createRequire as __swCreateRequire } from 'node:module'; const require = __swCreateRequire(import.meta.url);";

/** What differs between StrikeWatch functions. */
export interface StrikeWatchFunctionProps {
  /** The handler module relative to the project root, e.g. `functions/handlers/poll.ts`; it exports `handler`. */
  handlerFile: string;
  description: string;
  memorySize: number;
  timeout: Duration;
}

/**
 * A Node.js Lambda with the house defaults: the newest Node.js runtime, arm64, a minified ESM
 * bundle with source maps that carries its own AWS SDK v3 (the lockfile's version, not whatever the
 * runtime ships; and one bundled file imports in about half the time of the runtime's SDK files,
 * measured in bench/), JSON logs into an explicit log group
 * kept for a month, and its own role that may write to that log group and nothing else until a
 * bind helper grants more.
 */
export class StrikeWatchFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: StrikeWatchFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `Execution role of ${id}`,
    });
    logGroup.grants.write(role);
    super(scope, id, {
      entry: join(PROJECT_ROOT, props.handlerFile),
      handler: "handler",
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, "package-lock.json"),
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      // Application INFO and up; of Lambda's own records only warnings (timeouts, crashes), not a
      // start/report pair per invocation, which would be most of the log bill.
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: { NODE_OPTIONS: "--enable-source-maps" },
      bundling: {
        format: OutputFormat.ESM,
        mainFields: ["module", "main"],
        banner: REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        bundleAwsSDK: true,
        externalModules: [],
      },
    });
    acknowledge(
      this,
      "Serverless-LambdaDLQ",
      "No function DLQ: scheduled runs have an on-failure destination (ScheduleDeadLetters), which also records the error; the stream mapping and the feed queue have their own dead-letter queues.",
    );
    acknowledge(
      this,
      "Serverless-LambdaTracing",
      "X-Ray tracing is off: each poll would be a trace (USD 5 a million past the free tier) for a pipeline whose steps are already logged and measured per function; errors, throttles and stage metrics are alarmed instead.",
    );
  }
}
