/**
 * The API Lambda, behind a function URL that CloudFront fronts: a function URL request → the
 * read-only API (functions/api/routes.ts) over the Incidents and Outbox tables → the response.
 * Links in the Atom feed stay relative: the viewer's Host is not forwarded, and a header a viewer
 * could set is never trusted into a cached body.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from "aws-lambda";
import { DynamoIncidentReader } from "../adapters/incident-dynamo.js";
import { DynamoAlertOutbox } from "../adapters/outbox-dynamo.js";
import { type ApiDeps, handleApiRequest } from "../api/routes.js";
import { requireEnv } from "../env.js";
import { INCIDENTS_TABLE, OUTBOX_TABLE } from "../tables.js";

const [incidentsTable, outboxTable] = requireEnv([INCIDENTS_TABLE.envVar, OUTBOX_TABLE.envVar]);
const logger = new Logger({ serviceName: "api" });
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const outbox = new DynamoAlertOutbox(doc, outboxTable);
const deps: ApiDeps = {
  incidents: new DynamoIncidentReader(doc, incidentsTable),
  alerts: { versions: (id) => outbox.versions(id) },
  onError: (error) => logger.error("store read failed", { error: error as Error }),
};

/** Answers one function URL request. */
export async function handler(event: LambdaFunctionURLEvent): Promise<LambdaFunctionURLResult> {
  const response = await handleApiRequest(
    {
      method: event.requestContext.http.method,
      path: event.rawPath,
      query: new URLSearchParams(event.rawQueryString),
      headers: event.headers,
    },
    deps,
  );
  return { statusCode: response.status, headers: response.headers, body: response.body };
}
