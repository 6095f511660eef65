import { describe, expect, it } from "vitest";
import { extract } from "../../functions/core/extract/index.js";
import { detectLanguage } from "../../functions/core/extract/language.js";
import { findQuantitiesCyrillic } from "../../functions/core/extract/numbers.js";
import { transliterate } from "../../functions/core/extract/translit.js";

// Reports written for these tests in the forms Ukrainian and Russian sources use (regional administrations'
// posts, governors' posts, news leads). Each asserts what the extractor must read, in English place names.

const one = (body: string, title?: string) => {
  const events = extract({ body, ...(title ? { title } : {}), publishedAt: "2024-11-20T08:00:00Z" });
  return events;
};

describe("language", () => {
  it("tells Ukrainian, Russian and English apart by their letters", () => {
    expect(detectLanguage("Внаслідок удару по Харкову загинули троє людей")).toBe("uk");
    expect(detectLanguage("В результате обстрела Белгорода погибли два человека")).toBe("ru");
    expect(detectLanguage("A strike on Kharkiv killed three people (Харків)")).toBe("en");
  });
});

describe("numbers in words", () => {
  const values = (s: string) => findQuantitiesCyrillic(s).map((q) => q.count.min);
  it("reads case and gender forms of number words and modifiers", () => {
    expect(values("загинули троє людей, ще 12 поранені, серед них двоє дітей")).toEqual([3, 12, 2]);
    expect(values("погибли не менее четырех человек, ранены пятеро")).toEqual([4, 5]);
    expect(values("постраждали двадцять два мешканці")).toEqual([22]);
    expect(values("п’ятеро поранених")).toEqual([5]);
  });
  it("skips ages, times, dates and designations", () => {
    expect(values("загинула 65-річна жінка")).toEqual([]);
    expect(values("15 листопада о 14:30 ракета Х-101 влучила у 9-поверховий будинок")).toEqual([]);
    expect(values("мужчина 45 лет")).toEqual([]);
  });
  it("keeps a minimum exact and an estimate approximate", () => {
    const [minimum, estimate] = findQuantitiesCyrillic("щонайменше 7 загиблих і близько 20 поранених");
    expect(minimum!.count).toEqual({ min: 7, approximate: false });
    expect(estimate!.count).toEqual({ min: 20, approximate: true });
  });
});

describe("Ukrainian reports", () => {
  it("reads a regional administration's post: place in the locative, number words, children", () => {
    const [event, ...rest] = one(
      "Внаслідок ракетного удару по Харкову загинули троє людей, ще 12 поранені, серед них двоє дітей.",
    );
    expect(rest).toEqual([]);
    expect(event!.place.name).toBe("Kharkiv");
    expect(event!.place.admin1).toBe("Kharkiv Oblast");
    expect(event!.killed?.min).toBe(3);
    expect(event!.injured?.min).toBe(12);
    expect(event!.childrenInjured?.min).toBe(2);
    expect(event!.weapons).toContain("missile");
    expect(event!.victims).toBe("civilian");
  });

  it("counts one person named by a noun", () => {
    const [event] = one(
      "Ворог атакував Нікополь дроном. Загинула 65-річна жінка, ще двоє чоловіків поранені.",
    );
    expect(event!.place.admin1).toBe("Dnipropetrovsk Oblast");
    expect(event!.killed?.min).toBe(1);
    expect(event!.injured?.min).toBe(2);
  });

  it("reads a two-word name declined in both words and a region nickname", () => {
    const [city] = one("У Кривому Розі через удар балістичною ракетою поранено 14 людей.");
    expect(city!.place.name).toBe("Kryvyi Rih");
    expect(city!.injured?.min).toBe(14);
    expect(city!.weapons).toContain("ballistic missile");
    const [region] = one("На Сумщині внаслідок обстрілу загинула одна людина.");
    expect(region!.place.admin1).toBe("Sumy Oblast");
    expect(region!.killed?.min).toBe(1);
  });

  it("does not make a strike of an air-raid alert, a downed drone count or a road accident", () => {
    expect(one("У Київській області оголошено повітряну тривогу. ППО збила 20 шахедів.")).toEqual([]);
    expect(one("У Львові внаслідок ДТП загинули двоє людей, ще троє травмовані.")).toEqual([]);
  });

  it("drops a toll over a week", () => {
    const events = one("За минулий тиждень на Херсонщині через обстріли загинули 20 людей.");
    expect(events.every((e) => e.killed === null)).toBe(true);
  });
});

