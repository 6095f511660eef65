/**
 * Sets 4 and 5, realfeeds-dev (real RSS items with gold labels). Item level: each item normalized as the
 * pipeline would (normalizeItem: HTML stripped, entities decoded) and run through the extractor. Pipeline:
 * the feeds served on 127.0.0.1 and polled by `strikewatch run --json`, alerts mapped to the labelled
 * incidents the way the data set's score.mjs does; the keyword extractor gets the naive merge instead.
 * Tool output is joined to the items by canonical URL (tracking parameters stripped), not by the items'
 * `id`, which differs from the tool's article id for links with utm_ parameters.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type Article, canonicalUrl } from "../../functions/core/article.js";
import { normalizeItem } from "../../functions/core/normalize.js";
import { type AlertLine, runCli, serveFolder } from "./cli.js";
import { naiveAlerts } from "./merge.js";
import {
  type Cell,
  clip,
  EXTRACTORS,
  type ExtractorId,
  type Failures,
  figure,
  noFailures,
  type Predictor,
  placeKey,
  type SetResult,
  showPrediction,
} from "./model.js";

/** A gold place of an item. */
interface GoldPlace {
  name: string;
  admin1: string | null;
  country: string;
  killed: number | null;
  injured: number | null;
  victims: "civilian" | "military" | "mixed" | null;
  incident: string | null;
}

/** One line of items.jsonl, the fields read here. */
interface Item {
  id: string;
  url: string;
  published: string;
  title: string;
  text: string;
  feed_file: string;
  outlet: string;
  gold: { alert: boolean; places: GoldPlace[] };
}

const civilian = (place: GoldPlace) => place.victims === "civilian" || place.victims === "mixed";

/** The items of the data set, each normalized into the article the pipeline would store. */
export async function loadItems(dir: string): Promise<Array<{ item: Item; article: Article }>> {
  const lines = (await readFile(join(dir, "items.jsonl"), "utf8")).split("\n").filter((l) => l.trim());
  return lines.map((line) => {
    const item = JSON.parse(line) as Item;
    const article = normalizeItem(
      { title: item.title, link: item.url, guid: item.url, pubDate: item.published, description: item.text },
      { feedUrl: `http://127.0.0.1/${item.feed_file}` },
      item.published,
    );
    return { item, article };
  });
}

const itemLabel = (item: Item) => `${item.published.slice(0, 10)} ${item.outlet}: ${clip(item.title, 100)}`;

interface ItemScore {
  tp: number;
  fp: number;
  fn: number;
  oblastItems: number;
  oblastRight: number;
  places: number;
  placesFound: number;
  killedExact: number;
  militaryAlerts: number;
  failures: Failures;
}

