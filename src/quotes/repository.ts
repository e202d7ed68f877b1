import type pg from 'pg';
import { Prisma } from '../generated/prisma/client.js';
import type { QuoteKind, SpeakerKind } from '../extraction/types.js';
import type { AttributionStatus } from '../generated/prisma/enums.js';
import { outletKey } from '../text/normalize.js';
import { presentQuoteRow, QUOTE_ROW_COLUMNS, QUOTE_ROW_JOINS, type QuoteRow } from './present.js';
import type { SearchRanking, SearchRankingSource } from './ranking.js';
import { prepared } from '../db/prepared.js';

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
export type QuoteKeyset =
  { order: 'relevance'; rank: number; id: string } | { order: 'date'; publishedAt: Date; id: string };

export interface QuoteHitRow extends QuoteRow {
  rank: number | null;
  published_at: Date;
  snippet: string | null;
}

// ts_headline marks words with these; the text is HTML-escaped first so the
// snippet is safe to show as HTML.
const HEADLINE_OPTIONS = 'StartSel=<mark>, StopSel=</mark>, MaxWords=40, MinWords=20, ShortWord=2';

// What the outer query reads from a page of quotes (not the search vector).
const PAGE_COLUMNS = Prisma.sql`q.id, q.article_id, q.speaker_id, q.relayed_by_id, q.text, q.kind, q.start, q."end",
  q.mention_text, q.mention_start, q.mention_end, q.cue_text, q.cue_start, q.cue_end, q.confidence, q.sieve, q.status, q.published_at`;

// Reads on these paths are the busiest of the service: each is one statement on
// the pg pool, joined in SQL, rather than an ORM query per relation.
export class QuoteRepository {
  constructor(
    private readonly pool: pg.Pool,
    private readonly ranking?: Pick<SearchRankingSource, 'get'>,
  ) {}

  /**
   * One page of quotes, filtered and in order, with rank and snippet when
   * searching words. Keyset pagination keeps pages stable while articles arrive.
   */
  async page(
    filter: QuoteFilter,
    order: QuoteOrder,
    limit: number,
    after?: QuoteKeyset,
    snippets = true,
  ): Promise<QuoteHitRow[]> {
    const ranking = order === 'relevance' && filter.q !== undefined ? await this.ranking?.get() : undefined;
    const statement = quotePageStatement(filter, order, limit, after, snippets, ranking);
    return (await this.pool.query<QuoteHitRow>(prepared(statement))).rows;
  }

  /** The quote in the API's shape, with its speaker, relay and article. */
  async get(id: string) {
    const row = (await this.pool.query<QuoteRow>(prepared(quoteStatement(id)))).rows[0];
    return row ? presentQuoteRow(row) : null;
  }
}

/** The statement for one quote with its speakers and article (QuoteRepository.get); the benchmark's baseline runs it too. */
export function quoteStatement(id: string): Prisma.Sql {
  return Prisma.sql`SELECT ${QUOTE_ROW_COLUMNS} FROM quotes q ${QUOTE_ROW_JOINS} WHERE q.id = ${id}::uuid`;
}

/**
 * The page of a search by relevance with no filter: when its words are one frequent
 * word whose best quotes are complete (every quote above its floor kept), the page is
 * read from them in order, quotes and all, with no ranking at all; else `ranked`
 * gives it. Both read the same ranks, so a cursor from one pages on in the other.
 * One statement either way: the condition is evaluated once, and the branch not
 * taken is not run.
 */
function frequentWordRows(
  query: Prisma.Sql,
  size: number,
  ranked: Prisma.Sql,
  limit: number,
  after?: QuoteKeyset,
): Prisma.Sql {
  const word = Prisma.sql`(
    SELECT f.lexeme FROM frequent_lexemes f
    WHERE f.query = ${query} AND f.ready AND (f.floor_rank IS NULL OR (
      SELECT count(*) FROM (
        SELECT 1 FROM frequent_lexeme_quotes k
        WHERE k.lexeme = f.lexeme AND (k.rank, k.quote_id) >= (f.floor_rank, f.floor_id) LIMIT ${size}) x) >= ${size}))`;
  const keyset =
    after?.order === 'relevance'
      ? Prisma.sql`WHERE (k.rank, k.quote_id) < (${after.rank}::real, ${after.id}::uuid)`
      : Prisma.empty;
  return Prisma.sql`
    WITH word AS MATERIALIZED ${word}
    SELECT ${PAGE_COLUMNS}, k.rank AS rank
    FROM (
      SELECT k.rank, k.quote_id FROM (
        SELECT k.rank, k.quote_id FROM frequent_lexeme_quotes k
        WHERE k.lexeme = (SELECT lexeme FROM word) ORDER BY k.rank DESC, k.quote_id DESC LIMIT ${size}) k
      ${keyset} ORDER BY k.rank DESC, k.quote_id DESC LIMIT ${limit + 1}) k
    JOIN quotes q ON q.id = k.quote_id
    UNION ALL
    SELECT * FROM (${ranked}) r WHERE NOT EXISTS (SELECT 1 FROM word)`;
}

/**
 * The tsquery of search words, as search reads them (web search syntax, accents
 * ignored); `words` is a value or a column. Quotes match when their search_vector @@ it.
 */
export function wordQuery(words: string | Prisma.Sql): Prisma.Sql {
  return Prisma.sql`websearch_to_tsquery('english', immutable_unaccent(${words}))`;
}

