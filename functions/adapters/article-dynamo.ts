/** ArticleStore on DynamoDB: one item per article, created with a conditional put so ids stay unique. */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
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

  /** An article with its backfill mark, for re-analysis. */
  async getStored(id: string): Promise<{ article: Article; backfill: boolean } | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { id } }));
    return Item ? { article: toArticle(Item), backfill: isBackfill(Item) } : undefined;
  }

  /** Every stored article with its backfill mark, oldest fetch first: for the local re-analysis, not Lambda paths. */
  async listStored(): Promise<Array<{ article: Article; backfill: boolean }>> {
    const stored = (await scanAll(this.doc, this.tableName)).map((item) => ({
      article: toArticle(item),
      backfill: isBackfill(item),
    }));
    return stored.sort(
      (a, b) =>
        a.article.fetchedAt.localeCompare(b.article.fetchedAt) || a.article.url.localeCompare(b.article.url),
    );
  }
}

/**
 * The ids of the articles fetched in [from, to] (ISO 8601), page after page of a filtered scan
 * that reads ids only: what `strikewatch replay --stack` hands to the analyze function.
 */
export async function articleIdsFetchedBetween(
  doc: DynamoDBDocumentClient,
  tableName: string,
  range: { from?: string; to?: string },
): Promise<string[]> {
  const conditions: string[] = [];
  const values: Record<string, string> = {};
  if (range.from !== undefined) {
    conditions.push("#fetchedAt >= :from");
    values[":from"] = range.from;
  }
  if (range.to !== undefined) {
    conditions.push("#fetchedAt <= :to");
    values[":to"] = range.to;
  }
  const found: Array<{ id: string; fetchedAt: string }> = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: tableName,
        ProjectionExpression: "#id, #fetchedAt",
        ExpressionAttributeNames: { "#id": "id", "#fetchedAt": "fetchedAt" },
        ...(conditions.length > 0
          ? { FilterExpression: conditions.join(" AND "), ExpressionAttributeValues: values }
          : {}),
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? [])
      found.push({ id: String(item.id), fetchedAt: String(item.fetchedAt) });
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found
    .sort((a, b) => a.fetchedAt.localeCompare(b.fetchedAt) || a.id.localeCompare(b.id))
    .map((item) => item.id);
}

/** A stored item (or a stream image unmarshalled) back to an Article, dropping storage-only attributes. */
export function toArticle(item: Record<string, unknown>): Article {
  const { expiresAt: _expiresAt, [BACKFILL_ATTRIBUTE]: _backfill, ...article } = item;
  return article as unknown as Article;
}
