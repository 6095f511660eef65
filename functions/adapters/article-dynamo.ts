/** ArticleStore on DynamoDB: one item per article, created with a conditional put so ids stay unique. */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Article } from "../core/article.js";
import { ArticleRejectedError, type ArticleStore, type StoreOptions } from "../ports.js";
import { ARTICLE_TTL_DAYS } from "../tables.js";
import { scanAll } from "./scan.js";

const DAY_SECONDS = 86_400;

/** The attribute that marks an article stored by its feed's first poll (see StoreOptions.backfill). */
export const BACKFILL_ATTRIBUTE = "backfill";

/** The item stored for an article: the article, its expiry, and the backfill mark when set. */
export function articleItem(article: Article, options: StoreOptions = {}): Record<string, unknown> {
  const expiresAt = Math.floor(Date.parse(article.fetchedAt) / 1000) + ARTICLE_TTL_DAYS * DAY_SECONDS;
  return { ...article, expiresAt, ...(options.backfill ? { [BACKFILL_ATTRIBUTE]: true } : {}) };
}

/** True when a stored item (or stream image, unmarshalled) was stored by its feed's first poll. */
export function isBackfill(item: Record<string, unknown>): boolean {
  return item[BACKFILL_ATTRIBUTE] === true;
}

/** Stores articles in the Articles table (partition key `id`), expiring them after ARTICLE_TTL_DAYS. */
export class DynamoArticleStore implements ArticleStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putNew(article: Article, options: StoreOptions = {}): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: articleItem(article, options),
          ConditionExpression: "attribute_not_exists(id)",
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      // DynamoDB refuses this item for what it is (size, an empty key): retrying cannot help, so say which.
      if ((error as { name?: unknown }).name === "ValidationException")
        throw new ArticleRejectedError(article.id, article.url, (error as Error).message);
      throw error;
    }
  }

  async get(id: string): Promise<Article | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { id } }));
    return Item ? toArticle(Item) : undefined;
  }

  async list(): Promise<Article[]> {
    const articles = (await scanAll(this.doc, this.tableName)).map(toArticle);
    return articles.sort((a, b) => a.fetchedAt.localeCompare(b.fetchedAt) || a.url.localeCompare(b.url));
  }
}

/** A stored item (or a stream image unmarshalled) back to an Article, dropping storage-only attributes. */
export function toArticle(item: Record<string, unknown>): Article {
  const { expiresAt: _expiresAt, [BACKFILL_ATTRIBUTE]: _backfill, ...article } = item;
  return article as unknown as Article;
}
