import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  contains,
  findPlaceMentions,
  type GazEntry,
  gazetteerStats,
  lookupRegion,
  resolveMentions,
  suggestRegions,
} from "../../functions/core/extract/gazetteer.js";

/** Every place the text mentions, resolved, as "surface=place name" (just the name when they are equal). */
function places(text: string): string[] {
  return resolveMentions(findPlaceMentions(text)).map((m) =>
    m.surface === m.place.name ? m.surface : `${m.surface}=${m.place.name}`,
  );
}

function only(text: string): GazEntry {
  const resolved = resolveMentions(findPlaceMentions(text));
  expect(resolved).toHaveLength(1);
  return resolved[0]!.place;
}

function region(name: string): GazEntry {
  const place = lookupRegion(name);
  if (!place) throw new Error(`no region ${name}`);
  return place;
}

const seed = (name: string): string => readFileSync(new URL(`../../seeds/${name}`, import.meta.url), "utf8");

describe("findPlaceMentions + resolveMentions on real sentences", () => {
  it("reads a city and its district from a possessive (typographic apostrophe)", () => {
    // Prepare
    const text = "left three dead, including two boys, in Kharkiv’s Saltiv district, where parts of the city";

    // Act
    const resolved = resolveMentions(findPlaceMentions(text));

    // Assess
    expect(resolved.map((m) => m.place)).toMatchObject([
      { name: "Kharkiv", precision: "city", admin1: "Kharkiv Oblast", country: "UA" },
      { name: "Saltivskyi district", precision: "district", city: "Kharkiv", admin1: "Kharkiv Oblast" },
    ]);
    expect(resolved[1]!.kind).toBe("district-form");
  });

  it("reads the -iy spelling of a district and an ASCII apostrophe", () => {
    // Prepare
    const text = "Earlier attacks on Kharkiv's central and Osnovyanskiy districts also used guided bombs";

    // Act
    const result = places(text);

    // Assess
    expect(result).toEqual(["Kharkiv", "Osnovyanskiy districts=Osnovianskyi district"]);
  });

  it("reads a list of seven cities with their oblasts", () => {
    // Prepare
    const text =
      "The air strikes targeted several cities, including Poltava, Kharkiv, Sumy, Zaporizhzhia, Odesa, Khmelnytskyi, and Kyiv";

    // Act
    const resolved = resolveMentions(findPlaceMentions(text));

    // Assess
    expect(resolved.map((m) => [m.place.name, m.place.precision, m.place.admin1, m.place.country])).toEqual([
      ["Poltava", "city", "Poltava Oblast", "UA"],
      ["Kharkiv", "city", "Kharkiv Oblast", "UA"],
      ["Sumy", "city", "Sumy Oblast", "UA"],
      ["Zaporizhzhia", "city", "Zaporizhzhia Oblast", "UA"],
      ["Odesa", "city", "Odesa Oblast", "UA"],
      ["Khmelnytskyi", "city", "Khmelnytskyi Oblast", "UA"],
      ["Kyiv", "city", "Kyiv", "UA"],
    ]);
  });

  it("corrects a one-letter typo of a big city", () => {
    // Prepare
    const text = "“decision-making centers and military installations” in Kharkhiv, resulting in injuries";

    // Act
    const resolved = resolveMentions(findPlaceMentions(text));

    // Assess
    expect(resolved).toHaveLength(1);
    expect(resolved[0]).toMatchObject({ surface: "Kharkhiv", kind: "typo", place: { name: "Kharkiv" } });
  });

  it("reads Russian places: a city and a region after a possessive", () => {
    // Prepare
    const city = "in response to a deadly attack on the city of Belgorod.";
    const regionText = "withdrawn from the frontlines in Russia’s Kursk region after sustaining losses";

    // Act
    const belgorod = only(city);
    const kursk = resolveMentions(findPlaceMentions(regionText));

    // Assess
    expect(belgorod).toMatchObject({
      name: "Belgorod",
      precision: "city",
      admin1: "Belgorod Oblast",
      country: "RU",
    });
    expect(kursk.map((m) => [m.surface, m.place.name, m.place.precision, m.kind])).toEqual([
      ["Russia", "Russia", "country", "name"],
      ["Kursk region", "Kursk Oblast", "admin1", "admin1-form"],
    ]);
  });

  it("reads 'the Sumy region' as the oblast, not the city", () => {
    // Prepare
    const text =
      "A drone strike killed one person in Kharkiv, while two more were killed in the Sumy region.";

    // Act
    const resolved = resolveMentions(findPlaceMentions(text));

    // Assess
    expect(resolved.map((m) => [m.surface, m.place.name, m.place.precision])).toEqual([
      ["Kharkiv", "Kharkiv", "city"],
      ["Sumy region", "Sumy Oblast", "admin1"],
    ]);
  });

  it("reads Russian-era and press spellings as the right cities", () => {
    // Prepare
    const text =
      "Kharkov, Kiev, Odessa, Zaporozhye, Dnepr, Nikolaev, Khmelnitsky, Lugansk, Kirovograd, Krivoy Rog, Artemovsk, Sebastopol";

    // Act
    const resolved = resolveMentions(findPlaceMentions(text));

    // Assess
    expect(resolved.map((m) => `${m.place.name} (${m.place.admin1})`)).toEqual([
      "Kharkiv (Kharkiv Oblast)",
      "Kyiv (Kyiv)",
      "Odesa (Odesa Oblast)",
      "Zaporizhzhia (Zaporizhzhia Oblast)",
      "Dnipro (Dnipropetrovsk Oblast)",
      "Mykolaiv (Mykolaiv Oblast)",
      "Khmelnytskyi (Khmelnytskyi Oblast)",
      "Luhansk (Luhansk Oblast)",
      "Kropyvnytskyi (Kirovohrad Oblast)",
      "Kryvyi Rih (Dnipropetrovsk Oblast)",
      "Bakhmut (Donetsk Oblast)",
      "Sevastopol (Sevastopol)",
    ]);
  });

  it.each([
    ["Dnipropetrovsk", "Dnipro"],
    ["Zaporizhia", "Zaporizhzhia"],
    ["Zaporizhzhya", "Zaporizhzhia"],
    ["Zaporozhe", "Zaporizhzhia"],
    ["Kropivnitsky", "Kropyvnytskyi"],
    ["Chernigov", "Chernihiv"],
    ["Zhitomir", "Zhytomyr"],
    ["Rovno", "Rivne"],
    ["Ivano-Frankovsk", "Ivano-Frankivsk"],
    ["Lvov", "Lviv"],
    ["Cherkassy", "Cherkasy"],
    ["Vinnitsa", "Vinnytsia"],
    ["Sumi", "Sumy"],
    ["Bilhorod", "Belgorod"],
    ["Rostov", "Rostov-on-Don"],
    ["Slavyansk", "Sloviansk"],
    ["Kupyansk", "Kupiansk"],
    ["Izyum", "Izium"],
    ["Chuguev", "Chuhuiv"],
    ["Volchansk", "Vovchansk"],
    ["Konstantinovka", "Kostiantynivka"],
    ["Akhtyrka", "Okhtyrka"],
    ["Kremenchug", "Kremenchuk"],
    ["Huliaipole", "Huliaipole"],
    ["Bilopillia", "Bilopillia"],
    ["Kherson", "Kherson"],
    ["Mariupol", "Mariupol"],
    ["Pokrovsk", "Pokrovsk"],
    ["Simferopol", "Simferopol"],
    ["Sudzha", "Sudzha"],
    ["Shebekino", "Shebekino"],
  ])("reads %s as %s", (spelling, name) => {
    // Prepare
    const text = `Overnight, ${spelling} came under attack.`;

    // Act
    const place = only(text);

    // Assess
    expect(place.name).toBe(name);
  });

  it.each([
    ["Saltivskyi", "Saltivskyi district", "Kharkiv"],
    ["Saltivskyi district", "Saltivskyi district", "Kharkiv"],
    ["Saltiv district", "Saltivskyi district", "Kharkiv"],
    ["Saltivka", "Saltivskyi district", "Kharkiv"],
    ["Osnovianskyi district", "Osnovianskyi district", "Kharkiv"],
    ["Osnovyanskiy district", "Osnovianskyi district", "Kharkiv"],
    ["Khadzhybeiskyi district", "Khadzhybeiskyi district", "Odesa"],
    ["Chechelivskyi", "Chechelivskyi district", "Dnipro"],
    ["Khortytskyi district", "Khortytskyi district", "Zaporizhzhia"],
    ["Inhulskyi district", "Inhulskyi district", "Mykolaiv"],
    ["Kholodnohirskyi", "Kholodnohirskyi district", "Kharkiv"],
    ["Nemyshlianskyi district", "Nemyshlianskyi district", "Kharkiv"],
    ["Holosiivskyi", "Holosiivskyi district", "Kyiv"],
    ["Pecherskiy", "Pecherskyi district", "Kyiv"],
    ["Darnytsky", "Darnytskyi district", "Kyiv"],
    ["Obolonski district", "Obolonskyi district", "Kyiv"],
  ])("reads the district form %s as %s of %s", (form, name, city) => {
    // Prepare
    const text = `Debris fell in the ${form} overnight.`;

    // Act
    const resolved = resolveMentions(findPlaceMentions(text));

    // Assess
    expect(resolved).toHaveLength(1);
    expect(resolved[0]).toMatchObject({ surface: form, kind: "district-form", place: { name, city } });
  });

  it("reads oblast forms: region, oblast, the adjectival form, the Russian spelling", () => {
    // Prepare
    const texts = [
      "Kharkiv region",
      "Kharkiv oblast",
      "Kharkivska oblast",
      "Kharkiv Oblast",
      "Kharkov region",
    ];

    // Act
    const resolved = texts.map(only);

    // Assess
    for (const place of resolved)
      expect(place).toMatchObject({ name: "Kharkiv Oblast", precision: "admin1" });
  });

  it("reads every name listed before a plural region word as a region", () => {
    // Prepare
    const text = "Drones attacked the Kharkiv, Sumy and Chernihiv regions overnight.";

    // Act
    const resolved = resolveMentions(findPlaceMentions(text));

    // Assess
    expect(resolved.map((m) => [m.place.name, m.kind])).toEqual([
      ["Kharkiv Oblast", "admin1-form"],
      ["Sumy Oblast", "admin1-form"],
      ["Chernihiv Oblast", "admin1-form"],
    ]);
  });

  it("takes the longest name, across hyphens and spaces", () => {
    // Prepare
    const text = "Missiles hit Kryvyi Rih; drones reached Rostov‑on‑Don and Bila Tserkva.";

    // Act
    const result = places(text);

    // Assess
    expect(result).toEqual(["Kryvyi Rih", "Rostov‑on‑Don=Rostov-on-Don", "Bila Tserkva"]);
  });

  it("matches a headline in capitals but not a name in lower case", () => {
    // Prepare
    const headline = "STRIKE ON KHARKIV";
    const lower = "the word sumy in lower case";

    // Act
    const upper = places(headline);
    const none = findPlaceMentions(lower);

    // Assess
    expect(upper).toEqual(["KHARKIV=Kharkiv"]);
    expect(none).toEqual([]);
  });

  it("reads district adjective endings and short stems", () => {
    // Prepare
    const text =
      "Saltivskyi district, Saltivskiy district, Saltivsky, Obolonskyi, Holosiivskyi, Pechersk, Darnytskyi, Sviatoshynskyi, Solomianskyi, Podilskyi, Desnianskyi, Dniprovskyi";

    // Act
    const resolved = resolveMentions(findPlaceMentions(text));

    // Assess
    expect(resolved.map((m) => `${m.place.name}/${m.place.city}`)).toEqual([
      "Saltivskyi district/Kharkiv",
      "Saltivskyi district/Kharkiv",
      "Saltivskyi district/Kharkiv",
      "Obolonskyi district/Kyiv",
      "Holosiivskyi district/Kyiv",
      "Pecherskyi district/Kyiv",
      "Darnytskyi district/Kyiv",
      "Sviatoshynskyi district/Kyiv",
      "Solomianskyi district/Kyiv",
      "Podilskyi district/Kyiv",
      "Desnianskyi district/Kyiv",
      "Dniprovskyi district/Kyiv",
    ]);
  });
});

