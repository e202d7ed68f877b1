import type pg from 'pg';
import { Prisma } from '../generated/prisma/client.js';
import type { SpeakerKind } from '../extraction/types.js';
import type { AttributionStatus } from '../generated/prisma/enums.js';
import { MAX_STATEMENT_PARTS } from '../quotes/statements.js';
import { prepared } from '../db/prepared.js';

export interface CandidateSpeaker {
  id: string;
  name: string;
  kind: SpeakerKind;
  aliases: string[];
}

/** One stored quote of a statement split by its attribution or running over paragraphs. */
export interface StatementPart {
  id: string;
  text: string;
  start: number;
  end: number;
  speakerId: string | null;
  status: AttributionStatus;
  sieve: string | null;
}

export interface VerifyCandidate {
  id: string;
  text: string;
  normalizedText: string;
  start: number;
  end: number;
  status: AttributionStatus;
  publishedAt: Date;
  articleId: string;
  speaker: CandidateSpeaker | null;
  relayedBy: CandidateSpeaker | null;
  /** The attribution rule that decided the quote (null before rules were kept). */
  sieve: string | null;
  /** Every part of the statement this quote is part of, in reading order; null when it stands alone. */
  parts: StatementPart[] | null;
}

/** An article that holds evidence: its summary, and its text for the context and its fuller names. */
export interface EvidenceArticle {
  id: string;
  title: string;
  url: string | null;
  outlet: string | null;
  publishedAt: Date | null;
  body: string;
}

// word_similarity from which a stored quote is worth aligning with the claim.
const CANDIDATE_THRESHOLD = 0.4;
// The same for a part of a longer statement: a claim of the whole statement
// shares only part of its words with each part, and the statement is judged whole.
const STATEMENT_PART_THRESHOLD = 0.25;
const CANDIDATES = 100;
// The claim's words the archive is probed by: its rarest, by quote_lexemes.
const RARE_WORDS = 4;
// A word held by at most this many quotes is probed alone, and all of them are read.
const SINGLE_WORD_QUOTES = 100;
// Quotes read for each pair of rare words (and for a claim of one word): a bound
// on the heap rows a claim made only of common words can cost.
const PAIR_QUOTES = 40;
const ONE_WORD_QUOTES = 200;

interface CandidateRow {
  id: string;
  text: string;
  normalized_text: string;
  start: number;
  end: number;
  status: AttributionStatus;
  published_at: Date;
  article_id: string;
  speaker: CandidateSpeaker | null;
  relayed_by: CandidateSpeaker | null;
  sieve: string | null;
  parts:
    | {
        id: string;
        text: string;
        start: number;
        end: number;
        speaker_id: string | null;
        status: AttributionStatus;
        sieve: string | null;
      }[]
    | null;
}

/**
 * The statement behind VerifyRepository.candidates; the benchmark's baseline and
 * EXPLAIN script run it too, so that they measure exactly what the service runs.
 *
 * The archive is probed by the claim's rarest words, by how many quotes hold each
 * (quote_lexemes): every quote holding one of its two rarest words when few do,
 * and a bounded number of quotes for each pair of its four rarest. A quote that
 * keeps half of the claim's wording, the least a verdict accepts, keeps a pair of
 * those four unless it lost three of them. At most
 * 2 x SINGLE_WORD_QUOTES + 6 x PAIR_QUOTES rows are read, whatever the claim.
 *
 * quote_lexemes lists a word once the log of writes is folded in, a few seconds
 * after its first quote is stored (src/verify/lexeme-counts.ts). A claim's word it
 * does not list is counted from the search index, up to SINGLE_WORD_QUOTES + 1:
 * nothing to read for a word the archive lacks (a typo, a changed word), and a
 * quote stored a moment ago is found by its new words at once.
 */
