/**
 * extract(article) → StrikeEvent[]: one event per place the text says was struck, with its toll,
 * weapons, targets, victims and who claims it. Pure and synchronous; rules over sentences and
 * clauses, the gazetteer for places and numbers.ts for counts. No model, no I/O.
 */
import type { Article } from "../article.js";
import { shortHash } from "../article.js";
import { strikeDateReader } from "./dates.js";
import {
  contains,
  findPlaceMentions,
  type GazEntry,
  lookupRegion,
  regionsByStem,
  resolveMentions,
} from "./gazetteer.js";
import { detectLanguage, type Language } from "./language.js";
import {
  ACTOR_AFTER,
  AGGREGATE_AFTER,
  ATTRIBUTION,
  CHILD_NOUN,
  CIVILIAN_CUE,
  CIVILIAN_NOUN,
  CIVILIAN_PEOPLE,
  COMBINED_AFTER,
  COMBINED_BEFORE,
  DAILY_CUE,
  DAMAGE_CUE,
  FIGHTING_CUE,
  HYPOTHETICAL_BEFORE,
  INJURED_AFTER,
  INJURED_BEFORE,
  KILLED_AFTER,
  KILLED_BEFORE,
  LOCATIVE_BEFORE,
  MILITARY_CUE,
  MILITARY_NOUN,
  MILITARY_PEOPLE,
  NOT_ATTACK,
  NOT_TARGET_BEFORE,
  OFFICE_AFTER,
  OFFICE_BEFORE,
  PAST_BEFORE,
  PAST_EVENT,
  PERIOD_CUE,
  REFERENCE_BEFORE,
  STRIKE_CUE,
  TARGETS,
  TOLL_RISE,
  VICTIM_STATEMENT,
  WEAPONS,
} from "./lexicon.js";
import {
  ACTOR_AFTER_CYRILLIC,
  AGGREGATE_AFTER_CYRILLIC,
  ATTACK_OR_TOLL_CYRILLIC,
  ATTRIBUTION_CYRILLIC,
  CASUALTY_GATE_CYRILLIC,
  CASUALTY_WORD_CYRILLIC,
  CASUALTY_WORD_GATE_CYRILLIC,
  CHILD_NOUN_CYRILLIC,
  CIVILIAN_CUE_CYRILLIC,
  CIVILIAN_NOUN_CYRILLIC,
  CIVILIAN_PEOPLE_CYRILLIC,
  COMBINED_AFTER_CYRILLIC,
  COMBINED_BEFORE_CYRILLIC,
  DAILY_CUE_CYRILLIC,
  DAMAGE_CUE_CYRILLIC,
  DAMAGED_PLACE_CYRILLIC,
  FIGHTING_CUE_CYRILLIC,
  HIT_VERB_CYRILLIC,
  HYPOTHETICAL_BEFORE_CYRILLIC,
  INCLUDING_CHILDREN_CYRILLIC,
  INJURED_AFTER_CYRILLIC,
  INJURED_BEFORE_CYRILLIC,
  INJURED_RIGHT_AFTER_CYRILLIC,
  INTERCEPTED_CYRILLIC,
  JOIN_NEXT_CYRILLIC,
  KILLED_AFTER_CYRILLIC,
  KILLED_BEFORE_CYRILLIC,
  KILLED_RIGHT_AFTER_CYRILLIC,
  LIST_GAP_CYRILLIC,
  LIST_TAIL_CYRILLIC,
  LOCATIVE_BEFORE_CYRILLIC,
  MILITARY_CUE_CYRILLIC,
  MILITARY_NOUN_CYRILLIC,
  MILITARY_PEOPLE_CYRILLIC,
  NEGATION_BEFORE_CYRILLIC,
  NO_DAMAGE_CYRILLIC,
  NONE_BEFORE_CYRILLIC,
  NOT_ATTACK_CYRILLIC,
  NOT_TARGET_BEFORE_CYRILLIC,
  OFFICE_AFTER_CYRILLIC,
  OFFICE_BEFORE_CYRILLIC,
  PART_BEFORE_CYRILLIC,
  PAST_EVENT_CYRILLIC,
  PAST_GATE_CYRILLIC,
  PERIOD_CUE_CYRILLIC,
  PERSON_NOUN_CYRILLIC,
  REFERENCE_BEFORE_CYRILLIC,
  SELF_INJURED_CYRILLIC,
  SELF_KILLED_CYRILLIC,
  SPREAD_AFTER_CYRILLIC,
  SPREAD_CYRILLIC,
  STRIKE_CUE_CYRILLIC,
  STRUCK_AFTER_CYRILLIC,
  STRUCK_BEFORE_CYRILLIC,
  TARGET_GATE_CYRILLIC,
  TARGETS_CYRILLIC,
  THING_AFTER_CYRILLIC,
  THREAT_CYRILLIC,
  TOLL_MENTION_CYRILLIC,
  TOLL_RISE_CYRILLIC,
  TOLL_WORD_CYRILLIC,
  UNCOUNTED_CYRILLIC,
  WEAPON_GATE_CYRILLIC,
  WEAPON_NAMED_CYRILLIC,
  WEAPONS_CYRILLIC,
  WHERE_CYRILLIC,
} from "./lexicon-cyrillic.js";
import { findQuantities, findQuantitiesCyrillic, numberValue, type Quantity } from "./numbers.js";
import { allMatches } from "./regex.js";
import { clauseBounds, type Sentence, splitSentences } from "./sentences.js";
import { transliterate } from "./translit.js";
import type { Count, Place, StrikeEvent, Victims } from "./types.js";

export type { Count, Place, StrikeEvent, Victims } from "./types.js";

/** The part of an article the extractor reads. */
export type ExtractInput = Pick<Article, "body"> &
  Partial<Pick<Article, "title" | "publishedAt" | "fetchedAt">>;

/** A place mention inside one sentence that may be a target. Spans are sentence-relative. */
interface Unit {
  entry: GazEntry;
  start: number;
  end: number;
  locative: boolean;
  /** Named only as an office ("governor of the Donetsk region"): a place only when nothing else is. */
  weak: boolean;
}

type Role = "killed" | "injured" | "combined";
type VictimClass = "civilian" | "military";

/** A casualty figure as one sentence gives it. */
interface Casualty {
  role: Role;
  count: Count;
  child: boolean;
  victim: VictimClass | null;
  /** The figure counts "people", not a kind of victim: it may be the total of the kinds beside it. */
  generic: boolean;
  /** A part of the figure before it ("including two children"), not people besides it. */
  part: boolean;
  /** People named one by one ("a man", "his wife", "an elderly couple"): listed ones add up. */
  person: boolean;
  rise: boolean;
  start: number;
  end: number;
}

/** A casualty figure attributed to a place, with where it was read. */
interface Observation extends Casualty {
  sentence: number;
  /** A toll over a day ("over the past 24 hours"), not one strike's. */
  daily: boolean;
}

/** A casualty figure as read in sentence `sentence`. */
function observation(casualty: Casualty, sentence: number, daily: boolean): Observation {
  // Spelt out, not `{ ...casualty, sentence, daily }`: Node 20's V8 builds a spread followed by more properties
  // on a slow path, some twenty times slower, and every figure of every report passes here.
  const { role, count, child, victim, generic, part, person, rise, start, end } = casualty;
  return { role, count, child, victim, generic, part, person, rise, start, end, sentence, daily };
}

/** What the text says about one place, gathered over the sentences. */
interface Builder {
  entry: GazEntry;
  order: number;
  observations: Observation[];
  casualtySentences: string[];
  contextSentences: string[];
  weapons: Set<string>;
  targets: Set<string>;
  damage: boolean;
  attributedTo: string | null;
  lastCasualtySentence: number;
  /** Who the victims were, said outright ("most of the casualties were servicemen"). */
  statedVictims: Set<VictimClass>;
}

/** Cheap tests that spare a sentence the full patterns when none of their words is in it. */
const CASUALTY_GATE =
  /kill|dead|die|death|wound|injur|hurt|hospital|casualt|victim|bod(?:y|ies)|toll|lost (?:their|his|her)|fatal|perish|rose|risen|climb/;
/** A casualty said outright: what makes a sentence an event's without an attack word. */
const CASUALTY_WORD_GATE =
  /kill|dead\b|died|dies\b|death|wound|injur|hurt|casualt|fatal|perish|lost (?:their|his|her) li/;
/** Every weapon pattern contains one of these. */
const WEAPON_GATE =
  /bomb|fab|kab|umpk|cluster|missile|kh-|kalibr|iskander|kn-23|kinzhal|oreshnik|atacms|s-[34]00|shahed|geran|kamikaze|loitering|drone|fpv|uav|unmanned|mlrs|rocket|grad|uragan|smerch|himars|tornado|artillery|shell|howitzer|mortar/;
const PAST_GATE = /earlier|last|previous|prior|after|before|ago|similar|separate|in (?:19|20)\d\d/;
const TARGET_GATE =
  /resid|apartment|stor(?:e)?y|rise|block|flats|housing|house|home|dwelling|cottage|kindergarten|nursery|school|lyceum|gymnasium|hospital|clinic|maternity|medical|universit|college|institute|academy|market|shop|mall|store|pizzeria|restaurant|caf|power|energy|electric|heating|thermal|gas|substation|station|railway|train|bus|tram|port|grain|harbo|church|cathedral|monastery|sport|rink|stadium|playground|park|industr|enterprise|factor|plant|warehouse|depot|refinery|infrastructure|car|vehicle|garage|military|airfield|air base|training|command|decision|administrative|office|city hall|official/;

/** What a place of a short list learns from the figure it shares: that there were casualties. */
const SHARED = {
  role: "combined",
  count: { min: 1, approximate: true },
  child: false,
  generic: true,
  part: false,
  person: false,
  rise: false,
} as const;
/** The most places a shared figure may name and still say each had casualties. */
const MAX_SHARED = 3;
/** How far into a report a barrage "across the country" colours its lists. */
const SPREAD_LEAD_SENTENCES = 5;
/** The headline and the first sentences: what a short feed item is. */
const LEAD_SENTENCES = 3;
const SPREAD_SENTENCE =
  /\b(?:across (?:the country|ukraine|the nation)|nationwide|(?:several|many|multiple|numerous|dozens of|\d+|two|three|four|five|six|seven|eight|nine|ten) (?:cities|regions|towns|oblasts)|around the country|from (?:the )?east to (?:the )?west)\b/i;
const SPREAD_LOWER = lowered(SPREAD_SENTENCE);

/** True when a (lower-cased) sentence spreads its figures over many places. */
function spreadOver(lower: string): boolean {
  return L.spread.test(lower);
}

/**
 * Tolls of the headline and lead that name no place go to the one place the lead names (a town and the
 * region holding it count as one); with none or several, they stay unplaced.
 */
function attachOrphans(
  orphans: Array<{ observation: Observation; text: string }>,
  leadPlaces: GazEntry[],
  builderFor: (entry: GazEntry) => Builder,
): void {
  if (orphans.length === 0 || leadPlaces.length === 0) return;
  const precise = leadPlaces.filter(
    (place) =>
      !leadPlaces.some((other) => other !== place && other.id !== place.id && contains(place, other)),
  );
  const distinct = [...new Map(precise.map((place) => [place.id, place])).values()];
  if (distinct.length !== 1) return;
  const builder = builderFor(distinct[0]!);
  for (const { observation, text } of orphans) {
    builder.observations.push(observation);
    if (!builder.casualtySentences.includes(text)) builder.casualtySentences.push(text);
  }
  builder.observations.sort((a, b) => a.sentence - b.sentence || a.start - b.start);
}

/** How many sentences after its last mention a place stays the one the story is about. */
const FOCUS_SENTENCES = 3;
/** People named one by one: "a woman", "her two-month-old son", "young child" — found by the noun, read backwards (personAt). */
const PERSON_NOUN =
  /\b(?:man|woman|person|resident|civilian|child|boy|girl|baby|infant|toddler|teenager|pensioner|driver|soldier|serviceman|pilot|rescuer|firefighter|police officer|policeman|medic|paramedic|journalist|volunteer|worker|employee|passenger|nurse|doctor|adviser|advisor|guard|photographer|cameraman|reporter|farmer|teacher|priest|cyclist|pedestrian|daughter|son|mother|father|husband|wife|grandmother|grandfather|grandson|granddaughter|grandchild|brother|sister|nephew|niece|uncle|aunt|neighbou?r)\b/g;
const DETERMINERS = new Set(["a", "an", "one", "her", "his", "their", "its", "the"]);
/** Words that end a person phrase read backwards: they are no modifier of the noun. */
const NOT_MODIFIER = new Set([
  ..."and or of in on at by to with was were is are has have had as when after no not".split(" "),
]);
const VERBISH = /^(?:kill|injur|wound|hurt|die|dead)/;

