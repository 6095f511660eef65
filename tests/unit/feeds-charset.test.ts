import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeUtf8WithStrays, sniffCharset, utf8Evidence } from "../../functions/feeds/charset.js";
import { decodeFeedBody, decodeHtmlBody } from "../../functions/feeds/decode.js";

/** News sentences of our own, one per language, and the charsets feeds in that language use. */
const TEXTS: [string, string, string[]][] = [
  [
    "Russian",
    "В результате ракетного удара по Харькову погибли три человека, в том числе двое детей. Ещё не менее 36 человек получили ранения, сообщил глава областной администрации.",
    ["windows-1251", "koi8-r", "iso-8859-5", "ibm866"],
  ],
  [
    "Ukrainian",
    "Внаслідок удару керованою авіабомбою по Харкову загинули троє людей, серед них двоє дітей. Їхні сусіди розповіли, що вибухи було чути по всьому місту; є поранені.",
    ["windows-1251", "koi8-u", "iso-8859-5"],
  ],
  [
    "Greek",
    "Τρεις άνθρωποι σκοτώθηκαν και δεκάδες τραυματίστηκαν από επίθεση με πυραύλους στο Χάρκοβο, σύμφωνα με τις τοπικές αρχές.",
    ["windows-1253", "iso-8859-7"],
  ],
  [
    "Hebrew",
    "שלושה בני אדם נהרגו ועשרות נפצעו בתקיפת טילים על חרקוב, כך מסרו הרשויות המקומיות. בין ההרוגים שני ילדים.",
    ["windows-1255", "iso-8859-8"],
  ],
  [
    "Arabic",
    "قتل ثلاثة أشخاص وأصيب العشرات في هجوم صاروخي على مدينة خاركيف، بحسب السلطات المحلية. ومن بين القتلى طفلان.",
    ["windows-1256"],
  ],
  [
    "Thai",
    "มีผู้เสียชีวิตสามคนและบาดเจ็บหลายสิบคนจากการโจมตีด้วยขีปนาวุธที่เมืองคาร์คิฟ ตามรายงานของเจ้าหน้าที่ท้องถิ่น",
    ["tis-620"],
  ],
  [
    "Japanese",
    "ハルキウへのミサイル攻撃で、子ども２人を含む３人が死亡し、少なくとも３６人が負傷したと地元当局が発表した。",
    ["shift_jis", "euc-jp"],
  ],
  [
    "Simplified Chinese",
    "据当地官员称，对哈尔科夫的导弹袭击造成三人死亡，其中包括两名儿童，另有至少三十六人受伤。",
    ["gb2312"],
  ],
  [
    "Traditional Chinese",
    "據當地官員稱，對哈爾科夫的導彈襲擊造成三人死亡，其中包括兩名兒童，另有至少三十六人受傷。",
    ["big5"],
  ],
  [
    "Korean",
    "하르키우 미사일 공격으로 어린이 두 명을 포함해 세 명이 숨지고 최소 36명이 다쳤다고 현지 당국이 밝혔다.",
    ["euc-kr"],
  ],
  [
    "French",
    "Trois personnes ont été tuées, dont deux enfants, et au moins 36 blessées lors d'une frappe sur Kharkiv, a annoncé le gouverneur. « C'est une tragédie », a-t-il déclaré.",
    ["windows-1252"],
  ],
  [
    "Polish",
    "W wyniku ataku rakietowego na Charków zginęły trzy osoby, w tym dwoje dzieci. Co najmniej 36 osób zostało rannych, przekazał gubernator obwodu.",
    ["windows-1250", "iso-8859-2"],
  ],
  [
    "Turkish",
    "Harkiv'e düzenlenen füze saldırısında ikisi çocuk üç kişi hayatını kaybetti, en az 36 kişi yaralandı. Yetkililer arama çalışmalarının sürdüğünü açıkladı.",
    ["windows-1254"],
  ],
];

/** A feed whose text is `text`, encoded in `charset`, declaring nothing. */
function undeclared(text: string, charset: string): Buffer {
  return iconv.encode(
    `<?xml version="1.0"?><rss version="2.0"><channel><title>${text}</title></channel></rss>`,
    charset,
  );
}

describe("decodeFeedBody: undeclared legacy charsets are sniffed", () => {
  const cases = TEXTS.flatMap(([language, text, charsets]) =>
    charsets.flatMap((charset) => [
      [language, charset, "a headline", text.slice(0, 60)],
      [language, charset, "a paragraph", text],
    ]),
  );

  it.each(cases)("%s in %s (%s)", (_language, charset, _size, text) => {
    // Prepare
    const body = undeclared(text, charset);

    // Act
    const decoded = decodeFeedBody(body, "application/xml");

    // Assess
    expect(decoded).toContain(`<title>${text}</title>`);
  });

  it("reads a UTF-8 or server-default label on bytes that are neither as undeclared", () => {
    const text = TEXTS[0]![1];
    expect(decodeFeedBody(undeclared(text, "koi8-r"), "text/xml; charset=utf-8")).toContain(text);
    expect(decodeFeedBody(undeclared(text, "windows-1251"), "text/xml; charset=ISO-8859-1")).toContain(text);
  });

  it("keeps an explicit declaration, right or wrong, when the bytes are not UTF-8", () => {
    const body = iconv.encode(
      `<?xml version="1.0" encoding="iso-8859-5"?><rss><channel><title>Удар по Києву</title></channel></rss>`,
      "iso-8859-5",
    );
    expect(decodeFeedBody(body)).toContain("Удар по Києву");
  });
});

