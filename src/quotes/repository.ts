import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { AttributionStatus, QuoteKind, SpeakerKind } from '../generated/prisma/enums.js';
import { quoteInclude } from './present.js';

export interface QuoteFilter {
  q?: string;
  speakerIds?: string[];
  speakerKind?: SpeakerKind;
  articleId?: string;
  outlet?: string;
  publishedFrom?: Date;
  publishedTo?: Date;
  kind?: QuoteKind;
  status?: AttributionStatus;
}

export type QuoteOrder = 'relevance' | 'date';

/** Where the previous page ended: (rank, id) by relevance, (publishedAt, id) by date. */
export type QuoteKeyset = { order: 'relevance'; rank: number; id: string } | { order: 'date'; publishedAt: Date; id: string };

export interface QuoteHitRow {
  id: string;
  rank: number | null;
  published_at: Date;
  snippet: string | null;
}

// ts_headline marks words with these; the text is HTML-escaped first so the
// snippet is safe to show as HTML.
const HEADLINE_OPTIONS = 'StartSel=<mark>, StopSel=</mark>, MaxWords=40, MinWords=20, ShortWord=2';

export class QuoteRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * One page of quote ids, filtered and in order, with rank and snippet when
   * searching words. Keyset pagination keeps pages stable while articles arrive.
   */
  async page(filter: QuoteFilter, order: QuoteOrder, limit: number, after?: QuoteKeyset): Promise<QuoteHitRow[]> {
    const query = filter.q !== undefined ? Prisma.sql`websearch_to_tsquery('english', immutable_unaccent(${filter.q}))` : null;
    const rank = query ? Prisma.sql`ts_rank(q.search_vector, ${query})` : null;
    const where: Prisma.Sql[] = [];
    if (query) where.push(Prisma.sql`q.search_vector @@ ${query}`);
    if (filter.speakerIds) where.push(Prisma.sql`q.speaker_id = ANY(${filter.speakerIds}::uuid[])`);
    if (filter.speakerKind) {
      where.push(Prisma.sql`EXISTS (SELECT 1 FROM speakers s WHERE s.id = q.speaker_id AND s.kind = ${filter.speakerKind}::"SpeakerKind")`);
    }
    if (filter.articleId) where.push(Prisma.sql`q.article_id = ${filter.articleId}::uuid`);
    if (filter.outlet) where.push(Prisma.sql`q.outlet = ${filter.outlet}`);
    if (filter.publishedFrom) where.push(Prisma.sql`q.published_at >= ${filter.publishedFrom}`);
    if (filter.publishedTo) where.push(Prisma.sql`q.published_at <= ${filter.publishedTo}`);
    if (filter.kind) where.push(Prisma.sql`q.kind = ${filter.kind}::"QuoteKind"`);
    if (filter.status) where.push(Prisma.sql`q.status = ${filter.status}::"AttributionStatus"`);
    if (after?.order === 'relevance' && rank) {
      where.push(Prisma.sql`(${rank}, q.id) < (${after.rank}::real, ${after.id}::uuid)`);
    } else if (after?.order === 'date') {
      where.push(Prisma.sql`(q.published_at, q.id) < (${after.publishedAt}, ${after.id}::uuid)`);
    }
    const conditions = where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty;
    const orderBy =
      order === 'relevance' && rank ? Prisma.sql`ORDER BY rank DESC, q.id DESC` : Prisma.sql`ORDER BY q.published_at DESC, q.id DESC`;
    const snippet = query
      ? Prisma.sql`ts_headline('english', replace(replace(replace(page.text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), ${query}, ${HEADLINE_OPTIONS})`
      : Prisma.sql`NULL::text`;
    return this.prisma.$queryRaw<QuoteHitRow[]>`
      SELECT page.id, page.rank, page.published_at, ${snippet} AS snippet
      FROM (
        SELECT q.id, q.text, q.published_at, ${rank ?? Prisma.sql`NULL::real`} AS rank
        FROM quotes q ${conditions} ${orderBy}
        LIMIT ${limit + 1}
      ) page
      ORDER BY ${order === 'relevance' && rank ? Prisma.sql`page.rank DESC, page.id DESC` : Prisma.sql`page.published_at DESC, page.id DESC`}`;
  }

  async byIds(ids: string[]) {
    if (ids.length === 0) return [];
    const rows = await this.prisma.quote.findMany({ where: { id: { in: ids } }, include: quoteInclude });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  get(id: string) {
    return this.prisma.quote.findUnique({ where: { id }, include: quoteInclude });
  }
}
