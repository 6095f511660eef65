/**
 * extract(article) → StrikeEvent[]: one event per place the text says was struck, with its toll,
 * weapons, targets, victims and who claims it. Pure and synchronous; rules over sentences and
 * clauses, the gazetteer for places and numbers.ts for counts. No model, no I/O.
 */
import type { Article } from "../article.js";
import { contains, findPlaceMentions, type GazEntry, resolveMentions } from "./gazetteer.js";
import {
  ACTOR_AFTER,
  ATTRIBUTION,
  CHILD_NOUN,
  CIVILIAN_CUE,
  CIVILIAN_NOUN,
  COMBINED_AFTER,
  COMBINED_BEFORE,
  DAMAGE_CUE,
  INJURED_AFTER,
  INJURED_BEFORE,
  KILLED_AFTER,
  KILLED_BEFORE,
  LOCATIVE_BEFORE,
  MILITARY_CUE,
  MILITARY_NOUN,
  NOT_TARGET_BEFORE,
  PAST_EVENT,
  STRIKE_CUE,
  TARGETS,
  TOLL_RISE,
  WEAPONS,
} from "./lexicon.js";
import { findQuantities, type Quantity } from "./numbers.js";
import { clauseBounds, type Sentence, splitSentences } from "./sentences.js";
import type { Count, Place, StrikeEvent, Victims } from "./types.js";

export type { Count, Place, StrikeEvent, Victims } from "./types.js";

/** The part of an article the extractor reads. */
export type ExtractInput = Pick<Article, "body"> &
  Partial<Pick<Article, "title" | "publishedAt" | "fetchedAt">>;

/** A place mention inside one sentence, already filtered to possible targets. */
interface Unit {
  entry: GazEntry;
  /** Sentence-relative span. */
  start: number;
  end: number;
  locative: boolean;
}

type Role = "killed" | "injured" | "combined";

interface Casualty {
  role: Role;
  count: Count;
  child: boolean;
  victim: "civilian" | "military" | null;
  rise: boolean;
  start: number;
  end: number;
}

/** What the text says about one place, gathered over the sentences. */
interface Builder {
  entry: GazEntry;
  order: number;
  killed: Count | null;
  injured: Count | null;
  combined: Count | null;
  childrenKilled: Count | null;
  childrenInjured: Count | null;
  victimNouns: Set<"civilian" | "military">;
  casualtySentences: string[];
  contextSentences: string[];
  weapons: Set<string>;
  targets: Set<string>;
  damage: boolean;
  attributedTo: string | null;
  /** Index of the last casualty sentence, to look for attribution in the next one. */
  lastCasualtySentence: number;
}

const COUNTRY_LEVEL = "country";
/** How many sentences after its last mention a place stays the one the story is about. */
const FOCUS_SENTENCES = 3;
const PERSON_SINGULAR =
  /\b(?:a|an|one)\s+(?:(?:\d+-year-old|[a-z]+-year-old|young|little|elderly|old|local|pregnant|teenage|female|male|Ukrainian|Russian)\s+){0,2}(man|woman|person|resident|civilian|child|boy|girl|baby|infant|teenager|pensioner|driver|soldier|serviceman|rescuer|firefighter|police officer|policeman|medic|paramedic|journalist|volunteer|worker|employee|passenger|nurse|doctor)\b/gi;
const INCLUDING_CHILDREN =
  /\b(?:including|among them|among whom)\s+(?:several\s+|some\s+|young\s+)?(children|a child|kids|minors|teenagers|a teenager|a boy|a girl|a baby|an infant)\b/i;
const CASUALTY_WORD = /\b(killed|dead|died|lost their lives|wounded|injured|hurt|hospitali[sz]ed)\b/gi;
const CHILD_SINGULAR = /^(?:child|boy|girl|baby|infant|teenager)$/i;

function isChildWord(text: string): boolean {
  return /^(?:a child|a boy|a girl|a baby|an infant|a teenager)$/i.test(text);
}