/**
 * Search words with a plain word typed more than once kept once: "could could"
 * finds and ranks what "could" does (a conjunction with itself adds nothing to
 * cover density), and is then found as the one frequent word it is. Words with
 * operators, quotes or punctuation are left as typed.
 */
export function distinctWords(q: string): string {
  const words = q.trim().split(/\s+/u);
  if (words.length < 2 || !words.every((w) => /^[\p{L}\p{N}]+$/u.test(w) && w.toLowerCase() !== 'or')) return q;
  const seen = new Set<string>();
  return words.filter((w) => !seen.has(w.toLowerCase()) && seen.add(w.toLowerCase())).join(' ');
}

/**
 * The statement for one page of quotes (QuoteRepository.page): the quotes of the
 * page (limit + 1, to tell whether another follows), joined to their speakers and
 * articles. The benchmark's baseline runs it too.
 *
 * By relevance with a `ranking`, only a bounded set of the matches is ranked (see
 * ranking.ts), the same set for every page, so that paging meets each of them once
 * and ends with them. Without one, every match is ranked.
 */
export function quotePageStatement(
  filter: QuoteFilter,
  order: QuoteOrder,
  limit: number,
  after?: QuoteKeyset,
  snippets = true,
  ranking?: SearchRanking,
): Prisma.Sql {
  const query = filter.q !== undefined ? wordQuery(distinctWords(filter.q)) : null;
  // Cover density, divided by 1 + the log of the quote's length in words (flag 1),
  // scaled into 0..1 (flag 32): a short quote that is all about the words ranks
  // above a long one that mentions them once.
  const rank = query ? Prisma.sql`ts_rank_cd(q.search_vector, ${query}, 1|32)` : null;
  const where: Prisma.Sql[] = [];
  if (query) where.push(Prisma.sql`q.search_vector @@ ${query}`);
  if (filter.speakerIds?.length === 1) {
    // Equality, not ANY(): the (speaker_id, published_at, id) index then yields the newest first, with no sort.
    where.push(Prisma.sql`q.speaker_id = ${filter.speakerIds[0]}::uuid`);
  } else if (filter.speakerIds) {
    where.push(Prisma.sql`q.speaker_id = ANY(${filter.speakerIds}::uuid[])`);
  }
  if (filter.speakerKind) {
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM speakers s WHERE s.id = q.speaker_id AND s.kind = ${filter.speakerKind}::"SpeakerKind")`,
    );
  }
  if (filter.articleId) where.push(Prisma.sql`q.article_id = ${filter.articleId}::uuid`);
  if (filter.outlet) where.push(Prisma.sql`q.outlet = ${outletKey(filter.outlet)}`);
  if (filter.publishedFrom) where.push(Prisma.sql`q.published_at >= ${filter.publishedFrom}`);
  if (filter.publishedTo) where.push(Prisma.sql`q.published_at <= ${filter.publishedTo}`);
  if (filter.kind) where.push(Prisma.sql`q.kind = ${filter.kind}::"QuoteKind"`);
  if (filter.status) where.push(Prisma.sql`q.status = ${filter.status}::"AttributionStatus"`);
  const keyset =
    after?.order === 'relevance' && rank
      ? Prisma.sql`(${rank}, q.id) < (${after.rank}::real, ${after.id}::uuid)`
      : after?.order === 'date'
        ? Prisma.sql`(q.published_at, q.id) < (${after.publishedAt}, ${after.id}::uuid)`
        : null;
  const byRelevance = order === 'relevance' && rank !== null;
  const orderBy = byRelevance
    ? Prisma.sql`ORDER BY rank DESC, q.id DESC`
    : Prisma.sql`ORDER BY q.published_at DESC, q.id DESC`;
  let pageRows: Prisma.Sql;
  if (byRelevance && ranking && query) {
    const conditions = where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty;
    const indexOrder = ranking.index === 'rum' ? Prisma.sql`ORDER BY q.search_vector <=> ${query}` : Prisma.empty;
    const ranked = Prisma.sql`
      SELECT ${PAGE_COLUMNS}, ${rank} AS rank
      FROM (SELECT ${PAGE_COLUMNS}, q.search_vector FROM quotes q ${conditions} ${indexOrder} LIMIT ${ranking.candidates}) q
      ${keyset ? Prisma.sql`WHERE ${keyset}` : Prisma.empty} ${orderBy}
      LIMIT ${limit + 1}`;
    // Words alone: a very common word's best quotes are kept in order (frequent-words.ts).
    pageRows =
      ranking.frequentWords && where.length === 1
        ? frequentWordRows(query, ranking.frequentWords, ranked, limit, after)
        : ranked;
  } else {
    if (keyset) where.push(keyset);
    const conditions = where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty;
    pageRows = Prisma.sql`
      SELECT ${PAGE_COLUMNS}, ${rank ?? Prisma.sql`NULL::real`} AS rank
      FROM quotes q ${conditions} ${orderBy}
      LIMIT ${limit + 1}`;
  }
  const snippet =
    query && snippets
      ? Prisma.sql`ts_headline('quote_headline', replace(replace(replace(q.text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), ${query}, ${HEADLINE_OPTIONS})`
      : Prisma.sql`NULL::text`;
  const statement = Prisma.sql`
    SELECT ${QUOTE_ROW_COLUMNS}, q.rank, q.published_at, ${snippet} AS snippet
    FROM (${pageRows}) q ${QUOTE_ROW_JOINS}
    ORDER BY ${byRelevance ? Prisma.sql`q.rank DESC, q.id DESC` : Prisma.sql`q.published_at DESC, q.id DESC`}`;
  return statement;
}