/**
 * The person phrase ending at a noun: up to two modifiers ("elderly", "11-year-old") and a determiner
 * before them, or none. Returns the phrase's start and its determiner.
 */
function personAt(lower: string, nounStart: number): { start: number; determiner: string | undefined } {
  let start = nounStart;
  let modifiers = 0;
  const word = /([a-z0-9-]+)\s+$/;
  while (true) {
    const previous = word.exec(lower.slice(Math.max(0, start - 24), start));
    if (!previous) return { start, determiner: undefined };
    const text = previous[1]!;
    const at = start - previous[0].length;
    if (DETERMINERS.has(text)) return { start: at, determiner: text };
    if (modifiers === 2 || NOT_MODIFIER.has(text) || VERBISH.test(text))
      return { start, determiner: undefined };
    modifiers += 1;
    start = at;
  }
}
/** Where a person named without a determiner still counts: a headline's start, after "and", after a casualty verb. */
const BARE_PERSON_BEFORE =
  /(?:^|\band|\bkill(?:s|ed|ing)?|\binjur(?:es|ed|ing|e)|\bwound(?:s|ed|ing)?|\bhurt(?:s|ing)?|:)\s*$/i;
/** "injuring the driver": the victim named with "the". */
const THE_PERSON =
  /\b(?:killing|injuring|wounding|killed|injured|wounded)\s+(the\s+(?:driver|passenger|owner|pilot|conductor|guard|watchman|resident|pensioner))\b/gi;
/** Nouns after a figure that show it counts things, not people ("two residential buildings"). */
const THING_AFTER =
  /^\s+(?:(?!(?:killed|injured|wounded|dead|died|hurt|people|civilians|residents|were|was|have|had|when|and|in|on|at|as|after)\b)[a-z-]+\s+){0,2}?(?:buildings?|houses|homes|blocks|flats|apartments|cars|vehicles|trucks|buses|missiles|drones|rockets|shells|bombs|floors|storeys|stories|sections|entrances|schools|hospitals|substations|facilities|enterprises|regions|oblasts|districts|villages|towns|cities|settlements|waves|explosions|days|hours|weeks|months|years|km|kilometres|metres|tonnes|points|times)\b/i;
/** Casualties said without a count; each stands for "some" (a combined figure of at least one). */
const UNCOUNTED =
  /\b(?:(?:deadly|fatal|lethal)\s+(?:[a-z-]+\s+){0,3}?(?:strikes?|attacks?|shelling|barrage|salvo|wave|bombing|bombardment|missile|drone|raid)|casualties\s+(?:were\s+|have\s+been\s+|are\s+)?reported|(?:there\s+(?:are|were)|with)\s+casualties|(?:civilians|people|residents)\s+(?:were\s+|have\s+been\s+)?(?:killed|injured|wounded|hurt))\b/g;
const UNCOUNTED_TEXT = "casualties";
/** Words that count people: a couple, twins, a family of N. The capture, when there is one, is the size. */
const PEOPLE_GROUP =
  /\b(?:(?:an?|the|one)\s+(?:(?:elderly|older|young|married|retired)\s+)?couple\b(?!\s+of)|twins\b|(?:an?|the)\s+family\s+of\s+([a-z]+|\d+)\b)/g;
const CHILD_SINGULAR = /^(?:child|boy|girl|baby|infant|toddler|teenager|grandchild)$/i;
const YOUNG =
  /\b(?:(?:[1-9]|1[0-7]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)-(?:year|month)-old|baby|infant|little|newborn|teenage|young|school-age)\b/i;
const INCLUDING_CHILDREN =
  /\b(?:including|among them|among whom)\s+(?:several\s+|some\s+|young\s+)?(children|a child|kids|minors|teenagers|a teenager|a boy|a girl|a baby|an infant)\b/i;
const CASUALTY_WORD = /\b(killed|dead|died|lost their lives|wounded|injured|hurt|hospitali[sz]ed)\b/gi;

/** A case-insensitive pattern as a case-sensitive one for lower-cased text (several times faster in V8). */
function lowered(pattern: RegExp): RegExp {
  return new RegExp(pattern.source.toLowerCase(), pattern.flags.replace("i", ""));
}
const STRIKE_LOWER = lowered(STRIKE_CUE);
const BARE_PERSON_BEFORE_LOWER = lowered(BARE_PERSON_BEFORE);
const THE_PERSON_LOWER = lowered(THE_PERSON);
const INCLUDING_CHILDREN_LOWER = lowered(INCLUDING_CHILDREN);
const DAMAGE_LOWER = lowered(DAMAGE_CUE);
const NOT_ATTACK_LOWER = lowered(NOT_ATTACK);
const MILITARY_PEOPLE_LOWER = lowered(MILITARY_PEOPLE);
const CIVILIAN_PEOPLE_LOWER = lowered(CIVILIAN_PEOPLE);
const PERIOD_LOWER = lowered(PERIOD_CUE);
const DAILY_LOWER = lowered(DAILY_CUE);
const PAST_EVENT_LOWER = lowered(PAST_EVENT);

/** True when a (lower-cased) sentence gives a toll over a day. */
function dailyToll(lower: string): boolean {
  return L.mayBeDaily(lower) && L.daily.test(lower);
}

const DAMAGED_PLACE =
  /^\s*(?:['’]s)?\s*(?:was|were|has been|had been|came under)\s+(?:hit|struck|shelled|bombed|fire|attack)/i;
const SPREAD_AFTER =
  /^[^.;]{0,40}?\b(?:across (?:the country|ukraine|the nation|several|many|multiple|\w+ (?:cities|regions|towns|oblasts))|nationwide|in several|in (?:various|multiple|different|other)|and (?:other|several|many) (?:cities|towns|regions|places|settlements|villages)|elsewhere|around the country)\b/i;
/** "the village of X" (the name is the first capture) … */
const SETTLEMENT_OF = String.raw`\b(?:village|town|settlement|hamlet|city|suburb)\s+of\s+([A-Z][a-z’'-]+(?:[\s-][A-Z][a-z’'-]+)?)`;
/** … and "X, a village" (the second). */
const SETTLEMENT_NAMED = String.raw`\b([A-Z][a-z’'-]+(?:[\s-][A-Z][a-z’'-]+)?),\s+(?:a|the)\s+(?:small\s+|nearby\s+|frontline\s+|front-line\s+)?(?:village|settlement|hamlet)\b`;
const SETTLEMENT = new RegExp(`${SETTLEMENT_OF}|${SETTLEMENT_NAMED}`, "g");
/** SETTLEMENT for a text without "village", "settlement" or "hamlet", where only the first form can match. */
const SETTLEMENT_OF_ONLY = new RegExp(SETTLEMENT_OF, "g");
/** "в селе Устинка", "у селі Республіканець", "пгт Анна", "с. Стальной Конь": a settlement named by its kind. */
const SETTLEMENT_CYRILLIC =
  /(?<![\p{L}])(?:сел[оіеау]|селищ[еіау]|поселк[еау]|посёлк[еау]|поселок|посёлок|деревн[яіеюи]|хутор[іеау]?|містечк[оуі]|городе|смт|пгт|с\.|п\.|д\.)\s+([А-ЯІЇЄҐ][\p{L}'’ʼ-]+(?:[\s-][А-ЯІЇЄҐ][\p{L}'’ʼ-]+)?)/gu;
/** A gazetteer village this small, named as a village in a story about another oblast, is its namesake there. */
const NAMESAKE_POPULATION = 10_000;

// The words around a figure or a place, read in the lower-cased sentence.
const THING_AFTER_LOWER = lowered(THING_AFTER);
const AGGREGATE_AFTER_LOWER = lowered(AGGREGATE_AFTER);
const PAST_BEFORE_LOWER = lowered(PAST_BEFORE);
const HYPOTHETICAL_BEFORE_LOWER = lowered(HYPOTHETICAL_BEFORE);
const COMBINED_BEFORE_LOWER = lowered(COMBINED_BEFORE);
const KILLED_BEFORE_LOWER = lowered(KILLED_BEFORE);
const INJURED_BEFORE_LOWER = lowered(INJURED_BEFORE);
const COMBINED_AFTER_LOWER = lowered(COMBINED_AFTER);
const KILLED_AFTER_LOWER = lowered(KILLED_AFTER);
const INJURED_AFTER_LOWER = lowered(INJURED_AFTER);
const ACTOR_AFTER_LOWER = lowered(ACTOR_AFTER);
const NOT_TARGET_BEFORE_LOWER = lowered(NOT_TARGET_BEFORE);
const REFERENCE_BEFORE_LOWER = lowered(REFERENCE_BEFORE);
const LOCATIVE_BEFORE_LOWER = lowered(LOCATIVE_BEFORE);
const DAMAGED_PLACE_LOWER = lowered(DAMAGED_PLACE);
const OFFICE_AFTER_LOWER = lowered(OFFICE_AFTER);
const OFFICE_BEFORE_LOWER = lowered(OFFICE_BEFORE);
const SPREAD_AFTER_LOWER = lowered(SPREAD_AFTER);
const TOLL_RISE_LOWER = lowered(TOLL_RISE);
const VICTIM_STATEMENT_LOWER = lowered(VICTIM_STATEMENT);
const CIVILIAN_CUE_LOWER = lowered(CIVILIAN_CUE);
const MILITARY_CUE_LOWER = lowered(MILITARY_CUE);
const FIGHTING_CUE_LOWER = lowered(FIGHTING_CUE);
const CHILD_NOUN_LOWER = lowered(CHILD_NOUN);
const MILITARY_NOUN_LOWER = lowered(MILITARY_NOUN);
const CIVILIAN_NOUN_LOWER = lowered(CIVILIAN_NOUN);

/** A weapon named outright: a sentence with one is about an attack, whatever accident words are near. */
const WEAPON_NAMED =
  /missile|drone|shelling|shelled|rocket|airstrike|air strike|artillery|bombard|guided bomb|aerial bomb|shahed/;
const ATTACK_OR_TOLL =
  /kill|dead|died|death|injur|wound|strike|struck|attack|shell|missile|drone|bomb|rocket/;

/** True when every clause of a sentence that tells of casualties also tells of an accident, a crime or demining. */
function noAttackClause(sentence: string): boolean {
  const clauses = clauseBounds(sentence).map(([start, stop]) => sentence.slice(start, stop).toLowerCase());
  const told = clauses.filter((clause) => L.casualtyGate.test(clause));
  return (told.length > 0 ? told : clauses).every((clause) => L.notAttack.test(clause));
}

/** A (lower-cased) sentence that tells of an earlier attack: a past marker with an attack or a toll beside it. */
function aboutPastAttack(lower: string): boolean {
  const past = L.pastEvent.exec(lower);
  if (!past) return false;
  const near = lower.slice(Math.max(0, past.index - 50), past.index + past[0].length + 50);
  return L.attackOrToll.test(near);
}

function isChildWord(text: string): boolean {
  return /^(?:a child|a boy|a girl|a baby|an infant|a teenager)$/i.test(text);
}

/** The role of a quantity from the words right around it (read in `lower`, the sentence lower-cased), or null. */
function roleOf(lower: string, q: Quantity, previousEnd: number, nextStart: number): Role | null {
  const before = lower.slice(Math.max(previousEnd, q.start - 160), q.start);
  // "A woman (73) was killed": an aside in brackets says nothing of the role.
  const after = lower.slice(q.end, Math.min(nextStart, q.end + 90)).replace(/^\s*\([^)]{0,30}\)/, "");
  // A keyword right before the number binds tighter than one further on ("death of 22 people and the injury of …").
  const own = L.ownRole(q.text.toLowerCase(), lower.slice(q.end, q.end + 40));
  if (own) return own;
  if (L.combinedBefore.test(before)) return "combined";
  if (L.killedBefore.test(before)) return "killed";
  if (L.injuredBefore.test(before)) return "injured";
  // "killed a father and wounded a neighbour": a verb after "and" starts the next person's clause.
  if (/^\s*,?\s*and\s+(?:wound|injur|kill|hurt|left)/.test(after)) return null;
  if (L.combinedAfter.test(after)) return "combined";
  const killed = L.killedAfter.exec(after);
  const injured = L.injuredAfter.exec(after);
  if (killed && injured) return killed[0].length <= injured[0].length ? "killed" : "injured";
  if (killed) return "killed";
  if (injured) return "injured";
  return null;
}

