import { describe, expect, it } from "vitest";
import {
  countText,
  covers,
  deservesAlert,
  gsm7Length,
  type RenderedAlert,
  renderAlert,
  toGsm7,
  type WatchedRegion,
} from "../../functions/core/alerts.js";
import { extract } from "../../functions/core/extract/index.js";
import { findQuantities } from "../../functions/core/extract/numbers.js";
import type { Place } from "../../functions/core/extract/types.js";
import {
  type Incident,
  type IncidentSource,
  mergeEvent,
  newIncident,
} from "../../functions/core/incidents.js";
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

const poltava: Place = {
  name: "Poltava",
  admin1: "Poltava Oblast",
  country: "UA",
  lat: 49.59,
  lon: 34.55,
  precision: "city",
};

function sourceOf(overrides: Partial<IncidentSource> = {}): IncidentSource {
  return {
    articleId: "a000000000000001",
    source: "Outlet",
    url: "https://news.example.org/poltava",
    title: "Strike on Poltava",
    attributedTo: null,
    seenAt: NOW,
    ...overrides,
  };
}

/** A hand-made incident: a dated strike on Poltava, 3 killed and 10 injured, one source. */
function incidentWith(overrides: Partial<Incident> = {}): Incident {
  return {
    id: "c0ffee0000000001",
    place: poltava,
    date: "2023-02-01",
    dateKnown: true,
    dateStated: true,
    weapons: ["missile"],
    targets: ["residential building"],
    killed: { min: 3, approximate: false },
    injured: { min: 10, approximate: false },
    childrenKilled: null,
    childrenInjured: null,
    casualties: null,
    victims: "civilian",
    sources: [sourceOf()],
    evidence: ["Three people were killed."],
    alertVersion: 1,
    revision: 1,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

const emailLine = (alert: RenderedAlert, label: string) =>
  alert.message.email.split("\n").find((line) => line.startsWith(`${label}:`));

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
      deservesAlert(
        {
          ...incidentOf("000"),
          killed: null,
          injured: null,
          childrenKilled: null,
          childrenInjured: null,
          casualties: null,
        },
        [ukraine],
      ),
    ).toBe(false);
  });
});

