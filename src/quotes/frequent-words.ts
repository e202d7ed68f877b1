import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';

// A search of one very common word ranks every quote that holds it, however the
// index hands them over: at ten million quotes, "year" is held by a quarter of a
// million, and its search took a third of a second where others take a few
// milliseconds. For such words the best-ranked quotes are kept in order
// (frequent_lexemes and frequent_lexeme_quotes, migration
// 20261209090000_frequent_lexeme_quotes), and search takes the first page from
// them (repository.ts). Triggers keep them as quotes are stored, changed and
// deleted; this module lists the words and fills them.

export interface FrequentWordOptions {
  /**
   * Quotes a word must be held by (quote_lexemes) to be kept: at least this many,
   * and at least `minShare` of the archive.
   */
  minQuotes: number;
  minShare: number;
  /** Best-ranked quotes kept per word: the pages by relevance hold these and end with them. */
  size: number;
}

// A word held by 2,000 quotes costs a search on GIN 2,000 rows read and ranked
// (ranking.ts), about 20 ms at a million quotes; on RUM, the index scores every
// match, about 12 ms for 10,000. One quote in a thousand keeps the number of words
// kept to a few thousand however large the archive: about 1,100 at a million
// quotes, 3,300 at ten million.
export const FREQUENT_WORDS: FrequentWordOptions = { minQuotes: 2_000, minShare: 0.001, size: 500 };

/** Kept words are looked over for quotes lost to deletions, and for growth, this many at a time. */
const CHECKED_PER_ROUND = 100;
/** A word holding this many times its size is trimmed back to its size. */
const TRIM_AT = 2;
/** How long listing a word may hold writes on quotes back while it waits for those under way. */
const LIST_LOCK_TIMEOUT = '2s';
const KEEP_EVERY_MS = 30_000;
/** Upkeep stops after this long and goes on at the next round. */
const ROUND_BUDGET_MS = 10_000;
const LOCK = `hashtext('frequent_lexemes')`;
/** Words to fill at least, for one pass over the table to be worth it; fewer are filled one by one (by the rounds). */
const ONE_PASS_WORDS = 50;
/** Quotes the one-pass fill samples to set each word's cut. */
const SAMPLE_QUOTES = 100_000;
/** A word of quote_lexemes c held by enough quotes ($1, and $2 of the archive), whose tsquery finds it. */
const FREQUENT = `c.quotes >= greatest($1, $2 * (SELECT reltuples FROM pg_class WHERE oid = 'quotes'::regclass))
  AND array_to_tsvector(ARRAY[c.lexeme]) @@ lexeme_tsquery(c.lexeme)`;

/** Where a round of upkeep stopped, and what it did. */
export interface FrequentWordRound {
  filled: string[];
  trimmed: number;
  /** Whether it stopped for time with work left. */
  unfinished: boolean;
  /** The last word looked over, for the next round to go on after; '' to start again. */
  lookedUpTo: string;
}

/**
 * One round of upkeep of the frequent words: fills the words newly held by enough
 * quotes (most common first), then looks over a slice of the kept words, filling
 * again those that lost some of their best quotes to deletions and trimming those
 * that grew. Stops at `deadline`. Run by one process at a time (the caller holds a lock).
 */
export async function keepFrequentWords(
  pool: pg.Pool,
  options: FrequentWordOptions = FREQUENT_WORDS,
  deadline = Number.POSITIVE_INFINITY,
  after = '',
): Promise<FrequentWordRound> {
  const round: FrequentWordRound = { filled: [], trimmed: 0, unfinished: false, lookedUpTo: '' };
  const { rows: fresh } = await pool.query<{ lexeme: string }>(
    `SELECT c.lexeme FROM quote_lexemes c
     WHERE ${FREQUENT}
       AND NOT EXISTS (SELECT 1 FROM frequent_lexemes f WHERE f.lexeme = c.lexeme)
     ORDER BY c.quotes DESC, c.lexeme`,
    [options.minQuotes, options.minShare],
  );
  for (const { lexeme } of fresh) {
    if (Date.now() > deadline) return { ...round, unfinished: true, lookedUpTo: after };
    await fillWord(pool, lexeme, options.size);
    round.filled.push(lexeme);
  }
  const { rows: kept } = await pool.query<{ lexeme: string; ready: boolean; floored: boolean; kept: number }>(
    `SELECT f.lexeme, f.ready, f.floor_rank IS NOT NULL AS floored, (
       SELECT count(*)::int FROM (
         SELECT 1 FROM frequent_lexeme_quotes k
         WHERE k.lexeme = f.lexeme AND (f.floor_rank IS NULL OR (k.rank, k.quote_id) >= (f.floor_rank, f.floor_id))
         LIMIT $2) x) AS kept
     FROM frequent_lexemes f WHERE f.lexeme > $1 ORDER BY f.lexeme LIMIT $3`,
    [after, options.size * TRIM_AT + 1, CHECKED_PER_ROUND],
  );
  for (const word of kept) {
    if (Date.now() > deadline) return { ...round, unfinished: true, lookedUpTo: after };
    // Unfloored and ready, a word holds every quote that has it: it is complete however few.
    if (!word.ready || (word.floored && word.kept < options.size)) {
      await fillWord(pool, word.lexeme, options.size);
      round.filled.push(word.lexeme);
    } else if (word.kept > options.size * TRIM_AT) {
      await trimWord(pool, word.lexeme, options.size);
      round.trimmed++;
    }
    after = word.lexeme;
  }
  round.lookedUpTo = kept.length === CHECKED_PER_ROUND ? after : '';
  return round;
}

