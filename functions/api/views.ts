/**
 * What the API shows of an incident: the public fields of the data contract (docs/api.md), never the
 * store's keys, revisions, expiry or article bodies. A list shows summaries; one incident shows its
 * sources with links, the evidence sentences, the toll history and the alert versions sent. Pure.
 */
import type { AlertKind, RenderedAlert } from "../core/alerts.js";
import type { Count, Place, Victims } from "../core/extract/types.js";
import type { Incident } from "../core/incidents.js";

/** The version of the data contract; a change that removes or retypes a field bumps it. */
export const API_VERSION = 1;

/** An incident in a list: what the map and the list need. */
export interface IncidentSummary {
  id: string;
  kind: "strike" | "daily";
  /** YYYY-MM-DD: the strike's date, or the day of the report or fetch (see dateStated, dateKnown). */
  date: string;
  dateStated: boolean;
  dateKnown: boolean;
  place: Pick<Place, "name" | "admin1" | "country" | "lat" | "lon" | "precision"> & { city?: string };
  killed: Count | null;
  injured: Count | null;
  childrenKilled: Count | null;
  childrenInjured: Count | null;
  /** Killed and injured together, when reports give only the sum. */
  casualties: Count | null;
  victims: Victims;
  weapons: string[];
  targets: string[];
  /** How many distinct reports (articles) the incident merges. */
  sourceCount: number;
  /** How many alert versions it has had (0: never alerted: outside the watched regions, or not civilian). */
  alertVersions: number;
  firstSeen: string;
  lastUpdated: string;
  /** The API path of the incident's full view. */
  href: string;
}

/** One report of an incident. `url` is null unless the report has a web address (local seeds have none). */
export interface SourceView {
  source: string;
  title: string | null;
  url: string | null;
  attributedTo: string | null;
  seenAt: string;
}

/** One point of the toll history: an alert version's toll, then the toll now when it differs. */
export interface TollPoint {
  at: string;
  killed: number;
  injured: number;
  /** Killed and injured together, when the reports give only the sum (on the "now" point). */
  casualties?: number;
  /** "alert" for a toll an alert carried (with its version), "now" for the current toll. */
  basis: "alert" | "now";
  version?: number;
}

/** One alert version of an incident as it was sent. */
export interface AlertView {
  version: number;
  kind: AlertKind;
  subject: string;
  /** The SMS text (160 GSM-7 characters at most). */
  sms: string;
  /** The email text. */
  text: string;
  killed: number;
  injured: number;
  queuedAt: string;
  /** When it was published; null while it waits for a retry. */
  sentAt: string | null;
}

/** One incident in full. */
export interface IncidentDetail extends Omit<IncidentSummary, "href"> {
  sources: SourceView[];
  evidence: string[];
  tollHistory: TollPoint[];
  alerts: AlertView[];
}

/** An alert version as the outbox keeps it. */
export interface AlertRecord {
  version: number;
  alert: RenderedAlert;
  createdAt: string;
  sentAt?: string;
}

const webUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : null);

/** The list view of an incident. */
export function summaryOf(incident: Incident): IncidentSummary {
  const { place } = incident;
  return {
    id: incident.id,
    kind: incident.kind ?? "strike",
    date: incident.date,
    dateStated: incident.dateStated === true,
    dateKnown: incident.dateKnown,
    place: {
      name: place.name,
      admin1: place.admin1,
      country: place.country,
      lat: place.lat,
      lon: place.lon,
      precision: place.precision,
      ...(place.city ? { city: place.city } : {}),
    },
    killed: incident.killed ?? null,
    injured: incident.injured ?? null,
    childrenKilled: incident.childrenKilled ?? null,
    childrenInjured: incident.childrenInjured ?? null,
    casualties: incident.casualties ?? null,
    victims: incident.victims,
    weapons: [...incident.weapons],
    targets: [...incident.targets],
    sourceCount: new Set(incident.sources.map((source) => source.articleId)).size,
    alertVersions: incident.alertVersion,
    firstSeen: incident.createdAt,
    lastUpdated: incident.updatedAt,
    href: `/api/incidents/${incident.id}`,
  };
}

/** The full view of an incident with its alert versions (oldest first). */
export function detailOf(incident: Incident, records: AlertRecord[]): IncidentDetail {
  const { href: _href, ...summary } = summaryOf(incident);
  const alerts = [...records]
    .sort((a, b) => a.version - b.version)
    .map(
      (record): AlertView => ({
        version: record.version,
        kind: record.alert.kind,
        subject: record.alert.subject,
        sms: record.alert.message.sms,
        text: record.alert.message.email,
        killed: record.alert.attributes.killed,
        injured: record.alert.attributes.injured,
        queuedAt: record.createdAt,
        sentAt: record.sentAt ?? null,
      }),
    );
  const tollHistory: TollPoint[] = alerts.map((alert) => ({
    at: alert.queuedAt,
    killed: alert.killed,
    injured: alert.injured,
    basis: "alert",
    version: alert.version,
  }));
  const now = {
    killed: incident.killed?.min ?? incident.childrenKilled?.min ?? 0,
    injured: incident.injured?.min ?? incident.childrenInjured?.min ?? 0,
  };
  const casualties = incident.casualties?.min;
  const last = tollHistory.at(-1);
  if (!last || last.killed !== now.killed || last.injured !== now.injured)
    tollHistory.push({
      at: incident.updatedAt,
      ...now,
      ...(casualties !== undefined ? { casualties } : {}),
      basis: "now",
    });
  return {
    ...summary,
    sources: incident.sources.map((source) => ({
      source: source.source,
      title: source.title ?? null,
      url: webUrl(source.url),
      attributedTo: source.attributedTo,
      seenAt: source.seenAt,
    })),
    evidence: [...incident.evidence],
    tollHistory,
    alerts,
  };
}
