/** Test helper: an in-memory dynalite on 127.0.0.1 with the project's tables, torn down after the suite. */
import { type LocalStore, startLocalStore } from "../../functions/local/store.js";

/** Starts a fresh embedded store; call `close()` in afterAll. */
export function localStore(): Promise<LocalStore> {
  return startLocalStore();
}
