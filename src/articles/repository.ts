import { AttributionRepository } from '../quotes/attribution-repository.js';
import type pg from 'pg';
import type { QuoteKind, SpeakerKind } from '../extraction/types.js';
import type { NewSpeaker } from '../speakers/repository.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import {
  ARTICLE_QUOTE_ROW_COLUMNS,
  ARTICLE_QUOTE_ROW_JOINS,
  presentArticleQuoteRow,
  type ArticleQuoteRow,
  type PresentedQuote,
} from '../quotes/present.js';

export const articleColumns = {
  id: true,
  title: true,
  url: true,
  canonicalUrl: true,
  fetchedAt: true,
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
  canonicalUrl: string | null;
  fetchedAt: Date | null;
  outlet: string | null;
  author: string | null;
  publishedAt: Date | null;
  language: string;
}

/** A quote of a new article, as ingestion writes it: its speakers by registry id or by match key. */
export interface NewQuote {
  id: string;
  articleId: string;
  outlet: string | null;
  publishedAt: Date;
  position: number;
  text: string;
  normalizedText: string;
  kind: QuoteKind;
  start: number;
  end: number;
  speakerId: string | null;
  speakerKey: string | null;
  relayedById: string | null;
  relayedByKey: string | null;
  mentionText: string | null;
  mentionStart: number | null;
  mentionEnd: number | null;
  cueText: string | null;
  cueStart: number | null;
  cueEnd: number | null;
  confidence: number;
  /** The attribution rule that decided the quote. */
  sieve: string | null;
  /** Position of the first part of the statement this quote is part of; null for a statement alone. */
  statementPosition: number | null;
}

/** A speaker to find or create by match key, for an article of the group. */
export interface NewArticleSpeaker extends NewSpeaker {
  articleId: string;
}

/** What writing a group answers. */
export interface WrittenGroup {
  /** By input id: the id the article is stored under, whether this write created it, and when. */
  articles: Map<string, { storedId: string; created: boolean; createdAt: Date | null }>;
  /** The speaker id each match key of the group resolved to. */
  speakerIds: Map<string, string>;
  /** Name and kind of every speaker the stored quotes point at, by id. */
  speakers: Map<string, { name: string; kind: SpeakerKind }>;
}

/** Articles to write together, with the speakers and quotes of each. */
export interface NewArticleGroup {
  articles: NewArticle[];
  speakers: NewArticleSpeaker[];
  quotes: NewQuote[];
}

// Ingestion and reading an article back are the write path's busiest statements:
// they go to the pg pool as plain SQL, in one statement each where they can, and
// those run for every article are named, so that each connection parses and
// plans them once.

const ARTICLES_BY_ID = `SELECT id, title, url, canonical_url AS "canonicalUrl", fetched_at AS "fetchedAt", outlet, author, published_at AS "publishedAt", language, created_at AS "createdAt", body
  FROM articles WHERE id = ANY($1::uuid[])`;

const ARTICLES_QUOTES =
  Prisma.sql`SELECT ${ARTICLE_QUOTE_ROW_COLUMNS}, q.article_id FROM quotes q ${ARTICLE_QUOTE_ROW_JOINS}
  WHERE q.article_id = ANY(${Prisma.raw('$1')}::uuid[]) ORDER BY q.article_id, q.position`.text;

interface StoredArticle {
  id: string;
  title: string;
  url: string | null;
  canonicalUrl: string | null;
  fetchedAt: Date | null;
  outlet: string | null;
  author: string | null;
  publishedAt: Date | null;
  language: string;
  createdAt: Date;
  body: string;
}

/** The JSON document ingest_articles answers (see its migration). */
interface IngestAnswer {
  articles: { input: string; stored: string | null; created: boolean; created_at: string | null }[];
  keys: Record<string, string>;
  speakers: Record<string, [string, SpeakerKind]>;
}

export type ArticleDetail = StoredArticle & { quotes: PresentedQuote[] };

