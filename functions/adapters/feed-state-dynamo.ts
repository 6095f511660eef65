/** FeedStateStore on DynamoDB: one item per feed in the Feeds table (partition key `feedUrl`). */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { FeedState, FeedStateStore } from "../ports.js";
import { scanAll } from "./scan.js";

const OPTIONAL_STRINGS = [
  "etag",
  "lastModified",
  "lastSuccessAt",
  "lastErrorAt",
  "lastError",
  "nextPollAt",
] as const;

/** Stores each feed's validators, health and backoff as one item, replaced whole on every put. */
export class DynamoFeedStateStore implements FeedStateStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(feedUrl: string): Promise<FeedState | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { feedUrl }, ConsistentRead: true }),
    );
    return Item ? toFeedState(Item) : undefined;
  }

  async put(state: FeedState): Promise<void> {
    // The client may not be set to drop undefined values; absent fields must not reach the marshaller.
    const item = Object.fromEntries(Object.entries(state).filter(([, value]) => value !== undefined));
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  async list(): Promise<FeedState[]> {
    const states = (await scanAll(this.doc, this.tableName)).map(toFeedState);
    return states.sort((a, b) => a.feedUrl.localeCompare(b.feedUrl));
  }
}

/** A stored item back to a FeedState, keeping only the fields FeedState has. */
function toFeedState(item: Record<string, unknown>): FeedState {
  const state: FeedState = {
    feedUrl: String(item.feedUrl),
    consecutiveFailures: Number(item.consecutiveFailures ?? 0),
  };
  for (const field of OPTIONAL_STRINGS) {
    const value = item[field];
    if (typeof value === "string") state[field] = value;
  }
  if (Array.isArray(item.seenItems))
    state.seenItems = item.seenItems.filter((print) => typeof print === "string");
  return state;
}