export function verifyCandidatesStatement(claim: string, normalizedClaim: string, before?: Date): Prisma.Sql {
  const beforeFilter = before ? Prisma.sql`AND q.published_at < ${before}` : Prisma.empty;
  const probe = (limit: number) => Prisma.sql`
      SELECT q.id, q.normalized_text, q.published_at, q.statement_position IS NOT NULL AS in_statement
      FROM quotes q WHERE q.search_vector @@ probe.tsq ${beforeFilter} LIMIT ${limit}`;
  return Prisma.sql`
    WITH claimed AS MATERIALIZED (
      SELECT w.lexeme, coalesce(
        (SELECT nullif(c.quotes, 0) FROM quote_lexemes c WHERE c.lexeme = w.lexeme),
        (SELECT count(*)::int FROM (
          SELECT FROM quotes q WHERE q.search_vector @@ quote_literal(w.lexeme)::tsquery LIMIT ${SINGLE_WORD_QUOTES + 1}
        ) held)
      ) AS quotes
      FROM (SELECT DISTINCT lexeme FROM unnest(to_tsvector('english'::regconfig, translate(immutable_unaccent(${claim}), '<>', '  ')))) w
    ), rare AS MATERIALIZED (
      SELECT lexeme, quotes, row_number() OVER (ORDER BY quotes, lexeme) AS n, count(*) OVER () AS words
      FROM claimed WHERE quotes > 0
      ORDER BY quotes, lexeme
      LIMIT ${RARE_WORDS}
    ), singles AS (
      SELECT quote_literal(lexeme)::tsquery AS tsq, words = 1 AS alone FROM rare
      WHERE words = 1 OR (n <= 2 AND quotes <= ${SINGLE_WORD_QUOTES})
    ), pairs AS (
      SELECT (quote_literal(a.lexeme) || ' & ' || quote_literal(b.lexeme))::tsquery AS tsq
      FROM rare a JOIN rare b ON a.n < b.n
    ), hits AS MATERIALIZED (
      SELECT DISTINCT ON (h.id) h.* FROM (
        SELECT found.* FROM singles probe, LATERAL (${probe(SINGLE_WORD_QUOTES)}) found WHERE NOT probe.alone
        UNION ALL
        SELECT found.* FROM singles probe, LATERAL (${probe(ONE_WORD_QUOTES)}) found WHERE probe.alone
        UNION ALL
        SELECT found.* FROM pairs probe, LATERAL (${probe(PAIR_QUOTES)}) found
      ) h
    ), hit AS (
      SELECT id, published_at, in_statement, word_similarity(${normalizedClaim}, normalized_text) AS similarity FROM hits
    )
    SELECT q.id, q.text, q.normalized_text, q.start, q."end", q.status, q.published_at, q.article_id, q.sieve,
           CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('id', s.id, 'name', s.name, 'kind', s.kind, 'aliases', s.aliases) END AS speaker,
           CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object('id', r.id, 'name', r.name, 'kind', r.kind, 'aliases', r.aliases) END AS relayed_by,
           statement.parts
    FROM (
      SELECT id FROM hit
      WHERE similarity >= CASE WHEN in_statement THEN ${STATEMENT_PART_THRESHOLD}::real ELSE ${CANDIDATE_THRESHOLD}::real END
      ORDER BY similarity DESC, published_at, id
      LIMIT ${CANDIDATES}
    ) hit
    JOIN quotes q ON q.id = hit.id
    LEFT JOIN speakers s ON s.id = q.speaker_id
    LEFT JOIN speakers r ON r.id = q.relayed_by_id
    -- The other parts of a statement, by the article's positions (its unique index):
    -- only for the candidates that are part of one.
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_object('id', p.id, 'text', p.text, 'start', p.start, 'end', p."end",
                                        'speaker_id', p.speaker_id, 'status', p.status, 'sieve', p.sieve) ORDER BY p.position) AS parts
      FROM quotes p
      WHERE q.statement_position IS NOT NULL AND p.article_id = q.article_id
        AND p.position >= q.statement_position AND p.position < q.statement_position + ${MAX_STATEMENT_PARTS}
        AND p.statement_position = q.statement_position
    ) statement ON true`;
}

export class VerifyRepository {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Stored quotes whose words resemble the claim. A trigram index over millions
   * of quotes answers "resembles" slowly (every common trigram is in most rows), so
   * the full-text index first finds the quotes that hold the claim's rarest words
   * (see verifyCandidatesStatement), and trigram word similarity ranks those.
   */
  async candidates(claim: string, normalizedClaim: string, before?: Date): Promise<VerifyCandidate[]> {
    const statement = verifyCandidatesStatement(claim, normalizedClaim, before);
    const { rows } = await this.pool.query<CandidateRow>(prepared(statement));
    return rows.map((r) => ({
      id: r.id,
      text: r.text,
      normalizedText: r.normalized_text,
      start: r.start,
      end: r.end,
      status: r.status,
      publishedAt: r.published_at,
      articleId: r.article_id,
      speaker: r.speaker ? { ...r.speaker, aliases: r.speaker.aliases ?? [] } : null,
      relayedBy: r.relayed_by ? { ...r.relayed_by, aliases: r.relayed_by.aliases ?? [] } : null,
      sieve: r.sieve,
      parts: r.parts
        ? r.parts.map((p) => ({
            id: p.id,
            text: p.text,
            start: p.start,
            end: p.end,
            speakerId: p.speaker_id,
            status: p.status,
            sieve: p.sieve,
          }))
        : null,
    }));
  }

  async articles(ids: string[]): Promise<EvidenceArticle[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<EvidenceArticle>(
      prepared({
        text: 'SELECT id, title, url, outlet, published_at AS "publishedAt", body FROM articles WHERE id = ANY($1::uuid[])',
        values: [ids],
      }),
    );
    return rows;
  }
}
