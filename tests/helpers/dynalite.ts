/** Test helper: an in-memory dynalite on 127.0.0.1 with the project's tables, torn down after the suite. */
import {
  DeleteTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import { createTables, type LocalStore, startLocalStore } from "../../functions/local/store.js";
import type { TableSpec } from "../../functions/tables.js";

/** Starts a fresh embedded store; call `close()` in afterAll. */
export function localStore(): Promise<LocalStore> {
  return startLocalStore();
}

/** Empties tables by deleting them, waiting until they are gone (deletion is asynchronous), and creating them again. */
export async function resetTables(store: LocalStore, specs: TableSpec[]): Promise<void> {
  for (const spec of specs) {
    await store.client.send(new DeleteTableCommand({ TableName: store.tableName(spec) }));
    for (;;) {
      try {
        await store.client.send(new DescribeTableCommand({ TableName: store.tableName(spec) }));
      } catch (error) {
        if (error instanceof ResourceNotFoundException) break;
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  await createTables(store.client);
}
