/** The sample deployment the infra tests build: a small configuration with one subscription per protocol. */
import { App } from "aws-cdk-lib";
import { parseConfig } from "../../functions/core/config.js";
import { resolveConfigRegions } from "../../functions/core/regions.js";
import { StrikeWatchStack } from "../../infra/stack.js";

/** Two feeds, a 10-minute poll, Ukraine and Belgorod watched; email for Kharkiv Oblast, SMS for Ukraine. */
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
  },
  "sample config",
);

/** Builds the sample stack. Bundling is skipped unless asked for (template tests need no code). */
export function sampleStack(options: { bundle?: boolean; outdir?: string; opsEmail?: string } = {}) {
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    context: options.bundle ? {} : { "aws:cdk:bundling-stacks": [] },
  });
  const { subscriptions } = resolveConfigRegions(SAMPLE_CONFIG);
  const stack = new StrikeWatchStack(app, "StrikeWatch", {
    config: SAMPLE_CONFIG,
    subscriptions,
    ...(options.opsEmail ? { opsEmail: options.opsEmail } : {}),
  });
  return { app, stack };
}