/** Who a figure counts, from the lower-cased words after it. */
function victimNoun(after: string): VictimClass | null {
  after = after.replace(/^\s+of\s+(?:its|their|his|her|our|the)\b/, "");
  if (L.militaryNoun.test(after)) return "military";
  if (L.civilianNoun.test(after) || L.childNoun.test(after) || /^\s+person\b/.test(after)) return "civilian";
  return null;
}

/** True when the (lower-cased) words before a figure put it in another, earlier attack. */
function pastBefore(before: string): boolean {
  return L.mayBePastBefore(before) && L.pastBefore.test(before);
}

/** Quantities of a sentence (`lower`: the sentence lower-cased) plus "a woman", "her daughter" as one each. */
function quantitiesIn(sentence: string, lower: string): Quantity[] {
  const quantities = L.quantities(sentence, lower).filter(
    (q) =>
      !L.noneBefore.test(lower.slice(Math.max(0, q.start - 16), q.start)) &&
      !L.thingAfter.test(lower.slice(q.end, q.end + 40)) &&
      !L.aggregateAfter.test(lower.slice(q.end, q.end + 100)) &&
      !pastBefore(lower.slice(Math.max(0, q.start - 120), q.start)) &&
      !L.hypotheticalBefore.test(lower.slice(Math.max(0, q.start - 120), q.start)),
  );
  L.persons(lower, quantities);
  // Casualties without a figure: "deadly strikes", "casualties were reported", "civilians killed".
  for (const match of allMatches(L.uncounted, lower)) {
    const start = match.index;
    if (L.negationBefore.test(lower.slice(Math.max(0, start - 10), start))) continue;
    // "seven people killed", "a woman was killed": counted after all.
    if (quantities.some((q) => start <= q.end + 12 && q.start < start + match[0].length)) continue;
    quantities.push({
      start,
      end: start + match[0].length,
      text: UNCOUNTED_TEXT,
      count: { min: 1, approximate: true },
    });
  }
  // People counted by words: "an elderly couple" (2), "twins" (2), "a family of five" (5).
  // (Every form holds one of these words, and most sentences hold none: the cheap test spares the scan.)
  const grouped = lower.includes("couple") || lower.includes("twins") || lower.includes("family");
  for (const match of grouped ? allMatches(PEOPLE_GROUP, lower) : []) {
    const start = match.index;
    const end = start + match[0].length;
    const size = match[1] ? numberValue(match[1]) : 2;
    if (size === undefined) continue;
    const inside = quantities.findIndex((q) => start < q.end && q.start < end);
    if (inside >= 0 && !(quantities[inside]!.start >= start && quantities[inside]!.end <= end)) continue;
    if (inside >= 0) quantities.splice(inside, 1);
    quantities.push({
      start,
      end: start + match[0].length,
      text: match[0],
      count: { min: size, approximate: false },
    });
  }
  return quantities.sort((a, b) => a.start - b.start);
}

/** "a woman", "her daughter", "the driver" as one each (English). */
function englishPersons(lower: string, quantities: Quantity[]): void {
  for (const match of allMatches(THE_PERSON_LOWER, lower)) {
    const start = match.index + match[0].length - match[1]!.length;
    quantities.push({
      start,
      end: start + match[1]!.length,
      text: match[1]!,
      count: { min: 1, approximate: false },
    });
  }
  for (const noun of allMatches(PERSON_NOUN, lower)) {
    const end = noun.index + noun[0].length;
    const { start: phraseStart, determiner } = personAt(lower, noun.index);
    // Without a determiner the phrase counts only where a list or a verb leads (checked below).
    const start = phraseStart;
    const phrase = lower.slice(phraseStart, end);
    if (quantities.some((q) => start < q.end && q.start < end)) continue;
    const before = lower.slice(Math.max(0, phraseStart - 12), phraseStart);
    if (/\b(?:no|not)\s*$/.test(before)) continue;
    // "the" names one person only with an age ("the 11-year-old boy").
    if (determiner === "the" && !/\d|-old/.test(phrase)) continue;
    const listed =
      /,\s*$/.test(before) &&
      /^\s+(?:was\s+|is\s+)?(?:killed|injured|wounded|hurt|dies|died)\b/.test(lower.slice(end));
    if (!determiner && !BARE_PERSON_BEFORE_LOWER.test(before) && !listed) continue;
    quantities.push({
      start: phraseStart,
      end,
      text: determiner ? phrase : `a ${phrase}`,
      count: { min: 1, approximate: false },
    });
  }
}

/**
 * One person named by a noun in a Ukrainian or Russian sentence ("загинула 65-річна жінка", "ранен мужчина",
 * "є загиблий"): one each, unless a figure already counts them ("одна людина", "двоє жінок").
 */
