import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { DynamoArticleStore } from "../../functions/adapters/article-dynamo.js";
import type { Article } from "../../functions/core/article.js";

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: "us-east-1" }));
const mock = mockClient(doc);
const store = new DynamoArticleStore(doc, "articles-table");
const article: Article = {
  id: "0123456789abcdef",
  url: "https://news.example.org/a",
  source: "Example",
  feedUrl: "https://news.example.org/rss",
  fetchedAt: "2026-11-01T00:00:00.000Z",
  body: "text",
};

describe("DynamoArticleStore with a mocked client", () => {
  afterEach(() => mock.reset());

  it("puts with a condition on the id so an existing article is never overwritten", async () => {
    mock.on(PutCommand).resolves({});
    expect(await store.putNew(article)).toBe(true);
    const input = mock.commandCalls(PutCommand)[0]!.args[0].input;
    expect(input.TableName).toBe("articles-table");
    expect(input.ConditionExpression).toBe("attribute_not_exists(id)");
    expect(input.Item).toMatchObject({ id: article.id, expiresAt: expect.any(Number) });
  });

  it("answers false when the condition fails (the id is stored already)", async () => {
    mock.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: "exists", $metadata: {} }));
    expect(await store.putNew(article)).toBe(false);
  });

  it("lets other errors through so the caller retries (throttling)", async () => {
    mock
      .on(PutCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: "slow down", $metadata: {} }));
    await expect(store.putNew(article)).rejects.toThrow(/slow down/);
  });
});
