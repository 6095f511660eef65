/**
 * The StrikeWatch page: a list of incidents with filters, a Leaflet map over an offline base layer
 * of oblasts, and an incident view. It reads only the API (docs/api.md); its state lives in the URL
 * hash (#/?region=…&since=… for the list, #/incident/<id> for one incident), so views can be linked.
 */
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import "./style.css";
import type { IncidentDetail, IncidentSummary } from "../../functions/api/views.js";
import type { Count, Victims } from "../../functions/core/extract/types.js";

/** An incident of the list, as the API returns it (the data contract of functions/api/views.ts). */
type Summary = Omit<IncidentSummary, "href">;
/** One incident in full. */
type Detail = IncidentDetail;
interface ApiError {
  error: { status: number; message: string; parameter?: string; suggestions?: string[] };
}
interface Settings {
  tiles: { url: string; attribution: string } | null;
}

const FILTERS = ["region", "since", "until", "minKilled", "minInjured", "victims"] as const;
const VICTIMS_TEXT: Record<Victims, string> = {
  civilian: "civilian",
  mixed: "civilian and military",
  military: "military",
  unknown: "not said",
};
const COLOURS: Record<Victims, string> = {
  civilian: "#b2182b",
  mixed: "#b35806",
  military: "#2166ac",
  unknown: "#5e5e5e",
};

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>("filters");
const list = $<HTMLOListElement>("list");
const status = $<HTMLParagraphElement>("status");
const more = $<HTMLButtonElement>("more");
const listView = $<HTMLDivElement>("list-view");
const incidentView = $<HTMLElement>("incident");
const filterError = $<HTMLDivElement>("filter-error");
const filterBox = $<HTMLDetailsElement>("filter-box");

/** Text of a count: "3", "about 24", "at least 1", "10–12". */
function countText(count: Count | null): string | null {
  if (!count) return null;
  if (count.max !== undefined) return `${count.min}–${count.max}`;
  // "Dozens" is about 24; "including children" is at least one.
  if (count.approximate) return count.min < 10 ? `at least ${count.min}` : `about ${count.min}`;
  return String(count.min);
}

function tollText(incident: Summary): string {
  const parts: string[] = [];
  const killed = countText(incident.killed ?? incident.childrenKilled);
  const injured = countText(incident.injured ?? incident.childrenInjured);
  if (killed) parts.push(`${killed} killed`);
  if (injured) parts.push(`${injured} injured`);
  if (parts.length === 0 && incident.casualties)
    parts.push(`${countText(incident.casualties)} killed or injured`);
  return parts.length > 0 ? parts.join(", ") : "casualties reported";
}

function placeText(incident: Summary): string {
  const { place } = incident;
  return place.admin1 && place.admin1 !== place.name ? `${place.name}, ${place.admin1}` : place.name;
}