describe("Russian reports", () => {
  it("reads a governor's post: a village by its kind, the region beside it", () => {
    const [event] = one(
      "Двое мужчин ранены в селе Устинка Белгородской области при атаке дрона ВСУ на автомобиль, сообщил губернатор.",
    );
    expect(event!.place.admin1).toBe("Belgorod Oblast");
    expect(event!.place.name).toBe("Ustinka");
    expect(event!.injured?.min).toBe(2);
    expect(event!.weapons).toContain("drone");
  });

  it("reads Russian spellings of Ukrainian towns and a rising toll", () => {
    const [event] = one(
      "Число погибших в Сумах в результате ракетного удара выросло до 11 человек. Среди погибших — двое подростков.",
    );
    expect(event!.place.name).toBe("Sumy");
    expect(event!.killed?.min).toBe(11);
    expect(event!.childrenKilled?.min).toBe(2);
  });

  it("reads 'не менее', a headline toll and 'мирных жителей' as civilians", () => {
    const [event] = one(
      "В результате обстрела Донецка погибли не менее четырех мирных жителей, еще семеро ранены.",
      "Обстрел Донецка: погибли четыре человека",
    );
    expect(event!.place.admin1).toBe("Donetsk Oblast");
    expect(event!.killed?.min).toBe(4);
    expect(event!.injured?.min).toBe(7);
    expect(event!.victims).toBe("civilian");
  });

  it("reads a strike with no casualties as damage only", () => {
    const [event] = one(
      "В Курске обломки беспилотника упали на жилой дом, повреждены окна и кровля. Пострадавших нет.",
    );
    expect(event!.place.name).toBe("Kursk");
    expect(event!.killed).toBeNull();
    expect(event!.injured).toBeNull();
    expect(event!.targets).toContain("residential building");
  });
});

describe("governors' and administrations' summaries", () => {
  it("counts a child named as a part of the toll", () => {
    const [event] = one(
      "Гладков: в Белгороде в результате атаки беспилотника пострадали три человека, в том числе ребенок.",
    );
    expect(event!.injured?.min).toBe(3);
    expect(event!.childrenInjured?.min).toBe(1);
  });

  it("reads a day's summary as a daily toll, never as one strike", () => {
    const [event] = one(
      "Упродовж доби росіяни 512 разів атакували 10 населених пунктів Запорізької області. Загинула одна людина, ще троє поранені.",
    );
    expect(event!.kind).toBe("daily");
    expect(event!.place.admin1).toBe("Zaporizhzhia Oblast");
    expect(event!.killed?.min).toBe(1);
    expect(event!.injured?.min).toBe(3);
  });
});

describe("places beyond Ukraine and Russia's border regions", () => {
  it("knows the regions of Russia that long-range drones reach", () => {
    const [event] = one(
      "Обломки беспилотника упали на промышленное предприятие в Калуге, возник пожар. Пострадавших нет.",
    );
    expect(event!.place.name).toBe("Kaluga");
    expect(event!.place.admin1).toBe("Kaluga Oblast");
    expect(event!.targets).toContain("industrial");
    expect(event!.killed).toBeNull();
  });

  it("reads a strike abroad at country level, and not a drone downed with no damage", () => {
    const [event] = one("Дві людини загинули у Польщі внаслідок падіння ракети біля кордону з Україною.");
    expect(event!.place).toMatchObject({ name: "Poland", precision: "country", country: "PL" });
    expect(event!.killed?.min).toBe(2);
    expect(
      one(
        "Над Калугой средствами ПВО уничтожены шесть БПЛА. Пострадавших и разрушений нет, сообщил губернатор.",
      ),
    ).toEqual([]);
  });
});

describe("transliteration of unknown settlements", () => {
  it("spells Ukrainian and Russian names in Latin letters", () => {
    expect(transliterate("Республіканець", "uk")).toBe("Respublikanets");
    expect(transliterate("Стальной Конь", "ru")).toBe("Stalnoy Kon");
    expect(transliterate("Згурівка", "uk")).toBe("Zghurivka");
  });
});

describe("raions", () => {
  it("reads a raion by its centre's adjective or nickname, in the centre's oblast", () => {
    const [nikopol] = one("У Нікопольському районі внаслідок атаки ворожого БпЛА поранена 43-річна жінка.");
    expect(nikopol!.place).toMatchObject({ name: "Nikopol Raion", admin1: "Dnipropetrovsk Oblast" });
    expect(nikopol!.injured?.min).toBe(1);
    const [izium] = one(
      "Российские оккупанты нанесли ракетные удары по Изюмскому району. Три работника объекта инфраструктуры получили ранения.",
    );
    expect(izium!.place).toMatchObject({ name: "Izium Raion", admin1: "Kharkiv Oblast" });
    expect(izium!.injured?.min).toBe(3);
    const [beryslav] = one("На Бериславщині через атаку дрона загинула 52-річна жінка.");
    expect(beryslav!.place.admin1).toBe("Kherson Oblast");
    expect(beryslav!.killed?.min).toBe(1);
  });
});

describe("datelines", () => {
  it("puts a district the gazetteer knows elsewhere in the dateline's city", () => {
    const [event] = one(
      "ДОНЕЦК, 12 мая. /ТАСС/. Один человек погиб и четверо получили ранения в результате обстрела Киевского района.",
    );
    expect(event!.place).toMatchObject({ name: "Donetsk", admin1: "Donetsk Oblast" });
    expect(event!.killed?.min).toBe(1);
    expect(event!.injured?.min).toBe(4);
  });
});
