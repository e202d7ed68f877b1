import type pg from 'pg';
import type { Problem } from '../http/problem.js';
import type { JobInserter } from '../ingest-jobs/repository.js';
import type { Feed, UpdateFeed } from './schemas.js';
import type { FeedEntry, ReadFeed } from './read-feed.js';

/** The pool, or the client of a transaction. */
type Db = Pick<pg.PoolClient, 'query'>;

const FEED_COLUMNS = `
  f.id, f.url, f.outlet, f.interval_seconds AS "intervalSeconds", f.paused, f.title, f.format,
  f.created_at AS "createdAt", f.last_polled_at AS "lastPolledAt", f.last_error AS "lastError",
  COALESCE(c.seen, 0)::int AS "itemsSeen", COALESCE(c.ingested, 0)::int AS "itemsIngested",
  COALESCE(c.failed, 0)::int AS "itemsFailed", COALESCE(c.pending, 0)::int AS "itemsPending"`;

const ITEM_COUNTS = `
  LEFT JOIN LATERAL (
    SELECT count(*) AS seen,
           count(*) FILTER (WHERE status = 'ingested') AS ingested,
           count(*) FILTER (WHERE status = 'failed') AS failed,
           count(*) FILTER (WHERE status = 'pending') AS pending
    FROM feed_items i WHERE i.feed_id = f.id) c ON true`;

/** Seconds until a feed's next poll is due: its interval after its last poll, or after its registration. */
const DUE_IN_SECONDS = `GREATEST(0, ceil(extract(epoch FROM
  COALESCE(last_polled_at, created_at) + interval_seconds * interval '1 second' - now())))::int`;

export interface NewFeed {
  id: string;
  url: string;
  outlet: string | null;
  intervalSeconds: number;
}

export interface FeedToPoll {
  url: string;
  intervalSeconds: number;
}

export interface ItemToFetch {
  url: string;
  outlet: string | null;
  attempts: number;
}

export const jobInserter = (db: Db): JobInserter => ({ executeSql: (text, values) => db.query(text, values) });

export class FeedRepository {
  constructor(private readonly pool: pg.Pool) {}

