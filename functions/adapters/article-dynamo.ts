/** ArticleStore on DynamoDB: one item per article, created with a conditional put so ids stay unique. */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Article } from "../core/article.js";
import type { ArticleStore } from "../ports.js";
import { ARTICLE_TTL_DAYS } from "../tables.js";
import { scanAll } from "./scan.js";

const DAY_SECONDS = 86_400;

/** Stores articles in the Articles table (partition key `id`), expiring them after ARTICLE_TTL_DAYS. */
export class DynamoArticleStore implements ArticleStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putNew(article: Article): Promise<boolean> {
    const expiresAt = Math.floor(Date.parse(article.fetchedAt) / 1000) + ARTICLE_TTL_DAYS * DAY_SECONDS;
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...article, expiresAt },
          ConditionExpression: "attribute_not_exists(id)",
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
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
  const { expiresAt: _expiresAt, ...article } = item;
  return article as unknown as Article;
}
