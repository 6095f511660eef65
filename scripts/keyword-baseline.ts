/**
 * The naive keyword extractor: the floor the real extractor must beat on the scoreboard. Deliberately
 * simple — the first region name in the text, the number right before "killed"/"dead", and an alert when
 * a casualty word and a place are there and no soldier/military word is. Not for production use.
 * Ukrainian and Russian texts get the same naive rules over a small Cyrillic list: region stems, a strike
 * or casualty word, the number next to a killed word.
 */

/** What the keyword extractor reads of an article. */
export interface KeywordInput {
  title?: string;
  body: string;
}

/** Its one guess per article: where, how many killed, and whether it would alert. */
export interface KeywordEvent {
  place: { name: string; admin1: string; country: "UA" | "RU" };
  killed: number | null;
  alertable: boolean;
}

/** [admin1, country, spellings…]: the 24 oblasts, Kyiv, Crimea and three Russian border regions. The first spelling is the name. */
const REGIONS: Array<[string, "UA" | "RU", string, ...string[]]> = [
  ["Autonomous Republic of Crimea", "UA", "Crimea", "Crimean"],
  ["Cherkasy Oblast", "UA", "Cherkasy", "Cherkassy"],
  ["Chernihiv Oblast", "UA", "Chernihiv", "Chernigov"],
  ["Chernivtsi Oblast", "UA", "Chernivtsi", "Chernovtsy"],
  ["Dnipropetrovsk Oblast", "UA", "Dnipropetrovsk", "Dnepropetrovsk", "Dnipro", "Dnepr"],
  ["Donetsk Oblast", "UA", "Donetsk", "DPR"],
  ["Ivano-Frankivsk Oblast", "UA", "Ivano-Frankivsk", "Ivano-Frankovsk"],
  ["Kharkiv Oblast", "UA", "Kharkiv", "Kharkov"],
  ["Kherson Oblast", "UA", "Kherson"],
  ["Khmelnytskyi Oblast", "UA", "Khmelnytskyi", "Khmelnytsky", "Khmelnitsky"],
  ["Kirovohrad Oblast", "UA", "Kirovohrad", "Kirovograd", "Kropyvnytskyi"],
  ["Kyiv", "UA", "Kyiv", "Kiev"],
  ["Kyiv Oblast", "UA", "Kyiv Oblast", "Kyiv region", "Kiev region"],
  ["Luhansk Oblast", "UA", "Luhansk", "Lugansk", "LPR"],
  ["Lviv Oblast", "UA", "Lviv", "Lvov"],
  ["Mykolaiv Oblast", "UA", "Mykolaiv", "Mykolayiv", "Nikolaev", "Nikolayev"],
  ["Odesa Oblast", "UA", "Odesa", "Odessa"],
  ["Poltava Oblast", "UA", "Poltava"],
  ["Rivne Oblast", "UA", "Rivne", "Rovno"],
  ["Sumy Oblast", "UA", "Sumy"],
  ["Ternopil Oblast", "UA", "Ternopil"],
  ["Vinnytsia Oblast", "UA", "Vinnytsia", "Vinnitsa", "Vinnytsya"],
  ["Volyn Oblast", "UA", "Volyn", "Volhynia"],
  ["Zakarpattia Oblast", "UA", "Zakarpattia", "Transcarpathia"],
  ["Zaporizhzhia Oblast", "UA", "Zaporizhzhia", "Zaporizhia", "Zaporozhye"],
  ["Zhytomyr Oblast", "UA", "Zhytomyr", "Zhitomir"],
  ["Belgorod Oblast", "RU", "Belgorod", "Bilhorod"],
  ["Kursk Oblast", "RU", "Kursk"],
  ["Bryansk Oblast", "RU", "Bryansk"],
];
const SPELLING = new Map(
  REGIONS.flatMap(([admin1, country, name, ...rest]) =>
    [name, ...rest].map((s): [string, KeywordEvent["place"]] => [s.toLowerCase(), { name, admin1, country }]),
  ),
);
// Longest spelling first, so that "Kyiv region" wins over "Kyiv" where both start.
const PLACE = new RegExp(
  `\\b(${[...SPELLING.keys()].sort((a, b) => b.length - a.length).join("|")})\\b`,
  "i",
);
const NUMBER_WORDS = [
  ..."one two three four five six seven eight nine ten".split(" "),
  ..."eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split(" "),
];
// The number right before "killed"/"dead", one word allowed between ("three people killed").
const KILLED = new RegExp(`\\b(\\d+|${NUMBER_WORDS.join("|")})\\s+(?:[a-z]+\\s+)?(?:killed|dead)\\b`, "i");
const HURT =
  /\b(kill(?:ed|s|ing)?|dead|die[ds]?|deaths?|injur(?:ed|es|ing|y|ies)|wound(?:ed|ing|s)?|hurt)\b/i;
const MILITARY = /\b(soldiers?|troops?|military|servicem[ae]n|combatants?|fighters?|militants?|army)\b/i;

