/**
 * A FeedFetcher over a folder of seed files (NNN_<id>.txt): the bundled sample articles act as one
 * feed, so the runner works offline. Each article keeps its file's id.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Article, articleFromSeed, seedFileId } from "../core/article.js";
import type { FeedBatch, FeedFetcher, FeedSource } from "../ports.js";

/** The feed source that stands for a seed folder. */
export function seedSource(dir: string): FeedSource {
  return { url: pathToFileURL(resolve(dir)).href.replace(/\/?$/, "/"), name: "seeds" };
}

/** Reads seed folders given as file: URLs. */
export class SeedFetcher implements FeedFetcher {
  constructor(private readonly now: () => Date = () => new Date()) {}

  async read(feeds: FeedSource[]): Promise<FeedBatch[]> {
    return Promise.all(feeds.map((feed) => this.readOne(feed)));
  }

  private async readOne(feed: FeedSource): Promise<FeedBatch> {
    const dir = new URL(feed.url).pathname;
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => seedFileId(name) !== null).sort();
    } catch (error) {
      return { feed, status: "error", error: `${feed.url}: ${(error as Error).message}`, bytes: 0 };
    }
    const fetchedAt = this.now().toISOString();
    const articles: Article[] = [];
    let bytes = 0;
    for (const name of names) {
      const text = await readFile(join(dir, name), "utf8");
      bytes += Buffer.byteLength(text);
      articles.push(
        articleFromSeed(name, text, { source: feed.name ?? "seeds", feedUrl: feed.url, fetchedAt }),
      );
    }
    return { feed, status: "ok", articles, itemErrors: [], bytes };
  }
}
