/** Test helper: the seed articles as the pipeline sees them. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Article, articleFromSeed } from "../../functions/core/article.js";

const SEEDS = join(import.meta.dirname, "../../seeds");

/** The seed with this number ("000" … "004") as an Article fetched at `fetchedAt`. */
export function seedArticle(number: string, fetchedAt = "2026-11-22T04:00:00.000Z"): Article {
  const names: Record<string, string> = {
    "000": "000_c1778478273d7973.txt",
    "001": "001_d1335562950f1f2a.txt",
    "002": "002_16b2b9d5e41fa0f4.txt",
    "003": "003_e96bcc39b64da713.txt",
    "004": "004_208bb5c925342d33.txt",
  };
  const name = names[number];
  if (!name) throw new Error(`no seed ${number}`);
  return articleFromSeed(name, readFileSync(join(SEEDS, name), "utf8"), {
    source: `Outlet ${number}`,
    feedUrl: "file:///seeds/",
    fetchedAt,
  });
}
