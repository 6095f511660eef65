/**
 * Lists incidents for a query over a reader of the store: reads pages newest first from the
 * narrowest place the store offers (an oblast's area items, else every incident by date), keeps
 * those that match, and stops at the page size or a bound on items read, returning where to go on.
 */
import { covers } from "../core/alerts.js";
import type { Incident } from "../core/incidents.js";
import type { IncidentPosition, IncidentQuery } from "./query.js";
import type { AlertRecord } from "./views.js";

/** A read of the store: one page of incidents, newest date first. */
export interface IncidentPageRequest {
  area?: { country: string; admin1: string | null };
  since?: string;
  until?: string;
  after?: IncidentPosition;
  limit: number;
}

/** The read side of the incident store the API needs (DynamoIncidentReader). */
export interface IncidentReader {
  page(request: IncidentPageRequest): Promise<{ incidents: Incident[]; more: boolean }>;
  get(id: string): Promise<Incident | undefined>;
}

/** The alert versions of an incident (DynamoAlertOutbox.versions). */
export interface AlertReader {
  versions(incidentId: string): Promise<AlertRecord[]>;
}

/** Items read from the store at most per request: a rare filter never scans the whole table. */
export const MAX_ITEMS_READ = 600;

/** True when the incident passes the query's filters (the date range is the store's, applied again here). */
export function matches(incident: Incident, query: Omit<IncidentQuery, "limit">): boolean {
  if (query.region && !covers(query.region, incident.place)) return false;
  if (query.since && incident.date < query.since) return false;
  if (query.until && incident.date > query.until) return false;
  const killed = Math.max(incident.killed?.min ?? 0, incident.childrenKilled?.min ?? 0);
  const injured = Math.max(incident.injured?.min ?? 0, incident.childrenInjured?.min ?? 0);
  if (query.minKilled !== undefined && killed < query.minKilled) return false;
  if (query.minInjured !== undefined && injured < query.minInjured) return false;
  if (query.victims && !query.victims.includes(incident.victims)) return false;
  if (query.kind && (incident.kind ?? "strike") !== query.kind) return false;
  return true;
}

/** The store partition a region's incidents all lie in: an oblast, or a city's or district's oblast. */
function areaOf(query: IncidentQuery): IncidentPageRequest["area"] {
  const region = query.region;
  if (!region || region.precision === "country") return undefined;
  return { country: region.country, admin1: region.admin1 ?? region.name };
}

/**
 * The incidents of a query, newest first, and the position to go on from when more may follow. A
 * page may hold fewer than `limit` incidents and still have a `next`: the read stopped at
 * MAX_ITEMS_READ.
 */
export async function listIncidents(
  reader: IncidentReader,
  query: IncidentQuery,
  maxRead = MAX_ITEMS_READ,
): Promise<{ incidents: Incident[]; next?: IncidentPosition }> {
  const found: Incident[] = [];
  const area = areaOf(query);
  let after = query.after;
  let read = 0;
  for (;;) {
    // Filters that drop many incidents read more per page; an unfiltered list reads what it shows.
    const filtered =
      query.minKilled !== undefined ||
      query.minInjured !== undefined ||
      query.victims !== undefined ||
      query.kind !== undefined ||
      (query.region !== undefined && query.region.precision !== "admin1");
    const want = query.limit - found.length;
    const page = await reader.page({
      ...(area ? { area } : {}),
      ...(query.since ? { since: query.since } : {}),
      ...(query.until ? { until: query.until } : {}),
      ...(after ? { after } : {}),
      limit: Math.min(100, filtered ? Math.max(want * 4, 25) : want + 1),
    });
    for (const [index, incident] of page.incidents.entries()) {
      read += 1;
      after = { date: incident.date, id: incident.id };
      if (!matches(incident, query)) continue;
      found.push(incident);
      if (found.length === query.limit) {
        const rest = index < page.incidents.length - 1 || page.more;
        return rest ? { incidents: found, next: after } : { incidents: found };
      }
    }
    if (!page.more || page.incidents.length === 0) return { incidents: found };
    if (read >= maxRead) return after ? { incidents: found, next: after } : { incidents: found };
  }
}

/** An alert version of an incident, for the Atom feed. */
export interface AlertEntry {
  incident: Incident;
  record: AlertRecord;
}

/** Alert versions the feed shows at most. */
export const FEED_ENTRIES = 50;

/**
 * The newest sent alert versions of the query's alerted incidents, newest first: the newest
 * FEED_ENTRIES alerted incidents, then each one's versions (one Query each, side by side).
 */
export async function alertEntries(
  reader: IncidentReader,
  alerts: AlertReader,
  query: Omit<IncidentQuery, "limit" | "after">,
): Promise<AlertEntry[]> {
  const alerted: Incident[] = [];
  let after: IncidentPosition | undefined;
  for (let pages = 0; pages < 6 && alerted.length < FEED_ENTRIES; pages += 1) {
    const { incidents, next } = await listIncidents(reader, {
      ...query,
      limit: FEED_ENTRIES,
      ...(after ? { after } : {}),
    });
    alerted.push(...incidents.filter((incident) => incident.alertVersion > 0));
    if (!next) break;
    after = next;
  }
  const versions = await Promise.all(
    alerted
      .slice(0, FEED_ENTRIES)
      .map(async (incident) =>
        (await alerts.versions(incident.id))
          .filter((record) => record.sentAt !== undefined)
          .map((record) => ({ incident, record })),
      ),
  );
  const sentAt = (entry: AlertEntry) => entry.record.sentAt ?? entry.record.createdAt;
  return versions
    .flat()
    .sort((a, b) => sentAt(b).localeCompare(sentAt(a)) || b.record.version - a.record.version)
    .slice(0, FEED_ENTRIES);
}
