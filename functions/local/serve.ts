/**
 * `strikewatch serve`: the page, the read-only API and the alert feeds over the embedded store, on
 * one local HTTP server (127.0.0.1 by default). The API answers through the same handleApiRequest
 * the Lambda runs; the page is built in memory from web/ at start.
 */
import { mkdir } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import type { WebFile } from "../../web/build.js";
import { contentSecurityPolicy, type PageSettings } from "../../web/settings.js";
import { DynamoIncidentReader, INCIDENTS_BY_DATE_INDEX } from "../adapters/incident-dynamo.js";
import { DynamoAlertOutbox } from "../adapters/outbox-dynamo.js";
import { type ApiDeps, handleApiRequest } from "../api/routes.js";
import { INCIDENTS_TABLE, OUTBOX_TABLE } from "../tables.js";
import type { Io } from "./output.js";
import { type LocalStore, startLocalStore } from "./store.js";

/** The port `serve` listens on unless told otherwise. */
export const DEFAULT_PORT = 8787;

/** A running server. */
export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Options of startServer. */
export interface ServeOptions {
  host?: string;
  /** 0: any free port. */
  port?: number;
  settings?: PageSettings;
  /** Where store failures are told (default: nowhere). */
  onError?: (error: unknown) => void;
}

/** The API's readers over a local store; uses the byDate index when the store's table has it. */
export async function apiDeps(store: LocalStore, onError?: (error: unknown) => void): Promise<ApiDeps> {
  const tableName = store.tableName(INCIDENTS_TABLE);
  const { Table } = await store.client.send(new DescribeTableCommand({ TableName: tableName }));
  const byDateIndex = (Table?.GlobalSecondaryIndexes ?? []).some(
    (index) => index.IndexName === INCIDENTS_BY_DATE_INDEX,
  );
  const outbox = new DynamoAlertOutbox(store.doc, store.tableName(OUTBOX_TABLE));
  return {
    incidents: new DynamoIncidentReader(store.doc, tableName, { byDateIndex }),
    alerts: { versions: (id) => outbox.versions(id) },
    ...(onError ? { onError } : {}),
  };
}

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
};

function sendFile(request: IncomingMessage, response: ServerResponse, file: WebFile, csp: string): void {
  response.writeHead(200, {
    "content-type": file.type,
    "content-length": file.body.byteLength,
    "cache-control": "no-cache",
    ...SECURITY_HEADERS,
    ...(file.type.startsWith("text/html") ? { "content-security-policy": csp } : {}),
  });
  response.end(request.method === "HEAD" ? undefined : file.body);
}

/** Serves the page and the API of `store` until closed. */
export async function startServer(store: LocalStore, options: ServeOptions = {}): Promise<RunningServer> {
  const settings = options.settings ?? { tiles: null };
  // esbuild (a dev dependency) loads only when serving, not for every command of the CLI.
  const { buildWeb } = await import("../../web/build.js");
  const files = buildWeb(settings);
  const csp = contentSecurityPolicy(settings);
  const deps = await apiDeps(store, options.onError);
  const server = createServer((request, response) => {
    const host = request.headers.host ?? "127.0.0.1";
    const url = new URL(request.url ?? "/", `http://${host}`);
    const file = files.get(url.pathname === "/index.html" ? "/" : url.pathname);
    if (file && (request.method === "GET" || request.method === "HEAD")) {
      sendFile(request, response, file, csp);
      return;
    }
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(request.headers))
      headers[name] = Array.isArray(value) ? value.join(", ") : value;
    void handleApiRequest(
      {
        method: request.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers,
        origin: `http://${host}`,
      },
      deps,
    ).then((answer) => {
      response.writeHead(answer.status, { ...SECURITY_HEADERS, ...answer.headers });
      response.end(answer.body);
    });
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, options.host ?? "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  await listen(options.port ?? DEFAULT_PORT);
  const { address, port } = server.address() as AddressInfo;
  const shown = address.includes(":") ? `[${address}]` : address;
  return {
    url: `http://${shown}:${port}/`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Waits for Ctrl-C (SIGINT) or SIGTERM. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/**
 * Serves an open store until Ctrl-C, printing the URL. Without an explicit port, a busy default
 * port falls back to any free one (`npm start -- --serve` must not fail on a second copy).
 */
export async function serveStore(
  store: LocalStore,
  io: Io,
  options: { host?: string; port?: number; settings?: PageSettings } = {},
): Promise<number> {
  let running: RunningServer;
  const onError = (error: unknown) => io.err(`strikewatch serve: ${(error as Error).message}`);
  try {
    running = await startServer(store, { ...options, onError });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || options.port !== undefined) throw error;
    running = await startServer(store, { ...options, port: 0, onError });
  }
  io.out(`StrikeWatch is serving the page, the API and the feeds at ${running.url}`);
  io.out(`  map and list   ${running.url}`);
  io.out(`  incidents      ${running.url}api/incidents`);
  io.out(`  alerts (Atom)  ${running.url}feeds/alerts.atom?region=Kharkiv%20Oblast`);
  io.out("Press Ctrl-C to stop.");
  await untilStopped();
  await running.close();
  return 0;
}

/** Usage of `serve`, for the CLI's help. */
export const SERVE_USAGE = `  serve      serve the page (map, list, incidents), the read-only API and the Atom feeds of a store
             --data DIR        the store of a runner started with --data (default: a new empty store)
             --port N          the port (default ${DEFAULT_PORT})
             --host H          the address to listen on (default 127.0.0.1)
             --tiles URL       also draw a public tile server's map under the incidents ({z}/{x}/{y} URL;
                               --tiles-attribution TEXT says whose; off by default: the page fetches nothing else)`;

/** A mistake in serve's arguments, with what was wrong. */
export class ServeUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ServeUsageError";
  }
}

/** The `strikewatch serve` command. */
export async function serveCommand(argv: string[], io: Io): Promise<number> {
  let values: {
    data?: string;
    port?: string;
    host?: string;
    tiles?: string;
    "tiles-attribution"?: string;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        data: { type: "string" },
        port: { type: "string" },
        host: { type: "string" },
        tiles: { type: "string" },
        "tiles-attribution": { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    throw new ServeUsageError((error as Error).message);
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65_535))
    throw new ServeUsageError(`--port needs a port number from 0 to 65535: ${values.port}`);
  if (values.tiles !== undefined && !/^https:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/.test(values.tiles))
    throw new ServeUsageError(`--tiles needs an https URL with {z}, {x} and {y}: ${values.tiles}`);
  const settings: PageSettings = {
    tiles: values.tiles
      ? { url: values.tiles, attribution: values["tiles-attribution"] ?? new URL(values.tiles).host }
      : null,
  };
  if (values.data) await mkdir(values.data, { recursive: true });
  const store = await startLocalStore(values.data ? { dataDir: values.data } : {});
  try {
    return await serveStore(store, io, {
      ...(values.host ? { host: values.host } : {}),
      ...(port !== undefined ? { port } : {}),
      settings,
    });
  } finally {
    await store.close();
  }
}
