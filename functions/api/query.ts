/**
 * The query of the read-only API (`/api/incidents`, `/api/incidents.geojson`, `/feeds/alerts.atom`):
 * parsed and validated from URL parameters, each mistake a BadRequestError naming its parameter.
 * Regions resolve as the config's do (press spellings work; a misspelling gets the nearest names).
 * Pure.
 */
import type { WatchedRegion } from "../core/alerts.js";
import type { Victims } from "../core/extract/types.js";
import { resolveRegion, UnknownRegionError } from "../core/regions.js";

/** A request the API refuses: `parameter` names what was wrong, `suggestions` the nearest region names. */
export class BadRequestError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
    readonly suggestions: string[] = [],
  ) {
    super(message);
    this.name = "BadRequestError";
  }
}

/** Where a page of incidents starts: after the incident of this date and id (newest first). */
export interface IncidentPosition {
  date: string;
  id: string;
}

/** What a list of incidents is filtered on. Dates are YYYY-MM-DD, inclusive. */
export interface IncidentQuery {
  region?: WatchedRegion;
  since?: string;
  until?: string;
  minKilled?: number;
  minInjured?: number;
  victims?: Victims[];
  kind?: "strike" | "daily";
  limit: number;
  after?: IncidentPosition;
}

/** Incidents a page holds when `limit` is not given, and the most it may hold. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

const VICTIMS: readonly Victims[] = ["civilian", "mixed", "military", "unknown"];
const KINDS = ["strike", "daily"] as const;

/** The parameters each endpoint takes; any other is refused, so a typo is never silently ignored. */
export const LIST_PARAMETERS = [
  "region",
  "since",
  "until",
  "minKilled",
  "minInjured",
  "victims",
  "kind",
  "limit",
  "cursor",
] as const;
/** The Atom feed takes the filters but pages no further than its newest entries. */
export const FEED_PARAMETERS = ["region", "minKilled", "minInjured", "victims", "kind"] as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function date(name: string, value: string): string {
  const match = DATE.exec(value);
  const parsed = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value)
    throw new BadRequestError(name, `${name} must be a date as YYYY-MM-DD, not ${JSON.stringify(value)}`);
  return value;
}

function whole(name: string, value: string, min: number, max: number): number {
  if (!/^\d{1,6}$/.test(value) || Number(value) < min || Number(value) > max)
    throw new BadRequestError(
      name,
      `${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`,
    );
  return Number(value);
}

/** The opaque cursor of the page after `position` (base64url of "date|id"). */
export function encodeCursor(position: IncidentPosition): string {
  return Buffer.from(`${position.date}|${position.id}`, "utf8").toString("base64url");
}

/** The position a cursor stands for; a cursor this API did not make is a BadRequestError. */
export function decodeCursor(cursor: string): IncidentPosition {
  const text = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  const match = /^(\d{4}-\d{2}-\d{2})\|([0-9a-f]{16})$/.exec(text);
  if (!match?.[1] || !match[2])
    throw new BadRequestError("cursor", "cursor is not one this API returned (take `next` from a page)");
  return { date: match[1], id: match[2] };
}

/** The region a `region` parameter names, resolved as config regions are. */
export function parseRegion(value: string): WatchedRegion {
  if (value.trim() === "" || value.length > 100)
    throw new BadRequestError("region", "region must be a place name of 1 to 100 characters");
  try {
    return resolveRegion(value, "region");
  } catch (error) {
    if (error instanceof UnknownRegionError)
      throw new BadRequestError(
        "region",
        `unknown region ${JSON.stringify(value)}${error.suggestions.length > 0 ? `; did you mean ${error.suggestions.join(", or ")}?` : ""}`,
        error.suggestions,
      );
    throw error;
  }
}

/**
 * The query that URL parameters describe. Refuses unknown and repeated parameters, and each bad
 * value with a BadRequestError naming its parameter.
 */
export function parseQuery(
  params: URLSearchParams,
  allowed: readonly string[] = LIST_PARAMETERS,
): IncidentQuery {
  const seen = new Set<string>();
  for (const [name] of params) {
    if (!allowed.includes(name))
      throw new BadRequestError(
        name,
        `unknown parameter ${JSON.stringify(name)}; this endpoint takes ${allowed.join(", ")}`,
      );
    if (seen.has(name)) throw new BadRequestError(name, `${name} is given more than once`);
    seen.add(name);
  }
  const value = (name: string) => params.get(name) ?? undefined;
  const query: IncidentQuery = { limit: DEFAULT_LIMIT };
  const region = value("region");
  if (region !== undefined) query.region = parseRegion(region);
  const since = value("since");
  if (since !== undefined) query.since = date("since", since);
  const until = value("until");
  if (until !== undefined) query.until = date("until", until);
  if (query.since && query.until && query.since > query.until)
    throw new BadRequestError("until", `until (${query.until}) is before since (${query.since})`);
  const minKilled = value("minKilled");
  if (minKilled !== undefined) query.minKilled = whole("minKilled", minKilled, 0, 100_000);
  const minInjured = value("minInjured");
  if (minInjured !== undefined) query.minInjured = whole("minInjured", minInjured, 0, 100_000);
  const victims = value("victims");
  if (victims !== undefined) {
    const list = victims.split(",").map((item) => item.trim());
    for (const item of list)
      if (!VICTIMS.includes(item as Victims))
        throw new BadRequestError(
          "victims",
          `victims must be a comma-separated list of ${VICTIMS.join(", ")}, not ${JSON.stringify(item)}`,
        );
    query.victims = [...new Set(list as Victims[])];
  }
  const kind = value("kind");
  if (kind !== undefined) {
    if (!KINDS.includes(kind as (typeof KINDS)[number]))
      throw new BadRequestError("kind", `kind must be strike or daily, not ${JSON.stringify(kind)}`);
    query.kind = kind as (typeof KINDS)[number];
  }
  const limit = value("limit");
  if (limit !== undefined) query.limit = whole("limit", limit, 1, MAX_LIMIT);
  const cursor = value("cursor");
  if (cursor !== undefined) query.after = decodeCursor(cursor);
  return query;
}