/** Set 4: item-level alert decision, oblast and toll against gold. */
export function itemsSet(
  loaded: Array<{ item: Item; article: Article }>,
  predictors: Record<ExtractorId, Predictor>,
): SetResult {
  const goldAlerts = loaded.filter(({ item }) => item.gold.alert).length;
  const militaryOnly = ({ item }: { item: Item }) =>
    item.gold.places.length > 0 && item.gold.places.every((p) => p.victims === "military");
  const militaryItems = loaded.filter(militaryOnly).length;
  const scores = {} as Record<ExtractorId, ItemScore>;
  for (const who of EXTRACTORS) {
    const s: ItemScore = {
      tp: 0,
      fp: 0,
      fn: 0,
      oblastItems: 0,
      oblastRight: 0,
      places: 0,
      placesFound: 0,
      killedExact: 0,
      militaryAlerts: 0,
      failures: noFailures(),
    };
    for (const entry of loaded) {
      const { item, article } = entry;
      const alertable = predictors[who]
        .predict({
          ...(article.title ? { title: article.title } : {}),
          body: article.body,
          ...(article.publishedAt ? { publishedAt: article.publishedAt } : {}),
        })
        .filter((p) => p.alertable);
      const shown = alertable.map(showPrediction).join("; ");
      const gold = item.gold.places.filter(civilian);
      const goldShown = gold.map((p) => `${p.name} (${p.admin1}) killed ${p.killed ?? "null"}`).join("; ");
      if (militaryOnly(entry) && alertable.length > 0) s.militaryAlerts += 1;
      if (!item.gold.alert) {
        if (alertable.length > 0) {
          s.fp += 1;
          s.failures.falseAlerts.push(`${itemLabel(item)} -> ${shown}`);
        }
        continue;
      }
      if (alertable.length === 0) {
        s.fn += 1;
        s.failures.misses.push(`${itemLabel(item)} [gold ${goldShown}]`);
        continue;
      }
      s.tp += 1;
      s.oblastItems += 1;
      if (alertable.some((p) => gold.some((g) => placeKey(g.admin1) === placeKey(p.admin1))))
        s.oblastRight += 1;
      else s.failures.wrong.push(`oblast: ${itemLabel(item)} -> ${shown} [gold ${goldShown}]`);
      for (const place of gold) {
        s.places += 1;
        const match =
          alertable.find((p) => placeKey(p.name) === placeKey(place.name)) ??
          alertable.find((p) => placeKey(p.admin1) === placeKey(place.admin1));
        if (!match) continue;
        s.placesFound += 1;
        const killed = match.killed?.min ?? null;
        if (killed === place.killed) s.killedExact += 1;
        else
          s.failures.wrong.push(
            `killed ${killed ?? "null"}, gold ${place.killed ?? "null"}: ${itemLabel(item)} @ ${place.name}`,
          );
      }
    }
    scores[who] = s;
  }
  const cell = (f: (s: ItemScore) => Cell) => (who: ExtractorId) => f(scores[who]);
  return {
    id: "realfeedsItems",
    title: `4. realfeeds-dev items (${loaded.length} items, ${goldAlerts} gold alerts, ${militaryItems} military-only)`,
    notes: [
      "alert = the item has an alertable event. Oblast over alerted gold-alert items (any alertable event in a gold oblast);",
      "killed over gold civilian places matched by name, else oblast (null = null counts as exact).",
    ],
    figures: [
      figure(
        "precision",
        "alert precision",
        cell((s) => ({ n: s.tp, d: s.tp + s.fp })),
      ),
      figure(
        "recall",
        "alert recall",
        cell((s) => ({ n: s.tp, d: goldAlerts })),
      ),
      figure(
        "oblast",
        "oblast accuracy (alerted gold items)",
        cell((s) => ({ n: s.oblastRight, d: s.oblastItems })),
      ),
      figure(
        "placesFound",
        "gold places found (alerted items)",
        cell((s) => ({ n: s.placesFound, d: s.places })),
      ),
      figure(
        "killedExact",
        "killed exact (found places)",
        cell((s) => ({ n: s.killedExact, d: s.placesFound })),
      ),
      figure(
        "militaryFalseAlerts",
        "military-only items alerted",
        cell((s) => ({ n: s.militaryAlerts, d: militaryItems })),
      ),
    ],
    failures: { ours: scores.ours.failures, keyword: scores.keyword.failures },
  };
}

interface PipelineScore {
  fresh: number;
  updates: number;
  hits: number;
  dups: number;
  wrong: number;
  alerted: number;
  tollExact: number;
  failures: Failures;
}

/**
 * score.mjs's mapping of alerts to labelled incidents, with two changes: items are found by canonical URL,
 * and the labelled incidents are those of civilian (or mixed) places of alert items — 29, where score.mjs
 * also counts the military or casualty-free places that alert items list (Makiivka …), 32.
 */
function scorePipeline(
  items: Item[],
  alerts: AlertLine[],
  itemOf: (articleId: string) => Item | undefined,
): PipelineScore & { incidents: number } {
  const gold = new Map<string, { killed: number; alerts: number; maxAlerted: number }>();
  for (const item of items)
    if (item.gold.alert)
      for (const place of item.gold.places.filter(civilian))
        if (place.incident) {
          const g = gold.get(place.incident) ?? { killed: 0, alerts: 0, maxAlerted: 0 };
          g.killed = Math.max(g.killed, place.killed ?? 0);
          gold.set(place.incident, g);
        }
  const seen = new Map<string, string>();
  const s: PipelineScore = {
    fresh: 0,
    updates: 0,
    hits: 0,
    dups: 0,
    wrong: 0,
    alerted: 0,
    tollExact: 0,
    failures: noFailures(),
  };
  for (const alert of alerts) {
    const places = (alert.articleIds ?? []).flatMap((id) => {
      const item = itemOf(id);
      return item?.gold.alert ? item.gold.places : [];
    });
    const known = places.filter((p) => p.incident && gold.has(p.incident));
    const same = known.filter((p) => placeKey(p.admin1) === placeKey(alert.place?.admin1));
    const key =
      (same.find((p) => placeKey(p.name) === placeKey(alert.place?.name)) ?? same[0])?.incident ??
      seen.get(alert.incidentId);
    if (key) seen.set(alert.incidentId, key);
    const killed = alert.killed?.min ?? 0;
    const g = key ? gold.get(key) : undefined;
    if (alert.kind === "update") {
      s.updates += 1;
      if (g) g.maxAlerted = Math.max(g.maxAlerted, killed);
      continue;
    }
    s.fresh += 1;
    if (!key || !g) {
      s.wrong += 1;
      const first = itemOf(alert.articleIds?.[0] ?? "");
      s.failures.falseAlerts.push(
        `${alert.place?.name} (${alert.place?.admin1}) ${killed} killed | ${first ? itemLabel(first) : (alert.subject ?? "")}`,
      );
      continue;
    }
    g.maxAlerted = Math.max(g.maxAlerted, killed);
    if (g.alerts++ > 0) {
      s.dups += 1;
      s.failures.wrong.push(`duplicate ${key} <- ${alert.place?.name} ${killed} killed`);
    } else s.hits += 1;
  }
  for (const [key, g] of gold) {
    if (g.alerts === 0) {
      s.failures.misses.push(`${key} (${g.killed} killed)`);
      continue;
    }
    s.alerted += 1;
    if (g.maxAlerted === g.killed) s.tollExact += 1;
    else s.failures.wrong.push(`toll ${key}: alerted ${g.maxAlerted}, labelled ${g.killed}`);
  }
  return { ...s, incidents: gold.size };
}

