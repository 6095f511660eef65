/**
 * The read-only API over the real adapters on dynalite: incidents written by the analyze step's own
 * store (DynamoIncidentStore.save) and outbox, read back through handleApiRequest — filters,
 * newest-first pagination with and without the byDate index, validation, 404/405, GeoJSON, the Atom
 * feed parsed by the project's feed reader, cache headers, and only public fields exposed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoIncidentReader, DynamoIncidentStore } from "../../functions/adapters/incident-dynamo.js";
import { DynamoAlertOutbox } from "../../functions/adapters/outbox-dynamo.js";
import { listIncidents, MAX_ITEMS_READ } from "../../functions/api/list.js";
import { type ApiDeps, type ApiResponse, handleApiRequest } from "../../functions/api/routes.js";
import { renderAlert } from "../../functions/core/alerts.js";
import type { Place, Victims } from "../../functions/core/extract/types.js";
import type { Incident } from "../../functions/core/incidents.js";
import { parseFeedXml } from "../../functions/feeds/parse.js";
import { type LocalStore, startLocalStore } from "../../functions/local/store.js";
import { INCIDENTS_TABLE, OUTBOX_TABLE } from "../../functions/tables.js";

const PLACES: Record<string, Place> = {
  kharkiv: {
    name: "Kharkiv",
    admin1: "Kharkiv Oblast",
    country: "UA",
    lat: 49.98,
    lon: 36.25,
    precision: "city",
  },
  saltivka: {
    name: "Saltivskyi district",
    admin1: "Kharkiv Oblast",
    country: "UA",
    lat: 50.035,
    lon: 36.37,
    precision: "district",
    city: "Kharkiv",
  },
  lozova: {
    name: "Lozova",
    admin1: "Kharkiv Oblast",
    country: "UA",
    lat: 48.89,
    lon: 36.32,
    precision: "city",
  },
  sumy: { name: "Sumy", admin1: "Sumy Oblast", country: "UA", lat: 50.91, lon: 34.8, precision: "city" },
  kyiv: { name: "Kyiv", admin1: "Kyiv", country: "UA", lat: 50.45, lon: 30.52, precision: "city" },
  belgorod: {
    name: "Belgorod",
    admin1: "Belgorod Oblast",
    country: "RU",
    lat: 50.6,
    lon: 36.6,
    precision: "city",
  },
};
const ROTATION = ["kharkiv", "saltivka", "lozova", "sumy", "kyiv", "belgorod"] as const;
const VICTIMS: Victims[] = ["civilian", "civilian", "mixed", "military", "unknown"];

/** Incident number n: places, dates (two a day, 1–30 Nov) and tolls vary with n. */
function incident(n: number): Incident {
  const date = `2026-11-${String(30 - Math.floor(n / 2)).padStart(2, "0")}`;
  const id = n.toString(16).padStart(16, "a");
  const at = `${date}T${String(6 + (n % 12)).padStart(2, "0")}:00:00.000Z`;
  return {
    id,
    place: PLACES[ROTATION[n % ROTATION.length]!]!,
    date,
    dateKnown: true,
    dateStated: n % 3 === 0,
    kind: n % 10 === 9 ? "daily" : "strike",
    weapons: ["missile"],
    targets: ["residential building"],
    killed: n % 4 === 0 ? null : { min: n % 7, approximate: false },
    injured: { min: n % 13, approximate: n % 5 === 0 },
    childrenKilled: null,
    childrenInjured: null,
    casualties: null,
    victims: VICTIMS[n % VICTIMS.length]!,
    evidence: [`Report ${n}: a missile hit a residential building.`],
    sources: [
      {
        articleId: `art${n}`.padEnd(16, "0"),
        source: "Example News",
        url: `https://news.example.org/${n}`,
        title: `Strike number ${n}`,
        attributedTo: "the regional governor",
        seenAt: at,
      },
      {
        articleId: `local${n}`.padEnd(16, "0"),
        source: "seeds",
        url: `file:///home/someone/seeds/${n}.txt`,
        attributedTo: null,
        seenAt: at,
      },
    ],
    alertVersion: 0,
    revision: 0,
    createdAt: at,
    updatedAt: at,
  };
}