describe("no false hits", () => {
  it.each([
    "Sergey Lebedev, the coordinator",
    "Dr. Elena Petrova, a surgeon",
    "President Donald Trump",
    "Keir Starmer announced",
    "the UN Security Council",
    "Storm Shadow cruise missiles",
    "the European Union",
    "Hungary is blocking a significant aid package",
    "the Special Operations Forces",
    "North Korean troops",
    "Army Tactical Missile Systems",
    "Governor Oleh Synyehubov confirmed",
    "Victoria and Martin met in May, August and on Star Wars day.",
    "Russian and Crimean officials; Ismail said; Novgorod the Great",
    "the Kyiv Independent reported; Lesya Ukrainka Street",
    "Bar, Chop and Anna are towns; so is Brody.",
  ])("finds no place in %j", (text) => {
    // Prepare
    const input = text;

    // Act
    const mentions = findPlaceMentions(input);

    // Assess
    expect(mentions.map((m) => m.surface)).toEqual([]);
  });

  it("reads 'the Dnipro River' as a river, not the city", () => {
    // Prepare
    const text = "Troops crossed the Dnipro River near Kherson.";

    // Act
    const result = places(text);

    // Assess
    expect(result).toEqual(["Kherson"]);
  });

  it("finds only Kharkiv, Kyiv and the two countries in seed 004, no person names", () => {
    // Prepare
    const text = seed("004_208bb5c925342d33.txt");

    // Act
    const resolved = resolveMentions(findPlaceMentions(text));

    // Assess
    const towns = resolved.filter((m) => m.place.precision !== "country").map((m) => m.place.name);
    const countries = new Set(
      resolved.filter((m) => m.place.precision === "country").map((m) => m.place.name),
    );
    expect(towns).toEqual(["Kharkiv", "Kyiv", "Kharkiv", "Kharkiv", "Kharkiv"]);
    expect([...countries].sort()).toEqual(["Russia", "Ukraine"]);
  });
});

