import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { articleQuoteInclude } from '../quotes/present.js';

export const articleColumns = {
  id: true,
  title: true,
  url: true,
  outlet: true,
  author: true,
  publishedAt: true,
  language: true,
  createdAt: true,
} as const satisfies Prisma.ArticleSelect;

export interface ArticleListFilter {
  outlet?: string;
  publishedFrom?: Date;
  publishedTo?: Date;
}

export interface NewArticle {
  id: string;
  title: string;
  body: string;
  bodyHash: string;
  url: string | null;
  outlet: string | null;
  author: string | null;
  publishedAt: Date | null;
  language: string;
}

export class ArticleRepository {
  constructor(private readonly prisma: PrismaClient) {}

  getWithQuotes(id: string) {
    return this.prisma.article.findUnique({
      where: { id },
      select: { ...articleColumns, body: true, quotes: { include: articleQuoteInclude, orderBy: { position: 'asc' } } },
    });
  }

  /** The article already stored under this URL or with this exact body, if any. */
  async findExisting(url: string | null, bodyHash: string): Promise<string | null> {
    const row = await this.prisma.article.findFirst({
      where: { OR: [{ bodyHash }, ...(url ? [{ url }] : [])] },
      select: { id: true },
    });
    return row?.id ?? null;
  }

  /** Ids of stored articles by `url:<url>` and `hash:<body hash>`, for the given URLs and hashes. */
  async findExistingMany(urls: string[], bodyHashes: string[]): Promise<Map<string, string>> {
    const rows = await this.prisma.article.findMany({
      where: { OR: [{ bodyHash: { in: bodyHashes } }, ...(urls.length ? [{ url: { in: urls } }] : [])] },
      select: { id: true, url: true, bodyHash: true },
    });
    const found = new Map<string, string>();
    for (const r of rows) {
      found.set(`hash:${r.bodyHash}`, r.id);
      if (r.url) found.set(`url:${r.url}`, r.id);
    }
    return found;
  }

  /** Inserts the article unless its URL or body is already stored; true when inserted. */
  async insertIfNew(tx: Prisma.TransactionClient, a: NewArticle): Promise<boolean> {
    const inserted = await tx.$executeRaw`
      INSERT INTO articles (id, title, body, body_hash, url, outlet, author, published_at, language)
      VALUES (${a.id}::uuid, ${a.title}, ${a.body}, ${a.bodyHash}, ${a.url}, ${a.outlet}, ${a.author},
              ${a.publishedAt}, ${a.language})
      ON CONFLICT DO NOTHING`;
    return inserted === 1;
  }

  list(filter: ArticleListFilter, limit: number, after?: { createdAt: Date; id: string }) {
    const publishedAt =
      filter.publishedFrom || filter.publishedTo
        ? { ...(filter.publishedFrom ? { gte: filter.publishedFrom } : {}), ...(filter.publishedTo ? { lte: filter.publishedTo } : {}) }
        : undefined;
    return this.prisma.article.findMany({
      where: {
        ...(filter.outlet ? { outlet: filter.outlet } : {}),
        ...(publishedAt ? { publishedAt } : {}),
        ...(after
          ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
          : {}),
      },
      select: { ...articleColumns, _count: { select: { quotes: true } } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
    });
  }

  /** Deletes the article, its quotes, and the anonymous and group speakers that only it had. */
  async delete(id: string): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const deleted = await tx.article.deleteMany({ where: { id } });
      if (deleted.count === 0) return false;
      await tx.$executeRaw`
        DELETE FROM speakers
        WHERE (match_key LIKE ${`anonymous:${id}:%`} OR match_key LIKE ${`group:${id}:%`})
          AND NOT EXISTS (SELECT 1 FROM quotes WHERE speaker_id = speakers.id OR relayed_by_id = speakers.id)`;
      return true;
    });
  }
}