/** Set 5: the feeds of `dir` polled by the CLI (ours); the items through the naive merge (keyword). */
export async function pipelineSet(
  root: string,
  dir: string,
  loaded: Array<{ item: Item; article: Article }>,
  keyword: Predictor,
): Promise<SetResult> {
  const feeds = (await readdir(join(dir, "feeds"))).filter((name) => name.endsWith(".xml")).sort();
  const help = await runCli(root, ["--help"]);
  const replay = /--replay\b/.test(help.stdout + help.stderr) ? ["--replay"] : [];
  const served = await serveFolder(join(dir, "feeds"));
  let run: Awaited<ReturnType<typeof runCli>>;
  try {
    run = await runCli(root, [
      "run",
      "--json",
      ...replay,
      ...feeds.flatMap((f) => ["--feed", served.base + f]),
    ]);
  } finally {
    await served.close();
  }
  const items = loaded.map(({ item }) => item);
  const byUrl = new Map(loaded.map(({ item, article }) => [canonicalUrl(article.url), item]));
  const byArticleId = new Map(loaded.map(({ item, article }) => [article.id, item]));
  for (const line of run.articles) {
    const item = byUrl.get(canonicalUrl(line.url));
    if (item) byArticleId.set(line.id, item);
  }
  const itemOf = (id: string) => byArticleId.get(id);
  const floor = naiveAlerts(
    loaded.map(({ article }) => ({
      articleId: article.id,
      ...(article.publishedAt ? { publishedAt: article.publishedAt } : {}),
      predictions: keyword.predict({
        ...(article.title ? { title: article.title } : {}),
        body: article.body,
      }),
    })),
  );
  const scores = {
    ours: scorePipeline(items, run.alerts, itemOf),
    keyword: scorePipeline(items, floor, itemOf),
  };
  const unjoined = run.articles.filter((line) => !byUrl.has(canonicalUrl(line.url))).length;
  if (run.code !== 0)
    scores.ours.failures.wrong.push(`strikewatch run exited ${run.code}: ${clip(run.stderr, 300)}`);
  const incidents = scores.ours.incidents;
  const cell = (f: (s: PipelineScore) => Cell) => (who: ExtractorId) => f(scores[who]);
  return {
    id: "realfeedsPipeline",
    title: `5. realfeeds-dev pipeline (${feeds.length} feeds, ${incidents} labelled civilian incidents)`,
    notes: [
      `ours = strikewatch run --json${replay.length ? " --replay" : ""} (${run.articles.length} articles, ${unjoined} not joined to items, exit ${run.code}, ${(run.ms / 1000).toFixed(1)} s);`,
      "keyword = naive merge (same oblast + publication day). Mapping of alerts to incidents as score.mjs, joined by URL;",
      "incidents = keys of civilian places of gold-alert items (score.mjs also counts military/no-casualty ones).",
    ],
    figures: [
      figure(
        "newAlerts",
        "new alerts",
        cell((s) => s.fresh),
      ),
      figure(
        "updates",
        "update alerts",
        cell((s) => s.updates),
      ),
      figure(
        "firstAlerts",
        "first alerts of real incidents",
        cell((s) => s.hits),
      ),
      figure(
        "duplicates",
        "duplicate alerts",
        cell((s) => s.dups),
      ),
      figure(
        "falseAlerts",
        "false alerts",
        cell((s) => s.wrong),
      ),
      figure(
        "incidentsAlerted",
        "incidents alerted",
        cell((s) => ({ n: s.alerted, d: incidents })),
      ),
      figure(
        "incidentsMissed",
        "incidents missed",
        cell((s) => incidents - s.alerted),
      ),
      figure(
        "alertsPerIncident",
        "alerts per incident",
        cell((s) => (s.alerted ? s.fresh / s.alerted : null)),
      ),
      figure(
        "tollExact",
        "final toll exact",
        cell((s) => ({ n: s.tollExact, d: s.alerted })),
      ),
      figure(
        "precision",
        "precision (first alerts / new)",
        cell((s) => ({ n: s.hits, d: s.fresh })),
      ),
    ],
    failures: { ours: scores.ours.failures, keyword: scores.keyword.failures },
  };
}