/** Max of two counts (the larger minimum wins; approximate only when the winner is). */
function larger(a: Count | null, b: Count): Count {
  if (!a) return b;
  return b.min > a.min ? b : a;
}

function roleOf(sentence: string, q: Quantity, previousEnd: number, nextStart: number): Role | null {
  const before = sentence.slice(Math.max(previousEnd, q.start - 60), q.start);
  const after = sentence.slice(q.end, Math.min(nextStart, q.end + 90));
  // A keyword right before the number binds tighter than one further on ("death of 22 people and the injury of …").
  if (COMBINED_BEFORE.test(before)) return "combined";
  if (KILLED_BEFORE.test(before)) return "killed";
  if (INJURED_BEFORE.test(before)) return "injured";
  if (COMBINED_AFTER.test(after)) return "combined";
  const killed = KILLED_AFTER.exec(after);
  const injured = INJURED_AFTER.exec(after);
  if (killed && injured) return killed[0].length <= injured[0].length ? "killed" : "injured";
  if (killed) return "killed";
  if (injured) return "injured";
  return null;
}

function victimNoun(after: string): "civilian" | "military" | null {
  if (MILITARY_NOUN.test(after)) return "military";
  if (CIVILIAN_NOUN.test(after) || CHILD_NOUN.test(after) || /^\s+person\b/i.test(after)) return "civilian";
  return null;
}

/** The casualty figures of one sentence, each with its role. */
function casualtiesIn(sentence: string): Casualty[] {
  const quantities = findQuantities(sentence);
  for (const match of sentence.matchAll(PERSON_SINGULAR)) {
    const start = match.index;
    if (quantities.some((q) => start < q.end && q.start < start + match[0].length)) continue;
    quantities.push({
      start,
      end: start + match[0].length - match[1]!.length - 1,
      text: match[0],
      count: { min: 1, approximate: false },
    });
  }
  quantities.sort((a, b) => a.start - b.start);
  const found: Casualty[] = [];
  quantities.forEach((q, index) => {
    const previousEnd = index > 0 ? quantities[index - 1]!.end : 0;
    const nextStart = quantities[index + 1]?.start ?? sentence.length;
    const after = sentence.slice(q.end, Math.min(nextStart, q.end + 40));
    const singular =
      PERSON_SINGULAR.source && /^(?:a|an|one)\s/i.test(q.text) ? q.text.split(/\s+/).pop()! : "";
    const child = CHILD_NOUN.test(after) || CHILD_SINGULAR.test(singular);
    let role = roleOf(sentence, q, previousEnd, nextStart);
    if (!role && child) {
      const lead = sentence.slice(Math.max(0, q.start - 40), q.start);
      if (/\b(?:including|among them|of whom|among the (?:dead|killed|victims))\s*$/i.test(lead)) {
        role = /among the (?:injured|wounded)/i.test(lead) ? "injured" : (found.at(-1)?.role ?? null);
      } else if (/\bamong the (?:injured|wounded)\s*(?:were|are)?\s*$/i.test(lead)) role = "injured";
    }
    if (!role) return;
    const lead = sentence.slice(Math.max(0, q.start - 50), q.start);
    found.push({
      role,
      count: q.count,
      child,
      victim: singular ? (MILITARY_NOUN.test(` ${singular}`) ? "military" : "civilian") : victimNoun(after),
      rise: TOLL_RISE.test(lead),
      start: q.start,
      end: q.end,
    });
  });
  const including = INCLUDING_CHILDREN.exec(sentence);
  // "10 wounded, including children": the casualty word nearest before "including" says which.
  const word = including
    ? [...sentence.slice(Math.max(0, including.index - 60), including.index).matchAll(CASUALTY_WORD)].at(-1)?.[1]
    : undefined;
  if (including && word && !found.some((c) => c.child)) {
    const role: Role = /killed|dead|died|lost/i.test(word) ? "killed" : "injured";
    found.push({
      role,
      count: { min: 1, approximate: !isChildWord(including[1]!) },
      child: true,
      victim: "civilian",
      rise: false,
      start: including.index + including[0].length - including[1]!.length,
      end: including.index + including[0].length,
    });
  }
  return found;
}

