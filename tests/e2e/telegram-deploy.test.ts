/**
 * The deployed path of a Telegram channel: config → the dispatch schedule's event (infra/stack.ts)
 * → dispatch's feed check → the poll function's message, which keeps the preview URL the poller
 * reads as a channel.
 */
import { Template } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseConfig } from "../../functions/core/config.js";
import { telegramChannelOf } from "../../functions/feeds/telegram.js";
import { ARTICLES_TABLE, ENV, FEEDS_TABLE } from "../../functions/tables.js";
import { sampleStack } from "../infra/sample.js";

type Dispatch = typeof import("../../functions/handlers/dispatch.js");
type Poll = typeof import("../../functions/handlers/poll.js");
let dispatch: Dispatch;
let poll: Poll;

beforeAll(async () => {
  vi.stubEnv("AWS_REGION", "us-east-1");
  vi.stubEnv(FEEDS_TABLE.envVar, "feeds");
  vi.stubEnv(ARTICLES_TABLE.envVar, "articles");
  vi.stubEnv(ENV.alertMaxAgeHours, "48");
  vi.stubEnv(ENV.feedQueueUrl, "https://sqs.us-east-1.amazonaws.com/123456789012/feeds");
  dispatch = await import("../../functions/handlers/dispatch.js");
  poll = await import("../../functions/handlers/poll.js");
});
afterAll(() => vi.unstubAllEnvs());

describe("a Telegram channel in a deployment", () => {
  it("travels from the config to the poll function as its preview URL", () => {
    // Prepare
    const config = parseConfig(
      {
        feeds: [
          { url: "https://news.example.org/ukraine/rss", name: "Example News" },
          { telegram: "sw_kharkiv_test", name: "Kharkiv OVA", maxBytes: 2_000_000 },
        ],
        watchedRegions: ["Ukraine"],
      },
      "telegram config",
    );

    // Act
    const template = Template.fromStack(sampleStack({ config }).stack);
    const schedules = template.findResources("AWS::Scheduler::Schedule");
    const inputs = Object.values(schedules).map(
      (schedule) => JSON.parse(schedule.Properties.Target.Input as string) as Record<string, unknown>,
    );
    const event = inputs.find((input) => "feeds" in input);
    const feeds = dispatch.feedsOf(event);
    const message = poll.parseFeedMessage(JSON.stringify(feeds[1]));

    // Assess
    expect(event).toEqual({
      feeds: [
        { url: "https://news.example.org/ukraine/rss", name: "Example News" },
        { url: "https://t.me/s/sw_kharkiv_test", name: "Kharkiv OVA", maxBytes: 2_000_000 },
      ],
    });
    expect(message).toEqual({
      url: "https://t.me/s/sw_kharkiv_test",
      name: "Kharkiv OVA",
      maxBytes: 2_000_000,
    });
    expect(telegramChannelOf(message.url)).toBe("sw_kharkiv_test");
  }, 120_000);
});
