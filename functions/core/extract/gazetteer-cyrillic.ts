/**
 * Ukrainian and Russian case forms of place names, made by rules from the nominative the gazetteer stores
 * ("харків" → харкова, харкову, харкові, харковом; "кривий ріг" → кривого рогу, кривому розі; "белгородская
 * область" → белгородской области, белгородскую область). Pure; used by the gazetteer's index when it first
 * meets a Cyrillic text. The rules over-generate a little (a form a name never takes is harmless: no other
 * word has it); they must never miss the common forms.
 */

export type CyrLang = "uk" | "ru";

/** The six case slots a phrase's words are declined in step: nom, gen, dat, acc, loc, instr. */
type Slots = [string[], string[], string[], string[], string[], string[]];

const APOSTROPHES = /['’ʼ`]/g;
/** What a lowercase word or phrase may hold that its key does not. */
const NEEDS_CLEANING = /['’ʼ`ё\-‐‑–\s]/;

/**
 * How Cyrillic spellings are compared: lowercase, without apostrophes, ё as е, words joined by one space
 * (a hyphen joins words as a space does: "івано-франківськ" → "івано франківськ").
 */
export function cyrKey(s: string): string {
  const lower = s.toLowerCase();
  if (!NEEDS_CLEANING.test(lower)) return lower;
  return lower
    .replace(APOSTROPHES, "")
    .replace(/ё/g, "е")
    .split(/[\s\-‐‑–]+/)
    .filter(Boolean)
    .join(" ");
}

/** Words with their own paradigm: the region and district words. Slots as above. */
const OWN: Record<CyrLang, Record<string, Slots>> = {
  uk: {
    область: [
      ["область"],
      ["області", "областей"],
      ["області", "областям"],
      ["область", "області"],
      ["області", "областях"],
      ["областю", "областями"],
    ],
    обл: [["обл"], ["обл"], ["обл"], ["обл"], ["обл"], ["обл"]],
    республіка: [
      ["республіка"],
      ["республіки"],
      ["республіці"],
      ["республіку"],
      ["республіці"],
      ["республікою"],
    ],
  },
  ru: {
    область: [
      ["область"],
      ["области", "областей"],
      ["области", "областям"],
      ["область", "области"],
      ["области", "областях"],
      ["областью", "областями"],
    ],
    обл: [["обл"], ["обл"], ["обл"], ["обл"], ["обл"], ["обл"]],
  },
};

/** Words that link the parts of a name and stay as they are, with every word after them ("Ростов-на-Дону"). */
const LINKS = new Set(["на", "над", "під", "под", "у", "в"]);
const SIBILANT = "жчшщ";
const VELAR_SHIFT: Record<string, string> = { г: "з", к: "ц", х: "с" };

const slots = (...xs: Array<string | string[]>): Slots =>
  xs.map((x) => (Array.isArray(x) ? x : [x])) as Slots;
const fixed = (w: string): Slots => slots(w, w, w, w, w, w);

/** "кременчук" → "кременчуці": the dative/locative of a stem ending in г, к, х changes that letter. */
function shifted(stem: string): string[] {
  const last = stem.at(-1) ?? "";
  const to = VELAR_SHIFT[last];
  return to ? [stem, stem.slice(0, -1) + to] : [stem];
}

/** Plural genitive without ending, with the vowel Slavic inserts between two final consonants (Ромни → Ромен). */
function pluralGenitives(stem: string): string[] {
  const out = [stem];
  if (/[бвгґджзклмнпрстфхцчшщ]{2}$/.test(stem)) {
    out.push(`${stem.slice(0, -1)}е${stem.slice(-1)}`, `${stem.slice(0, -1)}о${stem.slice(-1)}`);
  }
  return out;
}

/** A Ukrainian word's forms; `adjective` when another declined word follows it (Біла Церква, Нова Каховка). */
function ukWord(w: string, adjective: boolean, neuterSoft: boolean): Slots {
  const own = OWN.uk[w];
  if (own) return own;
  const s1 = w.slice(0, -1);
  const s2 = w.slice(0, -2);
  if (w.endsWith("ий")) return slots(w, `${s2}ого`, `${s2}ому`, w, [`${s2}ому`, `${s2}ім`], `${s2}им`);
  // Часів Яр → Часового Яру: a possessive adjective before a noun.
  if (adjective && /[ії]в$/.test(w)) {
    const st = `${s2}${w.endsWith("їв") ? "єв" : "ов"}`;
    return slots(w, `${st}ого`, `${st}ому`, w, [`${st}ому`, `${st}ім`], `${st}им`);
  }
  if (w.endsWith("ій")) return slots(w, `${s2}ього`, `${s2}ьому`, w, [`${s2}ьому`, `${s2}ім`], `${s2}ім`);
  if (w.endsWith("а") && (adjective || /[сцз]ька$/.test(w))) {
    return slots(w, `${s1}ої`, `${s1}ій`, `${s1}у`, `${s1}ій`, `${s1}ою`);
  }
  if (w.endsWith("ище")) return slots(w, `${s1}а`, `${s1}у`, w, `${s1}і`, `${s1}ем`);
  if (w.endsWith("поле")) return slots(w, `${s1}я`, `${s1}ю`, w, `${s1}і`, `${s1}ем`);
  if (w.endsWith("е")) return slots(w, `${s1}ого`, `${s1}ому`, w, [`${s1}ому`, `${s1}ім`], `${s1}им`);
  if (w.endsWith("і") && adjective) return slots(w, `${s1}их`, `${s1}им`, w, `${s1}их`, `${s1}ими`);
  if (w.endsWith("і")) return slots(w, `${s1}ів`, `${s1}ям`, w, `${s1}ях`, `${s1}ями`);
  if (w.endsWith("и")) {
    return slots(w, [...pluralGenitives(s1), `${s1}ів`], `${s1}ам`, w, `${s1}ах`, `${s1}ами`);
  }
  if (w.endsWith("ія")) return slots(w, `${s1}ї`, `${s1}ї`, `${s1}ю`, `${s1}ї`, `${s1}єю`);
  if (w.endsWith("я") && (neuterSoft || /([бвгджзклмнпрстфхцчшщ])\1я$/.test(w))) {
    return slots(w, w, `${s1}ю`, w, `${s1}і`, `${s1}ям`);
  }
  if (w.endsWith("я")) return slots(w, `${s1}і`, `${s1}і`, `${s1}ю`, `${s1}і`, `${s1}ею`);
  if (w.endsWith("а")) {
    const soft = SIBILANT.includes(s1.at(-1) ?? "");
    const dat = shifted(s1).map((s) => `${s}і`);
    return slots(w, `${s1}${soft ? "і" : "и"}`, dat, `${s1}у`, dat, `${s1}${soft ? "ею" : "ою"}`);
  }
  if (w.endsWith("о")) return slots(w, `${s1}а`, `${s1}у`, w, [`${s1}і`, `${s1}у`], `${s1}ом`);
  if (w.endsWith("ь")) {
    // Тернопіль → Тернополя, Ірпінь → Ірпеня, Марганець → Марганця, Гостомель → Гостомеля.
    const stem = w.endsWith("іль")
      ? `${w.slice(0, -3)}ол`
      : w.endsWith("інь")
        ? `${w.slice(0, -3)}ен`
        : w.endsWith("ець")
          ? `${w.slice(0, -3)}ц`
          : s1;
    return slots(w, `${stem}я`, `${stem}ю`, w, `${stem}і`, [`${stem}ем`, `${stem}ню`]);
  }
  if (w.endsWith("й")) return slots(w, `${s1}я`, `${s1}ю`, w, [`${s1}ї`, `${s1}ю`], `${s1}єм`);
  // A consonant. The vowel і (ї) of the last syllable comes back as о (є) when an ending follows:
  // Харків → Харкова, Київ → Києва, Ріг → Рогу, Поділ → Подолі, Бердичів → Бердичева.
  let stem = w;
  const m = /([ії])([вгдлт])$/.exec(w);
  if (m) {
    const before = w.at(-3) ?? "";
    if (m[1] === "і") stem = `${w.slice(0, -2)}${SIBILANT.includes(before) ? "е" : "о"}${m[2]}`;
    else if (m[2] === "в" && before !== "і") stem = `${w.slice(0, -2)}є${m[2]}`;
  }
  const soft = SIBILANT.includes(stem.at(-1) ?? "");
  const loc = [...shifted(stem).map((s) => `${s}і`), `${stem}у`];
  return slots(
    w,
    [`${stem}а`, `${stem}у`],
    [`${stem}у`, `${stem}ові`],
    w,
    loc,
    soft ? `${stem}ем` : `${stem}ом`,
  );
}

const VELAR_OR_SIBILANT = "гкхжшчщ";

/** A Russian word's forms; `adjective` as for ukWord. */
function ruWord(w: string, adjective: boolean): Slots {
  const own = OWN.ru[w];
  if (own) return own;
  const s1 = w.slice(0, -1);
  const s2 = w.slice(0, -2);
  const y = (stem: string): string => (VELAR_OR_SIBILANT.includes(stem.at(-1) ?? "") ? "и" : "ы");
  if (/(ый|ий|ой)$/.test(w)) {
    const adj = slots(w, `${s2}ого`, `${s2}ому`, w, `${s2}ом`, `${s2}${y(s2)}м`);
    // A town's own name may be a noun in -ой (Джанкой → в Джанкое); an adjective before a noun is not.
    if (adjective || !w.endsWith("ой")) return adj;
    const noun = slots(w, `${s1}я`, `${s1}ю`, w, `${s1}е`, `${s1}ем`);
    return adj.map((forms, i) => [...forms, ...(noun[i] ?? [])]) as Slots;
  }
  if (w.endsWith("ая")) return slots(w, `${s2}ой`, `${s2}ой`, `${s2}ую`, `${s2}ой`, [`${s2}ой`, `${s2}ою`]);
  if (w.endsWith("яя")) return slots(w, `${s2}ей`, `${s2}ей`, `${s2}юю`, `${s2}ей`, `${s2}ей`);
  if (w.endsWith("ое")) return slots(w, `${s2}ого`, `${s2}ому`, w, `${s2}ом`, `${s2}${y(s2)}м`);
  if (w.endsWith("ее")) return slots(w, `${s2}его`, `${s2}ему`, w, `${s2}ем`, `${s2}им`);
  if (/(ые|ие)$/.test(w) && adjective) {
    const i = y(s2);
    return slots(w, `${s2}${i}х`, `${s2}${i}м`, w, `${s2}${i}х`, `${s2}${i}ми`);
  }
  if (w.endsWith("ия")) return slots(w, `${s1}и`, `${s1}и`, `${s1}ю`, `${s1}и`, `${s1}ей`);
  if (w.endsWith("ье")) return slots(w, `${s1}я`, `${s1}ю`, w, w, `${s1}ем`);
  if (w.endsWith("я")) return slots(w, `${s1}и`, `${s1}е`, `${s1}ю`, `${s1}е`, `${s1}ей`);
  if (w.endsWith("а")) {
    const soft = "жшчщц".includes(s1.at(-1) ?? "");
    return slots(w, `${s1}${y(s1)}`, `${s1}е`, `${s1}у`, `${s1}е`, `${s1}${soft ? "ей" : "ой"}`);
  }
  // Шебекино, Белгородское Иваново: the press does not decline these.
  if (/(ино|ыно|ово|ево|аго)$/.test(w)) return fixed(w);
  if (w.endsWith("о")) return slots(w, `${s1}а`, `${s1}у`, w, `${s1}е`, `${s1}ом`);
  if (w.endsWith("ы") || w.endsWith("и")) {
    return slots(w, [...pluralGenitives(s1), `${s1}ов`], `${s1}ам`, w, `${s1}ах`, `${s1}ами`);
  }
  if (/[чшжщ]ь$/.test(w)) return slots(w, `${s1}и`, `${s1}и`, w, `${s1}и`, `${s1}ью`);
  if (w.endsWith("ь") || w.endsWith("й")) return slots(w, `${s1}я`, `${s1}ю`, w, `${s1}е`, `${s1}ем`);
  // Марганец → Марганца; Городок → Городка.
  const stem = w.endsWith("ец") ? `${s2}ц` : w;
  const stems = w.endsWith("ок") ? [stem, `${s2}к`] : [stem];
  const soft = "жшчщц".includes(stem.at(-1) ?? "");
  return slots(
    w,
    stems.map((s) => `${s}а`),
    stems.map((s) => `${s}у`),
    w,
    stems.map((s) => `${s}е`),
    stems.map((s) => `${s}${soft ? "ем" : "ом"}`),
  );
}

/** Most forms one phrase may have: the product of its words' alternatives in one slot stays small. */
const MAX_PER_SLOT = 16;

/**
 * Every case form of a place name in one language, as match keys (cyrKey), the nominative first. The name
 * is lowercase; a word marked "=" is not declined ("автономна республіка =крим"); a word before a hyphen
 * that ends in -о or -е is the first part of a compound ("івано-франківськ"); "на", "над" and the words
 * after them stay as they are ("ростов-на-дону").
 */
export function caseForms(name: string, lang: CyrLang): string[] {
  const parts = name
    .toLowerCase()
    .replace(/ё/g, "е")
    .split(/(\s+|[-‐‑–])/)
    .filter((p) => p.trim() !== "");
  const words: string[] = [];
  const linkers: boolean[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string;
    if (/^[-‐‑–]$/.test(p)) continue;
    words.push(p);
    linkers.push(/^[-‐‑–]$/.test(parts[i + 1] ?? "") && /[ое]$/.test(p));
  }
  const neuterSoft = /['’ʼ]я$/.test(name);
  let frozen = false;
  const paradigms = words.map((raw, i): Slots => {
    const w = raw.replace(APOSTROPHES, "");
    if (LINKS.has(w) && i > 0) frozen = true;
    if (frozen || raw.startsWith("=") || linkers[i]) return fixed(w.replace(/^=/, ""));
    const adjective = i < words.length - 1 && !LINKS.has(words[i + 1] ?? "");
    return lang === "uk" ? ukWord(w, adjective, neuterSoft && i === words.length - 1) : ruWord(w, adjective);
  });
  const out = new Set<string>();
  for (let slot = 0; slot < 6; slot++) {
    let phrases = [""];
    for (const p of paradigms) {
      const next: string[] = [];
      for (const head of phrases) for (const f of p[slot] ?? []) next.push(head ? `${head} ${f}` : f);
      phrases = next.slice(0, MAX_PER_SLOT);
    }
    for (const ph of phrases) out.add(ph);
  }
  return [...out];
}

/**
 * What every case form of a name starts with: its first word less the letters the endings and the stem's
 * changes touch, the last two (Харків/Харкові, Київ/Києва, Ріг/Розі) or three for -іль, -інь, -ець
 * (Тернопіль/Тернополя). The generator checks this holds for every name it writes.
 */
export function stemPrefix(key: string): string {
  let end = key.indexOf(" ");
  if (end < 0) end = key.length;
  const word = key.slice(0, end);
  const cut = /(іль|інь|ець)$/.test(word) ? 3 : 2;
  return word.slice(0, Math.max(1, word.length - cut));
}