function dateText(incident: Summary): string {
  const day = new Date(`${incident.date}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
  if (!incident.dateKnown) return `first seen ${day}`;
  return incident.dateStated ? day : `reported ${day}`;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Array<Node | string | null>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  const body = (await response.json()) as T | ApiError;
  if (!response.ok) throw Object.assign(new Error((body as ApiError).error.message), { body });
  return body as T;
}

// --- the map ---------------------------------------------------------------------------------

const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
const map = L.map("map", {
  zoomSnap: 0.5,
  minZoom: 4,
  maxZoom: 12,
  zoomAnimation: !still,
  fadeAnimation: !still,
  markerZoomAnimation: !still,
}).setView([48.6, 33.5], 5.5);
map.attributionControl.setPrefix(false);
const markers = L.layerGroup().addTo(map);
const byId = new Map<string, L.CircleMarker>();

async function drawBaseLayer(settings: Settings): Promise<void> {
  if (settings.tiles)
    L.tileLayer(settings.tiles.url, { attribution: settings.tiles.attribution, maxZoom: 12 }).addTo(map);
  const response = await fetch("basemap.geojson");
  if (!response.ok) return;
  const regions = (await response.json()) as GeoJSON.FeatureCollection;
  const layer = L.geoJSON(regions, {
    interactive: false,
    style: (feature) => ({
      color: "#8c877c",
      weight: 1,
      fillColor: feature?.properties?.country === "UA" ? "#f7f3e8" : "#e9e7e3",
      fillOpacity: settings.tiles ? 0.25 : 1,
    }),
  }).addTo(map);
  layer.bringToBack();
  map.attributionControl.addAttribution("Boundaries: Natural Earth");
  const names = regions.features.map((feature) => String(feature.properties?.name)).sort();
  const datalist = $<HTMLDataListElement>("regions");
  for (const name of ["Ukraine", "Russia", ...names]) datalist.append(element("option", { value: name }));
}

/** Marker radius in pixels: grows with the square root of the toll, so a massacre does not hide the map. */
function radius(incident: Summary): number {
  const killed = (incident.killed ?? incident.childrenKilled)?.min ?? 0;
  const injured = (incident.injured ?? incident.childrenInjured)?.min ?? 0;
  const hurt = killed + injured / 3 + (incident.casualties?.min ?? 0) / 3;
  return Math.min(30, 5 + 3.2 * Math.sqrt(hurt));
}

function drawMarkers(incidents: Summary[]): void {
  markers.clearLayers();
  byId.clear();
  const newest =
    incidents
      .map((incident) => incident.date)
      .sort()
      .at(-1) ?? "";
  // Oldest first, so the newest are drawn on top; older ones fade.
  for (const incident of [...incidents].reverse()) {
    const ageDays = (Date.parse(newest) - Date.parse(incident.date)) / 86_400_000;
    const marker = L.circleMarker([incident.place.lat, incident.place.lon], {
      radius: radius(incident),
      color: "#ffffff",
      weight: 1.5,
      fillColor: COLOURS[incident.victims],
      fillOpacity: Math.max(0.35, 0.9 - ageDays * 0.02),
    })
      .bindTooltip(`${placeText(incident)}: ${tollText(incident)} (${dateText(incident)})`, {
        direction: "top",
      })
      .on("click", () => {
        location.hash = `#/incident/${incident.id}`;
      });
    marker.addTo(markers);
    byId.set(incident.id, marker);
  }
}

// --- the list --------------------------------------------------------------------------------

let shown: Summary[] = [];
let nextCursor: string | null = null;
let currentQuery = "";

