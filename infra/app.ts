/**
 * The CDK app (cdk.json runs it): reads and validates strikewatch.config.json, or the file given
 * with `-c config=path`, resolves its regions against the gazetteer, builds the stack named after
 * the configuration's `name` and checks it with cdk-nag's AwsSolutions and Serverless packs. A bad
 * configuration fails synth with its message alone; a doubtful one (plain http feeds) warns.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Annotations, App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks, ServerlessChecks } from "cdk-nag";
import { ConfigError, configWarnings, parseConfigText } from "../functions/core/config.js";
import { resolveConfigRegions, UnknownRegionError } from "../functions/core/regions.js";
import { DuplicateSubscriptionError } from "./constructs/topic.js";
import { StrikeWatchStack } from "./stack.js";

/** A context flag that is no longer read; says where its setting went. */
export class RetiredContextError extends Error {
  constructor(flag: string, instead: string) {
    super(`-c ${flag} is no longer read: ${instead}`);
    this.name = "RetiredContextError";
  }
}

const app = new App();
try {
  const configPath = resolve(String(app.node.tryGetContext("config") ?? "strikewatch.config.json"));
  const config = parseConfigText(readFileSync(configPath, "utf8"), configPath);
  if (app.node.tryGetContext("opsEmail") !== undefined) {
    throw new RetiredContextError(
      "opsEmail",
      `list the address under "ops": {"emails": [...]} in ${configPath}, so every deploy keeps it`,
    );
  }
  const { subscriptions } = resolveConfigRegions(config);
  const stack = new StrikeWatchStack(app, config.name, {
    description: `StrikeWatch (${config.name}): news feeds to civilian-casualty strike alerts`,
    config,
    subscriptions,
  });
  for (const warning of configWarnings(config))
    Annotations.of(stack).addWarningV2("strikewatch:config", warning);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  app.synth();
} catch (error) {
  const expected =
    error instanceof ConfigError ||
    error instanceof UnknownRegionError ||
    error instanceof DuplicateSubscriptionError ||
    error instanceof RetiredContextError ||
    (error as NodeJS.ErrnoException).code === "ENOENT";
  if (!expected) throw error;
  console.error((error as Error).message);
  process.exitCode = 1;
}