/** [English name, Cyrillic stems…]: Ukrainian and Russian spellings of the regions, matched at a word's start. */
const CYRILLIC: Array<[string, ...string[]]> = [
  ["Crimea", "крим", "крым"],
  ["Cherkasy", "черкас"],
  ["Chernihiv", "чернігів", "чернігов", "чернигов"],
  ["Chernivtsi", "чернівц", "черновц"],
  ["Dnipropetrovsk", "дніпр", "днепр"],
  ["Donetsk", "донец", "донеч"],
  ["Ivano-Frankivsk", "івано-франків", "ивано-франков"],
  ["Kharkiv", "харків", "харков", "харьков"],
  ["Kherson", "херсон"],
  ["Khmelnytskyi", "хмельниц"],
  ["Kirovohrad", "кропивниц", "кіровоград", "кировоград"],
  ["Kyiv", "київ", "києв", "киев"],
  ["Luhansk", "луган"],
  ["Lviv", "львів", "львов"],
  ["Mykolaiv", "миколаїв", "миколаєв", "николаев"],
  ["Odesa", "одес"],
  ["Poltava", "полтав"],
  ["Rivne", "рівне", "рівному", "рівнен", "ровно", "ровен"],
  ["Sumy", "суми", "сумах", "сумщин", "сумськ", "сумы", "сумск"],
  ["Ternopil", "тернопіл", "тернопол"],
  ["Vinnytsia", "вінниц", "винниц"],
  ["Volyn", "волин", "волын"],
  ["Zakarpattia", "закарпат"],
  ["Zaporizhzhia", "запоріж", "запорож"],
  ["Zhytomyr", "житомир"],
  ["Belgorod", "білгород", "белгород"],
  ["Kursk", "курськ", "курск"],
  ["Bryansk", "брянськ", "брянск"],
];
const STEM = new Map(
  CYRILLIC.flatMap(([name, ...stems]) => stems.map((stem): [string, string] => [stem, name.toLowerCase()])),
);
const CYRILLIC_PLACE = new RegExp(
  `(?<!\\p{L})(${[...STEM.keys()].sort((a, b) => b.length - a.length).join("|")})`,
  "iu",
);
const CYRILLIC_TEXT = /\p{Script=Cyrillic}/u;
const CYRILLIC_NUMBER: Record<string, number> = Object.fromEntries(
  [
    "один одна одного одну",
    "два дві две двоє двое двох двух",
    "три троє трое трьох троих",
    "чотири четыре четверо",
    "п'ять п'ятеро пять пятеро",
  ].flatMap((words, index) => words.split(" ").map((word) => [word, index + 1])),
);
const CYRILLIC_KILLED_STEM =
  "(?:загин\\p{L}*|загибл\\p{L}*|вбит\\p{L}*|вбил\\p{L}*|погиб\\p{L}*|убит\\p{L}*)";
const CYRILLIC_FIGURE = `(\\d+|${Object.keys(CYRILLIC_NUMBER).join("|")})(?!\\p{L})`;
// A figure right before the killed word ("3 людини загинули") or right after it ("погибли двое").
const CYRILLIC_KILLED = [
  new RegExp(`(?<!\\p{L})${CYRILLIC_FIGURE}\\s+(?:\\p{L}+\\s+)?${CYRILLIC_KILLED_STEM}`, "iu"),
  new RegExp(`${CYRILLIC_KILLED_STEM}\\s+(?:\\p{L}+\\s+)?${CYRILLIC_FIGURE}`, "iu"),
];
const CYRILLIC_HURT =
  /(?<!\p{L})(загин|загибл|вбит|вбил|поранен|постражд|травмован|погиб|убит|ранен|пострадал)/iu;
const CYRILLIC_STRIKE = /(?<!\p{L})(удар|обстріл|обстрел|ракет|дрон|бпла|атак|шахед|каб(?!\p{L}))/iu;
const CYRILLIC_MILITARY = /(?<!\p{L})(військов|военн|солдат|бойовик|боевик)/iu;

/** The first killed figure next to a killed word, or null. */
function cyrillicKilled(text: string): number | null {
  const plain = text.replace(/[’ʼ]/g, "'");
  for (const pattern of CYRILLIC_KILLED) {
    const word = pattern.exec(plain)?.[1]?.toLowerCase();
    if (word !== undefined) return /^\d+$/.test(word) ? Number(word) : CYRILLIC_NUMBER[word]!;
  }
  return null;
}

/**
 * The keyword guess for a Ukrainian or Russian text: the first region stem, a strike or casualty word
 * needed for any event at all, the figure next to a killed word, and an alert on a casualty word with no
 * soldier word.
 */
function cyrillicExtract(text: string): KeywordEvent | null {
  const found = CYRILLIC_PLACE.exec(text);
  if (!found || !(CYRILLIC_STRIKE.test(text) || CYRILLIC_HURT.test(text))) return null;
  return {
    place: SPELLING.get(STEM.get(found[1]!.toLowerCase())!)!,
    killed: cyrillicKilled(text),
    alertable: CYRILLIC_HURT.test(text) && !CYRILLIC_MILITARY.test(text),
  };
}

/** The keyword guess for one article, or null when no region is named. */
export function keywordExtract(input: KeywordInput): KeywordEvent | null {
  const text = input.title ? `${input.title}\n${input.body}` : input.body;
  const found = PLACE.exec(text);
  if (!found) return CYRILLIC_TEXT.test(text) ? cyrillicExtract(text) : null;
  const number = KILLED.exec(text)?.[1]?.toLowerCase();
  const killed =
    number === undefined ? null : /^\d+$/.test(number) ? Number(number) : NUMBER_WORDS.indexOf(number) + 1;
  return {
    place: SPELLING.get(found[1]!.toLowerCase())!,
    killed,
    alertable: HURT.test(text) && !MILITARY.test(text),
  };
}