  /** Runs `work` in one transaction: all of it is written, or none. */
  async transaction<T>(work: (db: Db) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Stores a feed; false when a feed with its URL is stored already. */
  async create(db: Db, feed: NewFeed): Promise<boolean> {
    const { rowCount } = await db.query(
      `INSERT INTO feeds (id, url, outlet, interval_seconds) VALUES ($1, $2, $3, $4) ON CONFLICT (url) DO NOTHING`,
      [feed.id, feed.url, feed.outlet, feed.intervalSeconds],
    );
    return rowCount === 1;
  }

  async idByUrl(url: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM feeds WHERE url = $1', [url]);
    return rows[0]?.id ?? null;
  }

  async get(id: string): Promise<Feed | null> {
    const { rows } = await this.pool.query<Feed>(`SELECT ${FEED_COLUMNS} FROM feeds f ${ITEM_COUNTS} WHERE f.id = $1`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  /** Newest first, after the feed `after` names. */
  async list(limit: number, after?: { createdAt: Date; id: string }): Promise<Feed[]> {
    const { rows } = await this.pool.query<Feed>(
      `SELECT ${FEED_COLUMNS} FROM feeds f ${ITEM_COUNTS}
       WHERE $1::timestamptz IS NULL OR (f.created_at, f.id) < ($1::timestamptz, $2::uuid)
       ORDER BY f.created_at DESC, f.id DESC LIMIT $3`,
      [after?.createdAt ?? null, after?.id ?? null, limit + 1],
    );
    return rows;
  }

  /** Deletes a feed and its items; false when there is no such feed. */
  async delete(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM feeds WHERE id = $1', [id]);
    return rowCount === 1;
  }

  /**
   * Changes a feed's outlet, interval or pause (each when given); answers the
   * seconds until its next poll is due (its interval after its last poll, or after
   * its registration), or null when there is no such feed.
   */
  async update(id: string, change: UpdateFeed): Promise<{ paused: boolean; dueInSeconds: number } | null> {
    const { rows } = await this.pool.query<{ paused: boolean; dueInSeconds: number }>(
      `UPDATE feeds SET
         outlet = CASE WHEN $2 THEN $3 ELSE outlet END,
         interval_seconds = COALESCE($4, interval_seconds),
         paused = COALESCE($5, paused)
       WHERE id = $1
       RETURNING paused, ${DUE_IN_SECONDS} AS "dueInSeconds"`,
      [id, change.outlet !== undefined, change.outlet ?? null, change.intervalSeconds ?? null, change.paused ?? null],
    );
    return rows[0] ?? null;
  }

  /** A feed to poll: null when it is gone or paused. */
  async toPoll(id: string): Promise<FeedToPoll | null> {
    const { rows } = await this.pool.query<FeedToPoll>(
      'SELECT url, interval_seconds AS "intervalSeconds" FROM feeds WHERE id = $1 AND NOT paused',
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Records the items a poll read and the poll's success; answers the items no
   * poll had recorded before. Two polls at once record each item once: the
   * second one's insert waits for the first's, and then skips it.
   */
  async recordPoll(db: Db, id: string, read: ReadFeed): Promise<FeedEntry[]> {
    const { rows } = await db.query<FeedEntry>(
      `INSERT INTO feed_items (feed_id, item_key, url)
       SELECT $1, u.key, u.url FROM unnest($2::text[], $3::text[]) AS u(key, url)
       ON CONFLICT (feed_id, item_key) DO NOTHING
       RETURNING item_key AS key, url`,
      [id, read.items.map((i) => i.key), read.items.map((i) => i.url)],
    );
    await db.query(
      `UPDATE feeds SET last_polled_at = now(), last_error = NULL, failures = 0, title = $2, format = $3 WHERE id = $1`,
      [id, read.title, read.format],
    );
    return rows;
  }

  /** Records a failed poll; answers the failures in a row, null when the feed is gone. */
  async recordPollFailure(id: string, error: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ failures: number }>(
      `UPDATE feeds SET last_polled_at = now(), last_error = $2, failures = failures + 1 WHERE id = $1 RETURNING failures`,
      [id, error],
    );
    return rows[0]?.failures ?? null;
  }

  /** Counts an attempt at an item's page; null when the item is done, or gone with its feed. */
  async startItem(feedId: string, key: string): Promise<ItemToFetch | null> {
    const { rows } = await this.pool.query<ItemToFetch>(
      `UPDATE feed_items i SET attempts = attempts + 1 FROM feeds f
       WHERE i.feed_id = $1 AND i.item_key = $2 AND i.status = 'pending' AND f.id = i.feed_id
       RETURNING i.url, f.outlet, i.attempts`,
      [feedId, key],
    );
    return rows[0] ?? null;
  }

  /** Writes how an item's attempt went: ingested, failed for good, or still pending with its problem. */
  async finishItem(
    feedId: string,
    key: string,
    outcome: { status: 'ingested'; articleId: string } | { status: 'failed' | 'pending'; error: Problem },
  ): Promise<void> {
    await this.pool.query(
      `UPDATE feed_items SET status = $3::"FeedItemStatus", article_id = $4, error = $5,
         finished_at = CASE WHEN $3 = 'pending' THEN NULL ELSE now() END
       WHERE feed_id = $1 AND item_key = $2 AND status = 'pending'`,
      [
        feedId,
        key,
        outcome.status,
        'articleId' in outcome ? outcome.articleId : null,
        'error' in outcome ? JSON.stringify(outcome.error) : null,
      ],
    );
  }

  /** Feeds not paused with no poll queued or running, and in how many seconds each is due. */
  async unscheduledFeeds(queue: string): Promise<{ id: string; dueInSeconds: number }[]> {
    const { rows } = await this.pool.query<{ id: string; dueInSeconds: number }>(
      `SELECT f.id, ${DUE_IN_SECONDS} AS "dueInSeconds"
       FROM feeds f
       WHERE NOT f.paused AND NOT EXISTS (SELECT 1 FROM pgboss.job j
                         WHERE j.name = $1 AND j.singleton_key = f.id::text AND j.state IN ('created', 'retry', 'active'))`,
      [queue],
    );
    return rows;
  }

  /** Pending items whose page no job is queued for or fetching. */
  async orphanItems(queue: string): Promise<{ feedId: string; key: string }[]> {
    const { rows } = await this.pool.query<{ feedId: string; key: string }>(
      `SELECT i.feed_id AS "feedId", i.item_key AS key FROM feed_items i
       WHERE i.status = 'pending'
         AND NOT EXISTS (SELECT 1 FROM pgboss.job j
                         WHERE j.name = $1 AND j.state IN ('created', 'retry', 'active')
                           AND j.data ->> 'feedId' = i.feed_id::text AND j.data ->> 'key' = i.item_key)`,
      [queue],
    );
    return rows;
  }

  /** Moves a feed's queued poll to `inSeconds` from now; false when none is queued. */
  async moveQueuedPoll(queue: string, id: string, inSeconds: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE pgboss.job SET start_after = now() + $3 * interval '1 second'
       WHERE name = $1 AND singleton_key = $2 AND state IN ('created', 'retry')`,
      [queue, id, inSeconds],
    );
    return (rowCount ?? 0) > 0;
  }

  /** Brings a feed's queued poll forward to now; false when none is queued. */
  async pollQueuedNow(queue: string, id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE pgboss.job SET start_after = now()
       WHERE name = $1 AND singleton_key = $2 AND state IN ('created', 'retry')`,
      [queue, id],
    );
    return (rowCount ?? 0) > 0;
  }
}
