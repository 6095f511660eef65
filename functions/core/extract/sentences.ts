/** Sentence splitting for news prose: paragraphs are lines; abbreviations and initials do not end a sentence. */
import { allMatches } from "./regex.js";

/** A sentence with its place in the text. */
export interface Sentence {
  text: string;
  /** Offset of the sentence in the full text. */
  start: number;
  paragraph: number;
}

const ABBREVIATION =
  /\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Maj|Capt|Sgt|Gov|Sen|Rep|St|Jr|Sr|No|vs|etc|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|U\.N|E\.U|a\.m|p\.m|i\.e|e\.g|[A-Z])\.$/;

/** Ukrainian and Russian abbreviations: "м. Харків", "г. Белгород", "с. Устинка", "вул. Шевченка", "обл.", "тис.". */
const ABBREVIATION_CYRILLIC =
  /(?:^|[\s(«"„])(?:м|г|с|смт|пгт|вул|ул|обл|р-н|просп|пр|пл|д|буд|им|ім|тис|тыс|млн|млрд|св|пос|п|ст|див|см|т\.\s?зв|т\.\s?е|т\.\s?д|т\.\s?п|н\.\s?п|[А-ЯІЇЄҐ])\.$/u;

/** Where a sentence may end: punctuation, then a capital or a digit. */
const BOUNDARY = /[.!?]+["”’')\]]*\s+(?=["“‘'([]?[A-Z0-9А-ЯІЇЄҐ])/g;
/** Where a clause ends inside a sentence. */
const JOINT =
  /;|,?\s+(?:while|whereas|but)\s+|,\s+(?:and|with)\s+(?=(?:in|on|at|near|another|a further|two|three|four|five|six|seven|eight|nine|ten|\d)\b)|[:—–]\s+(?=in\s)|,\s+(?:а|але|проте|однак|но|однако|тоді як|тогда как|в то время как)\s+|,\s+(?:і|та|й|и|а також|а также)\s+(?=(?:в|у|на|ще|еще|ещё|\d)[\s\d])/gi;

/** Splits `text` into sentences; each paragraph (line) starts a new one. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let offset = 0;
  let paragraph = 0;
  for (const line of text.split("\n")) {
    if (line.trim() !== "") {
      let start = 0;
      for (const match of allMatches(BOUNDARY, line)) {
        const end = match.index + match[0].length;
        const candidate = line.slice(start, match.index + 1);
        if (ABBREVIATION.test(candidate.trimEnd()) || ABBREVIATION_CYRILLIC.test(candidate.trimEnd()))
          continue;
        pushSentence(sentences, line.slice(start, end), offset + start, paragraph);
        start = end;
      }
      pushSentence(sentences, line.slice(start), offset + start, paragraph);
      paragraph += 1;
    }
    offset += line.length + 1;
  }
  return sentences;
}

function pushSentence(sentences: Sentence[], raw: string, start: number, paragraph: number): void {
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  if (text) sentences.push({ text, start: start + lead, paragraph });
}

/** Splits a sentence into clauses at strong joints (";", ", while", ", and in", ", but"). Offsets are sentence-relative. */
export function clauseBounds(sentence: string): Array<[number, number]> {
  // The extractor asks once per figure and target of the same sentence: keep the last answer.
  if (sentence === lastSentence) return lastBounds;
  const bounds: Array<[number, number]> = [];
  let start = 0;
  for (const match of allMatches(JOINT, sentence)) {
    bounds.push([start, match.index]);
    start = match.index + match[0].length;
  }
  bounds.push([start, sentence.length]);
  lastSentence = sentence;
  lastBounds = bounds;
  return bounds;
}

let lastSentence = "";
let lastBounds: Array<[number, number]> = [[0, 0]];
