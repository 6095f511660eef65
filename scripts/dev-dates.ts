/**
 * Measures the strike-date reader (functions/core/extract/dates.ts) on the labelled development feeds in
 * ../shared/data/realfeeds-dev: for each alert item and each struck place, the gold incident date against
 * (a) the publication date and (b) strikeDate([title, text], published). A second pass puts the sentences
 * that name the place first, as the extractor does with an event's evidence. Prints figures and misses only
 * (never the publishers' texts beyond a short excerpt on screen). Run with `npx tsx scripts/dev-dates.ts`.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { localDate, strikeDate } from "../functions/core/extract/dates.js";
import { htmlToText } from "../functions/core/html.js";

interface GoldPlace {
  name: string;
  incident: string | null;
}
interface Item {
  published: string;
  title: string;
  text: string;
  gold: { alert: boolean; places: GoldPlace[] };
}

const ITEMS = fileURLToPath(new URL("../../shared/data/realfeeds-dev/items.jsonl", import.meta.url));
if (!existsSync(ITEMS)) {
  console.log(`dev-dates: ${ITEMS} is absent; nothing to measure.`);
  process.exit(0);
}
const verbose = process.argv.includes("--verbose");

const items = readFileSync(ITEMS, "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as Item);

/** Spellings in the feeds that a four-letter stem of the gold name misses. */
const ALIASES: Record<string, string[]> = { Kyiv: ["kiev"], Sloviansk: ["slovy"], Zaporizhzhia: ["zapori"] };
const stemsOf = (name: string): string[] => [
  name.toLowerCase().slice(0, 4),
  ...(ALIASES[name.replace(/ Oblast$/, "")] ?? []),
];
const sentencesOf = (text: string): string[] => text.split(/(?<=[.!?…])\s+|\n+|\s{3,}/).filter(Boolean);

interface Tally {
  pairs: number;
  utc: number;
  kyiv: number;
  reader: number;
  evidence: number;
  /** Pairs the publication's Kyiv date got right and the reader (evidence-first) got wrong. */
  worse: number;
  /** Pairs where the reader found no date in the text: its answer is the Kyiv date. */
  unstated: number;
  unstatedRight: number;
  /** Unstated pairs right if the fallback were the day before for reports filed before 04:00 Kyiv. */
  unstatedRightSmallHours: number;
}
const tally = (): Tally => ({
  pairs: 0,
  utc: 0,
  kyiv: 0,
  reader: 0,
  evidence: 0,
  worse: 0,
  unstated: 0,
  unstatedRight: 0,
  unstatedRightSmallHours: 0,
});

const KYIV_HOUR = new Intl.DateTimeFormat("en-US", {
  timeZone: "Europe/Kyiv",
  hour: "2-digit",
  hourCycle: "h23",
});
const dayBefore = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

function measure(selected: Item[], label: string): Tally {
  const t = tally();
  for (const item of selected) {
    const text = htmlToText(item.text);
    const read = strikeDate([item.title, text], item.published);
    for (const place of item.gold.places) {
      if (place.incident === null) continue;
      const gold = place.incident.slice(place.incident.lastIndexOf("@") + 1);
      const stems = stemsOf(place.name);
      const evidence = sentencesOf(`${item.title}\n${text}`).filter((s) =>
        stems.some((stem) => s.toLowerCase().includes(stem)),
      );
      const byEvidence = strikeDate([...evidence, item.title, text], item.published);
      const kyiv = localDate(item.published);
      t.pairs++;
      if (item.published.slice(0, 10) === gold) t.utc++;
      if (kyiv === gold) t.kyiv++;
      if (read?.date === gold) t.reader++;
      if (byEvidence?.date === gold) t.evidence++;
      if (kyiv === gold && byEvidence?.date !== gold) t.worse++;
      if (byEvidence?.stated === false) {
        t.unstated++;
        if (byEvidence.date === gold) t.unstatedRight++;
        const smallHours = Number(KYIV_HOUR.format(Date.parse(item.published))) < 4;
        if ((smallHours ? dayBefore(byEvidence.date) : byEvidence.date) === gold) t.unstatedRightSmallHours++;
      }
      if (verbose && (read?.date !== gold || byEvidence?.date !== gold)) {
        console.log(
          `  miss ${label} ${item.published} gold ${place.incident} read ${read?.date}${read?.stated ? "" : "?"} evidence ${byEvidence?.date}${byEvidence?.stated ? "" : "?"} | ${item.title.slice(0, 90)}`,
        );
      }
    }
  }
  return t;
}

const pct = (n: number, of: number): string => `${n}/${of} (${((100 * n) / Math.max(1, of)).toFixed(1)}%)`;
function report(label: string, t: Tally): void {
  console.log(`${label}: ${t.pairs} (item, place) pairs`);
  console.log(`  publication date, UTC         ${pct(t.utc, t.pairs)}`);
  console.log(`  publication date, Kyiv        ${pct(t.kyiv, t.pairs)}`);
  console.log(`  strikeDate([title, text])     ${pct(t.reader, t.pairs)}`);
  console.log(`  strikeDate(evidence first)    ${pct(t.evidence, t.pairs)}`);
  console.log(`  right by Kyiv date, now wrong ${t.worse}`);
  console.log(
    `  no date in the text           ${t.unstated} pairs, ${t.unstatedRight} right by the fallback`,
  );
  console.log(
    `    (what if: the day before for reports filed before 04:00 Kyiv: ${t.unstatedRightSmallHours} right)`,
  );
}

const alerts = items.filter((item) => item.gold.alert);
report("alert items", measure(alerts, "alert"));
report(
  "non-alert items naming a strike",
  measure(
    items.filter((item) => !item.gold.alert),
    "other",
  ),
);

// Items without any labelled strike: how often the reader moves the date off the publication day at all.
let moved = 0;
let unlabelled = 0;
for (const item of items) {
  if (item.gold.places.some((place) => place.incident !== null)) continue;
  unlabelled++;
  const read = strikeDate([item.title, htmlToText(item.text)], item.published);
  if (read !== null && read.date !== localDate(item.published)) moved++;
}
console.log(
  `items naming no strike: ${unlabelled}; the reader dates ${moved} of them off the publication day`,
);
