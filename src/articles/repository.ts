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

export interface NewQuote {
  position: number;
  text: string;
  normalizedText: string;
  kind: 'direct' | 'partial' | 'indirect';
  start: number;
  end: number;
  speakerId: string | null;
  relayedById: string | null;
  mentionText: string | null;
  mentionStart: number | null;
  mentionEnd: number | null;
  cueText: string | null;
  cueStart: number | null;
  cueEnd: number | null;
  confidence: number;
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

  /** Inserts the article unless its URL or body is already stored; true when inserted. */
  async insertIfNew(tx: Prisma.TransactionClient, a: NewArticle): Promise<boolean> {
    const inserted = await tx.$executeRaw`
      INSERT INTO articles (id, title, body, body_hash, url, outlet, author, published_at, language)
      VALUES (${a.id}::uuid, ${a.title}, ${a.body}, ${a.bodyHash}, ${a.url}, ${a.outlet}, ${a.author},
              ${a.publishedAt}, ${a.language})
      ON CONFLICT DO NOTHING`;
    return inserted === 1;
  }

  /**
   * Inserts an article's quotes in one statement, a column array each: an
   * article may hold thousands of quotes, and row-by-row parameters (createMany)
   * cost about half a millisecond a row, which held the transaction for seconds.
   */
  async insertQuotes(tx: Prisma.TransactionClient, articleId: string, quotes: NewQuote[]): Promise<void> {
    if (quotes.length === 0) return;
    const column = <K extends keyof NewQuote>(key: K) => quotes.map((q) => q[key]);
    await tx.$executeRaw`
      INSERT INTO quotes (article_id, position, text, normalized_text, kind, start, "end", speaker_id, relayed_by_id,
                          mention_text, mention_start, mention_end, cue_text, cue_start, cue_end, confidence)
      SELECT ${articleId}::uuid, q.*
      FROM unnest(${column('position')}::int[], ${column('text')}::text[], ${column('normalizedText')}::text[],
                  ${column('kind')}::text[]::"QuoteKind"[], ${column('start')}::int[], ${column('end')}::int[],
                  ${column('speakerId')}::uuid[], ${column('relayedById')}::uuid[],
                  ${column('mentionText')}::text[], ${column('mentionStart')}::int[], ${column('mentionEnd')}::int[],
                  ${column('cueText')}::text[], ${column('cueStart')}::int[], ${column('cueEnd')}::int[],
                  ${column('confidence')}::float8[]) AS q`;
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
