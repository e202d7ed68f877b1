import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';

// Verification looks claims up by their rarest words, by how many quotes hold each
// (quote_lexemes). Writes on quotes log their changes to those counts, one row a
// statement, instead of updating the count of every word they hold, which made
// writers of common words wait for each other (migration
// 20261204140000_quote_lexeme_change_log); the log is folded into the counts here.

const FOLD_EVERY_MS = 5_000;

/** Folds the logged changes into quote_lexemes now; 0 when another process is folding. */
export async function foldLexemeChanges(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ folded: number }>('SELECT fold_quote_lexeme_changes() AS folded');
  return rows[0]!.folded;
}

/** Folds the log every few seconds while the service runs (one process at a time, by an advisory lock). */
export class LexemeCountFolder {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: FastifyBaseLogger,
    private readonly everyMs = FOLD_EVERY_MS,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => this.fold(), this.everyMs).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private fold(): void {
    if (this.running) return;
    this.running = foldLexemeChanges(this.pool)
      .then(() => undefined)
      .catch((error: unknown) => this.log.warn({ err: error }, 'word counts could not be brought up to date'))
      .finally(() => {
        this.running = undefined;
      });
  }
}
