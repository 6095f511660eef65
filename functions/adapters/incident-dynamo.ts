/**
 * IncidentStore on DynamoDB: the incident item (pk "INC#<id>") written with optimistic concurrency
 * on `revision`, and a copy in an area item (pk "AREA#<country>#<admin1>", sk "<date>#<id>") so the
 * candidates of a new event are one Query. The copy may lag a crashed save; the revision check on
 * the incident item catches that and the caller re-reads it with get().
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from "@aws-sdk/lib-dynamodb";
import { areaKey, type Incident } from "../core/incidents.js";
import type { IncidentStore } from "../ports.js";

/** Days an incident is kept after its last update. */
export const INCIDENT_TTL_DAYS = 180;

const incidentKey = (id: string) => ({ pk: `INC#${id}`, sk: "INC" });

/** Incidents in the Incidents table. */
export class DynamoIncidentStore implements IncidentStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async candidates(
    area: { country: string; admin1: string | null },
    from: string,
    to: string,
  ): Promise<Incident[]> {
    const incidents: Incident[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
          ExpressionAttributeValues: { ":pk": `AREA#${areaKey(area)}`, ":from": from, ":to": `${to}#~` },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) incidents.push(item.incident as Incident);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return incidents;
  }

  async get(id: string): Promise<Incident | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: incidentKey(id), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, expiresAt: _expiresAt, ...incident } = Item;
    return incident as Incident;
  }

  async save(incident: Incident, previousDate?: string): Promise<boolean> {
    const expiresAt = Math.floor(Date.parse(incident.updatedAt) / 1000) + INCIDENT_TTL_DAYS * 86_400;
    const next = { ...incident, revision: incident.revision + 1 };
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...incidentKey(incident.id), ...next, expiresAt },
          ConditionExpression: incident.revision === 0 ? "attribute_not_exists(pk)" : "revision = :revision",
          ...(incident.revision === 0
            ? {}
            : { ExpressionAttributeValues: { ":revision": incident.revision } }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
    const area = { pk: `AREA#${areaKey(incident.place)}`, sk: `${incident.date}#${incident.id}` };
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: { ...area, incident: next, expiresAt } }),
    );
    // A dated report can move an undated incident's date: the copy under the old date goes.
    if (previousDate !== undefined && previousDate !== incident.date) {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: area.pk, sk: `${previousDate}#${incident.id}` },
        }),
      );
    }
    return true;
  }
}
