import { marshall } from "@aws-sdk/util-dynamodb";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DynamoIncidentStore } from "../../functions/adapters/incident-dynamo.js";
import { DynamoAlertOutbox } from "../../functions/adapters/outbox-dynamo.js";
import { analyzeArticle, deliverPending, handleStream, toStreamEvent } from "../../functions/app/analyze.js";
import type { WatchedRegion } from "../../functions/core/alerts.js";
import type { Incident } from "../../functions/core/incidents.js";
import { LocalPublisher } from "../../functions/local/publisher.js";
import { type LocalStore, startLocalStore } from "../../functions/local/store.js";
import { INCIDENTS_TABLE, OUTBOX_TABLE } from "../../functions/tables.js";
import { resetTables } from "../helpers/dynalite.js";
import { seedArticle } from "../helpers/seeds.js";

const ALL: WatchedRegion[] = [
  { name: "Ukraine", precision: "country", country: "UA", admin1: null },
  { name: "Russia", precision: "country", country: "RU", admin1: null },
];
const NOW = new Date("2026-11-22T04:00:00.000Z");

describe("the analyze step against dynalite", () => {
  let store: LocalStore;
  let publisher: LocalPublisher;
  let deps: Parameters<typeof handleStream>[1];

  beforeAll(async () => {
    store = await startLocalStore();
  });
  afterAll(() => store.close());
  beforeEach(async () => {
    publisher = new LocalPublisher();
    deps = {
      incidents: new DynamoIncidentStore(store.doc, store.tableName(INCIDENTS_TABLE)),
      outbox: new DynamoAlertOutbox(store.doc, store.tableName(OUTBOX_TABLE)),
      publisher,
      watched: ALL,
      now: () => NOW,
    };
  });
  afterEach(() => resetTables(store, [INCIDENTS_TABLE, OUTBOX_TABLE]));

  const places = () =>
    publisher.published.map(({ alert }) => {
      const { incident } = JSON.parse(alert.message.default) as { incident: Incident };
      return `${incident.place.name}:${incident.killed?.min ?? "-"}/${incident.injured?.min ?? "-"}`;
    });

  async function run(...numbers: string[]) {
    const articles = numbers.map((number) => seedArticle(number));
    return handleStream(
      toStreamEvent(articles.map((article) => marshall(article, { removeUndefinedValues: true }))),
      deps,
    );
  }

  it("alerts exactly DESIGN's acceptance table on the five seeds", async () => {
    const report = await run("000", "001", "002", "003", "004");
    expect(report.response.batchItemFailures).toEqual([]);
    expect(places().sort()).toEqual(
      [
        "Saltivskyi district:3/36",
        "Poltava:3/10",
        "Kharkiv:1/-",
        "Sumy:2/-",
        "Belgorod:22/24",
        "Kharkiv:-/22",
      ].sort(),
    );
    expect(publisher.published.every(({ alert }) => alert.kind === "new")).toBe(true);
  });

  it.each([
    ["001 then 002", ["001", "002"]],
    ["002 then 001", ["002", "001"]],
  ])("merges 001 and 002 into the same three incidents whichever comes first (%s)", async (_, order) => {
    const report = await run(...order);
    expect(places().sort()).toEqual(
      ["Kharkiv:1/-", "Poltava:3/10", order[0] === "001" ? "Sumy:2/-" : "Sumy Oblast:2/-"].sort(),
    );
    const second = report.analyses[1]!;
    expect(second.created).toEqual([]);
    expect(second.merged).toHaveLength(3);
    const poltava = await deps.incidents.get(report.analyses[0]!.created[0]!);
    expect(poltava?.sources.map((source) => source.articleId).sort()).toEqual(
      [seedArticle("001").id, seedArticle("002").id].sort(),
    );
    // The dated report fixes the date of the undated one's incident.
    expect(poltava?.date).toBe("2025-02-02");
    expect(poltava?.dateKnown).toBe(true);
  });

  it("publishes once when a stream record is delivered twice", async () => {
    await run("001");
    await run("001");
    expect(publisher.published).toHaveLength(3);
  });

  it("sends nothing for military-only losses (004) but keeps the incident", async () => {
    const report = await run("004");
    expect(publisher.published).toEqual([]);
    const id = report.analyses[0]!.created[0]!;
    expect((await deps.incidents.get(id))?.victims).toBe("military");
  });

  it("sends nothing outside the watched regions", async () => {
    deps.watched = [{ name: "Lviv Oblast", precision: "admin1", country: "UA", admin1: "Lviv Oblast" }];
    await run("001", "003");
    expect(publisher.published).toEqual([]);
  });

  it("alerts again, as an update, when a later report raises the toll", async () => {
    await run("002");
    const later = {
      ...seedArticle("002"),
      id: "feedfacefeedface",
      url: "https://other.example.org/poltava-toll",
      source: "Other outlet",
      title: "Poltava toll rises",
      body: "The death toll from the Russian missile strike on a residential building in Poltava rose to five, with 10 people wounded, including children.",
    };
    await handleStream(toStreamEvent([marshall(later)]), deps);
    const poltava = publisher.published.filter(({ alert }) => alert.attributes.places.includes("Poltava"));
    expect(poltava.map(({ alert }) => [alert.kind, alert.version, alert.attributes.killed])).toEqual([
      ["new", 1, 3],
      ["update", 2, 5],
    ]);
    expect(poltava[1]!.alert.message.sms).toMatch(
      /^UPDATE: Strike Poltava \(Poltava Obl\.\) (?:rep\. )?2025-02-02: 5 killed/,
    );
  });

  it("keeps an alert pending when publishing fails and sends it on the next pass, once", async () => {
    publisher.failNext = 3;
    const first = await run("001");
    expect(first.delivery.failed).toHaveLength(3);
    expect(publisher.published).toEqual([]);
    const pending = await deps.outbox.pending();
    expect(pending.map((record) => record.attempts)).toEqual([1, 1, 1]);
    expect(pending[0]!.lastError).toMatch(/told to fail/);
    const second = await deliverPending(deps);
    expect(second.sent).toHaveLength(3);
    expect(await deps.outbox.pending()).toEqual([]);
    expect((await deliverPending(deps)).sent).toEqual([]);
    expect(publisher.published).toHaveLength(3);
  });

  it("lets only one of two concurrent delivery passes publish a record", async () => {
    await analyzeArticle(seedArticle("003"), deps);
    const [a, b] = await Promise.all([deliverPending(deps), deliverPending(deps)]);
    expect(a.sent.length + b.sent.length).toBe(2);
    expect(publisher.published).toHaveLength(2);
  });

  it("recovers an alert whose outbox write was lost after the incident was saved", async () => {
    const outbox = deps.outbox;
    let lost = false;
    // The first run crashes between saving incidents and writing the outbox.
    deps.outbox = Object.assign(Object.create(Object.getPrototypeOf(outbox)), outbox, {
      add: async () => {
        lost = true;
        throw new Error("crash before the outbox write");
      },
    });
    const crashed = await run("002");
    expect(lost).toBe(true);
    expect(crashed.response.batchItemFailures).toHaveLength(1);
    deps.outbox = outbox;
    await run("002");
    expect(places().sort()).toEqual(["Kharkiv:1/-", "Poltava:3/10", "Sumy Oblast:2/-"]);
  });
});
