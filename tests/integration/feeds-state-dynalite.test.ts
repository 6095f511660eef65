import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import dynalite from "dynalite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoFeedStateStore } from "../../functions/adapters/feed-state-dynamo.js";
import { FEEDS_TABLE } from "../../functions/tables.js";
import { type FixtureServer, rssFeed, serve, startFixtureServer } from "../fixtures/feeds/server.js";
import { pollAndCommit } from "../helpers/poll.js";

const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
let client: DynamoDBClient;
let store: DynamoFeedStateStore;
let feeds: FixtureServer;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  await client.send(
    new CreateTableCommand({
      TableName: FEEDS_TABLE.logicalName,
      AttributeDefinitions: [{ AttributeName: FEEDS_TABLE.partitionKey, AttributeType: "S" }],
      KeySchema: [{ AttributeName: FEEDS_TABLE.partitionKey, KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  store = new DynamoFeedStateStore(DynamoDBDocumentClient.from(client), FEEDS_TABLE.logicalName);
  feeds = await startFixtureServer();
});

afterAll(async () => {
  client.destroy();
  await feeds.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("DynamoFeedStateStore against dynalite on 127.0.0.1", () => {
  it("round-trips a full state and replaces it whole on put", async () => {
    const full = {
      feedUrl: "https://kharkiv.example.org/rss",
      etag: '"abc"',
      lastModified: "Sat, 01 Feb 2025 10:00:00 GMT",
      lastSuccessAt: "2025-02-01T10:00:00.000Z",
      lastErrorAt: "2025-02-01T09:00:00.000Z",
      lastError: "https://kharkiv.example.org/rss: HTTP 503 Service Unavailable",
      consecutiveFailures: 0,
      seenItems: ["AbCdEf123456", "ZyXwVu654321"],
    };

    await store.put(full);
    const first = await store.get(full.feedUrl);
    await store.put({
      feedUrl: full.feedUrl,
      consecutiveFailures: 4,
      nextPollAt: "2025-02-01T11:00:00.000Z",
    });
    const second = await store.get(full.feedUrl);

    expect(first).toEqual(full);
    expect(second).toEqual({
      feedUrl: full.feedUrl,
      consecutiveFailures: 4,
      nextPollAt: "2025-02-01T11:00:00.000Z",
    });
    expect(await store.get("https://unknown.example.org/")).toBeUndefined();
  });

  it("keeps what the poller writes and reads it back on the next poll (304)", async () => {
    feeds.route("/dyn", (req, res) => {
      if (req.headers["if-none-match"] === '"d1"') res.writeHead(304).end();
      else serve(rssFeed("dnipro"), { ETag: '"d1"' })(req, res);
    });
    const feed = { url: feeds.url("/dyn") };
    const deps = { state: store, now: () => new Date("2025-02-01T12:00:00Z") };

    const first = await pollAndCommit(feed, deps);
    const second = await pollAndCommit(feed, deps);

    expect(first.status).toBe("ok");
    expect(second.status).toBe("not-modified");
    expect(await store.get(feed.url)).toMatchObject({ etag: '"d1"', consecutiveFailures: 0 });
    expect((await store.list()).map((state) => state.feedUrl)).toContain(feed.url);
  });
});