function cyrillicPersons(lower: string, quantities: Quantity[]): void {
  const counted = [...quantities];
  for (const noun of allMatches(PERSON_NOUN_CYRILLIC, lower)) {
    const start = noun.index;
    const end = start + noun[0].length;
    // A figure right before, with at most two words between ("одна 65-річна жінка"), counts the noun already.
    if (
      counted.some(
        (q) => q.end <= start && /^\s+(?:[\p{L}\d'’ʼ-]+\s+){0,2}$/u.test(lower.slice(q.end, start)),
      )
    )
      continue;
    if (quantities.some((q) => start < q.end && q.start < end)) continue;
    if (L.negationBefore.test(lower.slice(Math.max(0, start - 10), start))) continue;
    // The noun's adjectives belong to the phrase ("мирный житель", "65-річна жінка"): the words before them say its role.
    let phraseStart = start;
    for (let words = 0; words < 2; words += 1) {
      const previous = /([\p{L}\d'’ʼ-]+)\s+$/u.exec(lower.slice(Math.max(0, phraseStart - 30), phraseStart));
      if (
        !previous ||
        !ADJECTIVE_CYRILLIC.test(previous[1]!) ||
        NOT_ADJECTIVE_CYRILLIC.has(previous[1]!) ||
        L.casualtyGate.test(previous[1]!)
      )
        break;
      phraseStart -= previous[0].length;
    }
    if (quantities.some((q) => phraseStart < q.end && q.start < end)) continue;
    quantities.push({ start: phraseStart, end, text: noun[0], count: { min: 1, approximate: false } });
  }
}

/** The casualty figures of one sentence (`lower`: the sentence lower-cased), each with its role. */
function casualtiesIn(sentence: string, lower: string, previousRole: Role | null): Casualty[] {
  const quantities = quantitiesIn(sentence, lower);
  const roles = quantities.map((q, index) =>
    roleOf(
      lower,
      q,
      index > 0 ? quantities[index - 1]!.end : 0,
      quantities[index + 1]?.start ?? sentence.length,
    ),
  );
  // "two soldiers and three civilians were killed", "Seven people, including a child, were killed":
  // a figure joined to the next by "and" or "including" takes the next one's role.
  for (let index = quantities.length - 2; index >= 0; index -= 1) {
    if (roles[index] || !roles[index + 1]) continue;
    const between = sentence.slice(quantities[index]!.end, quantities[index + 1]!.start);
    if (L.joinNext.test(between)) {
      roles[index] = roles[index + 1]!;
    }
  }
  // "killed three people in Dnipro and three in Pokrovsk": a figure after "and" repeats the role before it.
  for (let index = 1; index < quantities.length; index += 1) {
    if (roles[index] || !roles[index - 1]) continue;
    const between = sentence.slice(quantities[index - 1]!.end, quantities[index]!.start);
    const after = sentence.slice(quantities[index]!.end, quantities[index]!.end + 30);
    const parallel =
      /^\s+(?:[\w’'-]+\s+){0,4}?(?:and|,)\s*$/i.test(between) &&
      /^\s+(?:more\s+|others?\s+|people\s+)?(?:in|at|on|near)\b/i.test(after);
    // "killing a young woman and her two-month-old son": the second person shares the verb.
    // (The English and the Cyrillic forms never meet the other script's words.)
    const joinedPerson =
      (/^\s*(?:,|and|,\s*and)\s*$/i.test(between) &&
        /^(?:a|an|one|her|his|their|the)\s/i.test(quantities[index]!.text)) ||
      (PERSON_WORD.test(quantities[index]!.text) && JOINED_CYRILLIC.test(between));
    if (parallel || joinedPerson) roles[index] = roles[index - 1]!;
  }
  // "deadly strikes", "casualties reported": a combined figure, whatever words are near.
  quantities.forEach((q, index) => {
    if (q.text === UNCOUNTED_TEXT) roles[index] = "combined";
  });
  const found: Casualty[] = [];
  for (let index = 0; index < quantities.length; index += 1) {
    const q = quantities[index]!;
    const nextStart = quantities[index + 1]?.start ?? sentence.length;
    // The words right after and before the figure, lower-cased.
    const after = lower.slice(q.end, Math.min(nextStart, q.end + 40));
    const singular = /^(?:a|an|one|her|his|their|the)\s/i.test(q.text) ? q.text.split(/\s+/).pop()! : "";
    // A person named by a noun ("жінка", "ребенок"): the noun says who, not the words after it.
    const noun = PERSON_WORD.test(q.text) ? ` ${q.text.toLowerCase()}` : "";
    const child =
      L.childNoun.test(noun || after) ||
      CHILD_SINGULAR.test(singular) ||
      (/^(?:daughter|son|grandson|granddaughter)s?$/i.test(singular) && YOUNG.test(q.text)) ||
      /^\s+(?:of them|of whom)\s+(?:were\s+)?(?:children|minors)/.test(after);
    const lead = lower.slice(Math.max(0, q.start - 60), q.start);
    let role = roles[index] ?? null;
    // "three dead, including two boys …": a part of the figure before takes its role.
    const part = child && L.partBefore.test(lead);
    if (part && found.length > 0) role = found.at(-1)!.role;
    // "it had risen to 39": the toll of the sentence before.
    if (
      !role &&
      previousRole &&
      /\b(?:it|this|that|the figure|the toll)\s+(?:had |has |later |then )?(?:risen|rose|climbed|increased|grown|grew|reached|was|stood at)\s+(?:to\s+)?$/.test(
        lead,
      )
    ) {
      role = previousRole;
    }
    if (!role && /^\s+(?:of them|of whom)\b/.test(after) && found.length > 0) {
      // "five of them fatally" is handled by the caller's arithmetic; a bare "two of them" adds nothing.
      continue;
    }
    if (!role) continue;
    const victim: VictimClass | null = singular
      ? MILITARY_NOUN.test(` ${singular}`) || singular === "pilot"
        ? "military"
        : "civilian"
      : victimNoun(noun || after);
    found.push({
      role,
      count: q.count,
      child,
      victim,
      generic: !singular && /^\s+(?:people|persons|others)\b/.test(after),
      part,
      person: singular !== "" || noun !== "",
      rise: L.tollRise.test(lead),
      start: q.start,
      end: q.end,
    });
  }
  const including = L.includingChildren.exec(lower);
  // "10 wounded, including children": the casualty word nearest before "including" says which.
  const word = including
    ? allMatches(L.casualtyWord, sentence.slice(Math.max(0, including.index - 60), including.index)).at(
        -1,
      )?.[1]
    : undefined;
  if (including && word && !found.some((c) => c.child)) {
    found.push({
      role: L.killedWord.test(word) ? "killed" : "injured",
      count: { min: 1, approximate: !isChildWord(including[1]!) },
      child: true,
      victim: "civilian",
      generic: false,
      part: true,
      person: false,
      rise: false,
      start: including.index + including[0].length - including[1]!.length,
      end: including.index + including[0].length,
    });
  }
  return splitFatal(sentence, found);
}

/** "27 people were killed or wounded, five of them fatally": 5 killed and 22 injured. */
function splitFatal(sentence: string, found: Casualty[]): Casualty[] {
  const combined = found.find((c) => c.role === "combined");
  const fatal =
    combined &&
    /^,?\s*(\w+(?:-\w+)?)\s+of\s+them\s+fatally/i.exec(
      sentence.slice(combined.end).replace(/^[^,]*?(?=,)/, ""),
    );
  if (!combined || !fatal) return found;
  const killed = findQuantities(fatal[1]!)[0]?.count;
  if (!killed || killed.min > combined.count.min) return found;
  return [
    ...found.filter((c) => c !== combined),
    { ...combined, role: "killed", count: killed },
    { ...combined, role: "injured", count: { ...combined.count, min: combined.count.min - killed.min } },
  ];
}

/** The place mentions of a sentence that can be a target: countries and speakers dropped, containers folded into what they contain. */
function unitsIn(
  sentence: Sentence,
  lower: string,
  mentions: Array<{ start: number; end: number; place: GazEntry }>,
): Unit[] {
  const units: Unit[] = [];
  let excludedEnd = -1;
  for (const mention of mentions) {
    // Ukraine and Russia are too wide to be a strike's place; a country abroad is ("впала ракета у Польщі").
    if (
      mention.place.precision === "country" &&
      (!L.countriesAbroad || HOME_COUNTRIES.has(mention.place.country))
    )
      continue;
    const start = mention.start - sentence.start;
    const end = mention.end - sentence.start;
    const before = lower.slice(Math.max(0, start - 40), start);
    const after = lower.slice(end, end + 40);
    // "taken to hospitals in Pokrovsk and Dnipro": what a list continues shares the list's role.
    const continuesExcluded =
      excludedEnd >= 0 && L.listContinue.test(sentence.text.slice(excludedEnd, start));
    if (L.actorAfter.test(after) || L.notTargetBefore.test(before) || continuesExcluded) {
      excludedEnd = end;
      continue;
    }
    const previous = units.at(-1);
    if (previous && start - previous.end < 50 && L.referenceBefore.test(lower.slice(previous.end, start)))
      continue;
    // "Zaporizhzhia's Shevchenkivskyi district": a district of another city than the one named is not this one.
    if (
      mention.place.precision === "district" &&
      previous &&
      previous.entry.precision === "city" &&
      previous.entry.name !== mention.place.city &&
      /^['’]s\s+$/.test(sentence.text.slice(previous.end, start))
    ) {
      continue;
    }
    units.push({
      entry: mention.place,
      start,
      end,
      locative: L.locativeBefore.test(before) || L.damagedPlace.test(after),
      weak: L.officeAfter.test(after) || L.officeBefore.test(before),
    });
  }
  // "Kharkiv's Saltiv district", "Kupiansk, Kharkiv region", "In the Kherson region, … in the city of Kherson":
  // keep the precise place, once.
  const kept: Unit[] = [];
  for (const unit of units) {
    const near = kept.find((other) => contains(other.entry, unit.entry) || contains(unit.entry, other.entry));
    if (!near) {
      // The same place named again further on is kept: "shelled Pokrovsk and Myrnohrad, injuring a person in Pokrovsk".
      if (!kept.some((other) => other.entry.id === unit.entry.id && unit.start - other.end < 20))
        kept.push(unit);
      continue;
    }
    if (contains(near.entry, unit.entry) && near.entry.id !== unit.entry.id) {
      kept[kept.indexOf(near)] = {
        entry: unit.entry,
        // "Kharkiv's Saltiv district" is one span; in a Ukrainian or Russian sentence, a region named far before
        // its town ("атакували Дніпропетровську область: … у Нікополі") is not the town's.
        start: L.townOwnSpan && unit.start - near.end > 15 ? unit.start : Math.min(near.start, unit.start),
        end: unit.end,
        locative: near.locative || unit.locative,
        weak: near.weak && unit.weak,
      };
    }
  }
  // (A town that took its region's place keeps its own span in Ukrainian and Russian: the order may change.)
  if (L.townOwnSpan) kept.sort((a, b) => a.start - b.start);
  const strong = kept.filter((unit) => !unit.weak);
  return strong.length > 0 ? strong : kept;
}

/** The oblast of every other city or district the story names, when they agree on one. */
function storyRegion(known: Array<{ start: number; place: GazEntry }>, except: number): GazEntry | undefined {
  const admin1 = new Set(
    known
      .filter((m) => m.start !== except && (m.place.precision === "city" || m.place.precision === "district"))
      .map((m) => m.place.admin1),
  );
  if (admin1.size !== 1) return undefined;
  const [name] = [...admin1];
  const region = name ? lookupRegion(name) : undefined;
  return region?.precision === "admin1" ? region : undefined;
}

/**
 * A place the gazetteer does not hold (a village, a raion), in an oblast it does, at the coordinates of `at`
 * (the oblast, or the raion's centre). Its id is negative, from its name and oblast: the same in every report.
 */
function placeBeyondGazetteer(name: string, admin1: string, at: GazEntry): GazEntry {
  return {
    id: -Number.parseInt(shortHash(`${admin1}|${name}`).slice(0, 12), 16),
    name,
    admin1,
    country: at.country,
    lat: at.lat,
    lon: at.lon,
    precision: "city",
    population: 0,
  };
}

/** Villages too small for the gazetteer, named as "the village of X": a place in the region the text names. */
function settlementMentions(
  text: string,
  known: Array<{ start: number; end: number; place: GazEntry }>,
  language: Language,
) {
  const found: Array<{ start: number; end: number; place: GazEntry; local?: string }> = [];
  const regions = known.filter((m) => m.place.precision === "admin1");
  // The second form tries every capitalised word: most reports hold none of its nouns and are spared it.
  const named = text.includes("village") || text.includes("settlement") || text.includes("hamlet");
  const pattern = language !== "en" ? SETTLEMENT_CYRILLIC : named ? SETTLEMENT : SETTLEMENT_OF_ONLY;
  for (const match of allMatches(pattern, text)) {
    let written = match[1] ?? match[2]!;
    // "в селе Устинка Белгородской области": a place the gazetteer knows ends the name before it.
    const nameStart = match[1] ? match.index + match[0].length - written.length : match.index;
    const next =
      language !== "en" && known.find((m) => m.start > nameStart && m.start < nameStart + written.length);
    if (next) written = written.slice(0, next.start - nameStart).trimEnd();
    // "хутор Чигрина Красноармейского района": the district's adjective is no part of the name.
    if (language !== "en")
      written = written.replace(/[\s-]+\p{L}+(?:ськ|ск|цьк|цк)(?:ого|ой|ий|ая|ої|ій|а|е)$/u, "");
    const name = language === "en" ? written : transliterate(written, language);
    const start = nameStart;
    const end = start + written.length;
    if (lookupRegion(name)?.precision === "admin1") continue;
    // The story's oblast: a region named near, else the one every other place of the story lies in.
    const region =
      regions.find((m) => m.start >= end && m.start - end < 60)?.place ??
      (language === "en"
        ? regions.find((m) => Math.abs(m.start - end) < 400)?.place
        : new Set(regions.map((m) => m.place.id)).size === 1
          ? regions[0]?.place
          : undefined) ??
      storyRegion(known, start);
    if (!region) continue;
    // A gazetteer name that covers the whole phrase wins ("Lozova" in "Cherkaska Lozova" does not), unless it is a
    // small namesake in another oblast than the story's ("Bilenke, a village on the outskirts of" Kramatorsk).
    const covering = known.find((m) => m.start <= start && m.end >= end);
    if (
      covering &&
      (covering.place.admin1 === region.admin1 ||
        covering.place.population >= NAMESAKE_POPULATION ||
        covering.place.precision !== "city")
    )
      continue;
    const admin1 = region;
    found.push({
      start,
      end,
      place: placeBeyondGazetteer(name, admin1.name, admin1),
      ...(language !== "en" ? { local: written } : {}),
    });
  }
  return found;
}

/**
 * "у Нікопольському районі", "по Изюмскому району", "на Бериславщині": a raion named by its centre's
 * adjective or nickname. The gazetteer has no raions; the centre town does: the raion is a place in the
 * centre's oblast, at the centre ("Nikopol Raion").
 */
const RAION_CYRILLIC =
  /(?<![\p{L}])([А-ЯІЇЄҐ][\p{L}'’ʼ-]+?)(?:(ськ|цьк|зьк|ск|цк)(?:ий|ого|ому|им|ім|ій|ом|ой|ая|а|е|ої)\s+(?:район|районі|району|районом|районе|района|районах|городск\p{L}*\s+округ\p{L}*|міськ\p{L}*\s+громад\p{L}*)|щин(?:а|і|у|ою|и|е|ой))(?![\p{L}])/gu;

function raionMentions(
  text: string,
  known: Array<{ start: number; end: number; place: GazEntry }>,
): Array<{ start: number; end: number; place: GazEntry; local?: string }> {
  const found: Array<{ start: number; end: number; place: GazEntry; local?: string }> = [];
  for (const match of allMatches(RAION_CYRILLIC, text)) {
    const start = match.index;
    const end = start + match[0].length;
    if (known.some((m) => m.start < end && start < m.end)) continue;
    const stem = match[1]!;
    // "Куп'янський" is Куп'янськ's, "Ізюмський" Ізюм's, "Сумський" Суми's: the centre's name, tried longest first.
    const names = match[2]
      ? [`${stem}${match[2]}`, stem, stem.replace(/ь$/, ""), `${stem}и`, `${stem}а`]
      : [stem, stem.replace(/ь$/, "")];
    let centre: GazEntry | undefined;
    for (const name of names) {
      const mention = findPlaceMentions(name).find((m) => m.start === 0 && m.end === name.length);
      centre = mention?.candidates.find((c) => c.precision === "city");
      if (centre) break;
    }
    if (!centre?.admin1) continue;
    found.push({
      start,
      end,
      place: placeBeyondGazetteer(`${centre.name} Raion`, centre.admin1, centre),
      local: match[0],
    });
  }
  return found;
}

/**
 * "ДОНЕЦК, 12 мая. /ТАСС/. … обстрела Киевского района": a city district named in a Ukrainian or Russian report
 * that names another city and never the district's own is a district of that other city, which the gazetteer
 * does not divide (not Kyiv's or Odesa's namesake district).
 */
function foreignDistrict(place: GazEntry, mentions: Array<{ place: GazEntry }>): boolean {
  if (place.precision !== "district" || !place.city) return false;
  const cities = mentions.filter((m) => m.place.precision === "city");
  return cities.length > 0 && !cities.some((m) => m.place.name === place.city);
}

/** A place followed by another that the gazetteer does not know, or by "a village": a list all the same. */
const LIST_TAIL =
  /^(?:['’]s)?\s*(?:,?\s*and|,?\s*or)\s+(?:(?:other|several|many|nearby)\s+(?:cities|towns|regions|places|settlements|villages|areas)\b|elsewhere\b|(?:the\s+)?[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)?\b(?!\s+(?:said|says|reported|told))|(?:a|an|another|two|three|several|nearby|the nearby)\s+(?:nearby\s+)?(?:village|town|settlement|suburb|city|community|communities|villages|towns))/;

/** True when the units are written as a list ("Kharkiv, Sumy and Odesa"). */
function isList(sentence: string, units: Unit[]): boolean {
  if (units.length < 2) return false;
  const sorted = [...units].sort((a, b) => a.start - b.start);
  for (let index = 1; index < sorted.length; index += 1) {
    const gap = sentence.slice(sorted[index - 1]!.end, sorted[index]!.start);
    if (L.listGap.test(gap)) return true;
  }
  return false;
}

/**
 * Which place(s) a figure or a target at sentence position [at, end) belongs to; empty when the text does not
 * say. `lower` is the sentence lower-cased.
 */
function placesFor(
  sentence: string,
  lower: string,
  at: number,
  end: number,
  units: Unit[],
  focus: GazEntry | null,
  spreadIsAll: boolean,
): GazEntry[] {
  if (!spreadIsAll && L.spreadAfter.test(lower.slice(end))) return [];
  const clause = clauseBounds(sentence).find(([start, stop]) => at >= start && at <= stop) ?? [
    0,
    sentence.length,
  ];
  const inClause = units.filter((unit) => unit.start >= clause[0] && unit.end <= clause[1]);
  // "… in Kyiv, as an attack on six cities across Ukraine killed two": the figure is the barrage's.
  const placeAfter = inClause.some((unit) => unit.start >= end && unit.start - end < 45 && unit.locative);
  if (!spreadIsAll && !placeAfter && spreadOver(lower.slice(clause[0], at))) return [];
  // "… and Kyiv, where at least seven people were hurt": the place the "where" follows.
  const where = inClause.filter((unit) => unit.end <= at).at(-1);
  if (where && L.where.test(sentence.slice(where.end, at))) return [where.entry];
  // "three in Kharkiv and two in Sumy": a locative place right after the figure, not the head of a list.
  const next = inClause.find((unit) => unit.start >= end && unit.start - end < 45 && unit.locative);
  if (next) {
    const followers = inClause.filter((unit) => unit.start > next.start);
    const listed =
      (followers.length > 0 && isList(sentence, [next, followers[0]!])) ||
      (!spreadIsAll && L.listTail.test(sentence.slice(next.end, next.end + 40)));
    const between = sentence.slice(end, next.start);
    // (In Ukrainian and Russian the place ends its clause: "у Запоріжжі поранено двох людей, у Нікополі …".)
    if (
      !listed &&
      !/\d|\b(?:another|while)\b/.test(between) &&
      (!L.commaEndsClause || !between.includes(","))
    )
      return [next.entry];
    if (listed && spreadIsAll)
      return inClause.filter((unit) => unit.start >= next.start).map((unit) => unit.entry);
  }
  if (inClause.length === 1) {
    const only = inClause[0]!;
    if (!spreadIsAll && L.listTail.test(sentence.slice(only.end, only.end + 40))) return [];
    return [only.entry];
  }
  if (inClause.length > 1) {
    if (isList(sentence, inClause)) return spreadIsAll ? inClause.map((unit) => unit.entry) : [];
    const before = inClause.filter((unit) => unit.end <= at && unit.locative);
    return before.length > 0 ? [before.at(-1)!.entry] : [];
  }
  // The one place of the sentence, unless it comes after a ";" that follows the figure ("Six killed …;
  // Kyiv's statue …"); a place before the ";" is the one the figure is about ("shelled Nikopol; a boy was wounded").
  if (units.length === 1 && !(units[0]!.start > end && sentence.slice(end, units[0]!.start).includes(";")))
    return [units[0]!.entry];
  if (units.length === 0 && focus) return [focus];
  return [];
}

/** The oblast every place of a sentence lies in, when they are more than one and share it. */
function regionOfAll(units: Unit[]): GazEntry | undefined {
  const admin1 = units[0]?.entry.admin1;
  if (units.length < 2 || !admin1 || units.some((unit) => unit.entry.admin1 !== admin1)) return undefined;
  const region = lookupRegion(admin1);
  return region?.precision === "admin1" ? region : undefined;
}

/**
 * "14 injured in strikes on Kyiv, Kharkiv and Cherkasy": a short list of places (two or three) that
 * shares a figure had casualties in each; a longer one is a nationwide tally and names none.
 */
function sharedBy(
  sentence: string,
  lower: string,
  at: number,
  units: Unit[],
  spreadLead: () => boolean,
): GazEntry[] {
  const clause = clauseBounds(sentence).find(([start, stop]) => at >= start && at <= stop) ?? [
    0,
    sentence.length,
  ];
  const inClause = units.filter((unit) => unit.start >= clause[0] && unit.end <= clause[1]);
  if (inClause.length < 2 || inClause.length > MAX_SHARED || !isList(sentence, inClause)) return [];
  if (
    spreadLead() ||
    spreadOver(lower) ||
    L.listTail.test(sentence.slice(inClause.at(-1)!.end, inClause.at(-1)!.end + 40))
  )
    return [];
  return inClause.map((unit) => unit.entry);
}

function newBuilder(entry: GazEntry, order: number): Builder {
  return {
    entry,
    order,
    observations: [],
    casualtySentences: [],
    contextSentences: [],
    weapons: new Set(),
    targets: new Set(),
    damage: false,
    attributedTo: null,
    lastCasualtySentence: -1,
    statedVictims: new Set(),
  };
}

/** True when every top-level alternative of a pattern source starts with "\b". */
function startsAtWordBoundary(source: string): boolean {
  let depth = 0;
  let inClass = false;
  let alternativeStart = 0;
  for (let at = 0; at <= source.length; at += 1) {
    const char = source[at];
    if (char === "\\") {
      at += 1;
    } else if (inClass) {
      if (char === "]") inClass = false;
    } else if (char === "[") {
      inClass = true;
    } else if (char === "(") {
      depth += 1;
    } else if (char === ")") {
      depth -= 1;
    } else if (depth === 0 && (char === "|" || char === undefined)) {
      if (!source.startsWith("\\b", alternativeStart)) return false;
      alternativeStart = at + 1;
    }
  }
  return true;
}

/** A table of [pattern, label] compiled into one regular expression, so a text is scanned once. */
class LabelMatcher {
  private readonly pattern: RegExp;
  /** For each table row: the index of its whole-match group and the label. */
  private readonly rows: Array<{ group: number; label: string }> = [];

  /** `unicode`: a table of lower-case patterns with the `u` flag (Ukrainian, Russian), used as written. */
  constructor(table: Array<[RegExp, string]>, unicode = false) {
    let group = 1;
    const sources: string[] = [];
    for (const [pattern, label] of table) {
      sources.push(`(${pattern.source})`);
      this.rows.push({ group, label });
      group += 1 + (new RegExp(`${pattern.source}|`, unicode ? "u" : "").exec("")!.length - 1);
    }
    if (unicode) {
      this.pattern = new RegExp(sources.join("|"), "gu");
      return;
    }
    // Matched against lower-cased text: case-insensitive patterns are several times slower in V8.
    const source = sources.join("|").toLowerCase();
    // A "\b" in front of the whole alternation lets V8 skip positions inside words instead of trying
    // every row there (about 2.5× faster); it changes nothing when every row already starts with one.
    const wordInitial = table.every(([pattern]) => startsAtWordBoundary(pattern.source));
    this.pattern = new RegExp(wordInitial ? `\\b(?:${source})` : source, "g");
  }

  /** Every match, left to right, with its label ("$1" filled from the row's first inner group). */
  matches(text: string, lower = text.toLowerCase()): Array<{ label: string; start: number; end: number }> {
    return allMatches(this.pattern, lower).map((match) => {
      const row = this.rows.find((candidate) => match[candidate.group] !== undefined)!;
      return {
        label: row.label.replace("$1", (match[row.group + 1] ?? "").toUpperCase()),
        start: match.index,
        end: match.index + match[0].length,
      };
    });
  }
}

/**
 * The words of one language the rules read: every pattern the sentence loop applies to lower-cased text.
 * English is the lexicon of lexicon.ts; Ukrainian and Russian share the one of lexicon-cyrillic.ts.
 */
interface Lexicon {
  language: "en" | "uk-ru";
  casualtyGate: RegExp;
  casualtyWordGate: RegExp;
  weaponGate: RegExp;
  pastGate: RegExp;
  targetGate: RegExp;
  strike: RegExp;
  damage: RegExp;
  notAttack: RegExp;
  militaryPeople: RegExp;
  civilianPeople: RegExp;
  period: RegExp;
  daily: RegExp;
  pastEvent: RegExp;
  thingAfter: RegExp;
  aggregateAfter: RegExp;
  pastBefore: RegExp;
  hypotheticalBefore: RegExp;
  combinedBefore: RegExp;
  killedBefore: RegExp;
  injuredBefore: RegExp;
  combinedAfter: RegExp;
  killedAfter: RegExp;
  injuredAfter: RegExp;
  actorAfter: RegExp;
  notTargetBefore: RegExp;
  referenceBefore: RegExp;
  locativeBefore: RegExp;
  damagedPlace: RegExp;
  /** DAMAGED_PLACE for text as written. */
  damagedPlaceCased: RegExp;
  officeAfter: RegExp;
  officeBefore: RegExp;
  spreadAfter: RegExp;
  tollRise: RegExp;
  victimStatement: RegExp;
  civilianCue: RegExp;
  militaryCue: RegExp;
  fightingCue: RegExp;
  childNoun: RegExp;
  militaryNoun: RegExp;
  civilianNoun: RegExp;
  spread: RegExp;
  includingChildren: RegExp;
  weaponNamed: RegExp;
  attackOrToll: RegExp;
  weapons: LabelMatcher;
  targets: LabelMatcher;
  uncounted: RegExp;
  casualtyWord: RegExp;
  /** A casualty word that says death (of the words casualtyWord finds). */
  killedWord: RegExp;
  /** Words right before a figure that deny it ("no", "not a single"). */
  noneBefore: RegExp;
  /** Words right before an uncounted casualty phrase that deny it. */
  negationBefore: RegExp;
  /** A part of the figure before ("including", "серед них"). */
  partBefore: RegExp;
  /** Between a figure without a role and the next one that lends it its role. */
  joinNext: RegExp;
  listGap: RegExp;
  listContinue: RegExp;
  listTail: RegExp;
  where: RegExp;
  /** The first casualty word of a sentence. */
  tollWord: RegExp;
  /** A sentence that speaks of the toll (for an attribution said after it). */
  tollMention: RegExp;
  attribution: Array<{ phrase: RegExp; needs?: RegExp }>;
  /** Verbs of striking a thing: the targets of a sentence with one were hit (with `damage`). */
  hitVerb: RegExp;
  /** Words right before a place that say it was struck ("удар по Рівному"). */
  struckBefore: RegExp;
  /** Words right after a place that say it was struck ("у Львові пролунали вибухи"). */
  struckAfter: RegExp;
  /** How many sentences after its last mention a place stays the one the story is about. */
  focusSentences: number;
  /** The head-counts of a sentence: digits and number words (numbers.ts). */
  quantities: (sentence: string, lower: string) => Quantity[];
  /** Adds the people a sentence counts by words ("a woman", "загинула жінка"). */
  persons: (lower: string, quantities: Quantity[]) => void;
  /** A role a figure says by itself or right after it ("є загиблий", "одна постраждала"), before the words around. */
  ownRole: (text: string, right: string) => Role | null;
  /** Cheap tests that spare a sentence the daily cue, and a figure the past-attack words. */
  mayBeDaily: (lower: string) => boolean;
  mayBePastBefore: (before: string) => boolean;
  // How reports in this language are written: the rules their form needs.
  /** A casualty figure with a place makes an event without an attack word (English news; not Russian channels). */
  casualtyOnlyContext: boolean;
  /** A country abroad is a strike's place ("ракета впала у Польщі"). */
  countriesAbroad: boolean;
  /** A town named far after its region keeps its own span ("атакували Дніпропетровську область: … у Нікополі"). */
  townOwnSpan: boolean;
  /** A comma ends a figure's clause before the next place ("у Запоріжжі поранено двох, у Нікополі …"). */
  commaEndsClause: boolean;
  /** Raions named by their centre's adjective or nickname are places. */
  raions: boolean;
  /** A district known only in another city than the one the report names is that city's (a dateline's). */
  districtsOfNamedCity: boolean;
  /** A post headed by an accident or a crime, naming no weapon, tells of no strike. */
  headlineAccidentVetoes: boolean;
  /** A post that opens on a day's summary gives daily tolls. */
  leadDaily: boolean;
  /** Drones or missiles downed: no strike unless damage is said. */
  intercepted: RegExp;
  /** A strike threatened or possible. */
  threat: RegExp;
  /** Damage denied ("разрушений нет"). */
  noDamage: RegExp;
}

/** The countries the gazetteer knows town by town. */
const HOME_COUNTRIES = new Set(["UA", "RU"]);

/** Never matches: a rule the language has no words for. */
const NEVER = /(?!)/;

const EN: Lexicon = {
  language: "en",
  casualtyGate: CASUALTY_GATE,
  casualtyWordGate: CASUALTY_WORD_GATE,
  weaponGate: WEAPON_GATE,
  pastGate: PAST_GATE,
  targetGate: TARGET_GATE,
  strike: STRIKE_LOWER,
  damage: DAMAGE_LOWER,
  notAttack: NOT_ATTACK_LOWER,
  militaryPeople: MILITARY_PEOPLE_LOWER,
  civilianPeople: CIVILIAN_PEOPLE_LOWER,
  period: PERIOD_LOWER,
  daily: DAILY_LOWER,
  pastEvent: PAST_EVENT_LOWER,
  thingAfter: THING_AFTER_LOWER,
  aggregateAfter: AGGREGATE_AFTER_LOWER,
  pastBefore: PAST_BEFORE_LOWER,
  hypotheticalBefore: HYPOTHETICAL_BEFORE_LOWER,
  combinedBefore: COMBINED_BEFORE_LOWER,
  killedBefore: KILLED_BEFORE_LOWER,
  injuredBefore: INJURED_BEFORE_LOWER,
  combinedAfter: COMBINED_AFTER_LOWER,
  killedAfter: KILLED_AFTER_LOWER,
  injuredAfter: INJURED_AFTER_LOWER,
  actorAfter: ACTOR_AFTER_LOWER,
  notTargetBefore: NOT_TARGET_BEFORE_LOWER,
  referenceBefore: REFERENCE_BEFORE_LOWER,
  locativeBefore: LOCATIVE_BEFORE_LOWER,
  damagedPlace: DAMAGED_PLACE_LOWER,
  damagedPlaceCased: DAMAGED_PLACE,
  officeAfter: OFFICE_AFTER_LOWER,
  officeBefore: OFFICE_BEFORE_LOWER,
  spreadAfter: SPREAD_AFTER_LOWER,
  tollRise: TOLL_RISE_LOWER,
  victimStatement: VICTIM_STATEMENT_LOWER,
  civilianCue: CIVILIAN_CUE_LOWER,
  militaryCue: MILITARY_CUE_LOWER,
  fightingCue: FIGHTING_CUE_LOWER,
  childNoun: CHILD_NOUN_LOWER,
  militaryNoun: MILITARY_NOUN_LOWER,
  civilianNoun: CIVILIAN_NOUN_LOWER,
  spread: SPREAD_LOWER,
  includingChildren: INCLUDING_CHILDREN_LOWER,
  weaponNamed: WEAPON_NAMED,
  attackOrToll: ATTACK_OR_TOLL,
  weapons: new LabelMatcher(WEAPONS),
  targets: new LabelMatcher(TARGETS),
  uncounted: UNCOUNTED,
  casualtyWord: CASUALTY_WORD,
  killedWord: /killed|dead|died|lost/i,
  noneBefore: /\b(?:no|none of the|not a single)\s*$/,
  negationBefore: /\b(?:no|not|without|zero)\s+$/,
  partBefore: /\b(?:including|among them|of whom|of them|among the dead|among those)\s*$/,
  joinNext:
    /^(?:\s+[\w’'-]+){0,3}\s*(?:,|and|or|as well as|plus|,?\s*including|,?\s*among them)\s*(?:(?:his|her|their)\s+)?$/i,
  listGap: /^(?:['’]s)?\s*(?:,|,?\s*and|,?\s*or|\/)\s*(?:the\s+)?(?:cities of\s+|regions of\s+)?$/i,
  listContinue: /^\s*(?:,|and|or|,\s*and)\s*$/,
  listTail: LIST_TAIL,
  where: /^,?\s+where\b[^,;]*$/i,
  tollWord: /kill|dead|died|injur|wound|hurt/,
  tollMention: /\b(?:toll|casualt|figures?|dead|killed|injured|wounded|victims)\b/,
  attribution: ATTRIBUTION,
  hitVerb: NEVER,
  struckBefore: NEVER,
  struckAfter: NEVER,
  focusSentences: FOCUS_SENTENCES,
  quantities: findQuantities,
  persons: englishPersons,
  ownRole: () => null,
  // Every daily cue says "day" or "24 hours", every past form "after", "before", "week" or "month".
  mayBeDaily: (lower) => lower.includes("day") || lower.includes("24 hours"),
  mayBePastBefore: (before) =>
    before.includes("after") ||
    before.includes("before") ||
    before.includes("week") ||
    before.includes("month"),
  casualtyOnlyContext: true,
  countriesAbroad: false,
  townOwnSpan: false,
  commaEndsClause: false,
  raions: false,
  districtsOfNamedCity: false,
  headlineAccidentVetoes: false,
  leadDaily: false,
  intercepted: NEVER,
  threat: NEVER,
  noDamage: NEVER,
};

/** A Ukrainian or Russian adjective (or an age, "65-річна"; a possessive, "його"), by its ending; no short word. */
const ADJECTIVE_CYRILLIC =
  /^(?:[\p{L}\d'’ʼ-]{3,}(?:ий|ій|ый|ой|ая|яя|а|я|е|є|ого|ього|его)|його|її|їх|его|ее|её|их)$/u;
/** Words with an adjective's ending that are no adjective: "в том числе", "у тому числі", "серед них". */
const NOT_ADJECTIVE_CYRILLIC = new Set([
  "числе",
  "числі",
  "тому",
  "также",
  "також",
  "более",
  "більше",
  "менее",
  "менше",
  "где",
  "коли",
  "когда",
  "ще",
  "еще",
  "ещё",
]);
/** "підліток 16 років та його батько": a person joined to the one before by "and" shares its role. */
const JOINED_CYRILLIC = /^(?:\s+[\p{L}\d'’ʼ-]+){0,3}?\s+(?:і|та|и|й|а також|а также)\s*$/u;
/** "є загиблий", "ранен мужчина": a role the figure's own word says, or a casualty word right after it. */
function cyrillicOwnRole(text: string, right: string): Role | null {
  if (SELF_KILLED_CYRILLIC.test(text)) return "killed";
  if (SELF_INJURED_CYRILLIC.test(text)) return "injured";
  if (KILLED_RIGHT_AFTER_CYRILLIC.test(right)) return "killed";
  if (INJURED_RIGHT_AFTER_CYRILLIC.test(right)) return "injured";
  return null;
}

/** A person noun of PERSON_NOUN_CYRILLIC, tested on a quantity's text. */
const PERSON_WORD = new RegExp(`^(?:${PERSON_NOUN_CYRILLIC.source})$`, "iu");

const UK_RU: Lexicon = {
  language: "uk-ru",
  casualtyGate: CASUALTY_GATE_CYRILLIC,
  casualtyWordGate: CASUALTY_WORD_GATE_CYRILLIC,
  weaponGate: WEAPON_GATE_CYRILLIC,
  pastGate: PAST_GATE_CYRILLIC,
  targetGate: TARGET_GATE_CYRILLIC,
  strike: STRIKE_CUE_CYRILLIC,
  damage: DAMAGE_CUE_CYRILLIC,
  notAttack: NOT_ATTACK_CYRILLIC,
  militaryPeople: MILITARY_PEOPLE_CYRILLIC,
  civilianPeople: CIVILIAN_PEOPLE_CYRILLIC,
  period: PERIOD_CUE_CYRILLIC,
  daily: DAILY_CUE_CYRILLIC,
  pastEvent: PAST_EVENT_CYRILLIC,
  thingAfter: THING_AFTER_CYRILLIC,
  aggregateAfter: AGGREGATE_AFTER_CYRILLIC,
  pastBefore: NEVER,
  hypotheticalBefore: HYPOTHETICAL_BEFORE_CYRILLIC,
  combinedBefore: COMBINED_BEFORE_CYRILLIC,
  killedBefore: KILLED_BEFORE_CYRILLIC,
  injuredBefore: INJURED_BEFORE_CYRILLIC,
  combinedAfter: COMBINED_AFTER_CYRILLIC,
  killedAfter: KILLED_AFTER_CYRILLIC,
  injuredAfter: INJURED_AFTER_CYRILLIC,
  actorAfter: ACTOR_AFTER_CYRILLIC,
  notTargetBefore: NOT_TARGET_BEFORE_CYRILLIC,
  referenceBefore: REFERENCE_BEFORE_CYRILLIC,
  locativeBefore: LOCATIVE_BEFORE_CYRILLIC,
  damagedPlace: DAMAGED_PLACE_CYRILLIC,
  damagedPlaceCased: new RegExp(DAMAGED_PLACE_CYRILLIC.source, "iu"),
  officeAfter: OFFICE_AFTER_CYRILLIC,
  officeBefore: OFFICE_BEFORE_CYRILLIC,
  spreadAfter: SPREAD_AFTER_CYRILLIC,
  tollRise: TOLL_RISE_CYRILLIC,
  victimStatement: NEVER,
  civilianCue: CIVILIAN_CUE_CYRILLIC,
  militaryCue: MILITARY_CUE_CYRILLIC,
  fightingCue: FIGHTING_CUE_CYRILLIC,
  childNoun: CHILD_NOUN_CYRILLIC,
  militaryNoun: MILITARY_NOUN_CYRILLIC,
  civilianNoun: CIVILIAN_NOUN_CYRILLIC,
  spread: SPREAD_CYRILLIC,
  includingChildren: INCLUDING_CHILDREN_CYRILLIC,
  weaponNamed: WEAPON_NAMED_CYRILLIC,
  attackOrToll: ATTACK_OR_TOLL_CYRILLIC,
  weapons: new LabelMatcher(WEAPONS_CYRILLIC, true),
  targets: new LabelMatcher(TARGETS_CYRILLIC, true),
  uncounted: UNCOUNTED_CYRILLIC,
  casualtyWord: CASUALTY_WORD_CYRILLIC,
  killedWord: /загин|загибл|вбит|вбил|вбив|убит|убил|погиб|смерт|мертв/iu,
  noneBefore: NONE_BEFORE_CYRILLIC,
  negationBefore: NEGATION_BEFORE_CYRILLIC,
  partBefore: PART_BEFORE_CYRILLIC,
  joinNext: JOIN_NEXT_CYRILLIC,
  listGap: LIST_GAP_CYRILLIC,
  listContinue: LIST_GAP_CYRILLIC,
  listTail: LIST_TAIL_CYRILLIC,
  where: WHERE_CYRILLIC,
  tollWord: TOLL_WORD_CYRILLIC,
  tollMention: TOLL_MENTION_CYRILLIC,
  attribution: ATTRIBUTION_CYRILLIC,
  hitVerb: HIT_VERB_CYRILLIC,
  struckBefore: STRUCK_BEFORE_CYRILLIC,
  struckAfter: STRUCK_AFTER_CYRILLIC,
  // A post or a lead tells of one strike: its place stays the story's over a few more sentences.
  focusSentences: 6,
  quantities: findQuantitiesCyrillic,
  persons: cyrillicPersons,
  ownRole: cyrillicOwnRole,
  mayBeDaily: () => true,
  mayBePastBefore: () => true,
  casualtyOnlyContext: false,
  countriesAbroad: true,
  townOwnSpan: true,
  commaEndsClause: true,
  raions: true,
  districtsOfNamedCity: true,
  headlineAccidentVetoes: true,
  leadDaily: true,
  intercepted: INTERCEPTED_CYRILLIC,
  threat: THREAT_CYRILLIC,
  noDamage: NO_DAMAGE_CYRILLIC,
};

/** The lexicon of the article being read (extract() is synchronous: one article at a time). */
let L: Lexicon = EN;

/** The weapon labels a text names, generic ones dropped where a specific one is there. */
function weaponLabels(text: string, lower = text.toLowerCase()): string[] {
  const found = new Set<string>();
  for (const match of L.weapons.matches(text, lower)) {
    found.add(match.label);
    // "guided aerial bomb" also says "aerial bomb"; specific() drops the generic one again.
  }
  return specific(found);
}

/** Drops a generic weapon label that a specific one already covers. */
function specific(labels: Iterable<string>): string[] {
  const found = new Set(labels);
  if (found.has("guided aerial bomb") || [...found].some((label) => /^(?:FAB|KAB)-/.test(label))) {
    found.delete("aerial bomb");
  }
  if (found.has("cruise missile") || found.has("ballistic missile") || found.has("S-300/S-400 missile")) {
    found.delete("missile");
  }
  if (found.has("Shahed drone") || found.has("FPV drone")) found.delete("drone");
  return [...found];
}

/** The family of a weapon label: a specific label ("FAB-500") refines a generic one ("aerial bomb") of its family. */
function weaponFamily(label: string): string {
  if (/bomb|FAB|KAB|cluster/i.test(label)) return "bomb";
  if (/drone|Shahed|FPV/i.test(label)) return "drone";
  if (/missile|S-300/i.test(label)) return "missile";
  return label;
}

/** A place's weapons, with the report's more specific labels of the same families ("bombing" + "FAB-500"). */
function refined(own: Set<string>, reportWeapons: () => string[]): string[] {
  const families = new Set([...own].map(weaponFamily));
  return specific([...own, ...reportWeapons().filter((label) => families.has(weaponFamily(label)))]);
}

function targetSpans(text: string, lower: string): Array<{ label: string; start: number; end: number }> {
  return L.targets.matches(text, lower);
}

function attribution(sentence: string): string | null {
  for (const { phrase, needs } of L.attribution) {
    if (needs && !needs.test(sentence)) continue;
    const match = phrase.exec(sentence);
    const who = match?.[1]?.trim().replace(/[’']s$/, "");
    if (who && who.length > 1) return who;
  }
  return null;
}

/** True when two places are one, one holds the other, or both lie in one city. */
function related(a: GazEntry, b: GazEntry): boolean {
  if (a.id === b.id || contains(a, b) || contains(b, a)) return true;
  const cityOf = (entry: GazEntry) => (entry.precision === "district" ? entry.city : entry.name);
  return (
    a.admin1 === b.admin1 && a.precision !== "admin1" && b.precision !== "admin1" && cityOf(a) === cityOf(b)
  );
}

/** Extracts strike events from an article: one per place struck, in the order the text first names them. */
export function extract(article: ExtractInput): StrikeEvent[] {
  const text = article.title ? `${article.title}\n${article.body}` : article.body;
  const language = detectLanguage(text);
  L = language === "en" ? EN : UK_RU;
  // Events come only from a toll or damage: a report with neither word needs no further reading.
  const lowerText = text.toLowerCase();
  if (
    !L.casualtyGate.test(lowerText) &&
    !L.damage.test(lowerText) &&
    (L.struckBefore === NEVER || !L.strike.test(lowerText))
  )
    return [];
  const sentences = splitSentences(text);
  const resolved = resolveMentions(findPlaceMentions(text), text);
  const settlements = [
    ...settlementMentions(text, resolved, language),
    ...(L.raions ? raionMentions(text, resolved) : []),
  ];
  // Each place's own name in a Ukrainian or Russian report, as written in the nominative.
  // (Only Cyrillic mentions carry a nominative and only Cyrillic settlements a local name.)
  const localNames = new Map<number, string>();
  for (const m of resolved) {
    const local = m.nominativeOf?.get(m.place.id);
    if (local && !localNames.has(m.place.id)) localNames.set(m.place.id, displayName(local));
  }
  for (const v of settlements)
    if (v.local && !localNames.has(v.place.id)) localNames.set(v.place.id, v.local);
  // Every mention as { start, end, place }: one shape for the sentence loop to read.
  const mentions = [
    ...resolved
      .filter((m) => !settlements.some((v) => v.start <= m.start && v.end >= m.end))
      .filter((m) => !L.districtsOfNamedCity || !foreignDistrict(m.place, resolved))
      .map((m) => {
        // "the village of Stepnohirsk, Zaporizhia": the name after the village is its region.
        const village = settlements.find((v) => /^,\s*$/.test(text.slice(v.end, m.start)));
        const region = village && regionsByStem(m.surface).find((r) => r.name === village.place.admin1);
        return { start: m.start, end: m.end, place: region || m.place };
      }),
    ...settlements,
  ].sort((a, b) => a.start - b.start);
  const builders = new Map<number, Builder>();
  const builderFor = (entry: GazEntry) => {
    let builder = builders.get(entry.id);
    if (!builder) {
      builder = newBuilder(entry, builders.size);
      builders.set(entry.id, builder);
    }
    return builder;
  };
  const districtMentions: GazEntry[] = [];
  /** Strong place mentions of the headline and lead, in order. */
  const leadPlaces: GazEntry[] = [];
  const orphans: Array<{ observation: Observation; text: string }> = [];
  // Each sentence lower-cased once, and tested for an attack word once: the loop and the report's weapons read them.
  const lowers = sentences.map((sentence) => sentence.text.toLowerCase());
  const strikes = lowers.map((lower) => L.strike.test(lower));
  // A report that tells of a barrage across the country: its short lists are part of the nationwide tally.
  // (Read only when a short list shares a figure.)
  let spreadInLead: boolean | undefined;
  const spreadLead = () => {
    spreadInLead ??= lowers.slice(0, SPREAD_LEAD_SENTENCES).some(spreadOver);
    return spreadInLead;
  };
  // The place of the headline and lead is the story's: its tolls count even where the sentence names no weapon.
  const articleStrike = L.strike.test(lowerText);
  // A headline about an accident, a storm or a shooting: its deaths are no strike's.
  const articleNotAttack = L.notAttack.test((article.title ?? sentences[0]?.text ?? "").toLowerCase());
  // A Ukrainian or Russian post headed by an accident, a crime or a fire that names no weapon is about that.
  if (L.headlineAccidentVetoes && articleNotAttack && !L.weaponNamed.test(lowerText)) return [];
  const lead = sentences.slice(0, 2);
  // A Ukrainian or Russian summary of a day ("Упродовж доби росіяни 512 разів атакували …"): every toll in it is the day's.
  const leadDaily = L.leadDaily && lowers.slice(0, 2).some((lower) => L.daily.test(lower));
  const primary = mentions
    .filter((m) => lead.some((s) => m.start >= s.start && m.end <= s.start + s.text.length))
    .map((m) => m.place)
    .filter((place) => place.precision !== "country");

  // The place the story is about: sentences that name no place belong to it for a few sentences.
  let focus: { entry: GazEntry; paragraph: number; index: number; strike: boolean } | null = null;
  let paragraph = -1;
  let paragraphStrike = false;
  let previousRole: Role | null = null;
  let nextMention = 0;
  sentences.forEach((sentence, index) => {
    if (sentence.paragraph !== paragraph) {
      paragraph = sentence.paragraph;
      paragraphStrike = false;
    }
    const sentenceEnd = sentence.start + sentence.text.length;
    while (nextMention < mentions.length && mentions[nextMention]!.start < sentence.start) nextMention += 1;
    const own: typeof mentions = [];
    for (let at = nextMention; at < mentions.length && mentions[at]!.start < sentenceEnd; at += 1) {
      if (mentions[at]!.end <= sentenceEnd) own.push(mentions[at]!);
    }
    let units = unitsIn(sentence, lowers[index]!, own);
    if (index < LEAD_SENTENCES) for (const unit of units) if (!unit.weak) leadPlaces.push(unit.entry);
    const recent = focus !== null && index - focus.index <= L.focusSentences;
    // Only offices named ("the governor of the Donetsk region said …") and the story's place lies there: it is the story's place.
    if (recent && units.length > 0 && units.every((unit) => unit.weak && contains(unit.entry, focus!.entry)))
      units = [];
    const lower = lowers[index]!;
    let targets: ReturnType<typeof targetSpans> | undefined;
    const sentenceTargets = () => {
      targets ??= L.targetGate.test(lower) ? targetSpans(sentence.text, lower) : [];
      return targets;
    };
    const strike = strikes[index]!;
    // (Read only when no attack word already makes the sentence an attack's.)
    const aboutPrimary = () =>
      articleStrike &&
      (units.length > 0 ? units : recent ? [{ entry: focus!.entry }] : []).some((unit) =>
        primary.some((place) => related(place, unit.entry)),
      );
    // Recall first: a casualty figure is an event's unless the text says the deaths were no attack's.
    // Combatants' losses with no attack named (a front's toll, troops withdrawn after losses) are no strike.
    const casualtyWords = L.casualtyGate.test(lower);
    const attackContext = strike || paragraphStrike || (recent && focus!.strike) || aboutPrimary();
    // Read only where it matters: most sentences have no casualty and no attack word.
    const accident = (attackContext || casualtyWords) && L.notAttack.test(lower);
    // An accident, a shooting or demining told beside an attack word is still no strike, unless a weapon is named.
    const notAttack = accident && !L.weaponNamed.test(lower) && noAttackClause(sentence.text);
    const context =
      !notAttack &&
      (attackContext ||
        (L.casualtyOnlyContext &&
          casualtyWords &&
          !accident &&
          !articleNotAttack &&
          L.casualtyWordGate.test(lower) &&
          !L.militaryPeople.test(lower)));
    paragraphStrike ||= strike;
    // (A sentence that names no place and is no context does nothing either way.)
    if ((units.length > 0 || context) && L.pastGate.test(lower) && aboutPastAttack(lower)) {
      // An earlier strike on the place in focus (or on no named place) is not this incident.
      const current = focus?.entry;
      if (units.length === 0 || (current && units.some((unit) => related(unit.entry, current)))) return;
    }
    if (!context) {
      if (units.length === 1 && !units[0]!.weak)
        focus = { entry: units[0]!.entry, paragraph, index, strike: false };
      else if (units.length > 1) focus = null;
      return;
    }
    // "an assault on Ukraine killed six": a figure said of the country is not the place in focus's.
    // (Only up to just after the first casualty word: "… since a campaign across Ukraine began" is background.)
    const tollAt = own.some((mention) => mention.place.precision === "country")
      ? lower.search(L.tollWord)
      : -1;
    const countryWide = own.some(
      (mention) =>
        mention.place.precision === "country" &&
        tollAt >= 0 &&
        mention.start - sentence.start < tollAt + 40 &&
        !/^['’]s\b/.test(sentence.text.slice(mention.end - sentence.start)) &&
        L.locativeBefore.test(
          lower.slice(Math.max(0, mention.start - sentence.start - 40), mention.start - sentence.start),
        ),
    );
    const focusEntry = recent && !countryWide ? focus!.entry : null;
    for (const unit of units) if (unit.entry.precision === "district") districtMentions.push(unit.entry);

    const touched = new Set<Builder>();
    // A toll over a week or a siege is no strike's; a toll over a day is a daily toll.
    const period = casualtyWords && L.period.test(lower);
    const daily = casualtyWords && !period && (dailyToll(lower) || leadDaily);
    const casualties: Casualty[] =
      casualtyWords && !period ? casualtiesIn(sentence.text, lower, previousRole) : [];
    for (const casualty of casualties) {
      const places = placesFor(sentence.text, lower, casualty.start, casualty.end, units, focusEntry, false);
      // A toll in the headline or lead with no place beside it ("Russian attack kills eight in eastern
      // Ukraine"): the story's place, once the lead names it.
      if (
        places.length === 0 &&
        index < LEAD_SENTENCES &&
        units.length === 0 &&
        !countryWide &&
        !spreadOver(lower.slice(0, casualty.end + 40))
      )
        orphans.push({ observation: observation(casualty, index, daily), text: sentence.text });
      for (const entry of places) {
        const builder = builderFor(entry);
        touched.add(builder);
        builder.observations.push(observation(casualty, index, daily));
      }
      // A day's toll over towns of one oblast ("over the past day … in Pokrovsk, Kurakhove and Toretsk") is the oblast's.
      const region = places.length === 0 && daily ? regionOfAll(units) : undefined;
      if (region) {
        const builder = builderFor(region);
        touched.add(builder);
        builder.observations.push(observation(casualty, index, daily));
      } else if (places.length === 0 && casualty.victim !== "military") {
        for (const entry of sharedBy(sentence.text, lower, casualty.start, units, spreadLead)) {
          const builder = builderFor(entry);
          touched.add(builder);
          builder.observations.push(Object.assign(observation(casualty, index, daily), SHARED));
        }
      }
    }
    if (casualties.length > 0) previousRole = casualties.at(-1)!.role;
    // Who the sentence says gave the toll, read once however many places it touched.
    let said: string | null | undefined;
    for (const builder of touched) {
      builder.casualtySentences.push(sentence.text);
      builder.lastCasualtySentence = index;
      if (builder.attributedTo === null) {
        said = said === undefined ? attribution(sentence.text) : said;
        builder.attributedTo = said;
      }
    }

    // (Read lower-cased: who the victims were is tested without regard to case.)
    const stated = casualties.length === 0 && casualtyWords ? L.victimStatement.exec(lower) : null;
    const statedAbout = units.length === 1 ? units[0]!.entry : units.length === 0 ? focusEntry : null;
    if (stated && statedAbout) {
      const builder = builderFor(statedAbout);
      if (MILITARY_CUE.test(stated[1]!) || MILITARY_NOUN.test(` ${stated[1]}`))
        builder.statedVictims.add("military");
      if (CIVILIAN_NOUN.test(` ${stated[1]}`) || /\bcivilians?\b/i.test(stated[1]!))
        builder.statedVictims.add("civilian");
    }

    // Damage: a target hit, placed by the locative next to it; a list of places hit are all damaged.
    // (A sentence that is context only by its casualty words tells no damage and no weapon.)
    const damaged = attackContext && (L.damage.test(lower) || L.hitVerb.test(lower)) && !L.threat.test(lower);
    if (damaged) {
      for (const target of sentenceTargets()) {
        for (const entry of placesFor(
          sentence.text,
          lower,
          target.start,
          target.end,
          units,
          focusEntry,
          true,
        )) {
          const builder = builderFor(entry);
          builder.damage = true;
          builder.targets.add(target.label);
          if (!touched.has(builder) && !builder.contextSentences.includes(sentence.text)) {
            builder.contextSentences.push(sentence.text);
          }
          touched.add(builder);
        }
      }
      for (const unit of units) {
        if (L.damagedPlaceCased.test(sentence.text.slice(unit.end, unit.end + 30)))
          builderFor(unit.entry).damage = true;
      }
    }
    // "удар по Рівному", "обстріляли Херсонську область", "у Львові пролунали вибухи": a place struck, said
    // outright, unless the sentence tells only of drones downed or of a threat.
    if (
      strike &&
      L.struckBefore !== NEVER &&
      !(L.intercepted.test(lower) && !L.damage.test(lower)) &&
      !L.threat.test(lower) &&
      !L.period.test(lower)
    ) {
      for (const unit of units) {
        if (
          unit.weak ||
          !(
            L.struckBefore.test(lower.slice(Math.max(0, unit.start - 60), unit.start)) ||
            L.struckAfter.test(lower.slice(unit.end, unit.end + 50))
          )
        )
          continue;
        const builder = builderFor(unit.entry);
        builder.damage = true;
        if (!touched.has(builder) && !builder.contextSentences.includes(sentence.text))
          builder.contextSentences.push(sentence.text);
      }
    }

    // Weapons and targets of a sentence about one place, or about the place in focus in this paragraph.
    const inParagraph = focus !== null && focus.paragraph === paragraph && recent;
    const subject =
      units.length === 1 ? units[0]!.entry : units.length === 0 && inParagraph ? focusEntry : null;
    if (subject && attackContext) {
      const builder = builderFor(subject);
      if (strike && L.weaponGate.test(lower))
        for (const weapon of weaponLabels(sentence.text, lower)) builder.weapons.add(weapon);
      if (!touched.has(builder)) {
        for (const target of sentenceTargets()) builder.targets.add(target.label);
        builder.contextSentences.push(sentence.text);
      }
    } else if (units.length > 1) {
      // "In Kharkiv, a strike drone killed one person, and in Sumy …": a weapon belongs to its clause's place.
      for (const weapon of strike && L.weaponGate.test(lower)
        ? L.weapons.matches(sentence.text, lower)
        : []) {
        for (const entry of placesFor(sentence.text, lower, weapon.start, weapon.end, units, null, false)) {
          if (builders.has(entry.id)) builderFor(entry).weapons.add(weapon.label);
        }
      }
    }
    if (units.length === 1 && !units[0]!.weak)
      focus = { entry: units[0]!.entry, paragraph, index, strike: true };
    else if (units.length > 1) {
      // Of several places, the one this sentence gave a toll or damage to stays the story's.
      const hit = units.filter((unit) => touched.has(builderFor(unit.entry)));
      focus = hit.length === 1 ? { entry: hit[0]!.entry, paragraph, index, strike: true } : null;
    } else if (focus && touched.has(builderFor(focus.entry)))
      focus = { entry: focus.entry, paragraph: focus.paragraph, index, strike: focus.strike };
  });

  attachOrphans(orphans, leadPlaces, builderFor);

  // Attribution stated in the sentence after the toll ("… confirmed the toll in a statement to RIA Novosti").
  for (const builder of builders.values()) {
    const next = sentences[builder.lastCasualtySentence + 1];
    if (
      !builder.attributedTo &&
      builder.lastCasualtySentence >= 0 &&
      next &&
      L.tollMention.test(lowers[builder.lastCasualtySentence + 1]!)
    ) {
      builder.attributedTo = attribution(next.text);
    }
  }

  // A Ukrainian or Russian post that tells of drones downed and says there was no damage: a place "struck"
  // with no toll and no target named is the interception's, not a strike's.
  const downedOnly = L.intercepted.test(lowerText) && L.noDamage.test(lowerText);
  const events = [...builders.values()].filter(
    (builder) =>
      builder.observations.length > 0 || (builder.damage && !(downedOnly && builder.targets.size === 0)),
  );
  refineToDistricts(events, districtMentions, builders);
  if (events.length === 0) return [];
  // The weapons of the whole report, for events whose own sentences name none: read only when needed.
  let articleWeapons: string[] | undefined;
  const reportWeapons = () => {
    articleWeapons ??= weaponLabels(
      sentences
        .filter((_, index) => strikes[index])
        .map((s) => s.text)
        .join(" "),
      lowers.filter((_, index) => strikes[index]).join(" "),
    );
    return articleWeapons;
  };
  // The strike's date: said in the event's own sentences, else in the headline and lead, else the publication's.
  const leadTexts = sentences.slice(0, LEAD_SENTENCES).map((sentence) => sentence.text);
  // The people the whole report names, read once and only when an event needs them.
  let combatantsOnly: boolean | undefined;
  const onlyCombatants = () => {
    combatantsOnly ??= L.militaryPeople.test(lowerText) && !L.civilianPeople.test(lowerText);
    return combatantsOnly;
  };
  // Events share sentences (the lead above all): each is read for a date once.
  const dateOf = strikeDateReader(article.publishedAt);
  return mergeContainers(events)
    .map(toDraft)
    .sort((a, b) => a.order - b.order)
    .map((draft) => {
      const event = toEvent(
        draft,
        dateOf([...draft.builder.casualtySentences, ...leadTexts]),
        reportWeapons,
        onlyCombatants,
      );
      const local = localNames.get(draft.entry.id);
      if (local) event.place.local = local;
      return event;
    });
}

/** Words of a place's Cyrillic name that stay lower-case ("Харківська область", "Донецька народна республіка"). */
const LOWER_WORDS = new Set(["область", "район", "край", "республіка", "республика", "народна", "народная"]);

/** A gazetteer nominative as a name is written: "кривий ріг" → "Кривий Ріг", "днр" → "ДНР". */
function displayName(nominative: string): string {
  if (nominative.length <= 3) return nominative.toUpperCase();
  return nominative.replace(/[\p{L}'’ʼ]+/gu, (word, offset: number) =>
    offset > 0 && LOWER_WORDS.has(word) ? word : word[0]!.toUpperCase() + word.slice(1),
  );
}

/** A city event whose text names exactly one of its districts moves to that district. */
function refineToDistricts(events: Builder[], districts: GazEntry[], builders: Map<number, Builder>): void {
  for (const builder of events) {
    if (builder.entry.precision !== "city") continue;
    const own = new Map<number, GazEntry>();
    for (const entry of districts) if (contains(builder.entry, entry)) own.set(entry.id, entry);
    if (own.size !== 1) continue;
    const district = [...own.values()][0]!;
    const separate = builders.get(district.id);
    if (separate && separate !== builder) {
      // A district that only had "casualties" said of it is the city's strike told more precisely.
      if (separate.observations.some((o) => !isUncounted(o))) continue;
      builder.observations.push(...separate.observations);
      builder.observations.sort((a, b) => a.sentence - b.sentence || a.start - b.start);
      separate.observations = [];
      for (const target of separate.targets) builder.targets.add(target);
      for (const weapon of separate.weapons) builder.weapons.add(weapon);
      separate.damage = false;
    }
    builder.entry = district;
  }
}

/** The figures of one role from a place's observations: claims about the other side dropped, a rising toll's latest figure, else the largest. */
function figure(observations: Observation[], role: Role, child: boolean): Count | null {
  // A strike's own figures win over a daily toll of the same place.
  const strike = observations.filter((o) => !o.daily);
  // Everyone's figure counts the children named beside the adults ("a mother and her child": 2), not those
  // named as a part of it ("three, including a child": 3).
  let own = (strike.length > 0 ? strike : observations).filter(
    (o) => o.role === role && (child ? o.child : !o.child || !o.part),
  );
  if (own.length === 0) return null;
  // A claim of military losses in another sentence than the civilian toll is a counter-claim, not this toll.
  const civilianSentences = new Set(own.filter((o) => o.victim !== "military").map((o) => o.sentence));
  if (civilianSentences.size > 0) {
    own = own.filter((o) => o.victim !== "military" || civilianSentences.has(o.sentence));
  }
  // "two soldiers and three civilians were killed": different victims in one sentence add up.
  const perSentence = new Map<number, Observation>();
  for (const o of own) {
    const seen = perSentence.get(o.sentence);
    if (!seen) perSentence.set(o.sentence, o);
    else if (
      (!child &&
        seen.child !== o.child &&
        !(seen.child ? seen : o).part &&
        !(seen.child ? o : seen).generic) ||
      (seen.person && o.person && !o.part) ||
      (seen.victim && o.victim && seen.victim !== o.victim && !seen.generic && !o.generic)
    ) {
      perSentence.set(o.sentence, {
        ...seen,
        count: {
          min: seen.count.min + o.count.min,
          approximate: seen.count.approximate || o.count.approximate,
        },
      });
    } else if (o.rise || o.count.min > seen.count.min) perSentence.set(o.sentence, o);
  }
  const ordered = [...perSentence.values()];
  const lastRise = ordered.map((o) => o.rise).lastIndexOf(true);
  const pool = lastRise >= 0 ? ordered.slice(lastRise) : ordered;
  return pool.reduce<Count>((best, o) => (o.count.min > best.min ? o.count : best), pool[0]!.count);
}

/** A place's findings before it becomes an event. */
interface Draft {
  builder: Builder;
  order: number;
  entry: GazEntry;
  killed: Count | null;
  injured: Count | null;
  combined: Count | null;
  childrenKilled: Count | null;
  childrenInjured: Count | null;
}

function toDraft(builder: Builder): Draft {
  return {
    builder,
    order: builder.order,
    entry: builder.entry,
    killed: figure(builder.observations, "killed", false),
    injured: figure(builder.observations, "injured", false),
    combined: figure(builder.observations, "combined", false),
    childrenKilled: figure(builder.observations, "killed", true),
    childrenInjured: figure(builder.observations, "injured", true),
  };
}

/**
 * A region's or a city's event folds into the one event inside it (the same strike told at two
 * scales); with several events inside, a container whose figures are no more than their sum adds nothing.
 */
function mergeContainers(builders: Builder[]): Builder[] {
  const rank = { country: 0, admin1: 1, city: 2, district: 3 } as const;
  // Cities fold into their districts before regions look at what is inside them.
  const sorted = [...builders].sort((a, b) => rank[b.entry.precision] - rank[a.entry.precision]);
  const dropped = new Set<Builder>();
  for (const outer of sorted) {
    const inside = builders.filter(
      (other) =>
        other !== outer &&
        !dropped.has(other) &&
        contains(outer.entry, other.entry) &&
        isDaily(other) === isDaily(outer),
    );
    if (inside.length === 1) {
      const inner = inside[0]!;
      inner.observations.push(...outer.observations);
      inner.observations.sort((a, b) => a.sentence - b.sentence || a.start - b.start);
      for (const weapon of outer.weapons) inner.weapons.add(weapon);
      for (const target of outer.targets) inner.targets.add(target);
      inner.casualtySentences.push(
        ...outer.casualtySentences.filter((text) => !inner.casualtySentences.includes(text)),
      );
      inner.damage ||= outer.damage;
      inner.attributedTo ??= outer.attributedTo;
      inner.order = Math.min(inner.order, outer.order);
      dropped.add(outer);
    } else if (inside.length > 1) {
      // A summary over its towns ("struck several towns in the Sumy region, killing one"): the towns carry the facts.
      dropped.add(outer);
    }
  }
  return builders.filter((builder) => !dropped.has(builder));
}

/** A figure that only says there were casualties ("deadly", "casualties reported", a shared list). */
function isUncounted(o: Casualty): boolean {
  return o.role === "combined" && o.count.approximate && o.count.min <= 1;
}

/** A place whose every figure is a toll over a day. */
function isDaily(builder: Builder): boolean {
  return builder.observations.length > 0 && builder.observations.every((o) => o.daily);
}

function victimsOf(draft: Draft, onlyCombatants: () => boolean): Victims {
  const builder = draft.builder;
  if (!draft.killed && !draft.injured && !draft.combined && !draft.childrenKilled && !draft.childrenInjured)
    return "unknown";
  if (builder.statedVictims.size === 2) return "mixed";
  if (builder.statedVictims.size === 1) return [...builder.statedVictims][0]!;
  const nouns = new Set(builder.observations.map((o) => o.victim).filter((v) => v !== null));
  let civilian = nouns.has("civilian") || draft.childrenKilled !== null || draft.childrenInjured !== null;
  let military = nouns.has("military");
  // Cues in the sentences that give the toll first; the surrounding sentences only when those say nothing.
  for (const sentences of [builder.casualtySentences, builder.contextSentences]) {
    if (civilian || military) break;
    const said = sentences.join(" ").toLowerCase();
    civilian = L.civilianCue.test(said);
    military = L.militaryCue.test(said);
  }
  if (civilian && military) return "mixed";
  if (military) return "military";
  if (civilian) return "civilian";
  // Nothing near the toll says who: the people the whole report names decide.
  if (onlyCombatants()) return "military";
  // People killed or hurt by an attack where nothing says they were combatants: civilians, as the reports
  // mean them; the dead of fighting between forces stay unknown.
  const said = builder.casualtySentences.join(" ").toLowerCase();
  return L.fightingCue.test(said) && !L.weaponGate.test(said) ? "unknown" : "civilian";
}

function toPlace(entry: GazEntry): Place {
  return {
    name: entry.name,
    admin1: entry.admin1,
    country: entry.country,
    lat: entry.lat,
    lon: entry.lon,
    precision: entry.precision,
    ...(entry.city ? { city: entry.city } : {}),
  };
}

function toEvent(
  draft: Draft,
  when: { date: string; stated: boolean } | null,
  reportWeapons: () => string[],
  onlyCombatants: () => boolean,
): StrikeEvent {
  const builder = draft.builder;
  const evidence = [...new Set([...builder.casualtySentences, ...builder.contextSentences])].slice(0, 4);
  return {
    place: toPlace(draft.entry),
    date: when?.date ?? null,
    dateStated: when?.stated ?? false,
    kind: isDaily(builder) ? "daily" : "strike",
    weapons: builder.weapons.size > 0 ? refined(builder.weapons, reportWeapons) : reportWeapons(),
    targets: [...builder.targets],
    killed: draft.killed ?? draft.childrenKilled,
    injured: draft.injured ?? draft.childrenInjured,
    childrenKilled: draft.childrenKilled,
    childrenInjured: draft.childrenInjured,
    casualties: draft.combined,
    victims: victimsOf(draft, onlyCombatants),
    attributedTo: builder.attributedTo,
    evidence,
  };
}
