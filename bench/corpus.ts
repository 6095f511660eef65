/** The benchmark corpus: the five seeds and the evaluation reports, as articles. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type Article,
  articleFromSeed,
  parseSeedText,
  seedFileId,
  shortHash,
} from "../functions/core/article.js";
import { loadCorpus } from "../functions/local/evaluate.js";
import { ROOT } from "./stats.js";

/** An article and the size of the seed-format text it was read from. */
export interface CorpusArticle {
  article: Article;
  bytes: number;
}

/** Reads seeds/*.txt and tests/fixtures/eval/*.txt; `fetchedAt` is the same for all. */
export async function loadArticles(fetchedAt = new Date().toISOString()): Promise<CorpusArticle[]> {
  const seedsDir = join(ROOT, "seeds");
  const feedUrl = "https://bench.example.org/";
  const seeds = (await readdir(seedsDir)).filter((name) => seedFileId(name) !== null).sort();
  const result: CorpusArticle[] = [];
  for (const name of seeds) {
    const text = await readFile(join(seedsDir, name), "utf8");
    const article = articleFromSeed(name, text, { source: "seeds", feedUrl, fetchedAt });
    result.push({ article, bytes: Buffer.byteLength(text) });
  }
  for (const report of await loadCorpus(join(ROOT, "tests", "fixtures", "eval"))) {
    const seed = parseSeedText(report.text);
    const url = `${feedUrl}eval/${report.name}`;
    const article: Article = {
      id: shortHash(url),
      url,
      source: "eval",
      feedUrl,
      ...(seed.title ? { title: seed.title } : {}),
      ...(seed.date ? { publishedAt: `${seed.date}T00:00:00.000Z` } : {}),
      fetchedAt,
      body: seed.body,
    };
    result.push({ article, bytes: Buffer.byteLength(report.text) });
  }
  return result;
}
