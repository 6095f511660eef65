import { describe, expect, it } from "vitest";
import {
  findPlaceMentions,
  gazetteerStats,
  lookupRegion,
  resolveMentions,
} from "../../functions/core/extract/gazetteer.js";
import { caseForms, cyrKey } from "../../functions/core/extract/gazetteer-cyrillic.js";

/** Every place the text mentions, resolved, as "surface=place name [kind]". */
function places(text: string): string[] {
  return resolveMentions(findPlaceMentions(text), text).map(
    (m) => `${m.surface}=${m.place.name} [${m.kind}]`,
  );
}

/** The resolved places' names only. */
function names(text: string): string[] {
  return resolveMentions(findPlaceMentions(text), text).map((m) => m.place.name);
}

describe("caseForms", () => {
  it.each([
    ["харків", "uk", ["харкова", "харкову", "харкові", "харковом"]],
    ["київ", "uk", ["києва", "києві", "києвом"]],
    ["львів", "uk", ["львова", "львові"]],
    ["кривий ріг", "uk", ["кривого рогу", "кривому розі", "кривим рогом"]],
    ["суми", "uk", ["сум", "сумах", "сумами"]],
    ["запоріжжя", "uk", ["запоріжжі", "запоріжжю", "запоріжжям"]],
    ["одеса", "uk", ["одеси", "одесі", "одесу", "одесою"]],
    ["дніпро", "uk", ["дніпра", "дніпрі", "дніпром"]],
    ["тернопіль", "uk", ["тернополя", "тернополі"]],
    ["біла церква", "uk", ["білої церкви", "білій церкві"]],
    ["часів яр", "uk", ["часового яру", "часовому яру"]],
    ["харківська область", "uk", ["харківської області", "харківській області", "харківською областю"]],
    ["харківщина", "uk", ["харківщини", "харківщині", "харківщину", "харківщиною"]],
    ["харьков", "ru", ["харькова", "харькове", "харьковом"]],
    ["запорожье", "ru", ["запорожья", "запорожью", "запорожьем"]],
    ["одесса", "ru", ["одессы", "одессе", "одессу"]],
    ["кривой рог", "ru", ["кривого рога", "кривом роге"]],
    ["белгородская область", "ru", ["белгородской области", "белгородскую область", "белгородской областью"]],
    ["джанкой", "ru", ["джанкое", "джанкоя"]],
    ["ростов-на-дону", "ru", ["ростове на дону", "ростова на дону"]],
  ] as const)("declines %s (%s)", (name, lang, expected) => {
    // Act
    const forms = caseForms(name, lang);

    // Assess
    expect(forms[0]).toBe(cyrKey(name));
    expect(forms).toEqual(expect.arrayContaining([...expected]));
  });

  it("leaves the Russian -ino/-ovo names as they are", () => {
    // Act
    const forms = caseForms("шебекино", "ru");

    // Assess
    expect(forms).toEqual(["шебекино"]);
  });

  it("keeps words marked with = and the first part of a compound", () => {
    // Act
    const crimea = caseForms("автономна республіка =крим", "uk");
    const frankivsk = caseForms("івано-франківськ", "uk");

    // Assess
    expect(crimea).toContain("автономної республіки крим");
    expect(crimea.some((f) => f.endsWith("криму"))).toBe(false);
    expect(frankivsk).toContain("івано франківську");
  });
});

