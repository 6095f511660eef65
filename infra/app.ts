/**
 * The CDK app (cdk.json runs it): reads and validates strikewatch.config.json, or the file given
 * with `-c config=path`, resolves its regions against the gazetteer, builds the stack and checks
 * it with cdk-nag's AwsSolutions pack. A bad configuration fails synth with its message alone.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { ConfigError, parseConfigText } from "../functions/core/config.js";
import { resolveConfigRegions, UnknownRegionError } from "../functions/core/regions.js";
import { DuplicateSubscriptionError } from "./constructs/topic.js";
import { StrikeWatchStack } from "./stack.js";

const app = new App();
try {
  const configPath = resolve(String(app.node.tryGetContext("config") ?? "strikewatch.config.json"));
  const config = parseConfigText(readFileSync(configPath, "utf8"), configPath);
  const { subscriptions } = resolveConfigRegions(config);
  const opsEmail: unknown = app.node.tryGetContext("opsEmail");
  new StrikeWatchStack(app, "StrikeWatch", {
    description: "StrikeWatch: news feeds to civilian-casualty strike alerts",
    config,
    subscriptions,
    ...(typeof opsEmail === "string" && opsEmail !== "" ? { opsEmail } : {}),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
} catch (error) {
  const expected =
    error instanceof ConfigError ||
    error instanceof UnknownRegionError ||
    error instanceof DuplicateSubscriptionError ||
    (error as NodeJS.ErrnoException).code === "ENOENT";
  if (!expected) throw error;
  console.error((error as Error).message);
  process.exitCode = 1;
}