describe("every mention in the seeds is a real place", () => {
  const expected: Record<string, string[]> = {
    "000_c1778478273d7973.txt": [
      "Ukraine",
      "Kharkiv",
      "Ukraine",
      "Ukraine",
      "Kharkiv",
      "Saltiv district=Saltivskyi district",
      "Kharkiv",
      "Osnovyanskiy districts=Osnovianskyi district",
      "Russia",
      "Ukraine",
      "Ukraine",
      "Russia",
      "Moscow",
      "Russia",
      "Ukraine",
      "Ukraine",
      "Russia",
      "Moscow",
      "Kharkiv",
      "Ukraine",
      "Ukraine",
    ],
    "001_d1335562950f1f2a.txt": [
      "Russia",
      "Poltava",
      "Kharkiv",
      "Sumy",
      "Zaporizhzhia",
      "Odesa",
      "Khmelnytskyi",
      "Kyiv",
      "Poltava",
      "Kharkiv",
      "Sumy",
      "Zaporizhzhia",
      "Odesa",
      "Kyiv",
      "Kharkiv",
      "Sumy",
      "Russia",
      "Russia",
      "Russia",
      "Kursk region=Kursk Oblast",
      "Russia",
      "Russia",
    ],
    "002_16b2b9d5e41fa0f4.txt": [
      "Ukraine",
      "Russia",
      "Ukraine",
      "Kyiv",
      "Ukraine",
      "Kyiv",
      "Ukraine",
      "Russia",
      "Russia",
      "Ukraine",
      "Poltava",
      "Zaporizhzhia",
      "Odesa",
      "Sumy",
      "Kharkiv",
      "Khmelnytskyi",
      "Kyiv",
      "Kharkiv",
      "Sumy region=Sumy Oblast",
      "Russia",
      "Ukraine",
      "Kyiv",
      "Russia",
      "Ukraine",
      "Kyiv",
      "Ukraine",
      "Russia",
      "Ukraine",
    ],
    "003_e96bcc39b64da713.txt": [
      "Belgorod",
      "Russia",
      "Ukraine",
      "Russia",
      "Ukraine",
      "Russia",
      "Kyiv",
      "Kharkiv",
      "Belgorod",
      "Kharkhiv=Kharkiv",
      "Kyiv",
      "Kharkiv",
      "Russia",
      "Ukraine",
      "Belgorod",
      "Moscow",
      "Russia",
      "Kyiv",
      "Russia",
      "Ukraine",
      "Ukraine",
      "Ukraine",
      "Ukraine",
      "Ukraine",
      "Kyiv",
      "Ukraine",
      "Russia",
      "Ukraine",
      "Russia",
      "Ukraine",
      "Ukraine",
    ],
    "004_208bb5c925342d33.txt": [
      "Kharkiv",
      "Kyiv",
      "Kharkiv",
      "Ukraine",
      "Kharkiv",
      "Ukraine",
      "Ukraine",
      "Russia",
      "Ukraine",
      "Ukraine",
      "Kharkiv",
    ],
  };

  it.each(Object.keys(expected))("%s", (name) => {
    // Prepare
    const text = seed(name);

    // Act
    const result = places(text);

    // Assess
    expect(result).toEqual(expected[name]);
  });
});

