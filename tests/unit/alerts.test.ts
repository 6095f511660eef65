import { describe, expect, it } from "vitest";
import {
  covers,
  deservesAlert,
  gsm7Length,
  renderAlert,
  toGsm7,
  type WatchedRegion,
} from "../../functions/core/alerts.js";
import { extract } from "../../functions/core/extract/index.js";
import { type Incident, mergeEvent, newIncident } from "../../functions/core/incidents.js";
import { seedArticle } from "../helpers/seeds.js";

const NOW = "2026-11-22T04:00:00.000Z";
const kharkivOblast: WatchedRegion = {
  name: "Kharkiv Oblast",
  precision: "admin1",
  country: "UA",
  admin1: "Kharkiv Oblast",
};
const kharkivCity: WatchedRegion = {
  name: "Kharkiv",
  precision: "city",
  country: "UA",
  admin1: "Kharkiv Oblast",
};
const ukraine: WatchedRegion = { name: "Ukraine", precision: "country", country: "UA", admin1: null };

function incidentOf(seed: string, index = 0): Incident {
  const article = seedArticle(seed);
  return newIncident(extract(article)[index]!, article, NOW);
}

describe("covers", () => {
  const saltivskyi = incidentOf("000").place;
  it("an oblast covers its towns and districts, a city its districts, a country all of it", () => {
    expect(covers(kharkivOblast, saltivskyi)).toBe(true);
    expect(covers(kharkivCity, saltivskyi)).toBe(true);
    expect(covers(ukraine, saltivskyi)).toBe(true);
    expect(
      covers({ name: "Sumy Oblast", precision: "admin1", country: "UA", admin1: "Sumy Oblast" }, saltivskyi),
    ).toBe(false);
    expect(covers(ukraine, incidentOf("003").place)).toBe(false);
  });
});

describe("deservesAlert", () => {
  it("wants civilian or mixed victims, someone hurt, and a watched region", () => {
    expect(deservesAlert(incidentOf("000"), [kharkivOblast])).toBe(true);
    expect(deservesAlert(incidentOf("004"), [ukraine])).toBe(false);
    expect(
      deservesAlert(incidentOf("000"), [
        { name: "Lviv Oblast", precision: "admin1", country: "UA", admin1: "Lviv Oblast" },
      ]),
    ).toBe(false);
    expect(
      deservesAlert({ ...incidentOf("000"), killed: null, injured: null, childrenKilled: null }, [ukraine]),
    ).toBe(false);
  });
});

describe("renderAlert", () => {
  const incident = incidentOf("000");
  const alert = renderAlert(incident, "new", 1);

  it("writes an SMS of at most 160 GSM-7 characters with place, date, toll and weapons", () => {
    expect(alert.message.sms).toBe(
      "Strike Kharkiv (Kharkiv Obl.) 2026-11-22: 3 killed (2 children), 36 injured. Bombs. 1 source",
    );
    expect(gsm7Length(alert.message.sms)).toBeLessThanOrEqual(160);
  });

  it("keeps a long SMS within 160 characters", () => {
    const long = {
      ...incident,
      place: { ...incident.place, precision: "city" as const, name: "X".repeat(150), city: undefined },
    };
    const sms = renderAlert(long, "update", 2).message.sms;
    expect(gsm7Length(sms)).toBeLessThanOrEqual(160);
    expect(sms.endsWith("...")).toBe(true);
  });

  it("gives a subject of at most 100 characters", () => {
    expect(alert.subject.length).toBeLessThanOrEqual(100);
    expect(alert.subject).toMatch(/^Strike on Saltivskyi district, Kharkiv \(Kharkiv Oblast\)/);
  });

  it("writes an email with what, where, when, the toll with children, weapons, targets, sources with links and evidence", () => {
    const email = alert.message.email;
    expect(email).toContain("Where:    Saltivskyi district, Kharkiv (Kharkiv Oblast), UA (district)");
    expect(email).toContain("Toll:     3 killed (2 children), 36 injured");
    expect(email).toContain("Weapons:  FAB-500, guided aerial bomb");
    expect(email).toContain("Targets:  residential building");
    expect(email).toContain("file:///seeds/000_c1778478273d7973.txt");
    expect(email).toContain("> Zelenskiy’s appeal follows a devastating Russian attack on Kharkiv");
  });

  it("names who claims the toll", () => {
    const belgorod = incidentOf("003", 0);
    expect(renderAlert(belgorod, "new", 1).message.email).toMatch(/Toll: .*according to Russia/);
  });

  it("carries the incident as JSON and the filterable attributes", () => {
    expect(JSON.parse(alert.message.default)).toMatchObject({
      kind: "new",
      version: 1,
      incident: { id: incident.id },
    });
    expect(alert.attributes).toEqual({
      places: ["Saltivskyi district", "Kharkiv", "Kharkiv Oblast", "UA"],
      killed: 3,
      injured: 36,
      victims: "civilian",
      kind: "new",
    });
  });

  it("merging a report with a higher toll keeps the higher counts and both sources", () => {
    const article = seedArticle("002");
    const merged = mergeEvent(
      incidentOf("001", 0),
      { ...extract(article)[0]!, killed: { min: 5, approximate: false } },
      article,
      NOW,
    );
    expect(merged.tollRose).toBe(true);
    expect(renderAlert(merged.incident, "update", 2).message.sms).toMatch(
      /^UPDATE: Strike Poltava .*: 5 killed, 10 injured.*2 sources$/,
    );
  });
});

describe("toGsm7", () => {
  it("transliterates Cyrillic and typographic marks and keeps GSM-7 letters", () => {
    expect(toGsm7("Удар по Харкову — “3 загиблих” … Zürich")).toBe(
      'Udar po Kharkovu - "3 zahyblykh" ... Zürich',
    );
  });
  it("replaces what it cannot map", () => {
    expect(toGsm7("攻撃")).toBe("??");
  });
});
