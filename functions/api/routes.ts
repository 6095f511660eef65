/**
 * The read-only API as one function from a request to a response, shared by the Lambda handler and
 * `strikewatch serve`: routes, validation (400 naming the parameter), 404s, JSON, GeoJSON and Atom
 * bodies, and cache headers (a short max-age and an ETag; a matching If-None-Match gets a 304).
 */
import { createHash } from "node:crypto";
import { atomFeed } from "./atom.js";
import { toGeoJson } from "./geojson.js";
import { type AlertReader, alertEntries, type IncidentReader, listIncidents } from "./list.js";
import { BadRequestError, encodeCursor, FEED_PARAMETERS, parseQuery } from "./query.js";
import { API_VERSION, detailOf, summaryOf } from "./views.js";

/** A request as the API sees it; header names lower-case. */
export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  /** "https://host" the client used, when known: the Atom feed's links are made absolute with it. */
  origin?: string;
}

/** A response: status, headers and a text body (empty for 304 and HEAD). */
export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What the API reads. `onError` hears of store failures (the caller logs them); the client gets a bare 500. */
export interface ApiDeps {
  incidents: IncidentReader;
  alerts: AlertReader;
  onError?: (error: unknown) => void;
}

/** Seconds a client or CloudFront may reuse an answer: new alerts show within a minute. */
export const MAX_AGE_SECONDS = 60;

const JSON_TYPE = "application/json; charset=utf-8";
const INCIDENT_ID = /^[0-9a-f]{16}$/;

function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

/** True when an If-None-Match header names this ETag (weak or strong) or is "*". */
function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}

function respond(
  request: ApiRequest,
  status: number,
  type: string,
  body: string,
  extra: Record<string, string> = {},
): ApiResponse {
  const etag = etagOf(body);
  const headers: Record<string, string> = {
    "content-type": type,
    "cache-control":
      status === 200
        ? `public, max-age=${MAX_AGE_SECONDS}`
        : status < 500
          ? "public, max-age=30"
          : "no-store",
    etag,
    "x-content-type-options": "nosniff",
    "access-control-allow-origin": "*",
    ...extra,
  };
  if (status === 200 && notModified(request.headers["if-none-match"], etag))
    return { status: 304, headers, body: "" };
  return { status, headers, body: request.method === "HEAD" ? "" : body };
}

function json(request: ApiRequest, status: number, value: unknown, extra?: Record<string, string>) {
  return respond(request, status, JSON_TYPE, `${JSON.stringify(value)}\n`, extra);
}

function problem(request: ApiRequest, status: number, message: string, more: Record<string, unknown> = {}) {
  return json(request, status, { error: { status, message, ...more } });
}

/** Answers one API request. Never throws: a store failure is a 500 (reported to `deps.onError`). */
export async function handleApiRequest(request: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  try {
    return await route(request, deps);
  } catch (error) {
    if (error instanceof BadRequestError)
      return problem(request, 400, error.message, {
        parameter: error.parameter,
        ...(error.suggestions.length > 0 ? { suggestions: error.suggestions } : {}),
      });
    deps.onError?.(error);
    return problem(request, 500, "internal error; try again later");
  }
}

async function route(request: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  const path = request.path.length > 1 ? request.path.replace(/\/+$/, "") : request.path;
  const known =
    path === "/api/incidents" ||
    path === "/api/incidents.geojson" ||
    path === "/feeds/alerts.atom" ||
    path.startsWith("/api/incidents/");
  if (!known) return problem(request, 404, `no such resource: ${path}`);
  if (request.method !== "GET" && request.method !== "HEAD")
    return json(
      request,
      405,
      { error: { status: 405, message: `${request.method} is not allowed: this API only reads` } },
      { allow: "GET, HEAD" },
    );

  if (path === "/api/incidents" || path === "/api/incidents.geojson") {
    const query = parseQuery(request.query);
    const { incidents, next } = await listIncidents(deps.incidents, query);
    if (path.endsWith(".geojson"))
      return respond(request, 200, "application/geo+json", `${JSON.stringify(toGeoJson(incidents, next))}\n`);
    return json(request, 200, {
      version: API_VERSION,
      incidents: incidents.map(summaryOf),
      next: next ? encodeCursor(next) : null,
    });
  }

  if (path === "/feeds/alerts.atom") {
    const { limit: _limit, ...query } = parseQuery(request.query, FEED_PARAMETERS);
    const entries = await alertEntries(deps.incidents, deps.alerts, query);
    const search = request.query.toString();
    const body = atomFeed(entries, {
      ...(query.region ? { region: query.region } : {}),
      selfPath: `/feeds/alerts.atom${search ? `?${search}` : ""}`,
      ...(request.origin ? { origin: request.origin } : {}),
    });
    return respond(request, 200, "application/atom+xml; charset=utf-8", body);
  }

  const id = path.slice("/api/incidents/".length);
  if (request.query.size > 0) {
    const [name] = [...request.query.keys()];
    throw new BadRequestError(
      name ?? "",
      `unknown parameter ${JSON.stringify(name)}; this endpoint takes none`,
    );
  }
  const incident = INCIDENT_ID.test(id) ? await deps.incidents.get(id) : undefined;
  if (!incident)
    return problem(request, 404, `no incident ${JSON.stringify(id)} (ids are 16 hex digits, from a list)`);
  const records = await deps.alerts.versions(incident.id);
  return json(
    request,
    200,
    { version: API_VERSION, incident: detailOf(incident, records) },
    {
      "last-modified": new Date(incident.updatedAt).toUTCString(),
    },
  );
}
