/**
 * The alert age bound and the first-poll backfill, on dynalite: what is withheld is still stored
 * and merged, a later fresh report of a backfilled incident alerts, and a replay (no bound, no
 * backfill) alerts on archives as on the day.
 */
import { marshall } from "@aws-sdk/util-dynamodb";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { articleItem } from "../../functions/adapters/article-dynamo.js";
import { DynamoIncidentStore } from "../../functions/adapters/incident-dynamo.js";
import { DynamoAlertOutbox } from "../../functions/adapters/outbox-dynamo.js";
import { eventAgeMs, handleStream, toStreamEvent } from "../../functions/app/analyze.js";
import type { WatchedRegion } from "../../functions/core/alerts.js";
import type { Article } from "../../functions/core/article.js";
import { LocalPublisher } from "../../functions/local/publisher.js";
import { type LocalStore, startLocalStore } from "../../functions/local/store.js";
import { INCIDENTS_TABLE, OUTBOX_TABLE } from "../../functions/tables.js";
import { resetTables } from "../helpers/dynalite.js";
import { seedArticle } from "../helpers/seeds.js";

const ALL: WatchedRegion[] = [
  { name: "Ukraine", precision: "country", country: "UA", admin1: null },
  { name: "Russia", precision: "country", country: "RU", admin1: null },
];

/** Seed 001 (Poltava, Kharkiv, Sumy) as published on 2 February 2025 in the morning. */
const seed001 = (): Article => ({
  ...seedArticle("001", "2025-02-02T07:00:00.000Z"),
  publishedAt: "2025-02-02T06:30:00.000Z",
});
/** Seed 002: another outlet's report of the same strikes, the same day. */
const seed002 = (): Article => ({
  ...seedArticle("002", "2025-02-02T09:00:00.000Z"),
  publishedAt: "2025-02-02T08:45:00.000Z",
});

describe("eventAgeMs", () => {
  const now = new Date("2025-02-05T12:00:00.000Z");

  it("measures a stated strike date from the end of its day", () => {
    expect(eventAgeMs({ date: "2025-02-03", dateStated: true }, {}, now)).toBe(36 * 3_600_000);
  });

  it("falls back to the publication time, then to the date the event carries, then to the fetch", () => {
    const fetchedAt = "2025-02-05T11:00:00Z";
    expect(
      eventAgeMs(
        { date: "2025-02-05", dateStated: false },
        { publishedAt: "2025-02-05T10:00:00Z", fetchedAt },
        now,
      ),
    ).toBe(2 * 3_600_000);
    expect(eventAgeMs({ date: "2025-02-01", dateStated: false }, { fetchedAt }, now)).toBe(84 * 3_600_000);
    expect(eventAgeMs({ date: null }, { fetchedAt }, now)).toBe(3_600_000);
    expect(eventAgeMs({ date: null }, { fetchedAt: "2025-02-07T00:00:00Z" }, now)).toBe(0);
  });
});

describe("the age bound and the backfill against dynalite", () => {
  let store: LocalStore;
  let publisher: LocalPublisher;
  let incidents: DynamoIncidentStore;
  let now: Date;
  let deps: Parameters<typeof handleStream>[1];

  beforeAll(async () => {
    store = await startLocalStore();
  });
  afterAll(() => store.close());
  beforeEach(() => {
    publisher = new LocalPublisher();
    incidents = new DynamoIncidentStore(store.doc, store.tableName(INCIDENTS_TABLE));
    now = new Date("2025-02-02T12:00:00.000Z");
    deps = {
      incidents,
      outbox: new DynamoAlertOutbox(store.doc, store.tableName(OUTBOX_TABLE)),
      publisher,
      watched: ALL,
      alertMaxAgeHours: 48,
      now: () => now,
    };
  });
  afterEach(() => resetTables(store, [INCIDENTS_TABLE, OUTBOX_TABLE]));

  const stream = (...entries: Array<{ article: Article; backfill?: boolean }>) =>
    toStreamEvent(
      entries.map(({ article, backfill }) =>
        marshall(articleItem(article, { backfill: backfill === true }), { removeUndefinedValues: true }),
      ),
    );
  const alertedPlaces = () =>
    publisher.published.map(({ alert }) => JSON.parse(alert.message.default).incident.place.name).sort();

  it("alerts on a report of the same day", async () => {
    // Act
    const report = await handleStream(stream({ article: seed001() }), deps);

    // Assess
    expect(alertedPlaces()).toEqual(["Kharkiv", "Poltava", "Sumy"]);
    expect(report.analyses[0]?.withheld).toEqual([]);
  });

  it("stores and merges but withholds events older than the bound, and recovers no old alert later", async () => {
    // Prepare: four days later
    now = new Date("2025-02-06T12:00:00.000Z");

    // Act
    const report = await handleStream(stream({ article: seed001() }), deps);
    const again = await handleStream(stream({ article: seed002() }), deps);

    // Assess
    expect(publisher.published).toEqual([]);
    const withheld = report.analyses[0]?.withheld ?? [];
    expect(withheld.map((entry) => entry.reason)).toEqual(["too-old", "too-old", "too-old"]);
    const stored = await Promise.all(withheld.map((entry) => incidents.get(entry.incidentId)));
    expect(stored.map((incident) => incident?.alertVersion)).toEqual([0, 0, 0]);
    // The second outlet's report merged into the same incidents, still unalerted.
    expect(again.analyses[0]?.merged.sort()).toEqual(withheld.map((entry) => entry.incidentId).sort());
  });

  it("withholds a backfill's alerts; a later fresh report of the same strikes alerts them", async () => {
    // Act
    const backfill = await handleStream(stream({ article: seed001(), backfill: true }), deps);
    const withheldPlaces = [...publisher.published];
    await handleStream(stream({ article: seed002() }), deps);

    // Assess
    expect(withheldPlaces).toEqual([]);
    expect(backfill.analyses[0]?.withheld.map((entry) => entry.reason)).toEqual([
      "backfill",
      "backfill",
      "backfill",
    ]);
    expect(alertedPlaces()).toEqual(["Kharkiv", "Poltava", "Sumy"]);
    expect(publisher.published.every(({ alert }) => alert.kind === "new")).toBe(true);
  });

  it("replays archives as on the day: no bound, no backfill", async () => {
    // Prepare: years later, as the evaluation replays old feeds
    now = new Date("2027-06-01T00:00:00.000Z");
    const { alertMaxAgeHours: _bound, ...replay } = deps;

    // Act
    await handleStream(stream({ article: seed001() }), replay);

    // Assess
    expect(alertedPlaces()).toEqual(["Kharkiv", "Poltava", "Sumy"]);
  });
});