/**
 * Fills every word common enough at once, for a data set loaded in bulk, then runs
 * rounds of upkeep until each is filled and looked over. Filling word by word ranks
 * each word's quotes through the index, a random read per quote: at ten million
 * quotes, not all in memory, the commonest 1,486 of 3,299 words took about nine
 * minutes, and one pass for the other 1,811 took 209 s. Here the words are listed
 * together and their quotes ranked in one pass over the table. A sample of the
 * quotes gives each word a cut that about twice `size` of its quotes pass; every
 * quote at or above its cut is kept, so the best `size` of them are the best of all.
 * A word with fewer than `size` above its cut is filled on its own.
 */
export async function fillFrequentWords(
  pool: pg.Pool,
  options: FrequentWordOptions = FREQUENT_WORDS,
  { sampleQuotes = SAMPLE_QUOTES, onePassWords = ONE_PASS_WORDS } = {},
): Promise<number> {
  const client = await pool.connect();
  let words: string[];
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL lock_timeout = '${LIST_LOCK_TIMEOUT}'`);
    await client.query('LOCK TABLE quotes IN SHARE MODE');
    const { rows } = await client.query<{ lexeme: string }>(
      `INSERT INTO frequent_lexemes (lexeme, query)
       SELECT c.lexeme, lexeme_tsquery(c.lexeme) FROM quote_lexemes c
       WHERE ${FREQUENT} AND NOT EXISTS (SELECT 1 FROM frequent_lexemes f WHERE f.lexeme = c.lexeme)
       ON CONFLICT DO NOTHING RETURNING lexeme`,
      [options.minQuotes, options.minShare],
    );
    await client.query('COMMIT');
    words = rows.map((r) => r.lexeme);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  // A pass reads the whole table (46 s at ten million quotes); for a few words, filling each costs less.
  if (words.length >= onePassWords) {
    const { rows } = await pool.query<{ quotes: number }>(
      `SELECT greatest(reltuples, 1)::float8 AS quotes FROM pg_class WHERE oid = 'quotes'::regclass`,
    );
    const share = Math.min(1, sampleQuotes / rows[0]!.quotes);
    const k = Math.min(options.size, Math.ceil(2 * options.size * share));
    await pool.query(
      `WITH sample AS (
         SELECT f.lexeme, ts_rank_cd(q.search_vector, f.query, 1|32) AS rank
         FROM quotes q TABLESAMPLE SYSTEM ($3), unnest(tsvector_to_array(q.search_vector)) w
         JOIN frequent_lexemes f ON f.lexeme = w WHERE f.lexeme = ANY($1::text[])
       ), cuts AS (
         SELECT lexeme, (array_agg(rank ORDER BY rank DESC))[$2] AS cut FROM sample GROUP BY lexeme
       ), words AS (
         SELECT f.lexeme, f.query, coalesce(c.cut, 0) AS cut
         FROM frequent_lexemes f LEFT JOIN cuts c USING (lexeme) WHERE f.lexeme = ANY($1::text[])
       )
       INSERT INTO frequent_lexeme_quotes (lexeme, rank, quote_id)
       SELECT x.lexeme, x.rank, x.id FROM (
         SELECT d.lexeme, q.id, ts_rank_cd(q.search_vector, d.query, 1|32) AS rank, d.cut
         FROM quotes q, unnest(tsvector_to_array(q.search_vector)) w JOIN words d ON d.lexeme = w
       ) x WHERE x.rank >= x.cut
       ON CONFLICT DO NOTHING`,
      [words, k, share * 100],
    );
    const { rows: kept } = await pool.query<{ lexeme: string; kept: number }>(
      `SELECT w AS lexeme, (SELECT count(*)::int FROM (
         SELECT 1 FROM frequent_lexeme_quotes k WHERE k.lexeme = w LIMIT $2) x) AS kept
       FROM unnest($1::text[]) w`,
      [words, options.size],
    );
    for (const word of kept) {
      if (word.kept >= options.size) await trimWord(pool, word.lexeme, options.size);
      else await fillWord(pool, word.lexeme, options.size);
    }
  }
  let after = '';
  for (;;) {
    const round = await keepFrequentWords(pool, options, Number.POSITIVE_INFINITY, after);
    after = round.lookedUpTo;
    if (after === '') return words.length;
  }
}

/** Keeps the frequent words while the service runs: a round every half minute, one process at a time. */
export class FrequentWordKeeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private after = '';

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: FastifyBaseLogger,
    private readonly options: FrequentWordOptions = FREQUENT_WORDS,
    private readonly everyMs = KEEP_EVERY_MS,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.round(), this.everyMs).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One round now, unless one is under way here or in another process. */
  round(): Promise<void> {
    this.running ??= this.lockedRound()
      .catch((error: unknown) => this.log.warn({ err: error }, 'the best quotes of frequent words could not be kept'))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async lockedRound(): Promise<void> {
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${LOCK}) AS locked`);
      if (!rows[0]!.locked) return;
      try {
        const round = await keepFrequentWords(this.pool, this.options, Date.now() + ROUND_BUDGET_MS, this.after);
        this.after = round.lookedUpTo;
        if (round.filled.length > 0) {
          this.log.info(
            { words: round.filled.length, unfinished: round.unfinished },
            'kept the best quotes of frequent words',
          );
        }
      } finally {
        await client.query(`SELECT pg_advisory_unlock(${LOCK})`);
      }
    } finally {
      client.release();
    }
  }
}