const COUNT = 60;

describe("the API over dynalite", () => {
  let store: LocalStore;
  let deps: ApiDeps;
  let scanDeps: ApiDeps;
  let incidents: DynamoIncidentStore;
  let outbox: DynamoAlertOutbox;
  const all = Array.from({ length: COUNT }, (_, n) => incident(n));

  /** Sends an alert version of incident n through the outbox, as the analyze step does. */
  async function alertOf(n: number, version: number, sentAt: string, killed: number): Promise<void> {
    const current = (await incidents.get(all[n]!.id))!;
    const next = {
      ...current,
      killed: { min: killed, approximate: false },
      alertVersion: version,
      alertedToll: { killed, injured: current.injured?.min ?? 0 },
    };
    expect(await incidents.save(next)).toBe(true);
    const record = {
      incidentId: next.id,
      version,
      alert: renderAlert(next, version === 1 ? "new" : "update", version),
      createdAt: sentAt,
      attempts: 0,
    };
    await outbox.add(record);
    await outbox.markSent(record, `msg-${n}-${version}`, new Date(sentAt));
  }

  beforeAll(async () => {
    store = await startLocalStore();
    incidents = new DynamoIncidentStore(store.doc, store.tableName(INCIDENTS_TABLE));
    outbox = new DynamoAlertOutbox(store.doc, store.tableName(OUTBOX_TABLE));
    for (const item of all) expect(await incidents.save(item)).toBe(true);
    await alertOf(1, 1, "2026-11-30T08:00:00.000Z", 1);
    await alertOf(1, 2, "2026-11-30T09:30:00.000Z", 4);
    await alertOf(2, 1, "2026-11-29T10:00:00.000Z", 2);
    await alertOf(3, 1, "2026-11-29T11:00:00.000Z", 3);
    const versions = { versions: (id: string) => outbox.versions(id) };
    const table = store.tableName(INCIDENTS_TABLE);
    deps = { incidents: new DynamoIncidentReader(store.doc, table), alerts: versions };
    scanDeps = {
      incidents: new DynamoIncidentReader(store.doc, table, { byDateIndex: false }),
      alerts: versions,
    };
  });
  afterAll(() => store.close());

  const get = (path: string, headers: Record<string, string> = {}, using = deps, method = "GET") => {
    const url = new URL(path, "http://127.0.0.1");
    return handleApiRequest(
      { method, path: url.pathname, query: url.searchParams, headers, origin: "http://127.0.0.1:8787" },
      using,
    );
  };
  const body = <T = Record<string, unknown>>(response: ApiResponse) => JSON.parse(response.body) as T;
  type Page = {
    incidents: Array<Record<string, unknown> & { id: string; date: string }>;
    next: string | null;
  };

  /** Every page of a list, following `next`. */
  async function walk(search: string, using = deps): Promise<Page["incidents"]> {
    const seen: Page["incidents"] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages += 1) {
      const response = await get(`/api/incidents?${search}${cursor ? `&cursor=${cursor}` : ""}`, {}, using);
      expect(response.status).toBe(200);
      const page = body<Page>(response);
      seen.push(...page.incidents);
      cursor = page.next;
      if (!cursor) return seen;
    }
    throw new Error("more than 50 pages");
  }

  describe("GET /api/incidents", () => {
    it.each([
      ["with the byDate index", () => deps],
      ["without it (a store made before the index)", () => scanDeps],
    ])("pages through every incident once, newest first, %s", async (_name, using) => {
      // Act
      const seen = await walk("limit=7", using());

      // Assess
      expect(seen.map((item) => item.id).sort()).toEqual(all.map((item) => item.id).sort());
      const dates = seen.map((item) => item.date);
      expect(dates).toEqual([...dates].sort().reverse());
    });

    it("filters by an oblast, a city (with its districts), a country, dates, tolls, victims and kind", async () => {
      // Prepare
      const ids = (filter: (item: Incident) => boolean) =>
        all
          .filter(filter)
          .map((item) => item.id)
          .sort();
      const killed = (item: Incident) => item.killed?.min ?? 0;

      // Act
      const byRegion = (await walk("region=Kharkiv%20region&limit=5")).map((item) => item.id).sort();
      const byCity = (await walk("region=Kharkov")).map((item) => item.id).sort();
      const russia = (await walk("region=Russia")).map((item) => item.id).sort();
      const filtered = await walk("since=2026-11-10&until=2026-11-20&minKilled=3&victims=civilian,mixed");
      const daily = await walk("kind=daily&minInjured=1");

      // Assess
      expect(byRegion).toEqual(ids((item) => item.place.admin1 === "Kharkiv Oblast"));
      expect(byCity).toEqual(ids((item) => item.place.name === "Kharkiv" || item.place.city === "Kharkiv"));
      expect(russia).toEqual(ids((item) => item.place.country === "RU"));
      expect(filtered.map((item) => item.id).sort()).toEqual(
        ids(
          (item) =>
            item.date >= "2026-11-10" &&
            item.date <= "2026-11-20" &&
            killed(item) >= 3 &&
            (item.victims === "civilian" || item.victims === "mixed"),
        ),
      );
      expect(filtered.length).toBeGreaterThan(0);
      expect(daily.map((item) => item.id).sort()).toEqual(
        ids((item) => item.kind === "daily" && (item.injured?.min ?? 0) >= 1),
      );
    });

    it("stops a sparse filter after the bound on items read, and says where to go on", async () => {
      // Prepare: a filter nothing matches, and a bound of 10 items read per request.
      const query = { minKilled: 100_000, limit: 5 };

      // Act
      const first = await listIncidents(deps.incidents, query, 10);
      const second = await listIncidents(deps.incidents, { ...query, after: first.next! }, 10);

      // Assess
      expect(MAX_ITEMS_READ).toBeGreaterThanOrEqual(100);
      expect(first.incidents).toEqual([]);
      expect(first.next).toBeDefined();
      expect(second.next).toBeDefined();
      expect(`${second.next!.date}#${second.next!.id}` < `${first.next!.date}#${first.next!.id}`).toBe(true);
    });

    it("shows only the public fields of an incident", async () => {
      // Act
      const page = body<Page>(await get("/api/incidents?limit=1"));

      // Assess
      expect(Object.keys(page.incidents[0]!).sort()).toEqual(
        [
          "alertVersions",
          "casualties",
          "childrenInjured",
          "childrenKilled",
          "date",
          "dateKnown",
          "dateStated",
          "firstSeen",
          "href",
          "id",
          "injured",
          "killed",
          "kind",
          "lastUpdated",
          "place",
          "sourceCount",
          "targets",
          "victims",
          "weapons",
        ].sort(),
      );
    });

    it.each([
      ["/api/incidents?region=Kharkov%20Oblastt", "region"],
      ["/api/incidents?limit=1000", "limit"],
      ["/api/incidents?since=30-11-2026", "since"],
      ["/api/incidents?secret=1", "secret"],
      ["/api/incidents.geojson?victims=children", "victims"],
      ["/feeds/alerts.atom?cursor=x", "cursor"],
    ])("answers %s with a 400 naming %s", async (path, parameter) => {
      // Act
      const response = await get(path);

      // Assess
      expect(response.status).toBe(400);
      expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(body<{ error: { parameter: string; message: string } }>(response).error).toMatchObject({
        status: 400,
        parameter,
      });
    });
  });

  describe("GET /api/incidents/{id}", () => {
    it("shows the toll history, the sources with links, the evidence and the alert versions sent", async () => {
      // Act
      const response = await get(`/api/incidents/${all[1]!.id}`);

      // Assess
      expect(response.status).toBe(200);
      const { incident: detail } = body<{ incident: Record<string, unknown> }>(response);
      expect(detail.tollHistory).toEqual([
        { at: "2026-11-30T08:00:00.000Z", killed: 1, injured: 1, basis: "alert", version: 1 },
        { at: "2026-11-30T09:30:00.000Z", killed: 4, injured: 1, basis: "alert", version: 2 },
      ]);
      expect(detail.sources).toEqual([
        {
          source: "Example News",
          title: "Strike number 1",
          url: "https://news.example.org/1",
          attributedTo: "the regional governor",
          seenAt: "2026-11-30T07:00:00.000Z",
        },
        // A local file is no link for the public, and its path is nobody's business.
        { source: "seeds", title: null, url: null, attributedTo: null, seenAt: "2026-11-30T07:00:00.000Z" },
      ]);
      expect(detail.evidence).toEqual(["Report 1: a missile hit a residential building."]);
      const alerts = detail.alerts as Array<Record<string, unknown>>;
      expect(alerts.map(({ version, kind, sentAt }) => ({ version, kind, sentAt }))).toEqual([
        { version: 1, kind: "new", sentAt: "2026-11-30T08:00:00.000Z" },
        { version: 2, kind: "update", sentAt: "2026-11-30T09:30:00.000Z" },
      ]);
      expect(alerts[1]!.sms).toMatch(/^UPDATE: Strike/);
      expect(response.headers["last-modified"]).toBe(new Date(all[1]!.updatedAt).toUTCString());
      for (const internal of [
        "revision",
        "expiresAt",
        "alertedToll",
        "articleId",
        "messageId",
        "attempts",
        "pk",
        "file://",
      ])
        expect(response.body).not.toContain(internal);
    });

    it("shows the toll now as the history of an incident never alerted", async () => {
      // Act
      const { incident: detail } = body<{ incident: { tollHistory: unknown[] } }>(
        await get(`/api/incidents/${all[5]!.id}`),
      );

      // Assess
      expect(detail.tollHistory).toEqual([{ at: all[5]!.updatedAt, killed: 5, injured: 5, basis: "now" }]);
    });

    it.each([
      ["an unknown id", "/api/incidents/ffffffffffffffff", 404],
      ["a malformed id", "/api/incidents/INC%23x", 404],
      ["an unknown path", "/api/articles", 404],
    ])("answers %s (%s) with %i", async (_what, path, status) => {
      const response = await get(path);
      expect(response.status).toBe(status);
      expect(body<{ error: { message: string } }>(response).error.message).toMatch(/^no /);
    });

    it("refuses anything but reading", async () => {
      const response = await get("/api/incidents", {}, deps, "POST");
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe("GET, HEAD");
    });
  });

  describe("cache headers", () => {
    it("gives a short max-age and an ETag, and a 304 to a client that has the same answer", async () => {
      // Act
      const first = await get("/api/incidents?region=Sumy%20Oblast");
      const again = await get("/api/incidents?region=Sumy%20Oblast", {
        "if-none-match": first.headers.etag!,
      });
      const other = await get("/api/incidents?region=Sumy%20Oblast&limit=1", {
        "if-none-match": first.headers.etag!,
      });

      // Assess
      expect(first.headers["cache-control"]).toBe("public, max-age=60");
      expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      expect(again.status).toBe(304);
      expect(again.body).toBe("");
      expect(other.status).toBe(200);
    });

    it("answers HEAD with the headers and no body", async () => {
      const response = await get("/api/incidents", {}, deps, "HEAD");
      expect(response.status).toBe(200);
      expect(response.body).toBe("");
      expect(response.headers.etag).toBe((await get("/api/incidents")).headers.etag);
    });
  });

  describe("GET /api/incidents.geojson", () => {
    it("is a valid RFC 7946 FeatureCollection of the same list", async () => {
      // Act
      const response = await get("/api/incidents.geojson?region=Ukraine&limit=20");
      const list = body<Page>(await get("/api/incidents?region=Ukraine&limit=20"));

      // Assess
      expect(response.headers["content-type"]).toBe("application/geo+json");
      const collection = body<{
        type: string;
        features: Array<{
          type: string;
          id: string;
          geometry: { type: string; coordinates: number[] };
          properties: { id: string; place: Place };
        }>;
        next: string | null;
      }>(response);
      expect(collection.type).toBe("FeatureCollection");
      expect(collection.features.map((feature) => feature.id)).toEqual(list.incidents.map((item) => item.id));
      expect(collection.next).toBe(list.next);
      for (const feature of collection.features) {
        expect(feature.type).toBe("Feature");
        expect(feature.geometry.type).toBe("Point");
        const [lon, lat] = feature.geometry.coordinates as [number, number];
        expect(feature.geometry.coordinates).toHaveLength(2);
        expect(lon).toBeCloseTo(feature.properties.place.lon, 4);
        expect(lat).toBeCloseTo(feature.properties.place.lat, 4);
        expect(lon).toBeGreaterThanOrEqual(-180);
        expect(lat).toBeLessThanOrEqual(90);
      }
    });
  });

  describe("GET /feeds/alerts.atom", () => {
    it("is an Atom feed the project's own reader parses, one entry per alert version sent, newest first", async () => {
      // Act
      const response = await get("/feeds/alerts.atom?region=Kharkiv%20Oblast");
      const feed = await parseFeedXml(response.body, "http://127.0.0.1:8787/feeds/alerts.atom");

      // Assess
      expect(response.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
      expect(response.headers["cache-control"]).toBe("public, max-age=60");
      expect(feed.title).toBe("StrikeWatch alerts: Kharkiv Oblast");
      // Incidents 1 and 2 are in Kharkiv Oblast (3 is Sumy's); incident 1 alerted twice.
      expect(feed.items.map((item) => item.guid)).toEqual([
        `tag:strikewatch,2026:alert/${all[1]!.id}/v2`,
        `tag:strikewatch,2026:alert/${all[1]!.id}/v1`,
        `tag:strikewatch,2026:alert/${all[2]!.id}/v1`,
      ]);
      expect(feed.items[0]).toMatchObject({
        link: `http://127.0.0.1:8787/#/incident/${all[1]!.id}`,
        isoDate: "2026-11-30T09:30:00.000Z",
      });
      expect(feed.items[0]!.title).toMatch(
        /^Update: Strike on Kharkiv \(Kharkiv Obl\.\), reported 2026-11-30: 4 killed/,
      );
    });

    it("keeps each entry's id and adds one for a new alert version", async () => {
      // Prepare
      const before = await parseFeedXml((await get("/feeds/alerts.atom?region=Sumy%20Oblast")).body);

      // Act
      await alertOf(3, 2, "2026-11-30T12:00:00.000Z", 9);
      const after = await parseFeedXml((await get("/feeds/alerts.atom?region=Sumy%20Oblast")).body);

      // Assess
      expect(before.items.map((item) => item.guid)).toEqual([`tag:strikewatch,2026:alert/${all[3]!.id}/v1`]);
      expect(after.items.map((item) => item.guid)).toEqual([
        `tag:strikewatch,2026:alert/${all[3]!.id}/v2`,
        `tag:strikewatch,2026:alert/${all[3]!.id}/v1`,
      ]);
    });

    it("is a valid empty feed for a region without alerts", async () => {
      const response = await get("/feeds/alerts.atom?region=Odesa%20Oblast");
      expect(response.status).toBe(200);
      expect((await parseFeedXml(response.body)).items).toEqual([]);
      expect(response.body).toContain("<updated>1970-01-01T00:00:00.000Z</updated>");
    });
  });
});
