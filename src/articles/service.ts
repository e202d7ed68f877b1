import { z } from 'zod';
import { CursorPart, decodeCursor, paginate } from '../http/pagination.js';
import { NotFoundError } from '../errors.js';
import { upperBound } from '../http/schemas.js';
import type { ArticleIngestion } from './ingest.js';
import type { ArticleRepository } from './repository.js';
import type { CreateArticle, ListArticles } from './schemas.js';

const ArticleCursor = z.tuple([CursorPart.time, CursorPart.id]);

export class ArticleService {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly ingestion: ArticleIngestion,
  ) {}

  create(input: CreateArticle) {
    return this.ingestion.ingest(input);
  }

  async get(id: string) {
    const article = await this.articles.getWithQuotes(id);
    if (!article) throw new NotFoundError('article', id);
    return article;
  }

  async list(query: ListArticles) {
    const after = decodeCursor(query.cursor, ArticleCursor);
    const rows = await this.articles.list(
      {
        outlet: query.outlet,
        publishedFrom: query.publishedFrom ? new Date(query.publishedFrom) : undefined,
        publishedTo: query.publishedTo ? upperBound(query.publishedTo) : undefined,
      },
      query.limit,
      after && { createdAt: new Date(after[0]), id: after[1] },
    );
    const page = paginate(rows, query.limit, (a) => [a.createdAt.toISOString(), a.id]);
    return {
      items: page.items.map(({ _count, ...a }) => ({ ...a, quoteCount: _count.quotes })),
      nextCursor: page.nextCursor,
    };
  }

  async delete(id: string) {
    if (!(await this.articles.delete(id))) throw new NotFoundError('article', id);
  }
}
