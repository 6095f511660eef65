/**
 * The naive keyword extractor: the floor the real extractor must beat on the scoreboard. Deliberately
 * simple — the first region name in the text, the number right before "killed"/"dead", and an alert when
 * a casualty word and a place are there and no soldier/military word is. Not for production use.
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

/** The keyword guess for one article, or null when no region is named. */
export function keywordExtract(input: KeywordInput): KeywordEvent | null {
  const text = input.title ? `${input.title}\n${input.body}` : input.body;
  const found = PLACE.exec(text);
  if (!found) return null;
  const number = KILLED.exec(text)?.[1]?.toLowerCase();
  const killed =
    number === undefined ? null : /^\d+$/.test(number) ? Number(number) : NUMBER_WORDS.indexOf(number) + 1;
  return {
    place: SPELLING.get(found[1]!.toLowerCase())!,
    killed,
    alertable: HURT.test(text) && !MILITARY.test(text),
  };
}