/** The place mentions of a sentence that can be a target, narrowed: countries and speakers dropped, containers folded into what they contain. */
function unitsIn(
  sentence: Sentence,
  mentions: Array<{ start: number; end: number; place: GazEntry }>,
): Unit[] {
  const units: Unit[] = [];
  for (const mention of mentions) {
    if (mention.place.precision === COUNTRY_LEVEL) continue;
    const start = mention.start - sentence.start;
    const end = mention.end - sentence.start;
    const before = sentence.text.slice(Math.max(0, start - 40), start);
    const after = sentence.text.slice(end, end + 30);
    if (ACTOR_AFTER.test(after) || NOT_TARGET_BEFORE.test(before)) continue;
    units.push({
      entry: mention.place,
      start,
      end,
      locative:
        LOCATIVE_BEFORE.test(before) ||
        /^\s*(?:['’]s)?\s*(?:was|were|has been|had been)\s+(?:hit|struck|shelled|bombed)/i.test(after),
    });
  }
  // "Kharkiv's Saltiv district", "Kupiansk, Kharkiv region": keep the precise place, once.
  const kept: Unit[] = [];
  for (const unit of units) {
    const near = kept.find(
      (other) =>
        Math.abs(other.start - unit.start) < 60 &&
        (contains(other.entry, unit.entry) || contains(unit.entry, other.entry)),
    );
    if (!near) {
      if (!kept.some((other) => other.entry.id === unit.entry.id)) kept.push(unit);
      continue;
    }
    if (contains(near.entry, unit.entry) && near.entry.id !== unit.entry.id) {
      kept[kept.indexOf(near)] = {
        ...unit,
        start: Math.min(near.start, unit.start),
        locative: near.locative || unit.locative,
      };
    }
  }
  return kept;
}

/** True when the units in `span` of the sentence are written as a list ("Kharkiv, Sumy and Odesa"). */
function isList(sentence: string, units: Unit[]): boolean {
  if (units.length < 2) return false;
  const sorted = [...units].sort((a, b) => a.start - b.start);
  for (let index = 1; index < sorted.length; index += 1) {
    const gap = sentence.slice(sorted[index - 1]!.end, sorted[index]!.start);
    if (/^(?:['’]s)?\s*(?:,|,?\s*and|,?\s*or|\/)\s*(?:the\s+)?(?:cities of\s+|regions of\s+)?$/i.test(gap))
      return true;
  }
  return false;
}

/** Which place a figure or a target at sentence position `at` belongs to; null when the text does not say. */
function placeFor(
  sentence: string,
  at: number,
  end: number,
  units: Unit[],
  focus: GazEntry | null,
): GazEntry | null {
  const clause = clauseBounds(sentence).find(([start, stop]) => at >= start && at <= stop) ?? [
    0,
    sentence.length,
  ];
  const inClause = units.filter((unit) => unit.start >= clause[0] && unit.end <= clause[1]);
  // "three in Kharkiv and two in Sumy": a locative place right after the figure, not the head of a list.
  const next = inClause.find((unit) => unit.start >= end && unit.start - end < 45 && unit.locative);
  if (next) {
    const followers = inClause.filter((unit) => unit.start > next.start);
    const listed = followers.length > 0 && isList(sentence, [next, followers[0]!]);
    if (!listed && !/\d|\b(?:another|while)\b/.test(sentence.slice(end, next.start))) return next.entry;
  }
  if (inClause.length === 1) return inClause[0]!.entry;
  if (inClause.length > 1) {
    if (isList(sentence, inClause)) return null;
    const before = inClause.filter((unit) => unit.end <= at && unit.locative);
    return before.at(-1)?.entry ?? null;
  }
  if (units.length === 1) return units[0]!.entry;
  if (units.length === 0) return focus;
  return null;
}

function newBuilder(entry: GazEntry, order: number): Builder {
  return {
    entry,
    order,
    killed: null,
    injured: null,
    combined: null,
    childrenKilled: null,
    childrenInjured: null,
    victimNouns: new Set(),
    casualtySentences: [],
    contextSentences: [],
    weapons: new Set(),
    targets: new Set(),
    damage: false,
    attributedTo: null,
    lastCasualtySentence: -1,
  };
}

function labels(text: string, table: Array<[RegExp, string]>): string[] {
  const found = new Set<string>();
  for (const [pattern, label] of table) {
    for (const match of text.matchAll(pattern)) found.add(label.replace("$1", match[1] ?? ""));
  }
  return specific(found);
}

/** Drops a generic weapon label that a specific one already covers. */
function specific(labels: Iterable<string>): string[] {
  const found = new Set(labels);
  if (found.has("guided aerial bomb") || [...found].some((label) => /^(?:FAB|KAB)-/.test(label)))
    found.delete("aerial bomb");
  if (found.has("cruise missile") || found.has("ballistic missile") || found.has("S-300/S-400 missile"))
    found.delete("missile");
  if (found.has("Shahed drone") || found.has("FPV drone")) found.delete("drone");
  return [...found];
}

function targetSpans(text: string): Array<{ label: string; start: number; end: number }> {
  const spans: Array<{ label: string; start: number; end: number }> = [];
  for (const [pattern, label] of TARGETS) {
    for (const match of text.matchAll(pattern)) {
      if (spans.some((span) => match.index < span.end && span.start < match.index + match[0].length))
        continue;
      spans.push({ label, start: match.index, end: match.index + match[0].length });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

function attribution(sentence: string): string | null {
  for (const pattern of ATTRIBUTION) {
    const match = pattern.exec(sentence);
    const who = match?.[1]?.trim().replace(/[’']s$/, "");
    if (who && who.length > 1) return who;
  }
  return null;
}

/** Extracts strike events from an article: one per place struck, in the order the text first names them. */
export function extract(article: ExtractInput): StrikeEvent[] {
  const text = article.title ? `${article.title}\n${article.body}` : article.body;
  const sentences = splitSentences(text);
  const mentions = resolveMentions(findPlaceMentions(text));
  const builders = new Map<number, Builder>();
  const builderFor = (entry: GazEntry) => {
    let builder = builders.get(entry.id);
    if (!builder) {
      builder = newBuilder(entry, builders.size);
      builders.set(entry.id, builder);
    }
    return builder;
  };
  const districtMentions: Array<{ entry: GazEntry; sentence: number }> = [];

  // The place the story is about: sentences that name no place belong to it for a few sentences.
  let focus: { entry: GazEntry; paragraph: number; index: number; strike: boolean } | null = null;
  let paragraph = -1;
  let paragraphStrike = false;
  sentences.forEach((sentence, index) => {
    if (sentence.paragraph !== paragraph) {
      paragraph = sentence.paragraph;
      paragraphStrike = false;
    }
    const own = mentions.filter(
      (m) => m.start >= sentence.start && m.end <= sentence.start + sentence.text.length,
    );
    const units = unitsIn(sentence, own);
    const strike = STRIKE_CUE.test(sentence.text);
    const recent = focus !== null && index - focus.index <= FOCUS_SENTENCES;
    const context = strike || paragraphStrike || (recent && focus!.strike);
    paragraphStrike ||= strike;
    if (PAST_EVENT.test(sentence.text)) {
      // An earlier strike on the place in focus (or on no named place) is not this incident.
      const current = focus?.entry;
      if (units.length === 0 || (current && units.some((unit) => related(unit.entry, current)))) return;
    }
    if (!context) {
      focus =
        units.length === 1
          ? { entry: units[0]!.entry, paragraph, index, strike: false }
          : units.length > 1
            ? null
            : focus;
      return;
    }
    const focusEntry = recent ? focus!.entry : null;
    for (const unit of units)
      if (unit.entry.precision === "district") districtMentions.push({ entry: unit.entry, sentence: index });

    const touched = new Set<Builder>();
    for (const casualty of casualtiesIn(sentence.text)) {
      const entry = placeFor(sentence.text, casualty.start, casualty.end, units, focusEntry);
      if (!entry) continue;
      const builder = builderFor(entry);
      touched.add(builder);
      if (casualty.victim) builder.victimNouns.add(casualty.victim);
      if (casualty.child) {
        if (casualty.role === "killed")
          builder.childrenKilled = larger(builder.childrenKilled, casualty.count);
        else if (casualty.role === "injured")
          builder.childrenInjured = larger(builder.childrenInjured, casualty.count);
        continue;
      }
      const key = casualty.role;
      builder[key] = casualty.rise ? casualty.count : larger(builder[key], casualty.count);
    }
    for (const builder of touched) {
      builder.casualtySentences.push(sentence.text);
      builder.lastCasualtySentence = index;
      builder.attributedTo ??= attribution(sentence.text);
    }

    // Damage: a target hit, placed by the locative next to it.
    if (DAMAGE_CUE.test(sentence.text)) {
      for (const target of targetSpans(sentence.text)) {
        const entry = placeFor(sentence.text, target.start, target.end, units, focusEntry);
        if (!entry) continue;
        const builder = builderFor(entry);
        builder.damage = true;
        builder.targets.add(target.label);
        if (!touched.has(builder) && !builder.contextSentences.includes(sentence.text)) {
          builder.contextSentences.push(sentence.text);
        }
        touched.add(builder);
      }
      for (const unit of units) {
        if (
          /^\s*(?:['’]s)?\s*(?:was|were|has been|had been)\s+(?:hit|struck|shelled|bombed)/i.test(
            sentence.text.slice(unit.end, unit.end + 30),
          )
        ) {
          builderFor(unit.entry).damage = true;
        }
      }
    }

    // Weapons and targets of a sentence about one place, or about the place in focus in this paragraph.
    const inParagraph = focus !== null && focus.paragraph === paragraph && recent;
    const subject = units.length === 1 ? units[0]!.entry : units.length === 0 && inParagraph ? focusEntry : null;
    if (subject) {
      const builder = builderFor(subject);
      for (const weapon of labels(sentence.text, WEAPONS)) builder.weapons.add(weapon);
      if (!touched.has(builder)) {
        for (const target of targetSpans(sentence.text)) builder.targets.add(target.label);
        builder.contextSentences.push(sentence.text);
      }
    }
    if (units.length === 1) focus = { entry: units[0]!.entry, paragraph, index, strike: true };
    else if (units.length > 1) focus = null;
    else if (focus && touched.has(builderFor(focus.entry))) focus = { ...focus, index };
  });

  // Attribution stated in the sentence after the toll ("… confirmed the toll in a statement to RIA Novosti").
  for (const builder of builders.values()) {
    const next = sentences[builder.lastCasualtySentence + 1];
    if (
      !builder.attributedTo &&
      builder.lastCasualtySentence >= 0 &&
      next &&
      /\b(?:toll|casualt|figures?|dead|killed|injured|wounded|victims)\b/i.test(next.text)
    ) {
      builder.attributedTo = attribution(next.text);
    }
  }

  const events = [...builders.values()].filter(
    (builder) =>
      builder.killed ||
      builder.injured ||
      builder.combined ||
      builder.childrenKilled ||
      builder.childrenInjured ||
      builder.damage,
  );
  refineToDistricts(events, districtMentions, builders);
  const articleWeapons = labels(
    sentences
      .filter((s) => STRIKE_CUE.test(s.text))
      .map((s) => s.text)
      .join(" "),
    WEAPONS,
  );
  const date = article.publishedAt?.slice(0, 10) ?? null;
  return mergeAdmin1(events)
    .sort((a, b) => a.order - b.order)
    .map((builder) => toEvent(builder, date, articleWeapons));
}

/** True when two places are one, one holds the other, or both lie in one city. */
function related(a: GazEntry, b: GazEntry): boolean {
  if (a.id === b.id || contains(a, b) || contains(b, a)) return true;
  const cityOf = (entry: GazEntry) => (entry.precision === "district" ? entry.city : entry.name);
  return a.admin1 === b.admin1 && a.precision !== "admin1" && b.precision !== "admin1" && cityOf(a) === cityOf(b);
}

/** A city event whose text names exactly one of its districts moves to that district. */
function refineToDistricts(
  events: Builder[],
  districts: Array<{ entry: GazEntry; sentence: number }>,
  builders: Map<number, Builder>,
): void {
  for (const builder of events) {
    if (builder.entry.precision !== "city") continue;
    const own = new Map<number, GazEntry>();
    for (const { entry } of districts) if (contains(builder.entry, entry)) own.set(entry.id, entry);
    if (own.size !== 1) continue;
    const district = [...own.values()][0]!;
    const separate = builders.get(district.id);
    if (separate && separate !== builder && (separate.killed || separate.injured)) continue;
    if (separate && separate !== builder) {
      for (const target of separate.targets) builder.targets.add(target);
      for (const weapon of separate.weapons) builder.weapons.add(weapon);
      separate.damage = false;
      separate.killed =
        separate.injured =
        separate.combined =
        separate.childrenKilled =
        separate.childrenInjured =
          null;
    }
    builder.entry = district;
  }
}

/** An oblast-level event folds into the one city event of that oblast when their figures agree. */
function mergeAdmin1(events: Builder[]): Builder[] {
  const live = events.filter(
    (b) => b.killed || b.injured || b.combined || b.childrenKilled || b.childrenInjured || b.damage,
  );
  const result: Builder[] = [];
  for (const builder of live) {
    if (builder.entry.precision !== "admin1") {
      result.push(builder);
      continue;
    }
    const inside = live.filter((other) => other !== builder && contains(builder.entry, other.entry));
    const only = inside.length === 1 ? inside[0]! : undefined;
    const agrees = (a: Count | null, b: Count | null) => !a || !b || a.min === b.min;
    if (only && agrees(only.killed, builder.killed) && agrees(only.injured, builder.injured)) {
      only.killed ??= builder.killed;
      only.injured ??= builder.injured;
      for (const weapon of builder.weapons) only.weapons.add(weapon);
      for (const target of builder.targets) only.targets.add(target);
      only.casualtySentences.push(...builder.casualtySentences);
      continue;
    }
    result.push(builder);
  }
  return result;
}

function victimsOf(builder: Builder): Victims {
  const hasCasualties =
    builder.killed ||
    builder.injured ||
    builder.combined ||
    builder.childrenKilled ||
    builder.childrenInjured;
  if (!hasCasualties) return "unknown";
  let civilian =
    builder.victimNouns.has("civilian") ||
    builder.childrenKilled !== null ||
    builder.childrenInjured !== null;
  let military = builder.victimNouns.has("military");
  // Cues in the sentences that give the toll first; the surrounding sentences only when those say nothing.
  for (const said of [builder.casualtySentences.join(" "), builder.contextSentences.join(" ")]) {
    if (civilian || military) break;
    civilian = CIVILIAN_CUE.test(said);
    military = MILITARY_CUE.test(said);
  }
  if (civilian && military) return "mixed";
  if (civilian) return "civilian";
  if (military) return "military";
  return "unknown";
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

function toEvent(builder: Builder, date: string | null, articleWeapons: string[]): StrikeEvent {
  const killed = builder.killed ?? builder.childrenKilled;
  const injured = builder.injured ?? builder.childrenInjured;
  const evidence = [...new Set([...builder.casualtySentences, ...builder.contextSentences])].slice(0, 4);
  return {
    place: toPlace(builder.entry),
    date,
    weapons: builder.weapons.size > 0 ? specific(builder.weapons) : articleWeapons,
    targets: [...builder.targets],
    killed,
    injured,
    childrenKilled: builder.childrenKilled,
    childrenInjured: builder.childrenInjured,
    casualties: builder.combined,
    victims: victimsOf(builder),
    attributedTo: builder.attributedTo,
    evidence,
  };
}
