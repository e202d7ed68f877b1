import type { FastifyBaseLogger } from 'fastify';
import type PgBoss from 'pg-boss';
import { ingestLines, readLines } from '../articles/batch.js';
import type { ArticleIngestion } from '../articles/ingest.js';
import type { ArticleSources } from '../articles/sources.js';
import { timeOrderedId } from '../db/ids.js';
import { NotFoundError } from '../errors.js';
import type { IngestJobRepository } from './repository.js';
import { QUEUES } from './queue.js';

// POST /v1/ingest-jobs: the lines of a large NDJSON body are recorded and queued at
// once, and ingested by workers a few lines at a time. A line is done when its
// result is written; a chunk run again (after a restart, or a retry) skips the
// lines already done, and ingestion answers a line whose article was stored just
// before the restart with that article, so nothing is lost and nothing stored twice.

/** Most lines one job takes. */
export const MAX_JOB_LINES = 100_000;

/** Lines per queued job: few enough that a restart redoes little. */
const LINES_PER_CHUNK = 10;

export interface IngestChunk {
  jobId: string;
  lines: number[];
}

function chunksOf(jobId: string, lines: number[]): IngestChunk[] {
  const chunks: IngestChunk[] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_CHUNK)
    chunks.push({ jobId, lines: lines.slice(i, i + LINES_PER_CHUNK) });
  return chunks;
}

export class IngestJobService {
  constructor(
    private readonly jobs: IngestJobRepository,
    private readonly queue: () => Promise<PgBoss>,
    private readonly services: { ingestion: ArticleIngestion; sources: ArticleSources },
  ) {}

  async create(ndjson: string) {
    const { invalid, valid, total } = readLines(ndjson, MAX_JOB_LINES, 'job');
    const id = timeOrderedId();
    const chunks = chunksOf(
      id,
      valid.map((v) => v.index + 1),
    );
    const boss = await this.queue();
    await this.jobs.create(id, total, invalid, valid, (db) =>
      chunks.length === 0
        ? Promise.resolve()
        : boss.insert(
            chunks.map((data) => ({ name: QUEUES.ingestLines.name, data })),
            { db },
          ),
    );
    return this.get(id);
  }

  async get(id: string) {
    const found = await this.jobs.get(id);
    if (!found) throw new NotFoundError('ingest job', id);
    const { job, errors } = found;
    const finished = job.done + job.failed;
    return {
      ...job,
      status: finished === job.total ? ('done' as const) : finished === 0 ? ('queued' as const) : ('running' as const),
      pending: job.total - finished,
      errors,
    };
  }

  /**
   * Queues again the lines that a process stopped or crashed with: pg-boss leaves a
   * job it had taken active until it expires, and a job taken just as the process
   * stopped is never run there. Run when a process starts working the queue; a line
   * queued twice is ingested once (runChunk skips lines done, ingestion answers an
   * article stored already with its id).
   */
  async requeueOrphans(): Promise<number> {
    const orphans = await this.jobs.orphanLines(QUEUES.ingestLines.name);
    const chunks = orphans.flatMap((o) => chunksOf(o.jobId, o.lines));
    if (chunks.length > 0) {
      const boss = await this.queue();
      await boss.insert(chunks.map((data) => ({ name: QUEUES.ingestLines.name, data })));
    }
    return chunks.length;
  }

  /** Ingests the lines of a chunk not done yet, and writes their results. */
  async runChunk(data: IngestChunk, log: FastifyBaseLogger): Promise<void> {
    const pending = await this.jobs.pendingLines(data.jobId, data.lines);
    if (pending.length === 0) return;
    const results = await ingestLines(
      pending.map((p) => ({ index: p.line - 1, input: p.input })),
      this.services,
      log,
    );
    // A line the service failed to store is left pending, and the chunk retried with backoff.
    const stored = results.filter((r) => r.status !== 500);
    await this.jobs.finish(data.jobId, stored);
    if (stored.length < results.length) {
      throw new Error(`${results.length - stored.length} lines of ingest job ${data.jobId} could not be stored`);
    }
  }
}
