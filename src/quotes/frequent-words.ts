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
  /** Quotes a word must be held by (quote_lexemes) to be kept. */
  minQuotes: number;
  /** Best-ranked quotes kept per word: the pages by relevance hold these and end with them. */
  size: number;
}

export const FREQUENT_WORDS: FrequentWordOptions = { minQuotes: 10_000, size: 500 };

/** Kept words are looked over for quotes lost to deletions, and for growth, this many at a time. */
const CHECKED_PER_ROUND = 100;
/** A word holding this many times its size is trimmed back to its size. */
const TRIM_AT = 2;
/** How long a word being filled waits for writes that began before it was listed. */
const SETTLE_TIMEOUT_MS = 60_000;
const KEEP_EVERY_MS = 30_000;
/** Upkeep stops after this long and goes on at the next round. */
const ROUND_BUDGET_MS = 10_000;
const LOCK = `hashtext('frequent_lexemes')`;

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
     WHERE c.quotes >= $1 AND NOT EXISTS (SELECT 1 FROM frequent_lexemes f WHERE f.lexeme = c.lexeme)
       AND array_to_tsvector(ARRAY[c.lexeme]) @@ lexeme_tsquery(c.lexeme)
     ORDER BY c.quotes DESC, c.lexeme`,
    [options.minQuotes],
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

/** Rounds of upkeep until every word is filled and looked over: for a data set loaded in bulk. */
export async function fillFrequentWords(pool: pg.Pool, options: FrequentWordOptions = FREQUENT_WORDS): Promise<number> {
  let filled = 0;
  let after = '';
  for (;;) {
    const round = await keepFrequentWords(pool, options, Number.POSITIVE_INFINITY, after);
    filled += round.filled.length;
    after = round.lookedUpTo;
    if (after === '') return filled;
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
 * Lists the word with no floor (from then on every quote stored with it is kept),
 * waits for the writes that began before that to end, keeps its best-ranked quotes,
 * then sets its floor and marks it ready.
 */
async function fillWord(pool: pg.Pool, lexeme: string, size: number): Promise<void> {
  await pool.query(
    `INSERT INTO frequent_lexemes (lexeme, query) VALUES ($1, lexeme_tsquery($1))
     ON CONFLICT (lexeme) DO UPDATE SET ready = false, floor_rank = NULL, floor_id = NULL`,
    [lexeme],
  );
  await settle(pool);
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

/**
 * Waits until every transaction that began before now has ended: a write whose
 * trigger ran before the word was listed, and which commits after the word's best
 * quotes are read, would otherwise be missed by both.
 */
async function settle(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const { rows: done } = await pool.query<{ done: boolean }>(
      'SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 AS done',
      [rows[0]!.xid],
    );
    if (done[0]!.done) return;
    if (Date.now() > deadline) throw new Error('writes begun before the word was listed did not end in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
