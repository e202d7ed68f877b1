import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import type PgBoss from 'pg-boss';
import { inTransaction } from '../db/client.js';
import { ChannelListener } from '../db/listen.js';
import { Prisma } from '../generated/prisma/client.js';
import { QUEUES } from '../ingest-jobs/queue.js';
import { presentQuoteRow, QUOTE_ROW_COLUMNS, QUOTE_ROW_JOINS, type QuoteRow } from '../quotes/present.js';
import { wordQuery } from '../quotes/repository.js';
import { eventIdOf } from './signature.js';

// New quotes reach subscribers in two steps, each durable: a trigger on quotes
// notes every new quote in new_quotes in the transaction that stores it (see the
// migration), and this relay takes them from there, matches them against the
// subscriptions, and queues one delivery job per match in the same transaction
// that deletes them. The relay runs when Postgres says a transaction noted quotes
// (LISTEN/NOTIFY), and every few seconds for what a lost connection missed; two
// processes never take the same quotes (SKIP LOCKED).

/** A queued delivery: the event's body is fixed when it is queued, and sent as is on every attempt. */
export interface DeliveryJob {
  subscriptionId: string;
  eventId: string;
  quoteId: string;
  body: string;
}

export const NEW_QUOTES_CHANNEL = 'new_quotes';

/** Quotes taken from the outbox per transaction. */
const BATCH = 500;

/** How often the outbox is read without a notification. */
const SWEEP_MS = 5_000;

/** The longest time over which a delivery is retried. */
export const RETRY_WINDOW_SECONDS = 24 * 60 * 60;

/**
 * The most retries whose delays add up to at most `windowSeconds` even with
 * pg-boss's backoff at its longest: the nth retry waits between 1 and 2 times
 * delay * 2^(n-1), so k retries take at most 2 * delay * (2^k - 1).
 */
export function retryLimitWithin(windowSeconds: number, delaySeconds: number): number {
  let retries = 0;
  while (2 * delaySeconds * (2 ** (retries + 1) - 1) <= windowSeconds) retries++;
  return retries;
}

interface MatchRow extends QuoteRow {
  subscription_id: string;
  added_at: Date;
}

/**
 * The new quotes that each subscription (created before the quote) asks for. The
 * quotes are found by their keys and each subscription's speaker and query are
 * worked out once, before pairing them: planned as one join, an outbox batch
 * against a small subscriptions table can make Postgres scan all the quotes.
 */
function matchesStatement(ids: string[], times: Date[]): Prisma.Sql {
  return Prisma.sql`
    WITH fresh AS MATERIALIZED (
      SELECT q.id, q.speaker_id, q.search_vector, t.added_at
      FROM unnest(${ids}::uuid[], ${times}::timestamptz[]) AS t(quote_id, added_at)
      JOIN quotes q ON q.id = t.quote_id
    ), subs AS MATERIALIZED (
      SELECT sub.id, sub.created_at, COALESCE(m.target_id, sub.speaker_id) AS speaker_id, sub.speaker_id IS NOT NULL AS by_speaker,
             CASE WHEN sub.q IS NOT NULL THEN ${wordQuery(Prisma.sql`sub.q`)} END AS query
      FROM subscriptions sub LEFT JOIN speaker_merges m ON m.source_id = sub.speaker_id
    ), matched AS MATERIALIZED (
      SELECT subs.id AS subscription_id, f.id AS quote_id, f.added_at
      FROM fresh f JOIN subs ON subs.created_at <= f.added_at
      WHERE (NOT subs.by_speaker OR f.speaker_id = subs.speaker_id)
        AND (subs.query IS NULL OR f.search_vector @@ subs.query)
    )
    SELECT matched.subscription_id, matched.added_at, ${QUOTE_ROW_COLUMNS}
    FROM matched JOIN quotes q ON q.id = matched.quote_id ${QUOTE_ROW_JOINS}
    ORDER BY matched.added_at, q.id, matched.subscription_id`;
}

/** The event of a match, as posted: {id, type, createdAt, quote, speaker, article}. */
function eventOf(row: MatchRow): DeliveryJob {
  const { article, ...quote } = presentQuoteRow(row);
  const id = eventIdOf(row.subscription_id, row.id);
  const speaker = quote.speaker && { id: quote.speaker.id, name: quote.speaker.name, kind: quote.speaker.kind };
  const body = JSON.stringify({
    id,
    type: 'quote.created',
    createdAt: row.added_at.toISOString(),
    quote,
    speaker,
    article,
  });
  return { subscriptionId: row.subscription_id, eventId: id, quoteId: row.id, body };
}

export interface RelayOptions {
  databaseUrl: string;
  retryDelaySeconds: number;
  /** The longest a delivery attempt may take: its job expires (and is retried) a minute after. */
  attemptSeconds: number;
  /** Told when deliveries were queued, to wake the workers at once. */
  queued: () => void;
}

export class QuoteEventRelay {
  private readonly listener: ChannelListener;
  private sweep: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly retryLimit: number;

  constructor(
    private readonly pool: pg.Pool,
    private readonly queue: () => Promise<PgBoss>,
    private readonly options: RelayOptions,
    private readonly log: FastifyBaseLogger,
  ) {
    this.retryLimit = retryLimitWithin(RETRY_WINDOW_SECONDS, options.retryDelaySeconds);
    this.listener = new ChannelListener({
      databaseUrl: options.databaseUrl,
      channel: NEW_QUOTES_CHANNEL,
      name: 'quote-alerts',
      log,
      onNotification: () => this.wake(),
      // Quotes noted while nobody listened.
      onListening: () => this.wake(),
    });
  }

  /** Listens for new quotes and relays those waiting; a failure to connect is retried in the background. */
  start(): void {
    this.stopped = false;
    this.sweep = setInterval(() => this.wake(), SWEEP_MS).unref();
    this.listener.start();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweep);
    await this.listener.stop();
    await this.running;
  }

  /** Relays the waiting quotes now, or once the run in hand is over. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((error: unknown) => this.log.error({ err: error }, 'new quotes could not be matched to subscriptions'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Relays batches until the outbox is empty; answers how many quotes it took. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const taken = await this.relayBatch();
      total += taken;
      if (taken < BATCH || this.stopped) return total;
    }
  }

  /** Takes a batch of new quotes and queues the deliveries of their matches, in one transaction. */
  private async relayBatch(): Promise<number> {
    const boss = await this.queue();
    const { taken, queued } = await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ quote_id: string; added_at: Date }>(
        `DELETE FROM new_quotes WHERE quote_id IN (
           SELECT quote_id FROM new_quotes ORDER BY added_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING quote_id, added_at`,
        [BATCH],
      );
      if (rows.length === 0) return { taken: 0, queued: 0 };
      const statement = matchesStatement(
        rows.map((r) => r.quote_id),
        rows.map((r) => r.added_at),
      );
      const matches = (await client.query<MatchRow>(statement.text, statement.values)).rows;
      if (matches.length > 0) {
        const { name } = QUEUES.deliverEvents;
        const expireInSeconds = Math.max(QUEUES.deliverEvents.expireInSeconds, this.options.attemptSeconds + 60);
        const jobs = matches.map((m) => ({
          name,
          data: eventOf(m),
          retryLimit: this.retryLimit,
          retryDelay: this.options.retryDelaySeconds,
          retryBackoff: true,
          expireInSeconds,
        }));
        await boss.insert(jobs, {
          db: { executeSql: (text: string, values: unknown[]) => client.query(text, values) },
        });
      }
      return { taken: rows.length, queued: matches.length };
    });
    if (queued > 0) this.options.queued();
    return taken;
  }
}
