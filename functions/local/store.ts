/**
 * The embedded store of the local runner: dynalite (a DynamoDB implementation on LevelDB) bound to
 * 127.0.0.1, in memory or on disk, with the real AWS SDK v3 client pointed at it and the tables of
 * tables.ts created.
 */
import type { AddressInfo } from "node:net";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import dynalite from "dynalite";
import { TABLES, type TableSpec } from "../tables.js";

/** A running embedded store and the clients bound to it. Table names equal the specs' logical names. */
export interface LocalStore {
  endpoint: string;
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tableName(spec: TableSpec): string;
  close(): Promise<void>;
}

/** Starts dynalite on 127.0.0.1 (random port) and creates any missing table. `dataDir` keeps it on disk. */
export async function startLocalStore(options: { dataDir?: string } = {}): Promise<LocalStore> {
  const server = dynalite({
    ...(options.dataDir ? { path: options.dataDir } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 3,
  });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  await createTables(client);
  return {
    endpoint,
    client,
    doc,
    tableName: (spec) => spec.logicalName,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Waits until a table is ACTIVE: dynalite answers "not found" to a table still CREATING, which a loaded machine can see. */
async function untilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === "ACTIVE") return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`table ${tableName} did not become ACTIVE`);
}

/** Creates the tables of tables.ts that do not exist yet (on-demand, keys only: dynalite has no TTL or streams). */
export async function createTables(client: DynamoDBClient): Promise<void> {
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
  for (const spec of TABLES) {
    if (existing.has(spec.logicalName)) continue;
    const keySchema = (partitionKey: string, sortKey?: string) => [
      { AttributeName: partitionKey, KeyType: "HASH" as const },
      ...(sortKey ? [{ AttributeName: sortKey, KeyType: "RANGE" as const }] : []),
    ];
    const attributes = new Set([
      spec.partitionKey,
      spec.sortKey,
      ...(spec.indexes ?? []).flatMap((index) => [index.partitionKey, index.sortKey]),
    ]);
    await client.send(
      new CreateTableCommand({
        TableName: spec.logicalName,
        BillingMode: "PAY_PER_REQUEST",
        KeySchema: keySchema(spec.partitionKey, spec.sortKey),
        AttributeDefinitions: [...attributes]
          .filter((name): name is string => name !== undefined)
          .map((name) => ({ AttributeName: name, AttributeType: "S" as const })),
        ...(spec.indexes
          ? {
              GlobalSecondaryIndexes: spec.indexes.map((index) => ({
                IndexName: index.name,
                KeySchema: keySchema(index.partitionKey, index.sortKey),
                Projection: { ProjectionType: "ALL" as const },
              })),
            }
          : {}),
      }),
    );
    await untilActive(client, spec.logicalName);
  }
}
