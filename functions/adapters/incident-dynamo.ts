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
import { scanAll } from "./scan.js";

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

/**
 * The index of every incident item by date (partition "INC", the items' sk; sort key `date`): the
 * area copies carry no top-level `date`, so it holds each incident once. Read by the API for
 * "newest first" over a country or everything; an oblast is read from its area items instead.
 */
export const INCIDENTS_BY_DATE_INDEX = "byDate";

/** A page of incidents, newest date first; `more` when the store has more after the last one. */
export interface IncidentReadPage {
  incidents: Incident[];
  more: boolean;
}

/** What a page read asks for: an area's items, or every incident (dates YYYY-MM-DD, inclusive). */
export interface IncidentReadRequest {
  area?: { country: string; admin1: string | null };
  since?: string;
  until?: string;
  /** Start after the incident of this date and id (the last one of the previous page). */
  after?: { date: string; id: string };
  limit: number;
}

function stripKeys(item: Record<string, unknown>): Incident {
  const { pk: _pk, sk: _sk, expiresAt: _expiresAt, ...incident } = item;
  return incident as unknown as Incident;
}

/**
 * Read-only queries of the Incidents table for the API: one Query per page, newest first, over an
 * area's items (pk "AREA#…") or the byDate index. Without the index (a local store made before it
 * existed: dynalite cannot add an index to a table) every incident item is scanned and sorted.
 */
export class DynamoIncidentReader {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: { byDateIndex: boolean } = { byDateIndex: true },
  ) {}

  async page(request: IncidentReadRequest): Promise<IncidentReadPage> {
    const from = request.since ?? "0000-00-00";
    const to = request.until ?? "9999-12-31";
    if (request.area) {
      const pk = `AREA#${areaKey(request.area)}`;
      const { Items, LastEvaluatedKey } = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
          ExpressionAttributeValues: { ":pk": pk, ":from": from, ":to": `${to}#~` },
          ScanIndexForward: false,
          Limit: request.limit,
          ...(request.after
            ? { ExclusiveStartKey: { pk, sk: `${request.after.date}#${request.after.id}` } }
            : {}),
        }),
      );
      return {
        incidents: (Items ?? []).map((item) => item.incident as Incident),
        more: LastEvaluatedKey !== undefined,
      };
    }
    if (!this.options.byDateIndex) return this.scanPage(request, from, to);
    const { Items, LastEvaluatedKey } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INCIDENTS_BY_DATE_INDEX,
        KeyConditionExpression: "sk = :inc AND #date BETWEEN :from AND :to",
        ExpressionAttributeNames: { "#date": "date" },
        ExpressionAttributeValues: { ":inc": "INC", ":from": from, ":to": to },
        ScanIndexForward: false,
        Limit: request.limit,
        ...(request.after
          ? {
              ExclusiveStartKey: {
                ...incidentKey(request.after.id),
                date: request.after.date,
              },
            }
          : {}),
      }),
    );
    return { incidents: (Items ?? []).map(stripKeys), more: LastEvaluatedKey !== undefined };
  }

  /** One incident, eventually consistent (a read-only view can be a second behind). */
  async get(id: string): Promise<Incident | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: incidentKey(id) }));
    return Item ? stripKeys(Item) : undefined;
  }

  private async scanPage(request: IncidentReadRequest, from: string, to: string): Promise<IncidentReadPage> {
    const all = (
      await scanAll(this.doc, this.tableName, {
        FilterExpression: "sk = :inc AND #date BETWEEN :from AND :to",
        ExpressionAttributeNames: { "#date": "date" },
        ExpressionAttributeValues: { ":inc": "INC", ":from": from, ":to": to },
      })
    ).map(stripKeys);
    const order = (incident: Incident) => `${incident.date}#${incident.id}`;
    all.sort((a, b) => order(b).localeCompare(order(a)));
    const after = request.after ? `${request.after.date}#${request.after.id}` : undefined;
    const rest = after === undefined ? all : all.filter((incident) => order(incident) < after);
    return { incidents: rest.slice(0, request.limit), more: rest.length > request.limit };
  }
}