describe("C1 code points are read as windows-1252, as browsers do", () => {
  it("maps raw C1 characters in decoded text (windows-1252 read as Latin-1 upstream)", () => {
    const body = Buffer.from(
      "<rss><channel><title>don\u0092t \u0093stop\u0094 \u0081</title></channel></rss>",
      "utf8",
    );
    expect(decodeFeedBody(body)).toContain("<title>don\u2019t \u201cstop\u201d </title>");
  });

  it("decodes undeclared windows-1252 with its curly quotes and dashes", () => {
    const body = Buffer.concat([
      Buffer.from("<rss><channel><title>Kyiv"),
      Buffer.from([
        0x92, 0x73, 0x20, 0x93, 0x6e, 0x69, 0x67, 0x68, 0x74, 0x94, 0x20, 0x96, 0x20, 0x63, 0x61, 0x66, 0xe9,
      ]),
      Buffer.from("</title></channel></rss>"),
    ]);
    expect(decodeFeedBody(body)).toContain("<title>Kyiv\u2019s \u201cnight\u201d \u2013 caf\u00e9</title>");
  });

  it("applies to HTML pages too", () => {
    expect(decodeHtmlBody(Buffer.from([0x93, 0x4b, 0x79, 0x69, 0x76, 0x94]))).toBe("\u201cKyiv\u201d");
  });
});

describe("UTF-8 with stray bytes", () => {
  it("keeps the UTF-8 and reads the one stray byte as windows-1252", () => {
    // Prepare
    const body = Buffer.concat([
      Buffer.from("<rss><channel><title>Удар по Сумах — ", "utf8"),
      Buffer.from([0x92]),
      Buffer.from(" двоє поранених</title></channel></rss>", "utf8"),
    ]);

    // Act
    const decoded = decodeFeedBody(body);

    // Assess
    expect(utf8Evidence(body)).toEqual({ valid: 25, invalid: 1 });
    expect(decoded).toContain("<title>Удар по Сумах — \u2019 двоє поранених</title>");
  });

  it("decodeUtf8WithStrays leaves valid UTF-8 as it is", () => {
    const text = "Харків, Одеса, Kyiv — 3 killed";
    expect(decodeUtf8WithStrays(Buffer.from(text, "utf8"))).toBe(text);
  });

  it("does not take overlong forms or surrogates for UTF-8", () => {
    expect(utf8Evidence(Buffer.from([0xe0, 0x80, 0x80, 0xed, 0xa0, 0x80]))).toEqual({ valid: 0, invalid: 6 });
  });
});

describe("UTF-32", () => {
  const text = `<?xml version="1.0" encoding="UTF-32"?><rss><channel><title>Ракетна атака на Львів 🚀</title></channel></rss>`;

  function utf32(littleEndian: boolean, bom: boolean): Buffer {
    const codes = [...(bom ? "\uFEFF" : ""), ...text].map((c) => c.codePointAt(0)!);
    const bytes = Buffer.alloc(codes.length * 4);
    for (const [index, code] of codes.entries()) {
      if (littleEndian) bytes.writeUInt32LE(code, index * 4);
      else bytes.writeUInt32BE(code, index * 4);
    }
    return bytes;
  }

  it.each([
    ["LE with a BOM", true, true],
    ["BE with a BOM", false, true],
    ["LE without a BOM", true, false],
    ["BE without a BOM", false, false],
  ])("decodes %s", (_name, littleEndian, bom) => {
    expect(decodeFeedBody(utf32(littleEndian, bom))).toBe(
      `<?xml version="1.0"?><rss><channel><title>Ракетна атака на Львів 🚀</title></channel></rss>`,
    );
  });
});

describe("sniffCharset", () => {
  it("samples long runs without spaces (Chinese) and big bodies in bounded time", () => {
    // Prepare
    const chinese = TEXTS.find(([language]) => language === "Simplified Chinese")![1].repeat(200);
    const russian = `${TEXTS[0]![1]} `.repeat(30_000);

    // Act
    const started = performance.now();
    const charsets = [
      sniffCharset(iconv.encode(chinese, "gb2312")),
      sniffCharset(iconv.encode(russian, "koi8-r")),
    ];

    // Assess: the sample is 32 KB whatever the body (here 2 MB); a generous bound.
    expect(charsets).toEqual(["gb18030", "koi8-u"]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("falls back to windows-1252 when a few bytes tell nothing", () => {
    expect(sniffCharset(Buffer.from([0x41, 0xe9, 0x42]))).toBe("windows-1252");
  });

  it("does not take a Latin word that happens to be valid Big5 for Chinese", () => {
    expect(sniffCharset(iconv.encode("Müller Straße", "windows-1252"))).toBe("windows-1252");
  });
});
