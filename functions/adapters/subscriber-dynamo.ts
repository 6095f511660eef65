/**
 * SubscriberStore and DeliveryMarks on the Subscribers table (functions/tables.ts). Subscribers
 * share one partition ("SUB", sort key the id): the notifier lists them all with one Query, and a
 * deployment has tens of them, not millions. A delivery mark is an item per alert version and
 * subscriber (pk "DLV#<incident>#v0001"), so one Query tells which subscribers have an alert.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { DeliveryMarks, SubscriberStore } from "../subscriptions/ports.js";
import type { SubscriberRecord } from "../subscriptions/record.js";
import { queryAll } from "./scan.js";

const SUBSCRIBERS = "SUB";
/** Days a delivery mark is kept: longer than any retry of a batch (SQS keeps a message 4 days). */
export const DELIVERY_MARK_TTL_DAYS = 30;

/** A subscriber id that is already taken. */
export class DuplicateSubscriberError extends Error {
  constructor(readonly id: string) {
    super(`subscriber ${id} exists already`);
    this.name = "DuplicateSubscriberError";
  }
}

const FIELDS = [
  "id",
  "kind",
  "name",
  "regions",
  "minKilled",
  "minInjured",
  "filterPolicy",
  "destination",
  "secretName",
  "sharedSecret",
  "chatId",
  "subscriptionArn",
  "createdAt",
] as const;

function toRecord(item: Record<string, unknown>): SubscriberRecord {
  const record: Record<string, unknown> = {};
  for (const field of FIELDS) if (item[field] !== undefined) record[field] = item[field];
  return record as unknown as SubscriberRecord;
}

const markKey = (incidentId: string, version: number) =>
  `DLV#${incidentId}#v${String(version).padStart(4, "0")}`;

/** Subscribers and delivery marks in one DynamoDB table. */
export class DynamoSubscriberStore implements SubscriberStore, DeliveryMarks {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(record: SubscriberRecord): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: SUBSCRIBERS, sk: record.id, ...record },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new DuplicateSubscriberError(record.id);
      throw error;
    }
  }

  async list(): Promise<SubscriberRecord[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": SUBSCRIBERS },
    });
    return items.map(toRecord);
  }

  async get(id: string): Promise<SubscriberRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: SUBSCRIBERS, sk: id } }),
    );
    return Item ? toRecord(Item) : undefined;
  }

  async remove(id: string): Promise<boolean> {
    const { Attributes } = await this.doc.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { pk: SUBSCRIBERS, sk: id },
        ReturnValues: "ALL_OLD",
      }),
    );
    return Attributes !== undefined;
  }

  async delivered(incidentId: string, version: number): Promise<Set<string>> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": markKey(incidentId, version) },
      ProjectionExpression: "sk",
    });
    return new Set(items.map((item) => String(item.sk)));
  }

  async mark(
    incidentId: string,
    version: number,
    subscriberId: string,
    deliveryId: string,
    now: Date,
  ): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: markKey(incidentId, version),
          sk: subscriberId,
          deliveryId,
          deliveredAt: now.toISOString(),
          expiresAt: Math.floor(now.getTime() / 1000) + DELIVERY_MARK_TTL_DAYS * 86_400,
        },
      }),
    );
  }
}
