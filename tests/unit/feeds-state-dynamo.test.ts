import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { DynamoFeedStateStore } from "../../functions/adapters/feed-state-dynamo.js";

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: "us-east-1" }));
const ddb = mockClient(doc);
const store = new DynamoFeedStateStore(doc, "Feeds-test");
const URL_A = "https://a.example.org/rss";

afterEach(() => {
  ddb.reset();
});

describe("DynamoFeedStateStore (mocked client)", () => {
  it("gets a feed's state by feedUrl with a consistent read and drops unknown attributes", async () => {
    // Prepare
    ddb.on(GetCommand).resolves({
      Item: {
        feedUrl: URL_A,
        consecutiveFailures: 2,
        etag: '"e"',
        nextPollAt: "2025-02-01T12:05:00.000Z",
        other: 1,
      },
    });

    // Act
    const state = await store.get(URL_A);

    // Assess
    expect(state).toEqual({
      feedUrl: URL_A,
      consecutiveFailures: 2,
      etag: '"e"',
      nextPollAt: "2025-02-01T12:05:00.000Z",
    });
    expect(ddb.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: "Feeds-test",
      Key: { feedUrl: URL_A },
      ConsistentRead: true,
    });
  });

  it("returns undefined for an unknown feed", async () => {
    ddb.on(GetCommand).resolves({});
    expect(await store.get(URL_A)).toBeUndefined();
  });

  it("puts the whole state without undefined attributes", async () => {
    ddb.on(PutCommand).resolves({});

    await store.put({
      feedUrl: URL_A,
      consecutiveFailures: 0,
      etag: undefined,
      lastSuccessAt: "2025-02-01T12:00:00.000Z",
    });

    expect(ddb.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: "Feeds-test",
      Item: { feedUrl: URL_A, consecutiveFailures: 0, lastSuccessAt: "2025-02-01T12:00:00.000Z" },
    });
  });

  it("lists every page of the scan", async () => {
    ddb
      .on(ScanCommand)
      .resolvesOnce({
        Items: [{ feedUrl: "https://b.example.org/", consecutiveFailures: 1 }],
        LastEvaluatedKey: { feedUrl: "x" },
      })
      .resolvesOnce({ Items: [{ feedUrl: URL_A, consecutiveFailures: 0 }] });

    const states = await store.list();

    expect(states.map((state) => state.feedUrl)).toEqual([URL_A, "https://b.example.org/"]);
    expect(ddb.commandCalls(ScanCommand)[1]?.args[0].input.ExclusiveStartKey).toEqual({ feedUrl: "x" });
  });

  it("lets SDK errors through to the poller", async () => {
    ddb.on(GetCommand).rejects(new Error("ProvisionedThroughputExceededException"));
    await expect(store.get(URL_A)).rejects.toThrow("ProvisionedThroughputExceededException");
  });
});