describe("renderAlert", () => {
  const incident = incidentOf("000");
  const alert = renderAlert(incident, "new", 1);

  it("writes an SMS of at most 160 GSM-7 characters with place, toll and weapons (an undated seed: no date)", () => {
    expect(alert.message.sms).toBe(
      "Strike Kharkiv (Kharkiv Obl.): 3 killed incl. 2 children, 36 injured. Bombs. 1 source",
    );
    expect(gsm7Length(alert.message.sms)).toBeLessThanOrEqual(160);
  });

  it("keeps a long SMS within 160 characters by cutting the place, the toll kept whole", () => {
    // Prepare
    const long = {
      ...incident,
      place: { ...incident.place, precision: "city" as const, name: "X".repeat(150), city: undefined },
    };

    // Act
    const sms = renderAlert(long, "update", 2).message.sms;

    // Assess
    expect(gsm7Length(sms)).toBeLessThanOrEqual(160);
    expect(sms).toMatch(/^UPDATE: Strike X+\.\.\.: 3 killed incl\. 2 children, 36 injured\.$/);
  });

  it("gives a subject of at most 100 characters", () => {
    expect(alert.subject.length).toBeLessThanOrEqual(100);
    expect(alert.subject).toMatch(/^Strike on Saltivskyi district, Kharkiv \(Kharkiv Oblast\)/);
  });

  it("writes an email with what, where, when, the toll with children, weapons, targets, sources with links and evidence", () => {
    const email = alert.message.email;
    expect(email).toContain("Where:    Saltivskyi district, Kharkiv, Kharkiv Oblast, Ukraine\n");
    expect(email).toContain("Toll:     3 killed incl. 2 children, 36 injured");
    expect(email).toContain("Weapons:  FAB-500, guided aerial bomb");
    expect(email).toContain("Targets:  residential building");
    expect(email).toContain("\n  seeds/000_c1778478273d7973.txt\n");
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

describe("countText", () => {
  it("writes exact figures plain, approximate figures and lower bounds as N+, ranges as N-M, thousands with commas", () => {
    // Prepare
    const counts = [
      { min: 3, approximate: false },
      { min: 20, approximate: true },
      { min: 10, max: 12, approximate: false },
      { min: 999, approximate: false },
      { min: 1300, approximate: false },
      { min: 1300, approximate: true },
      { min: 1000, max: 1200, approximate: true },
    ];

    // Act
    const texts = counts.map((count) => countText(count));

    // Assess
    expect(texts).toEqual(["3", "20+", "10-12", "999", "1,300", "1,300+", "1,000-1,200"]);
  });

  it("reads the extractor's figures as a person would: 'more than 20' 20+, 'dozens' 24+, 'between 10 and 12' 10-12", () => {
    // Prepare
    const phrases = ["more than 20 people", "dozens of people", "between 10 and 12 people", "1,300 people"];

    // Act
    const texts = phrases.map((phrase) => countText(findQuantities(phrase)[0]!.count));

    // Assess
    expect(texts).toEqual(["20+", "24+", "10-12", "1,300"]);
  });
});

describe("renderAlert: children", () => {
  it("says 'incl. children' when the reports only say children were among them, never 'about 1 children'", () => {
    // Prepare
    const incident = incidentWith({ childrenInjured: { min: 1, approximate: true } });

    // Act
    const alert = renderAlert(incident, "new", 1);

    // Assess
    expect(emailLine(alert, "Toll")).toBe("Toll:     3 killed, 10 injured incl. children");
    expect(alert.message.sms).toContain(": 3 killed, 10 injured incl. children.");
    expect(alert.subject).toContain(": 3 killed, 10 injured incl. children");
    for (const text of [alert.message.email, alert.message.sms, alert.subject])
      expect(text).not.toMatch(/about|1\+ children|1 children/);
  });

  it("says '1 child' for exactly one, 'N children' for a known count, and 'children killed' without a total", () => {
    // Prepare
    const one = incidentWith({ childrenKilled: { min: 1, approximate: false } });
    const two = incidentWith({ childrenKilled: { min: 2, approximate: false } });
    const all = incidentWith({
      killed: { min: 2, approximate: false },
      childrenKilled: { min: 2, approximate: false },
    });
    const noTotal = incidentWith({ injured: null, childrenInjured: { min: 1, approximate: true } });

    // Act
    const [oneToll, twoToll, allToll, noTotalToll] = [one, two, all, noTotal].map((incident) =>
      emailLine(renderAlert(incident, "new", 1), "Toll"),
    );

    // Assess
    expect(oneToll).toBe("Toll:     3 killed incl. 1 child, 10 injured");
    expect(twoToll).toBe("Toll:     3 killed incl. 2 children, 10 injured");
    expect(allToll).toBe("Toll:     2 children killed, 10 injured");
    expect(noTotalToll).toBe("Toll:     3 killed, children injured");
  });
});

describe("renderAlert: one figure, one form", () => {
  it("the SMS, the subject and the email write each count the same way", () => {
    // Prepare
    const incident = incidentWith({
      killed: { min: 1300, approximate: true },
      injured: { min: 10, max: 12, approximate: false },
      childrenKilled: { min: 1200, approximate: false },
    });

    // Act
    const alert = renderAlert(incident, "new", 1);

    // Assess
    const toll = "1,300+ killed incl. 1,200 children, 10-12 injured";
    expect(emailLine(alert, "Toll")).toBe(`Toll:     ${toll}`);
    expect(alert.message.sms).toContain(`: ${toll}.`);
    expect(alert.subject).toContain(`: ${toll}`);
    for (const text of [alert.message.email, alert.message.sms, alert.subject]) {
      expect(text).not.toMatch(/about|1300|1200/);
    }
  });
});

describe("renderAlert: place and victims in plain words", () => {
  it("names a district by its city, oblast and country, with no precision word", () => {
    // Prepare
    const incident = incidentOf("000");

    // Act
    const alert = renderAlert(incident, "new", 1);

    // Assess
    expect(emailLine(alert, "Where")).toBe("Where:    Saltivskyi district, Kharkiv, Kharkiv Oblast, Ukraine");
    expect(alert.message.email).not.toMatch(/\((?:district|admin1|city|country)\)|\bUA\b/);
  });

  it("says a report that names only an oblast is region-wide", () => {
    // Prepare
    const oblast: Place = {
      ...poltava,
      name: "Kharkiv Oblast",
      admin1: "Kharkiv Oblast",
      precision: "admin1",
    };

    // Act
    const alert = renderAlert(incidentWith({ place: oblast }), "new", 1);

    // Assess
    expect(emailLine(alert, "Where")).toBe("Where:    Kharkiv Oblast, Ukraine (region-wide report)");
    expect(alert.subject).toMatch(/^Strike in Kharkiv Oblast, 2023-02-01: /);
    expect(alert.message.email).not.toContain("admin1");
  });

  it("says 'not stated' for victims nobody described, and 'civilians' for civilians", () => {
    // Prepare
    const unknown = incidentWith({ victims: "unknown" });

    // Act
    const unknownVictims = emailLine(renderAlert(unknown, "new", 1), "Victims");
    const civilianVictims = emailLine(renderAlert(incidentWith(), "new", 1), "Victims");

    // Assess
    expect(unknownVictims).toBe("Victims:  not stated");
    expect(civilianVictims).toBe("Victims:  civilians");
  });
});

describe("renderAlert: shortening", () => {
  const claimant = (words: number) =>
    ["the", ...Array.from({ length: words }, (_, index) => `official${index}`)].join(" ");

  it("drops weapons, then the sources count, then the attribution — each whole — before touching toll or place", () => {
    // Prepare
    const lengths = Array.from({ length: 16 }, (_, index) => index);
    const states = new Set<string>();

    for (const words of lengths) {
      const claim = claimant(words);
      const incident = incidentWith({
        weapons: ["missile", "Shahed drone", "FAB-500"],
        childrenInjured: { min: 1, approximate: true },
        sources: [
          sourceOf({ attributedTo: claim }),
          sourceOf({ url: "https://b.example.org/", attributedTo: claim }),
        ],
      });

      // Act
      const sms = renderAlert(incident, "update", 2).message.sms;

      // Assess
      expect(gsm7Length(sms)).toBeLessThanOrEqual(160);
      expect(sms).toMatch(
        /^UPDATE: Strike Poltava \(Poltava Obl\.\) 2023-02-01: 3 killed, 10 injured incl\. children/,
      );
      expect(sms).not.toContain("...");
      const hasClaim = sms.includes(`, according to ${claim}.`);
      const hasSources = sms.endsWith(" 2 sources");
      const hasWeapons = sms.includes(" Missiles/Drones/Bombs.");
      if (!hasClaim) expect(sms).not.toContain("according");
      if (hasWeapons) expect(hasSources).toBe(true);
      if (hasSources) expect(hasClaim).toBe(true);
      states.add(`${hasClaim}/${hasSources}/${hasWeapons}`);
    }
    expect([...states].sort()).toEqual([
      "false/false/false",
      "true/false/false",
      "true/true/false",
      "true/true/true",
    ]);
  });

  it("keeps the subject within 99 characters by dropping the attribution whole, never cutting it mid-phrase", () => {
    // Prepare
    const claim = "the head of the regional military administration";
    const district: Place = { ...poltava, name: "Kyivskyi district", city: "Poltava", precision: "district" };
    const incident = incidentWith({
      place: district,
      dateStated: false,
      childrenInjured: { min: 1, approximate: true },
      sources: [sourceOf({ attributedTo: claim })],
    });

    // Act
    const subject = renderAlert(incident, "update", 2).subject;

    // Assess
    expect(subject.length).toBeLessThanOrEqual(99);
    expect(subject).toBe(
      "Update: Strike on Poltava (Poltava Obl.), reported 2023-02-01: 3 killed, 10 injured incl. children",
    );
    expect(subject).not.toContain("according");
  });

  it("writes the subject in printable ASCII, as SNS requires", () => {
    // Prepare
    const incident = incidentWith({
      place: { ...poltava, name: "Bilá" },
      sources: [sourceOf({ attributedTo: "Zelenskiy’s aide" })],
    });

    // Act
    const subject = renderAlert(incident, "new", 1).subject;

    // Assess
    expect(subject).toBe(
      "Strike on Bila (Poltava Oblast), 2023-02-01: 3 killed, 10 injured, according to Zelenskiy's aide",
    );
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
  });

  it("cuts an over-long place at a word boundary, the toll kept whole", () => {
    // Prepare
    const name = Array.from({ length: 30 }, (_, index) => `Word${index}`).join(" ");
    const incident = incidentWith({ place: { ...poltava, name, admin1: null } });

    // Act
    const alert = renderAlert(incident, "new", 1);

    // Assess
    expect(gsm7Length(alert.message.sms)).toBeLessThanOrEqual(160);
    expect(alert.message.sms).toMatch(
      /^Strike Word0 (?:Word\d+ )*Word\d+\.\.\. 2023-02-01: 3 killed, 10 injured\.$/,
    );
    expect(alert.subject.length).toBeLessThanOrEqual(99);
    expect(alert.subject).toMatch(
      /^Strike on Word0 (?:Word\d+ )*Word\d+\.\.\., 2023-02-01: 3 killed, 10 injured$/,
    );
  });
});

describe("renderAlert: sources", () => {
  it("lists one source per URL, and counts them so in the SMS", () => {
    // Prepare
    const incident = incidentWith({
      sources: [
        sourceOf({ articleId: "a000000000000001" }),
        sourceOf({ articleId: "a000000000000002", source: "Outlet again" }),
      ],
    });

    // Act
    const alert = renderAlert(incident, "new", 1);

    // Assess
    expect(alert.message.email).toContain("Sources (1):");
    expect(alert.message.email.split("https://news.example.org/poltava")).toHaveLength(2);
    expect(alert.message.email).not.toContain("Outlet again");
    expect(alert.message.sms).toMatch(/ 1 source$/);
  });

  it("shows a seed by its file name, never the machine's path", () => {
    // Prepare
    const incident = incidentWith({
      sources: [sourceOf({ url: "file:///home/x/strikewatch/seeds/001_abcd.txt", title: undefined })],
    });

    // Act
    const email = renderAlert(incident, "new", 1).message.email;

    // Assess
    expect(email).toContain("\n  seeds/001_abcd.txt\n");
    expect(email).not.toMatch(/file:|\/home\/x/);
  });
});

describe("renderAlert: the date", () => {
  it("gives a date the reports stated as it is", () => {
    // Act
    const alert = renderAlert(incidentWith({ date: "2023-02-01", dateStated: true }), "new", 1);

    // Assess
    expect(emailLine(alert, "When")).toBe("When:     2023-02-01");
    expect(alert.message.sms).toMatch(/^Strike Poltava \(Poltava Obl\.\) 2023-02-01: /);
    expect(alert.subject).toMatch(/^Strike on Poltava \(Poltava Oblast\), 2023-02-01: /);
  });

  it("gives a publication date as the date the strike was reported", () => {
    // Act
    const alert = renderAlert(incidentWith({ date: "2023-02-02", dateStated: false }), "new", 1);

    // Assess
    expect(emailLine(alert, "When")).toBe("When:     reported 2023-02-02");
    expect(alert.message.sms).toMatch(/^Strike Poltava \(Poltava Obl\.\) rep\. 2023-02-02: /);
    expect(alert.subject).toMatch(/^Strike on Poltava \(Poltava Oblast\), reported 2023-02-02: /);
  });

  it("never gives the fetch date of an undated report as the strike's date", () => {
    // Act
    const alert = renderAlert(
      incidentWith({ date: "2026-11-30", dateKnown: false, dateStated: false }),
      "new",
      1,
    );

    // Assess
    expect(emailLine(alert, "When")).toBe("When:     date not given (first seen 2026-11-30)");
    expect(alert.message.sms).not.toContain("2026-11-30");
    expect(alert.message.sms).toMatch(/^Strike Poltava \(Poltava Obl\.\): 3 killed/);
    expect(alert.subject).not.toContain("2026-11-30");
  });
});

describe("renderAlert: evidence", () => {
  it("quotes at most five whole sentences, each once whatever its case or spacing, each on one line", () => {
    // Prepare
    const incident = incidentWith({
      evidence: [
        "Three people were killed.",
        "three  people were KILLED.",
        "Ten people were\n wounded, including children.",
        "Strike on Poltava",
        "Poltava strike | Live updates",
        "Rescuers worked through the night.",
        "“It was terrible,” a neighbour said.",
        "The building collapsed (five storeys).",
        "A sixth sentence that should not be shown.",
      ],
    });

    // Act
    const email = renderAlert(incident, "new", 1).message.email;

    // Assess
    const quoted = email.split("\n").filter((line) => line.startsWith("> "));
    expect(quoted).toEqual([
      "> Three people were killed.",
      "> Ten people were wounded, including children.",
      "> Rescuers worked through the night.",
      "> “It was terrible,” a neighbour said.",
      "> The building collapsed (five storeys).",
    ]);
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

describe("renderAlert: daily tolls", () => {
  it("says a region's toll over a day is a daily toll, not a strike, in the SMS, the subject and the email", () => {
    const daily: Incident = {
      ...incidentOf("001"),
      kind: "daily",
      place: { ...poltava, name: "Poltava Oblast", precision: "admin1" },
      dateStated: true,
    };
    const alert = renderAlert(daily, "new", 1);
    expect(alert.message.sms).toMatch(/^Daily toll Poltava Obl/);
    expect(alert.subject).toMatch(/^Daily toll in Poltava Oblast/);
    expect(alert.message.email.split("\n")[0]).toBe("DAILY TOLL — Poltava Oblast");
    expect(renderAlert(incidentOf("001"), "new", 1).message.sms).toMatch(/^Strike /);
  });
});