function queryFromHash(): URLSearchParams {
  const hash = location.hash.replace(/^#\/?/, "");
  return new URLSearchParams(hash.startsWith("?") ? hash.slice(1) : "");
}

function fillForm(params: URLSearchParams): void {
  // On a phone the filters fold away unless some are set; from 900px they are always shown.
  if (matchMedia("(min-width: 900px)").matches || FILTERS.some((name) => params.has(name)))
    filterBox.open = true;
  for (const name of FILTERS) {
    const field = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
    if (field) field.value = params.get(name) ?? "";
  }
}

function listItem(incident: Summary): HTMLLIElement {
  const victims = element("span", { class: `victims ${incident.victims}` }, VICTIMS_TEXT[incident.victims]);
  const link = element(
    "a",
    { href: `#/incident/${incident.id}`, "data-id": incident.id },
    element(
      "span",
      { class: "place" },
      `${incident.kind === "daily" ? "Daily toll: " : ""}${placeText(incident)}`,
    ),
    victims,
    element(
      "span",
      { class: "meta" },
      element("span", { class: "toll" }, tollText(incident)),
      ` · ${dateText(incident)} · ${incident.sourceCount} source${incident.sourceCount === 1 ? "" : "s"}`,
    ),
  );
  return element("li", {}, link);
}

function showError(error: unknown): void {
  const body = (error as { body?: ApiError }).body;
  filterBox.open = true;
  filterError.replaceChildren(body ? body.error.message : `Could not load: ${(error as Error).message}`);
  for (const suggestion of body?.error.suggestions ?? []) {
    const button = element("button", { type: "button", class: "secondary" }, `Use ${suggestion}`);
    button.addEventListener("click", () => {
      const params = queryFromHash();
      params.set("region", suggestion);
      location.hash = `#/?${params}`;
    });
    filterError.append(" ", button);
  }
}

async function loadList(params: URLSearchParams, append = false): Promise<void> {
  const query = new URLSearchParams();
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) query.set(name, value);
  }
  const search = query.toString();
  for (const [id, path] of [
    ["feed-link", "feeds/alerts.atom"],
    ["api-link", "api/incidents"],
    ["geojson-link", "api/incidents.geojson"],
  ] as const) {
    const feedQuery =
      id === "feed-link"
        ? query.get("region")
          ? `region=${encodeURIComponent(query.get("region")!)}`
          : ""
        : search;
    $<HTMLAnchorElement>(id).href = `${path}${feedQuery ? `?${feedQuery}` : ""}`;
  }
  query.set("limit", "100");
  if (append && nextCursor) query.set("cursor", nextCursor);
  status.textContent = "Loading…";
  filterError.replaceChildren();
  try {
    const page = await getJson<{ incidents: Summary[]; next: string | null }>(`api/incidents?${query}`);
    shown = append ? [...shown, ...page.incidents] : page.incidents;
    nextCursor = page.next;
    currentQuery = search;
    if (!append) list.replaceChildren();
    list.append(...page.incidents.map(listItem));
    more.hidden = nextCursor === null;
    status.textContent =
      shown.length === 0
        ? "No incident matches these filters."
        : `${shown.length} incident${shown.length === 1 ? "" : "s"}${search ? " match the filters" : ""}, newest first.`;
    drawMarkers(shown);
  } catch (error) {
    status.textContent = "";
    showError(error);
  }
}

// --- one incident ----------------------------------------------------------------------------

function section(title: string, ...content: Array<Node | null>): HTMLElement {
  return element("section", {}, element("h3", {}, title), ...content);
}

function renderIncident(incident: Detail): void {
  const back = element("button", { type: "button", class: "secondary back" }, "← Back to the list");
  back.addEventListener("click", closeIncident);
  const facts = element("dl");
  const fact = (term: string, value: string | null) => {
    if (value) facts.append(element("dt", {}, term), element("dd", {}, value));
  };
  fact("Date", dateText(incident));
  fact("Toll", tollText(incident));
  fact(
    "Children",
    [
      countText(incident.childrenKilled) && `${countText(incident.childrenKilled)} killed`,
      countText(incident.childrenInjured) && `${countText(incident.childrenInjured)} injured`,
    ]
      .filter(Boolean)
      .join(", ") || null,
  );
  fact("Victims", VICTIMS_TEXT[incident.victims]);
  fact("Weapons", incident.weapons.join(", ") || null);
  fact("Targets", incident.targets.join(", ") || null);
  fact("Kind", incident.kind === "daily" ? "a region's toll over a day" : "one strike");

  const history = element(
    "table",
    {},
    element(
      "thead",
      {},
      element(
        "tr",
        {},
        element("th", { scope: "col" }, "When"),
        element("th", { scope: "col" }, "Killed"),
        element("th", { scope: "col" }, "Injured"),
        element("th", { scope: "col" }, "From"),
      ),
    ),
    element(
      "tbody",
      {},
      ...incident.tollHistory.map((point) =>
        element(
          "tr",
          {},
          element(
            "td",
            {},
            new Date(point.at).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }),
          ),
          element("td", {}, point.casualties && !point.killed ? "—" : String(point.killed)),
          element(
            "td",
            {},
            point.casualties && !point.injured
              ? `${point.casualties} killed or injured`
              : String(point.injured),
          ),
          element("td", {}, point.basis === "alert" ? `alert ${point.version}` : "latest reports"),
        ),
      ),
    ),
  );
  const sources = element(
    "ul",
    { class: "sources" },
    ...incident.sources.map((source) => {
      const name = source.title ?? source.source;
      return element(
        "li",
        {},
        source.url
          ? element("a", { href: source.url, rel: "noopener noreferrer", target: "_blank" }, name)
          : name,
        ` (${source.source}${source.attributedTo ? `; according to ${source.attributedTo}` : ""})`,
      );
    }),
  );
  const evidence = incident.evidence.map((sentence) => element("blockquote", {}, sentence));
  const alerts =
    incident.alerts.length === 0
      ? element(
          "p",
          {},
          "No alert was sent for this incident (outside the watched regions, or no civilian casualties).",
        )
      : element(
          "ul",
          {},
          ...incident.alerts.map((alert) =>
            element(
              "li",
              {},
              element("strong", {}, `${alert.kind === "update" ? "Update" : "Alert"} ${alert.version}`),
              ` ${alert.sentAt ? `sent ${new Date(alert.sentAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}` : "waiting to be sent"}: ${alert.subject}`,
              element(
                "details",
                {},
                element("summary", {}, "Text of the alert"),
                element("pre", {}, alert.text),
              ),
            ),
          ),
        );
  incidentView.replaceChildren(
    back,
    element(
      "h2",
      { id: "incident-heading", tabindex: "-1" },
      `${incident.kind === "daily" ? "Daily toll: " : ""}${placeText(incident)}`,
    ),
    facts,
    section("Toll history", history),
    section(`Sources (${incident.sources.length})`, sources),
    section("What the reports say", ...evidence),
    section("Alerts sent", alerts),
  );
}