/**
 * Lists the word with no floor, so that from then on every quote stored with it is
 * kept; then keeps its best-ranked quotes, sets its floor and marks it ready.
 * Listing takes a lock that waits for the writes on quotes under way to commit: a
 * write whose trigger ran before the word was listed, and which committed after its
 * best quotes were read, would otherwise be missed by both. Writes wait for it no
 * longer than LIST_LOCK_TIMEOUT; the word is then listed at a later round.
 */
async function fillWord(pool: pg.Pool, lexeme: string, size: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL lock_timeout = '${LIST_LOCK_TIMEOUT}'`);
    await client.query('LOCK TABLE quotes IN SHARE MODE');
    await client.query(
      `INSERT INTO frequent_lexemes (lexeme, query) VALUES ($1, lexeme_tsquery($1))
       ON CONFLICT (lexeme) DO UPDATE SET ready = false, floor_rank = NULL, floor_id = NULL`,
      [lexeme],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  // Ranks every quote that holds the word, once (the cost this spares searches):
  // under a second at ten million quotes, and bounded by DB_STATEMENT_TIMEOUT_MS.
  await pool.query(
    `INSERT INTO frequent_lexeme_quotes (lexeme, rank, quote_id)
     SELECT $1, r.rank, r.id FROM (
       SELECT q.id, ts_rank_cd(q.search_vector, lexeme_tsquery($1), 1|32) AS rank
       FROM quotes q WHERE q.search_vector @@ lexeme_tsquery($1)
       ORDER BY rank DESC, q.id DESC LIMIT $2) r
     ON CONFLICT DO NOTHING`,
    [lexeme, size],
  );
  await trimWord(pool, lexeme, size);
}

/** Raises the word's floor to its `size`-th best quote, drops those below, and marks it ready. */
async function trimWord(pool: pg.Pool, lexeme: string, size: number): Promise<void> {
  await pool.query(
    `WITH last AS (
       SELECT rank, quote_id FROM frequent_lexeme_quotes WHERE lexeme = $1
       ORDER BY rank DESC, quote_id DESC OFFSET $2 - 1 LIMIT 1
     ), floored AS (
       UPDATE frequent_lexemes f SET ready = true, floor_rank = last.rank, floor_id = last.quote_id
       FROM (SELECT 1) one LEFT JOIN last ON true
       WHERE f.lexeme = $1
       RETURNING f.floor_rank, f.floor_id
     )
     DELETE FROM frequent_lexeme_quotes k USING floored
     WHERE k.lexeme = $1 AND (k.rank, k.quote_id) < (floored.floor_rank, floored.floor_id)`,
    [lexeme, size],
  );
}