describe("findPlaceMentions on Ukrainian text", () => {
  it("reads towns in their case forms, with their English names", () => {
    // Prepare
    const text =
      "Уночі у Харкові та Львові лунали вибухи; уламки впали у Кривому Розі, а з Києва повідомили про атаку.";

    // Act
    const result = places(text);

    // Assess
    expect(result).toEqual([
      "Харкові=Kharkiv [name]",
      "Львові=Lviv [name]",
      "Кривому Розі=Kryvyi Rih [name]",
      "Києва=Kyiv [name]",
    ]);
  });

  it("keeps the surface as written and gives the same records as the English names", () => {
    // Prepare
    const text = "Ракетний удар по Одесі.";

    // Act
    const [cyrillic] = findPlaceMentions(text);
    const [english] = findPlaceMentions("A missile strike on Odesa.");

    // Assess
    expect(cyrillic).toMatchObject({ start: 17, end: 22, surface: "Одесі", kind: "name" });
    expect(cyrillic?.candidates[0]).toEqual(english?.candidates[0]);
  });

  it("reads region forms and nicknames as the oblast", () => {
    // Prepare
    const text =
      "На Харківщині загинув чоловік. У Харківській області тривога, ворог атакував Сумщину, обстріли Херсонщини й Донеччини.";

    // Act
    const result = places(text);

    // Assess
    expect(result).toEqual([
      "Харківщині=Kharkiv Oblast [admin1-form]",
      "Харківській області=Kharkiv Oblast [admin1-form]",
      "Сумщину=Sumy Oblast [admin1-form]",
      "Херсонщини=Kherson Oblast [admin1-form]",
      "Донеччини=Donetsk Oblast [admin1-form]",
    ]);
  });

  it("reads a list of region adjectives before a plural region word", () => {
    // Prepare
    const text = "Вибухи пролунали у Полтавській, Сумській та Чернігівській областях.";

    // Act
    const result = names(text);

    // Assess
    expect(result).toEqual(["Poltava Oblast", "Sumy Oblast", "Chernihiv Oblast"]);
  });

  it("reads 'на Запоріжжі' as the oblast and 'у Запоріжжі' as the city", () => {
    // Prepare
    const region = "Дрони атакували об'єкти на Запоріжжі.";
    const city = "У Запоріжжі пошкоджено багатоповерхівку.";

    // Act
    const [onRegion] = resolveMentions(findPlaceMentions(region), region);
    const [inCity] = resolveMentions(findPlaceMentions(city), city);

    // Assess
    expect(onRegion).toMatchObject({ surface: "Запоріжжі", kind: "admin1-form" });
    expect(onRegion?.place.name).toBe("Zaporizhzhia Oblast");
    expect(inCity).toMatchObject({ surface: "Запоріжжі", kind: "name" });
    expect(inCity?.place.name).toBe("Zaporizhzhia");
  });

  it("reads city districts and neighbourhoods as district forms of their city", () => {
    // Prepare
    const text = "Уламки впали в Голосіївському районі Києва, ще одне влучання — на Салтівці.";

    // Act
    const resolved = resolveMentions(findPlaceMentions(text), text);

    // Assess
    expect(resolved.map((m) => [m.surface, m.kind, m.place.name, m.place.city])).toEqual([
      ["Голосіївському районі", "district-form", "Holosiivskyi district", "Kyiv"],
      ["Києва", "name", "Kyiv", undefined],
      ["Салтівці", "district-form", "Saltivskyi district", "Kharkiv"],
    ]);
  });

  it("tells which city's Shevchenkivskyi district by the city named beside it", () => {
    // Prepare
    const text = "Під удар потрапив Шевченківський район Харкова.";

    // Act
    const resolved = resolveMentions(findPlaceMentions(text), text);

    // Assess
    expect(resolved[0]?.place).toMatchObject({ name: "Shevchenkivskyi district", city: "Kharkiv" });
  });

  it("reads 'Town, Oblast' and picks the town of that oblast", () => {
    // Prepare
    const text = "Обстріл: Миколаївка, Одеська область.";

    // Act
    const resolved = resolveMentions(findPlaceMentions(text), text);

    // Assess
    expect(resolved.map((m) => [m.place.name, m.place.admin1])).toEqual([
      ["Mykolaivka", "Odesa Oblast"],
      ["Odesa Oblast", "Odesa Oblast"],
    ]);
  });
});

