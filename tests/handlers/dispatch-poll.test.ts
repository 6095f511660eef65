import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { emitMetrics } from "../../functions/metrics.js";
import type { FeedState } from "../../functions/ports.js";
import { ARTICLES_TABLE, ENV, FEEDS_TABLE, METRICS_NAMESPACE } from "../../functions/tables.js";

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

const NOW = new Date("2026-11-22T04:00:00.000Z");
const state = (feedUrl: string, fields: Partial<FeedState>): [string, FeedState] => [
  feedUrl,
  { feedUrl, consecutiveFailures: 0, ...fields },
];

describe("dispatch", () => {
  it("reads the feeds of the schedule's event and names what is wrong with a bad one", () => {
    expect(dispatch.feedsOf({ feeds: [{ url: "https://a.example/rss" }] })).toEqual([
      { url: "https://a.example/rss" },
    ]);
    expect(() => dispatch.feedsOf({})).toThrow(/dispatch event: needs a feeds array/);
    expect(() =>
      dispatch.feedsOf({ feeds: [{ url: "https://a.example/rss" }, { url: "file:///etc/passwd" }] }),
    ).toThrow(/feeds\[1\] needs an http\(s\) url/);
  });

  it("sends feeds never polled or whose next poll has come, not those backing off", () => {
    const feeds = [
      { url: "https://new.example/rss" },
      { url: "https://due.example/rss" },
      { url: "https://later.example/rss" },
    ];
    const known = new Map([
      state("https://due.example/rss", { nextPollAt: "2026-11-22T03:59:00.000Z" }),
      state("https://later.example/rss", { nextPollAt: "2026-11-22T05:00:00.000Z", consecutiveFailures: 3 }),
    ]);
    expect(dispatch.dueFeeds(feeds, known, NOW).map((feed) => feed.url)).toEqual([
      "https://new.example/rss",
      "https://due.example/rss",
    ]);
  });

  it("counts feeds failing with no success for over an hour", () => {
    const feeds = ["a", "b", "c", "d"].map((name) => ({ url: `https://${name}.example/rss` }));
    const known = new Map([
      state("https://a.example/rss", { consecutiveFailures: 2, lastSuccessAt: "2026-11-22T02:00:00.000Z" }),
      state("https://b.example/rss", { consecutiveFailures: 1, lastSuccessAt: "2026-11-22T03:30:00.000Z" }),
      state("https://c.example/rss", { consecutiveFailures: 5, lastErrorAt: "2026-11-22T01:00:00.000Z" }),
      state("https://d.example/rss", { lastSuccessAt: "2026-11-20T00:00:00.000Z" }),
    ]);
    expect(dispatch.failingOverAnHour(feeds, known, NOW)).toBe(2);
  });
});

describe("poll", () => {
  it("reads a feed message and refuses what is not one, saying why", () => {
    expect(poll.parseFeedMessage('{"url":"https://a.example/rss","fullText":true,"extra":1}')).toEqual({
      url: "https://a.example/rss",
      fullText: true,
    });
    expect(() => poll.parseFeedMessage("nope")).toThrow(/feed message: not JSON/);
    expect(() => poll.parseFeedMessage('{"url":"ftp://a"}')).toThrow(/needs an http\(s\) url/);
  });
});

describe("emitMetrics", () => {
  it("writes one Embedded Metric Format line CloudWatch turns into metrics", () => {
    const lines: string[] = [];
    emitMetrics("poll", { ArticlesStored: 3, FeedErrors: 1 }, (line) => lines.push(line));
    const record = JSON.parse(lines[0]!);
    expect(record).toMatchObject({ service: "poll", ArticlesStored: 3, FeedErrors: 1 });
    expect(record._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: METRICS_NAMESPACE,
        Dimensions: [["service"]],
        Metrics: [
          { Name: "ArticlesStored", Unit: "Count" },
          { Name: "FeedErrors", Unit: "Count" },
        ],
      },
    ]);
  });
});
