/** Test helper for suites on dynalite (started with functions/local/store.ts startLocalStore). */
import {
  DeleteTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import { createTables, type LocalStore } from "../../functions/local/store.js";
import type { TableSpec } from "../../functions/tables.js";

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