describe("findPlaceMentions on Russian text", () => {
  it("reads the Russian spellings of Ukrainian towns", () => {
    // Prepare
    const text =
      "Удары по Днепру и Запорожью, взрывы в Одессе, Николаеве, Кривом Роге, Харькове, Киеве, Херсоне и Чернигове.";

    // Act
    const result = names(text);

    // Assess
    expect(result).toEqual([
      "Dnipro",
      "Zaporizhzhia",
      "Odesa",
      "Mykolaiv",
      "Kryvyi Rih",
      "Kharkiv",
      "Kyiv",
      "Kherson",
      "Chernihiv",
    ]);
  });

  it("reads Russia's border regions, their towns and the undeclined names", () => {
    // Prepare
    const text =
      "В Белгороде и Шебекино повреждены дома, Белгородчина снова под обстрелом; в Курской области и Брянской области сбиты дроны.";

    // Act
    const result = places(text);

    // Assess
    expect(result).toEqual([
      "Белгороде=Belgorod [name]",
      "Шебекино=Shebekino [name]",
      "Белгородчина=Belgorod Oblast [admin1-form]",
      "Курской области=Kursk Oblast [admin1-form]",
      "Брянской области=Bryansk Oblast [admin1-form]",
    ]);
  });

  it("reads the occupation's names and Crimea as regions", () => {
    // Prepare
    const text =
      "Власти ДНР и ЛНР, а также Донецкой народной республики сообщили об ударе; в Крыму слышны взрывы.";

    // Act
    const result = places(text);

    // Assess
    expect(result).toEqual([
      "ДНР=Donetsk Oblast [admin1-form]",
      "ЛНР=Luhansk Oblast [admin1-form]",
      "Донецкой народной республики=Donetsk Oblast [admin1-form]",
      "Крыму=Autonomous Republic of Crimea [admin1-form]",
    ]);
  });

  it("reads a Kyiv district in Russian", () => {
    // Prepare
    const text = "Обломки упали в Дарницком районе столицы.";

    // Act
    const resolved = resolveMentions(findPlaceMentions(text), text);

    // Assess
    expect(resolved[0]).toMatchObject({ surface: "Дарницком районе", kind: "district-form" });
    expect(resolved[0]?.place).toMatchObject({ name: "Darnytskyi district", city: "Kyiv" });
  });
});

describe("findPlaceMentions guards against collisions", () => {
  it("does not read a common word at a sentence's start as a town", () => {
    // Prepare
    const text = "Суми виплат зросли. Ізюм і горіхи подорожчали. Щастя не купиш.";

    // Act
    const result = places(text);

    // Assess
    expect(result).toEqual([]);
  });

  it("reads the same words as towns inside a sentence or alone at the start", () => {
    // Prepare
    const text = "Суми: вибухи. Ворог обстріляв Ізюм, поранено жінку.";

    // Act
    const result = names(text);

    // Assess
    expect(result).toEqual(["Sumy", "Izium"]);
  });

  it("does not read surnames, given names, clubs, streets or rivers as places", () => {
    // Prepare
    const text =
      "Дмитрий Песков ответил журналистам. Володимир Зеленський провів нараду. «Олександрія» перемогла у матчі. Мітинг на проспекті Перемоги. Вздовж річки Дніпро.";

    // Act
    const result = places(text);

    // Assess
    expect(result).toEqual([]);
  });

  it("reads a given name that is a town's only after 'у'/'в' or a settlement word", () => {
    // Prepare
    const person = "Анна Петрова дала інтерв'ю.";
    const town = "Вибух у смт Анна Воронезької області.";

    // Act
    const personPlaces = names(person);
    const townPlaces = names(town);

    // Assess
    expect(personPlaces).toEqual([]);
    expect(townPlaces).toEqual(["Anna", "Voronezh Oblast"]);
  });

  it("does not read a lone adjective as a small village without a settlement word", () => {
    // Prepare
    const text = "Зустріч на Красній площі. Обстріляли село Мирне.";

    // Act
    const resolved = resolveMentions(findPlaceMentions(text), text);

    // Assess
    expect(resolved.map((m) => m.surface)).toEqual(["Мирне"]);
  });

  it("does nothing on a text without Cyrillic letters", () => {
    // Prepare
    const text = "Kharkiv and the Kharkiv region came under fire.";

    // Act
    const mentions = findPlaceMentions(text);

    // Assess
    expect(mentions.map((m) => m.surface)).toEqual(["Kharkiv", "Kharkiv region"]);
  });
});

describe("lookupRegion and gazetteerStats with Cyrillic names", () => {
  it("looks up a config value written in Cyrillic", () => {
    // Act
    const region = lookupRegion("Харківська область");

    // Assess
    expect(region).toMatchObject({ name: "Kharkiv Oblast", precision: "admin1" });
  });

  it("counts the Cyrillic case forms", () => {
    // Act
    const stats = gazetteerStats();

    // Assess
    expect(stats.cyrillicForms).toBeGreaterThan(20000);
  });
});