describe("ambiguous names", () => {
  it("picks the Novoselivka of the oblast named in the text, else the most populous", () => {
    // Prepare
    const withOblast = "Shelling hit Novoselivka in the Donetsk region.";
    const bare = "Shelling hit Novoselivka.";

    // Act
    const inDonetsk = resolveMentions(findPlaceMentions(withOblast))[0]!;
    const alone = resolveMentions(findPlaceMentions(bare))[0]!;

    // Assess
    expect(inDonetsk.candidates.length).toBeGreaterThan(1);
    expect(inDonetsk.place.admin1).toBe("Donetsk Oblast");
    expect(alone.place.admin1).toBe("Odesa Oblast");
  });

  it("picks the Zolochiv of Kharkiv Oblast when the text names it, else the bigger one in Lviv Oblast", () => {
    // Prepare
    const withOblast = "Zolochiv, a town in Kharkiv Oblast, was shelled.";
    const bare = "Zolochiv was shelled.";

    // Act
    const inKharkiv = resolveMentions(findPlaceMentions(withOblast))[0]!;
    const alone = resolveMentions(findPlaceMentions(bare))[0]!;

    // Assess
    expect(inKharkiv.place.admin1).toBe("Kharkiv Oblast");
    expect(alone.place.admin1).toBe("Lviv Oblast");
  });

  it("puts a Shevchenkivskyi district in the city the text names", () => {
    // Prepare
    const kharkiv = "In Kharkiv, the Shevchenkivskyi district was hit.";
    const kyiv = "Debris fell in Kyiv’s Shevchenkivskyi district.";

    // Act
    const inKharkiv = resolveMentions(findPlaceMentions(kharkiv))[1]!;
    const inKyiv = resolveMentions(findPlaceMentions(kyiv))[1]!;

    // Assess
    expect(inKharkiv.candidates.map((candidate) => candidate.city).sort()).toEqual([
      "Dnipro",
      "Kharkiv",
      "Kyiv",
      "Zaporizhzhia",
    ]);
    expect(inKharkiv.place).toMatchObject({ name: "Shevchenkivskyi district", city: "Kharkiv" });
    expect(inKyiv.place).toMatchObject({ name: "Shevchenkivskyi district", city: "Kyiv" });
  });

  it("puts the Kyivskyi and Korabelnyi districts in the city the text names", () => {
    const odesa = resolveMentions(findPlaceMentions("A drone hit the Kyivskyi district of Odesa."));
    const kharkiv = resolveMentions(findPlaceMentions("Kharkiv's Kyivskyi district was shelled."));
    const kherson = resolveMentions(findPlaceMentions("In Kherson's Korabelnyi district, a bus was hit."));
    expect(odesa.find((m) => m.place.precision === "district")?.place).toMatchObject({ city: "Odesa" });
    expect(kharkiv.find((m) => m.place.precision === "district")?.place).toMatchObject({ city: "Kharkiv" });
    expect(kherson.find((m) => m.place.precision === "district")?.place).toMatchObject({
      city: "Kherson",
      admin1: "Kherson Oblast",
    });
  });
});

