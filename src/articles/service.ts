import { z } from 'zod';
import { CursorPart, decodeCursor, paginate } from '../http/pagination.js';
import { NotFoundError } from '../errors.js';
import { upperBound } from '../http/schemas.js';
import type { ArticleIngestion } from './ingest.js';
import type { ArticleRepository } from './repository.js';
import type { ArticleSources } from './sources.js';
import type { CreateArticle, ListArticles } from './schemas.js';

const ArticleCursor = z.tuple([CursorPart.time, CursorPart.id]);

export class ArticleService {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly ingestion: ArticleIngestion,
    private readonly sources: ArticleSources,
  ) {}

  /** Ingests an article sent as text, as an HTML page, or by its URL (the page is fetched). */
  async create(input: CreateArticle) {
    let resolution = await this.sources.resolve(input);
    if ('existing' in resolution) {
      const article = await this.articles.getWithQuotes(resolution.existing);
      if (article) return { created: false, article };
      // Deleted since the look-up: fetch it anew.
      resolution = await this.sources.resolve(input, { refetch: true });
    }
    if ('existing' in resolution) throw new Error('a page fetched anew was answered as stored');
    return this.ingestion.ingest(resolution.article);
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