export class ArticleRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly pool: pg.Pool,
    private readonly attributions = new AttributionRepository(prisma),
  ) {}

  async getWithQuotes(id: string): Promise<ArticleDetail | null> {
    return (await this.getManyWithQuotes([id])).get(id) ?? null;
  }

  /** Articles with their quotes, by id, in two statements whatever their number. */
  async getManyWithQuotes(ids: string[]): Promise<Map<string, ArticleDetail>> {
    const found = new Map<string, ArticleDetail>();
    if (ids.length === 0) return found;
    const [articles, quotes] = await Promise.all([
      this.pool.query<StoredArticle>({ name: 'articles-by-id', text: ARTICLES_BY_ID, values: [ids] }),
      this.pool.query<ArticleQuoteRow & { article_id: string }>({
        name: 'articles-quotes',
        text: ARTICLES_QUOTES,
        values: [ids],
      }),
    ]);
    for (const a of articles.rows) found.set(a.id, { ...a, quotes: [] });
    for (const q of quotes.rows) found.get(q.article_id)?.quotes.push(presentArticleQuoteRow(q));
    return found;
  }

  /**
   * Ids of stored articles by `url:<url>`, `canonical:<canonical URL>` and `hash:<body hash>`,
   * for the given URLs, canonical URLs and hashes.
   */
  async findExistingMany(urls: string[], canonicalUrls: string[], bodyHashes: string[]): Promise<Map<string, string>> {
    const { rows } = await this.pool.query<{
      id: string;
      url: string | null;
      canonical_url: string | null;
      body_hash: string;
    }>({
      name: 'article-find-existing',
      text:
        'SELECT id, url, canonical_url, body_hash FROM articles ' +
        'WHERE body_hash = ANY($1::text[]) OR url = ANY($2::text[]) OR canonical_url = ANY($3::text[])',
      values: [bodyHashes, urls, canonicalUrls],
    });
    const found = new Map<string, string>();
    for (const r of rows) {
      found.set(`hash:${r.body_hash}`, r.id);
      if (r.url) found.set(`url:${r.url}`, r.id);
      if (r.canonical_url) found.set(`canonical:${r.canonical_url}`, r.id);
    }
    return found;
  }

  /**
   * Writes articles, their speakers and their quotes in one statement (the
   * ingest_articles function): atomic, and one round trip for the whole group.
   * Articles already stored are skipped. The answer gives what the caller needs to
   * present the stored articles without reading them back (see WrittenGroup).
   */
  async writeGroup(group: NewArticleGroup): Promise<WrittenGroup> {
    const column = <T, K extends keyof T>(rows: T[], key: K) => rows.map((r) => r[key]);
    const { articles, speakers, quotes } = group;
    const { rows } = await this.pool.query<{ answer: IngestAnswer }>({
      name: 'ingest-articles',
      text: `SELECT ingest_articles(
               $1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[], $10::text[], $11::timestamptz[],
               $12::jsonb,
               $13::uuid[], $14::uuid[], $15::text[], $16::timestamptz[], $17::int[], $18::text[], $19::text[], $20::"QuoteKind"[], $21::int[], $22::int[],
               $23::uuid[], $24::text[], $25::uuid[], $26::text[],
               $27::text[], $28::int[], $29::int[], $30::text[], $31::int[], $32::int[], $33::float8[], $34::int[], $35::text[]) AS answer`,
      values: [
        column(articles, 'id'),
        column(articles, 'title'),
        column(articles, 'body'),
        column(articles, 'bodyHash'),
        column(articles, 'url'),
        column(articles, 'outlet'),
        column(articles, 'author'),
        column(articles, 'publishedAt'),
        column(articles, 'language'),
        column(articles, 'canonicalUrl'),
        column(articles, 'fetchedAt'),
        JSON.stringify(
          speakers.map((sp, ord) => ({
            ord,
            article: sp.articleId,
            name: sp.name,
            kind: sp.kind,
            role: sp.role,
            affiliation: sp.affiliation,
            aliases: sp.aliases,
            match_key: sp.matchKey,
          })),
        ),
        column(quotes, 'id'),
        column(quotes, 'articleId'),
        column(quotes, 'outlet'),
        column(quotes, 'publishedAt'),
        column(quotes, 'position'),
        column(quotes, 'text'),
        column(quotes, 'normalizedText'),
        column(quotes, 'kind'),
        column(quotes, 'start'),
        column(quotes, 'end'),
        column(quotes, 'speakerId'),
        column(quotes, 'speakerKey'),
        column(quotes, 'relayedById'),
        column(quotes, 'relayedByKey'),
        column(quotes, 'mentionText'),
        column(quotes, 'mentionStart'),
        column(quotes, 'mentionEnd'),
        column(quotes, 'cueText'),
        column(quotes, 'cueStart'),
        column(quotes, 'cueEnd'),
        column(quotes, 'confidence'),
        column(quotes, 'statementPosition'),
        column(quotes, 'sieve'),
      ],
    });
    const answer = rows[0]!.answer;
    const written: WrittenGroup = {
      articles: new Map(),
      speakerIds: new Map(Object.entries(answer.keys)),
      speakers: new Map(Object.entries(answer.speakers).map(([id, [name, kind]]) => [id, { name, kind }])),
    };
    for (const a of answer.articles) {
      if (!a.stored) throw new Error(`article ${a.input} was neither stored nor found`);
      written.articles.set(a.input, {
        storedId: a.stored,
        created: a.created,
        createdAt: a.created_at ? new Date(a.created_at) : null,
      });
    }
    return written;
  }

  list(filter: ArticleListFilter, limit: number, after?: { createdAt: Date; id: string }) {
    const publishedAt =
      filter.publishedFrom || filter.publishedTo
        ? {
            ...(filter.publishedFrom ? { gte: filter.publishedFrom } : {}),
            ...(filter.publishedTo ? { lte: filter.publishedTo } : {}),
          }
        : undefined;
    return this.prisma.article.findMany({
      where: {
        ...(filter.outlet ? { outlet: { equals: filter.outlet, mode: 'insensitive' as const } } : {}),
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
      await this.attributions.forgetArticle(tx, id);
      await tx.$executeRaw`
        DELETE FROM speakers
        WHERE (match_key LIKE ${`anonymous:${id}:%`} OR match_key LIKE ${`group:${id}:%`})
          AND NOT EXISTS (SELECT 1 FROM quotes WHERE speaker_id = speakers.id OR relayed_by_id = speakers.id)`;
      return true;
    });
  }
}