async function openIncident(id: string): Promise<void> {
  listView.hidden = true;
  incidentView.hidden = false;
  incidentView.replaceChildren(element("p", { role: "status" }, "Loading…"));
  try {
    const { incident } = await getJson<{ incident: Detail }>(`api/incidents/${encodeURIComponent(id)}`);
    renderIncident(incident);
    $<HTMLHeadingElement>("incident-heading").focus();
    document.title = `${placeText(incident)}: StrikeWatch`;
    const marker = byId.get(id);
    map.setView([incident.place.lat, incident.place.lon], Math.max(map.getZoom(), 6.5));
    marker?.openTooltip();
  } catch (error) {
    const back = element("button", { type: "button", class: "secondary back" }, "← Back to the list");
    back.addEventListener("click", closeIncident);
    incidentView.replaceChildren(
      back,
      element("p", { class: "error", role: "alert" }, (error as Error).message),
    );
  }
}

let lastListHash = "#/";

function closeIncident(): void {
  location.hash = lastListHash;
}

// --- routing ---------------------------------------------------------------------------------

async function route(): Promise<void> {
  const match = /^#\/incident\/([^/?]+)$/.exec(location.hash);
  if (match?.[1]) {
    if (shown.length === 0) await loadList(queryFromHash());
    await openIncident(decodeURIComponent(match[1]));
    return;
  }
  lastListHash = location.hash || "#/";
  document.title = "StrikeWatch: strikes that killed or injured civilians";
  const wasOpen = !incidentView.hidden;
  incidentView.hidden = true;
  listView.hidden = false;
  const params = queryFromHash();
  fillForm(params);
  const search = new URLSearchParams(
    [...params].filter(([name]) => (FILTERS as readonly string[]).includes(name)),
  ).toString();
  if (search !== currentQuery || shown.length === 0) await loadList(params);
  if (wasOpen) $<HTMLHeadingElement>("list-heading").focus();
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = String(new FormData(form).get(name) ?? "").trim();
    if (value) params.set(name, value);
  }
  const hash = `#/?${params}`;
  if (location.hash === hash) void loadList(params);
  else location.hash = hash;
});
form.addEventListener("reset", () => {
  setTimeout(() => {
    location.hash = "#/";
  });
});
more.addEventListener("click", () => void loadList(queryFromHash(), true));
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && !incidentView.hidden) closeIncident();
});
window.addEventListener("hashchange", () => void route());

const settings = await fetch("config.json")
  .then((response) => (response.ok ? (response.json() as Promise<Settings>) : { tiles: null }))
  .catch(() => ({ tiles: null }) as Settings);
void drawBaseLayer(settings);
await route();