describe("config lookups", () => {
  it("looks regions up whatever the case and spelling", () => {
    // Prepare
    const names = ["Kharkiv Oblast", "kharkov oblast", "Kharkiv region", "KHARKIVSKA OBLAST"];

    // Act
    const found = names.map(lookupRegion);

    // Assess
    for (const place of found) expect(place).toMatchObject({ name: "Kharkiv Oblast", precision: "admin1" });
    expect(lookupRegion("Kharkiv")).toMatchObject({ name: "Kharkiv", precision: "city" });
    expect(lookupRegion("Ukraine")).toMatchObject({ name: "Ukraine", precision: "country" });
    expect(lookupRegion("Belgorod Oblast")).toMatchObject({ name: "Belgorod Oblast", country: "RU" });
  });

  it("gives no region for a typo but suggests the right one first", () => {
    // Prepare
    const typo = "Kharkov Oblastt";

    // Act
    const found = lookupRegion(typo);
    const suggestions = suggestRegions(typo);

    // Assess
    expect(found).toBeUndefined();
    expect(suggestions[0]).toBe("Kharkiv Oblast");
    expect(suggestions).toHaveLength(3);
  });

  it("knows what a region contains", () => {
    // Prepare
    const oblast = region("Kharkiv Oblast");
    const kharkiv = region("Kharkiv");
    const ukraine = region("Ukraine");
    const saltivskyi = region("Saltivskyi district");

    // Act
    const oblastCovers = contains(oblast, saltivskyi);
    const cityCovers = contains(kharkiv, saltivskyi);
    const ukraineCoversBelgorod = contains(ukraine, region("Belgorod"));
    const kyivCoversKharkivDistrict = contains(region("Kyiv"), saltivskyi);

    // Assess
    expect(oblastCovers).toBe(true);
    expect(cityCovers).toBe(true);
    expect(ukraineCoversBelgorod).toBe(false);
    expect(kyivCoversKharkivDistrict).toBe(false);
    expect(contains(ukraine, kharkiv)).toBe(true);
    expect(contains(oblast, region("Izium"))).toBe(true);
  });

  it("reports its size", () => {
    // Prepare
    const minimumEntries = 1900;

    // Act
    const stats = gazetteerStats();

    // Assess
    expect(stats.entries).toBeGreaterThan(minimumEntries);
    expect(stats.aliases).toBeGreaterThan(stats.entries);
  });
});
