/**
 * AlertOutbox on DynamoDB. One item per incident alert version, created with a conditional put
 * (a duplicate stream record creates nothing). Pending items carry `pending` = "P" and so sit in
 * the sparse "pending" index; a claim is a conditional lease so two runs never publish one alert.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { AlertOutbox, OutboxRecord } from "../ports.js";
import { queryAll } from "./scan.js";

/** Days a sent record is kept (the TTL removes it after). */
export const OUTBOX_TTL_DAYS = 30;
const PENDING = "P";

const keyOf = (record: Pick<OutboxRecord, "incidentId" | "version">) => ({
  pk: record.incidentId,
  sk: `v${String(record.version).padStart(4, "0")}`,
});

async function conditional(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The outbox in the Outbox table. */
export class DynamoAlertOutbox implements AlertOutbox {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  add(record: OutboxRecord): Promise<boolean> {
    const expiresAt = Math.floor(Date.parse(record.createdAt) / 1000) + OUTBOX_TTL_DAYS * 86_400;
    return conditional(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keyOf(record), ...record, pending: PENDING, claimedUntil: 0, expiresAt },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
  }

  async pending(limit = 100): Promise<OutboxRecord[]> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: "pending",
        KeyConditionExpression: "pending = :p",
        ExpressionAttributeValues: { ":p": PENDING },
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => ({
      incidentId: String(item.incidentId),
      version: Number(item.version),
      alert: item.alert as OutboxRecord["alert"],
      createdAt: String(item.createdAt),
      attempts: Number(item.attempts ?? 0),
      ...(item.lastError ? { lastError: String(item.lastError) } : {}),
    }));
  }

  claim(record: OutboxRecord, now: Date, leaseMs: number): Promise<boolean> {
    return conditional(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(record),
          UpdateExpression: "SET claimedUntil = :until",
          ConditionExpression: "pending = :p AND claimedUntil < :now",
          ExpressionAttributeValues: {
            ":p": PENDING,
            ":now": now.getTime(),
            ":until": now.getTime() + leaseMs,
          },
        }),
      ),
    );
  }

  async markSent(record: OutboxRecord, messageId: string, now: Date): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keyOf(record),
        UpdateExpression: "REMOVE pending SET sentAt = :at, messageId = :id",
        ExpressionAttributeValues: { ":at": now.toISOString(), ":id": messageId },
      }),
    );
  }

  /**
   * Every alert version recorded for an incident, oldest first, each with `sentAt` once published.
   * One Query on the incident's partition; read by the API (versions expire after OUTBOX_TTL_DAYS).
   */
  async versions(incidentId: string): Promise<Array<OutboxRecord & { sentAt?: string }>> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": incidentId },
    });
    return items.map((item) => ({
      incidentId: String(item.incidentId),
      version: Number(item.version),
      alert: item.alert as OutboxRecord["alert"],
      createdAt: String(item.createdAt),
      attempts: Number(item.attempts ?? 0),
      ...(item.sentAt ? { sentAt: String(item.sentAt) } : {}),
    }));
  }

  async markFailed(record: OutboxRecord, error: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keyOf(record),
        UpdateExpression: "SET claimedUntil = :zero, lastError = :error ADD attempts :one",
        ExpressionAttributeValues: { ":zero": 0, ":error": error.slice(0, 500), ":one": 1 },
      }),
    );
  }
}
