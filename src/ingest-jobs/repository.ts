import type { Problem } from '../http/problem.js';
import type pg from 'pg';
import type { ItemResult } from '../articles/batch.js';
import type { CreateArticle } from '../articles/schemas.js';

/** What a job is, as its lines say so far. */
export interface IngestJobRow {
  id: string;
  total: number;
  done: number;
  failed: number;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface FailedLine {
  line: number;
  status: number;
  error: Problem;
}

/** A database client that pg-boss can insert jobs with, inside a transaction. */
export interface JobInserter {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Most failed lines a job's status lists. */
export const MAX_LISTED_ERRORS = 1000;

export class IngestJobRepository {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Records a job with its lines (the invalid ones already with their result) and,
   * in the same transaction, queues its work through `enqueue`: a job is recorded
   * and queued whole, or not at all.
   */
  async create(
    id: string,
    total: number,
    invalid: ItemResult[],
    valid: { index: number; input: CreateArticle }[],
    enqueue: (db: JobInserter) => Promise<void>,
  ): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('INSERT INTO ingest_jobs (id, total) VALUES ($1, $2)', [id, total]);
      const lines = [
        ...invalid.map((r) => ({ line: r.line, input: null, status: r.status, error: JSON.stringify(r.error) })),
        ...valid.map((v) => ({ line: v.index + 1, input: JSON.stringify(v.input), status: null, error: null })),
      ];
      await client.query(
        `INSERT INTO ingest_job_lines (job_id, line, input, status, error, finished_at)
         SELECT $1, u.line, u.input, u.status, u.error, CASE WHEN u.status IS NULL THEN NULL ELSE now() END
         FROM unnest($2::int[], $3::jsonb[], $4::int[], $5::jsonb[]) AS u(line, input, status, error)`,
        [
          id,
          lines.map((l) => l.line),
          lines.map((l) => l.input),
          lines.map((l) => l.status),
          lines.map((l) => l.error),
        ],
      );
      await enqueue({ executeSql: (text, values) => client.query(text, values) });
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Lines not ingested yet that no waiting queue job covers: those a stopped or
   * crashed process had taken. By job, in line order.
   */
  async orphanLines(queue: string): Promise<{ jobId: string; lines: number[] }[]> {
    const { rows } = await this.pool.query<{ jobId: string; lines: number[] }>(
      `WITH queued AS (
         SELECT (data ->> 'jobId')::uuid AS job_id, (jsonb_array_elements_text(data -> 'lines'))::int AS line
         FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry'))
       SELECT l.job_id AS "jobId", array_agg(l.line ORDER BY l.line) AS lines
       FROM ingest_job_lines l
       WHERE l.status IS NULL AND l.input IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM queued q WHERE q.job_id = l.job_id AND q.line = l.line)
       GROUP BY l.job_id`,
      [queue],
    );
    return rows;
  }

  /** The lines among `lines` not ingested yet, with their requests. */
  async pendingLines(id: string, lines: number[]): Promise<{ line: number; input: CreateArticle }[]> {
    const { rows } = await this.pool.query<{ line: number; input: CreateArticle }>(
      `SELECT line, input FROM ingest_job_lines
       WHERE job_id = $1 AND line = ANY($2::int[]) AND status IS NULL AND input IS NOT NULL ORDER BY line`,
      [id, lines],
    );
    return rows;
  }

  /** Writes the results of lines; a line that has a result already keeps it. */
  async finish(id: string, results: ItemResult[]): Promise<void> {
    await this.pool.query(
      `UPDATE ingest_job_lines l SET status = u.status, article_id = u.article, error = u.error, finished_at = now()
       FROM unnest($2::int[], $3::int[], $4::uuid[], $5::jsonb[]) AS u(line, status, article, error)
       WHERE l.job_id = $1 AND l.line = u.line AND l.status IS NULL`,
      [
        id,
        results.map((r) => r.line),
        results.map((r) => r.status),
        results.map((r) => r.id ?? null),
        results.map((r) => (r.error ? JSON.stringify(r.error) : null)),
      ],
    );
  }

  async get(id: string): Promise<{ job: IngestJobRow; errors: FailedLine[] } | null> {
    const { rows } = await this.pool.query<IngestJobRow>(
      `SELECT j.id, j.total, j.created_at AS "createdAt",
              (count(*) FILTER (WHERE l.status < 400))::int AS done,
              (count(*) FILTER (WHERE l.status >= 400))::int AS failed,
              CASE WHEN count(l.status) = j.total THEN max(l.finished_at) END AS "finishedAt"
       FROM ingest_jobs j LEFT JOIN ingest_job_lines l ON l.job_id = j.id
       WHERE j.id = $1 GROUP BY j.id`,
      [id],
    );
    if (!rows[0]) return null;
    const errors = await this.pool.query<FailedLine>(
      `SELECT line, status, error FROM ingest_job_lines WHERE job_id = $1 AND status >= 400 ORDER BY line LIMIT $2`,
      [id, MAX_LISTED_ERRORS],
    );
    return { job: rows[0], errors: errors.rows };
  }
}
