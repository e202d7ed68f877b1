import type pg from 'pg';
import { inTransaction } from '../db/client.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { ARTICLE_QUOTE_ROW_COLUMNS, ARTICLE_QUOTE_ROW_JOINS, presentArticleQuoteRow, type ArticleQuoteRow } from '../quotes/present.js';

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

/** A quote of a new article, as ingestion writes it. */
export interface NewQuote {
  articleId: string;
  outlet: string | null;
  publishedAt: Date;
  position: number;
  text: string;
  normalizedText: string;
  kind: string;
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

// Ingestion and reading an article back are the write path's busiest statements:
// they go to the pg pool as plain SQL, in one statement each where they can, and
// those run for every article are named, so that each connection parses and
// plans them once.

const ARTICLE_BY_ID = `SELECT id, title, url, outlet, author, published_at AS "publishedAt", language, created_at AS "createdAt", body
  FROM articles WHERE id = $1`;

const ARTICLE_QUOTES = Prisma.sql`SELECT ${ARTICLE_QUOTE_ROW_COLUMNS} FROM quotes q ${ARTICLE_QUOTE_ROW_JOINS}
  WHERE q.article_id = ${Prisma.raw('$1')}::uuid ORDER BY q.position`.text;
export class ArticleRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly pool: pg.Pool,
  ) {}

  async getWithQuotes(id: string) {
    const [articles, quotes] = await Promise.all([
      this.pool.query({ name: 'article-by-id', text: ARTICLE_BY_ID, values: [id] }),
      this.pool.query<ArticleQuoteRow>({ name: 'article-quotes', text: ARTICLE_QUOTES, values: [id] }),
    ]);
    const article = articles.rows[0] as
      | { id: string; title: string; url: string | null; outlet: string | null; author: string | null; publishedAt: Date | null; language: string; createdAt: Date; body: string }
      | undefined;
    return article ? { ...article, quotes: quotes.rows.map(presentArticleQuoteRow) } : null;
  }

  /** Runs `work` in one transaction on one connection. */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work);
  }

  /** The article already stored under this URL or with this exact body, if any. */
  async findExisting(url: string | null, bodyHash: string, client: pg.ClientBase | pg.Pool = this.pool): Promise<string | null> {
    const { rows } = await client.query<{ id: string }>({
      name: 'article-find-existing',
      text: 'SELECT id FROM articles WHERE body_hash = $1 OR url = $2 LIMIT 1',
      values: [bodyHash, url],
    });
    return rows[0]?.id ?? null;
  }

  /** Ids of stored articles by `url:<url>` and `hash:<body hash>`, for the given URLs and hashes. */
  async findExistingMany(urls: string[], bodyHashes: string[]): Promise<Map<string, string>> {
    const { rows } = await this.pool.query<{ id: string; url: string | null; body_hash: string }>(
      'SELECT id, url, body_hash FROM articles WHERE body_hash = ANY($1::text[]) OR url = ANY($2::text[])',
      [bodyHashes, urls],
    );
    const found = new Map<string, string>();
    for (const r of rows) {
      found.set(`hash:${r.body_hash}`, r.id);
      if (r.url) found.set(`url:${r.url}`, r.id);
    }
    return found;
  }

  /** Inserts the articles whose URL or body is not stored yet; answers the ids inserted. */
  async insertManyIfNew(client: pg.ClientBase, articles: NewArticle[]): Promise<Set<string>> {
    const column = <K extends keyof NewArticle>(key: K) => articles.map((a) => a[key]);
    const { rows } = await client.query<{ id: string }>({
      name: 'articles-insert',
      text: `INSERT INTO articles (id, title, body, body_hash, url, outlet, author, published_at, language)
             SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[])
             ON CONFLICT DO NOTHING
             RETURNING id`,
      values: [column('id'), column('title'), column('body'), column('bodyHash'), column('url'), column('outlet'), column('author'), column('publishedAt'), column('language')],
    });
    return new Set(rows.map((r) => r.id));
  }

  /** All quotes of an article in one statement, a column array each. */
  async insertQuotes(client: pg.ClientBase, quotes: NewQuote[]): Promise<void> {
    if (quotes.length === 0) return;
    const column = <K extends keyof NewQuote>(key: K) => quotes.map((q) => q[key]);
    await client.query({
      name: 'quotes-insert',
      text: `INSERT INTO quotes (article_id, outlet, published_at, position, text, normalized_text, kind, start, "end",
                                 speaker_id, relayed_by_id, mention_text, mention_start, mention_end, cue_text, cue_start, cue_end, confidence)
             SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::int[], $5::text[], $6::text[], $7::"QuoteKind"[], $8::int[], $9::int[],
                                  $10::uuid[], $11::uuid[], $12::text[], $13::int[], $14::int[], $15::text[], $16::int[], $17::int[], $18::float8[])`,
      values: [
        column('articleId'), column('outlet'), column('publishedAt'), column('position'), column('text'), column('normalizedText'),
        column('kind'), column('start'), column('end'), column('speakerId'), column('relayedById'), column('mentionText'),
        column('mentionStart'), column('mentionEnd'), column('cueText'), column('cueStart'), column('cueEnd'), column('confidence'),
      ],
    });
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
