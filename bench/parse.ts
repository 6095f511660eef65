/**
 * Feed parsing benchmark: rss-parser's parseString against feedsmith's parseFeed on the same strings
 * in the same run: the well-formed UTF-8 RSS/Atom/RDF fixtures and a generated 1 MB RSS feed of 500
 * items. StrikeWatch's own parseFeedXml (rss-parser plus its repairs) is timed alongside.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseFeed } from "feedsmith";
import Parser from "rss-parser";
import { parseFeedXml } from "../functions/feeds/parse.js";
import { rssDocument, rssItem } from "./farm.js";
import { ROOT } from "./stats.js";

/** One feed text of the parse corpus. */
interface ParseInput {
  name: string;
  xml: string;
}

/** Parse times per parser (ms per pass over the corpus) and the ratios to feedsmith. */
export interface ParseResult {
  inputs: string[];
  corpusBytes: number;
  passes: number;
  msPerPass: { rssParser: number; feedsmith: number; strikewatch: number };
  /** rss-parser / feedsmith on the whole corpus; on the small fixtures alone; on the 1 MB feed alone. */
  ratio: number;
  ratioFixtures: number;
  ratio1mb: number;
  strikewatchRatio: number;
}

/**
 * A fixture qualifies when it is valid UTF-8, starts with the XML declaration or the root element,
 * declares no DTD (the entity-attack fixtures) and both parsers read it: the malformed,
 * mis-encoded and hostile fixtures exist to test repairs, not parse speed.
 */
async function fixtures(): Promise<ParseInput[]> {
  const rss = new Parser();
  const inputs: ParseInput[] = [];
  for (const folder of ["tests/fixtures/normalize", "tests/fixtures/feeds"]) {
    const dir = join(ROOT, folder);
    for (const name of (await readdir(dir)).filter((file) => file.endsWith(".xml")).sort()) {
      const bytes = await readFile(join(dir, name));
      let xml: string;
      try {
        xml = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        continue;
      }
      const prolog = /^<\?xml[^>]*\?>/.exec(xml)?.[0];
      if (!/^<(\?xml|rss|feed|rdf:RDF)\b/.test(xml) || /<!DOCTYPE/i.test(xml)) continue;
      if (prolog && !/encoding=["']utf-8["']/i.test(prolog) && /encoding=/.test(prolog)) continue;
      try {
        await rss.parseString(xml);
        parseFeed(xml);
      } catch {
        continue;
      }
      inputs.push({ name: `${folder.split("/").pop()}/${name}`, xml });
    }
  }
  return inputs;
}

/** A 1 MB RSS feed of 500 items. */
function megabyteFeed(): string {
  const items = Array.from({ length: 500 }, (_, sequence) => rssItem(9999, sequence, 2000));
  return rssDocument("Generated 1 MB feed", items);
}

async function timePass(inputs: ParseInput[], parse: (xml: string) => unknown): Promise<number[]> {
  const times: number[] = [];
  for (const { xml } of inputs) {
    const started = performance.now();
    await parse(xml);
    times.push(performance.now() - started);
  }
  return times;
}

/** Parses the corpus `passes` times with each parser, interleaved pass by pass, after one warm-up pass. */
export async function benchParse(passes = 15): Promise<ParseResult> {
  const inputs = [...(await fixtures()), { name: "generated/1mb-500-items.xml", xml: megabyteFeed() }];
  const rss = new Parser();
  const parsers = {
    rssParser: (xml: string) => rss.parseString(xml),
    feedsmith: (xml: string) => parseFeed(xml),
    strikewatch: (xml: string) => parseFeedXml(xml),
  };
  const totals = {
    rssParser: new Array<number>(inputs.length).fill(0),
    feedsmith: new Array<number>(inputs.length).fill(0),
    strikewatch: new Array<number>(inputs.length).fill(0),
  };
  for (let pass = -1; pass < passes; pass++) {
    for (const key of ["rssParser", "feedsmith", "strikewatch"] as const) {
      const times = await timePass(inputs, parsers[key]);
      if (pass < 0) continue;
      for (const [index, ms] of times.entries()) totals[key][index] = (totals[key][index] ?? 0) + ms;
    }
  }
  const sum = (values: number[], from = 0, to = values.length) =>
    values.slice(from, to).reduce((total, value) => total + value, 0);
  const last = inputs.length - 1;
  return {
    inputs: inputs.map((input) => input.name),
    corpusBytes: inputs.reduce((total, input) => total + Buffer.byteLength(input.xml), 0),
    passes,
    msPerPass: {
      rssParser: sum(totals.rssParser) / passes,
      feedsmith: sum(totals.feedsmith) / passes,
      strikewatch: sum(totals.strikewatch) / passes,
    },
    ratio: sum(totals.rssParser) / sum(totals.feedsmith),
    ratioFixtures: sum(totals.rssParser, 0, last) / sum(totals.feedsmith, 0, last),
    ratio1mb: sum(totals.rssParser, last) / sum(totals.feedsmith, last),
    strikewatchRatio: sum(totals.strikewatch) / sum(totals.feedsmith),
  };
}
