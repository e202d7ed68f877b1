import type pg from 'pg';
import { inTransaction } from '../db/client.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { SpeakerKind } from '../extraction/types.js';
import { AttributionRepository, type RevisionNote } from '../quotes/attribution-repository.js';
import { distinctNames, nameKey } from '../text/names.js';
import { normalizeName } from '../text/normalize.js';
import { lockLivingSpeaker, recordMerge, survivorsOf, type RunStatement } from './living.js';
import type { CreateSpeaker, ListSpeakers, UpdateSpeaker } from './schemas.js';

export const speakerColumns = {
  id: true,
  name: true,
  kind: true,
  role: true,
  affiliation: true,
  aliases: true,
  wikidataId: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.SpeakerSelect;

export type SpeakerRow = Prisma.SpeakerGetPayload<{ select: typeof speakerColumns }>;
export type CountedSpeakerRow = SpeakerRow & { quoteCount: number };

export interface DuplicateRow {
  id: string;
  name: string;
  kind: SpeakerKind;
  aliases: string[];
  quoteCount: number;
}

// The quotes attributed to the speaker row `speakers`, counted through the (speaker_id, ...) index.
const QUOTE_COUNT = Prisma.sql`(SELECT count(*)::int FROM quotes WHERE quotes.speaker_id = speakers.id)`;

// word_similarity from which a speaker matched by none of the query's words still resembles it.
const FUZZY_THRESHOLD = 0.5;

// The words of a folded query as speaker_search_words splits a speaker's: at ASCII
// spaces and punctuation, three letters or more; at most the twelve longest.
const WORD_BREAK = /[\s!-/:-@[-`{-~]+/;
const MAX_QUERY_WORDS = 12;

function queryWords(folded: string): string[] {
  const words = [...new Set(folded.split(WORD_BREAK).filter((w) => w.length >= 3))];
  return words.sort((a, b) => b.length - a.length).slice(0, MAX_QUERY_WORDS);
}

/** A LIKE pattern for text that holds `folded` (a name folded by normalizeName). */
function likePattern(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The look-up's settings, for its transaction only (the look-up runs on one
 * connection, as people type). The planner prices word_similarity as cheap and
 * would rather compute it for every speaker than use the indexes; on tens of
 * thousands of speakers that is a hundred times slower.
 */
export const SPEAKER_LOOKUP_SETTINGS = {
  text: "SELECT set_config('pg_trgm.word_similarity_threshold', $1, true), set_config('enable_seqscan', 'off', true)",
  values: [String(FUZZY_THRESHOLD)],
};

/** Runs a statement of speakerLookupStatement's with its settings, in a transaction of its own. */
export function runSpeakerLookup<T extends pg.QueryResultRow>(pool: pg.Pool, statement: Prisma.Sql): Promise<T[]> {
  return inTransaction(pool, async (client) => {
    await client.query(SPEAKER_LOOKUP_SETTINGS);
    return (await client.query<T>(statement.text, statement.values)).rows;
  });
}

/**
 * Speakers whose name, alias or role contains `q`, or (anonymous sources aside)
 * holds every word of it whole or with one typo, best match first; only when
 * nothing matches either way, those that merely resemble it (trigram word
 * similarity of 0.5 or more). "psaky" finds Psaki, "uhsakov" Ushakov. A contained
 * query scores 1, the others their word similarity. Run with
 * SPEAKER_LOOKUP_SETTINGS. Not prepared: prepared, its plan chosen without the
 * pattern, it measured slower.
 */
export function speakerLookupStatement(
  q: string,
  query: Pick<ListSpeakers, 'kind' | 'limit'>,
  after?: { score: number; id: string },
): Prisma.Sql {
  const folded = normalizeName(q);
  const like = likePattern(folded);
  const kind = query.kind ? Prisma.sql`AND kind = ${query.kind}::"SpeakerKind"` : Prisma.empty;
  // One condition per word, each answered by the word index (migration
  // 20261207090000_speaker_search_words): the speaker holds the word, or a word one typo from it.
  const words = queryWords(folded).map(
    (w) => Prisma.sql`speaker_search_words(search_text) && speaker_word_variants(lower(immutable_unaccent(${w})))`,
  );
  const byWords = words.length ? Prisma.sql`OR (kind <> 'anonymous' AND ${Prisma.join(words, ' AND ')})` : Prisma.empty;
  const page = after ? Prisma.sql`WHERE (score, id) < (${after.score}::real, ${after.id}::uuid)` : Prisma.empty;
  return Prisma.sql`
    WITH near AS MATERIALIZED (
      SELECT id, (CASE WHEN search_text LIKE ${like} THEN 1 ELSE word_similarity(${folded}, search_text) END)::real AS score
      FROM speakers
      WHERE (search_text LIKE ${like} ${byWords}) ${kind}
    ), found AS (
      SELECT id, score FROM near
      UNION ALL
      SELECT id, word_similarity(${folded}, search_text)::real FROM speakers
      WHERE NOT EXISTS (SELECT FROM near) AND ${folded} <% search_text ${kind}
    )
    SELECT id, name, kind::text AS kind, role, affiliation, aliases, wikidata_id AS "wikidataId",
           created_at AS "createdAt", updated_at AS "updatedAt", score, ${QUOTE_COUNT} AS "quoteCount"
    FROM found JOIN speakers USING (id)
    ${page}
    ORDER BY score DESC, id DESC LIMIT ${query.limit + 1}`;
}

/** What merging one speaker into another makes of the one that stays, and how the move is recorded. */
export interface MergePlan {
  target: Pick<SpeakerRow, 'aliases' | 'role' | 'affiliation' | 'wikidataId'>;
  note: RevisionNote;
}

export class SpeakerRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly pool: pg.Pool,
    private readonly attributions = new AttributionRepository(prisma),
  ) {}

  /** Speakers in name order, each with its quote count. */
  async listByName(query: ListSpeakers, after?: { name: string; id: string }): Promise<CountedSpeakerRow[]> {
    const conditions: Prisma.Sql[] = [];
    if (query.kind) conditions.push(Prisma.sql`kind = ${query.kind}::"SpeakerKind"`);
    if (after) conditions.push(Prisma.sql`(name, id) > (${after.name}, ${after.id}::uuid)`);
    const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
    const ids = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT id FROM speakers ${where} ORDER BY name, id LIMIT ${query.limit + 1}`;
    return this.byIds(ids.map((r) => r.id));
  }

  /** The speakers `speakerLookupStatement` finds, each with its quote count and score. */
  async search(
    q: string,
    query: ListSpeakers,
    after?: { score: number; id: string },
  ): Promise<(CountedSpeakerRow & { score: number })[]> {
    return runSpeakerLookup(this.pool, speakerLookupStatement(q, query, after));
  }

  async exists(id: string): Promise<boolean> {
    return (await this.prisma.speaker.count({ where: { id } })) > 0;
  }

  private async byIds(ids: string[]): Promise<CountedSpeakerRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.prisma.speaker.findMany({
      where: { id: { in: ids } },
      select: { ...speakerColumns, _count: { select: { quotes: true } } },
    });
    const order = new Map(ids.map((id, i) => [id, i]));
    return rows
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      .map(({ _count, ...speaker }) => ({ ...speaker, quoteCount: _count.quotes }));
  }

  /**
   * Other speakers, not anonymous, whose name or an alias is one of `names`
   * (ignoring case, accents and a leading article), most quoted first.
   */
  async namedLike(names: string[], except: string): Promise<DuplicateRow[]> {
    const keys = [...new Set(names.map(nameKey).filter((k) => k.length >= 2))];
    if (keys.length === 0) return [];
    return this.prisma.$queryRaw<DuplicateRow[]>`
      SELECT id, name, kind::text AS kind, aliases, ${QUOTE_COUNT} AS "quoteCount"
      FROM speakers
      WHERE name_keys && ${keys}::text[] AND id <> ${except}::uuid
        AND EXISTS (SELECT 1 FROM unnest(array_append(aliases, name)) v WHERE speaker_name_key(v) = ANY(${keys}::text[]))
      ORDER BY "quoteCount" DESC, id LIMIT 20`;
  }

  async get(id: string): Promise<CountedSpeakerRow | null> {
    const row = await this.prisma.speaker.findUnique({
      where: { id },
      select: { ...speakerColumns, _count: { select: { quotes: true } } },
    });
    if (!row) return null;
    const { _count, ...speaker } = row;
    return { ...speaker, quoteCount: _count.quotes };
  }

  /** The speaker with this id, or the one it was merged into; null when neither exists. */
  async getLiving(id: string): Promise<CountedSpeakerRow | null> {
    const found = await this.get(id);
    if (found) return found;
    const run: RunStatement = (statement) => this.prisma.$queryRaw(statement);
    const target = (await survivorsOf(run, [id])).get(id);
    return target ? this.get(target) : null;
  }

  create(data: CreateSpeaker): Promise<SpeakerRow> {
    return this.prisma.speaker.create({
      data: { ...data, aliases: distinctNames(data.aliases) },
      select: speakerColumns,
    });
  }

  update(id: string, data: UpdateSpeaker): Promise<SpeakerRow> {
    return this.prisma.speaker.update({
      where: { id },
      data: { ...data, ...(data.aliases ? { aliases: distinctNames(data.aliases) } : {}) },
      select: speakerColumns,
    });
  }

  /**
   * Adds aliases to the speaker, or, when it was merged, to the one it was merged
   * into, under a lock on its row: additions at once, and a merge, are applied one
   * after another and keep every name. Answers the id of the speaker that took
   * them, or null when there is none.
   */
  async addAliases(id: string, aliases: string[]): Promise<string | null> {
    return inTransaction(this.pool, async (client) => {
      const run: RunStatement = async <T>(statement: Prisma.Sql) =>
        (await client.query(statement.text, statement.values)).rows as T[];
      const speaker = await lockLivingSpeaker(run, id, 'update');
      if (!speaker) return null;
      await client.query('UPDATE speakers SET aliases = $2::text[], updated_at = now() WHERE id = $1::uuid', [
        speaker.id,
        distinctNames([...speaker.aliases, ...aliases]),
      ]);
      return speaker.id;
    });
  }

  /**
   * Folds speaker `sourceId` into `targetId` in one transaction, both rows locked in
   * id order so that crossing merges cannot deadlock: `plan` decides from both
   * speakers; their quotes (spoken and relayed) move, each with a history row, the
   * source is deleted and the target takes what the plan says; where the source
   * went is recorded (src/speakers/living.ts). Answers the id of a
   * speaker that does not exist, or null when merged.
   */
  async merge(
    sourceId: string,
    targetId: string,
    plan: (source: SpeakerRow, target: SpeakerRow) => MergePlan,
  ): Promise<string | null> {
    return this.prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM speakers WHERE id IN (${sourceId}::uuid, ${targetId}::uuid) ORDER BY id FOR UPDATE`;
      const missing = [sourceId, targetId].find((id) => !locked.some((r) => r.id === id));
      if (missing !== undefined) return missing;
      const [source, target] = await Promise.all([
        tx.speaker.findUniqueOrThrow({ where: { id: sourceId }, select: speakerColumns }),
        tx.speaker.findUniqueOrThrow({ where: { id: targetId }, select: speakerColumns }),
      ]);
      const { target: merged, note } = plan(source, target);
      await this.attributions.moveSpeaker(tx, source, target, note);
      await tx.speaker.delete({ where: { id: source.id } });
      await tx.speaker.update({ where: { id: target.id }, data: merged });
      await recordMerge((statement) => tx.$queryRaw(statement), source.id, target.id);
      return null;
    });
  }

  /** Ids of the speakers whose name or alias is exactly `name` (ignoring case and accents). */
  async idsNamed(name: string): Promise<string[]> {
    const folded = normalizeName(name);
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT id FROM speakers
      WHERE search_text LIKE ${likePattern(folded)}
        AND (lower(immutable_unaccent(name)) = ${folded}
             OR EXISTS (SELECT 1 FROM unnest(aliases) a WHERE lower(immutable_unaccent(a)) = ${folded}))
      LIMIT 1000`;
    return rows.map((r) => r.id);
  }

  /**
   * Registered speakers that an article's mentions may refer to: any speaker (but
   * anonymous sources, which belong to one article) whose name, alias, surname or
   * role is one of the given terms, found through the index on name_keys.
   */
  async candidates(terms: string[], limit = 200): Promise<CandidateRow[]> {
    const keys = [...new Set(terms.map(nameKey).filter((t) => t.length >= 2))];
    if (keys.length === 0) return [];
    const { rows } = await this.pool.query<CandidateRow>({
      name: 'speaker-candidates',
      text: `SELECT id, name, kind::text AS kind, aliases, role, affiliation, name_keys AS keys FROM speakers
             WHERE kind <> 'anonymous' AND name_keys && $1::text[]
             ORDER BY (match_key IS NULL) DESC, created_at
             LIMIT $2`,
      values: [keys, limit],
    });
    return rows;
  }
}

export interface CandidateRow {
  id: string;
  /** The look-up keys it was found by (see nameKey). */
  keys: string[];
  name: string;
  kind: SpeakerKind;
  aliases: string[];
  role: string | null;
  affiliation: string | null;
}

export interface NewSpeaker {
  matchKey: string;
  name: string;
  kind: SpeakerKind;
  role: string | null;
  /** The organization the article ties the speaker to ("Gary P. Smaby of Smaby Group Inc"). */
  affiliation: string | null;
  aliases: string[];
}
