/** The sample deployment the infra tests build: a small configuration with one subscription per protocol. */
import { App } from "aws-cdk-lib";
import { type Config, parseConfig } from "../../functions/core/config.js";
import { resolveConfigRegions } from "../../functions/core/regions.js";
import { StrikeWatchStack } from "../../infra/stack.js";

/**
 * Two feeds, a 10-minute poll, Ukraine and Belgorod watched; email for Kharkiv Oblast, SMS for
 * Ukraine; an ops address and a tag.
 */
export const SAMPLE_CONFIG = parseConfig(
  {
    feeds: [
      { url: "https://news.example.org/ukraine/rss", name: "Example News" },
      { url: "https://wire.example.net/feed.xml", fullText: true },
    ],
    pollMinutes: 10,
    watchedRegions: ["Ukraine", "Belgorod Oblast"],
    subscriptions: [
      { email: "watcher@example.org", regions: ["Kharkiv Oblast"], minKilled: 1 },
      { sms: "+380501234567", regions: ["Ukraine"], minKilled: 1, minInjured: 5 },
    ],
    ops: { emails: ["ops@example.org"] },
    tags: { team: "desk" },
  },
  "sample config",
);

/** Builds the sample stack (or another configuration's). Bundling is skipped unless asked for (template tests need no code). */
export function sampleStack(options: { bundle?: boolean; outdir?: string; config?: Config; app?: App } = {}) {
  const app =
    options.app ??
    new App({
      ...(options.outdir ? { outdir: options.outdir } : {}),
      context: options.bundle ? {} : { "aws:cdk:bundling-stacks": [] },
    });
  const config = options.config ?? SAMPLE_CONFIG;
  const { subscriptions } = resolveConfigRegions(config);
  const stack = new StrikeWatchStack(app, config.name, { config, subscriptions });
  return { app, stack };
}
