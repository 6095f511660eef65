/** GeoJSON (RFC 7946) of a list of incidents: one Point feature per incident, its summary as properties. Pure. */
import type { Incident } from "../core/incidents.js";
import { encodeCursor, type IncidentPosition } from "./query.js";
import { type IncidentSummary, summaryOf } from "./views.js";

/** A FeatureCollection of incidents; `next` (a foreign member) is the cursor of the following page. */
export interface IncidentFeatureCollection {
  type: "FeatureCollection";
  features: Array<{
    type: "Feature";
    id: string;
    geometry: { type: "Point"; coordinates: [number, number] };
    properties: IncidentSummary;
  }>;
  next: string | null;
}

/** The incidents as GeoJSON, longitude first, in list order (newest first). */
export function toGeoJson(incidents: Incident[], next?: IncidentPosition): IncidentFeatureCollection {
  return {
    type: "FeatureCollection",
    features: incidents.map((incident) => ({
      type: "Feature",
      id: incident.id,
      geometry: {
        type: "Point",
        coordinates: [Number(incident.place.lon.toFixed(5)), Number(incident.place.lat.toFixed(5))],
      },
      properties: summaryOf(incident),
    })),
    next: next ? encodeCursor(next) : null,
  };
}
