import type { FastifyInstance } from 'fastify';
import type request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { randomAdminKey, startTestApp, withKey } from '../support/app.js';
import { ContractRecorder } from '../support/contract.js';
import { createTestDatabase } from '../support/database.js';
import { sampleArticle } from '../support/fixtures.js';
import { usePageServer } from '../support/pages.js';

const pages = usePageServer();

const ndjson = (lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');

/** Polls the job until `done(job)` holds, for at most `ms`. */
async function waitFor(
  api: () => ReturnType<typeof request.agent>,
  id: string,
  done: (job: Record<string, number | string>) => boolean,
  ms = 20_000,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const job = (await api().get(`/v1/ingest-jobs/${id}`).expect(200)).body;
    if (done(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A page of its own at /story/<n>, served after `delayMs`. */
function servePages(prefix: string, count: number, delayMs: number) {
  for (let n = 0; n < count; n++) {
    const { title, body } = sampleArticle();
    const html = `<html><head><title>${title}</title></head><body><article>${body
      .split('\n\n')
      .map((p) => `<p>${p}</p>`)
      .join('')}</article></body></html>`;
    pages().route(`/${prefix}/${n}`, (_request, response) => {
      setTimeout(() => response.writeHead(200, { 'content-type': 'text/html' }).end(html), delayMs).unref();
    });
  }
  return Array.from({ length: count }, (_, n) => ({ url: `${pages().url}/${prefix}/${n}` }));
}

describe('POST /v1/ingest-jobs', () => {
  it('answers 202 at once, and the job shows each line done or failed with its problem', async () => {
    const t = await startTestApp({ JOB_WORKERS: '2', FETCH_ALLOW_PRIVATE: 'true' });
    try {
      const urls = servePages('job', 3, 0);
      const lines = [
        sampleArticle(),
        '{"title": "no body"',
        ...urls,
        { url: `${pages().url}/nowhere` },
        sampleArticle(),
      ];
      const res = await t.api().post('/v1/ingest-jobs').set('content-type', 'application/x-ndjson').send(ndjson(lines));
      expect(res.status).toBe(202);
      expect(res.headers.location).toBe(`/v1/ingest-jobs/${res.body.id}`);
      expect(res.body).toMatchObject({ total: 7, failed: 1 });
      const job = await waitFor(t.api, res.body.id, (j) => j.status === 'done');
      expect(job).toMatchObject({ total: 7, done: 5, failed: 2, pending: 0 });
      expect(job.finishedAt).not.toBeNull();
      expect(job.errors.map((e: { line: number; status: number }) => [e.line, e.status])).toEqual([
        [2, 400],
        [6, 422],
      ]);
      expect(job.errors[1].error.type).toBe('http://localhost:3000/problems/fetch-failed');
      expect(await t.app.db.prisma.article.count()).toBe(5);
    } finally {
      await t.close();
    }
  });

  it('refuses a body that is not NDJSON with 415, one with no lines with 400, and an unknown job with 404', async () => {
    const t = await startTestApp();
    try {
      await t.api().post('/v1/ingest-jobs').send({ url: 'https://x.example/' }).expect(415);
      await t.api().post('/v1/ingest-jobs').set('content-type', 'application/x-ndjson').send('\n\n').expect(400);
      await t.api().get('/v1/ingest-jobs/0190c0de-0000-7000-8000-000000000099').expect(404);
      expect(await t.app.db.prisma.ingestJob.count()).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('loses no line and stores none twice when the service restarts in the middle of a job, or a chunk runs again', async () => {
    const db = await createTestDatabase();
    const adminKey = randomAdminKey();
    const start = async () => {
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        QUOTES_ADMIN_KEY: adminKey,
        JOB_WORKERS: '1',
        FETCH_ALLOW_PRIVATE: 'true',
      });
      const contract = new ContractRecorder();
      const app = await buildApp({ config, databaseUrl: db.url, logger: false, observeResponse: contract.observe });
      await app.ready();
      return { app, contract, api: () => withKey(app, adminKey) };
    };
    let first: { app: FastifyInstance } | undefined;
    let second: { app: FastifyInstance } | undefined;
    try {
      const urls = servePages('restart', 30, 60);
      const a = await start();
      first = a;
      const res = await a.api().post('/v1/ingest-jobs').set('content-type', 'application/x-ndjson').send(ndjson(urls));
      expect(res.status).toBe(202);
      const id = res.body.id as string;
      await waitFor(a.api, id, (j) => Number(j.done) >= 5);
      await a.app.close();
      first = undefined;
      expect(a.contract.take()).toEqual([]);
      const stopped = (
        await withKey(a.app, adminKey)
          .get(`/v1/ingest-jobs/${id}`)
          .catch(() => null)
      )?.body;
      void stopped;
      const midway = await a.app.db.prisma.article.count().catch(() => undefined);
      void midway;

      const b = await start();
      second = b;
      const paused = (await b.api().get(`/v1/ingest-jobs/${id}`).expect(200)).body;
      expect(paused.done).toBeLessThan(30);
      const job = await waitFor(b.api, id, (j) => j.status === 'done');
      expect(job).toMatchObject({ total: 30, done: 30, failed: 0, errors: [] });
      const articles = await b.app.db.pool.query('SELECT DISTINCT article_id FROM ingest_job_lines WHERE job_id = $1', [
        id,
      ]);
      expect(articles.rowCount).toBe(30);
      expect(await b.app.db.prisma.article.count()).toBe(30);
      // A page taken by the stopped process may have been fetched twice; it is stored once.
      const hits = Array.from({ length: 30 }, (_, n) => pages().hits(`/restart/${n}`));
      for (const h of hits) expect(h).toBeGreaterThanOrEqual(1);

      // A crash after the articles were stored but before their lines were marked: the chunk runs again.
      const before = await b.app.db.pool.query(
        'SELECT line, article_id FROM ingest_job_lines WHERE job_id = $1 ORDER BY line',
        [id],
      );
      await b.app.db.pool.query(
        'UPDATE ingest_job_lines SET status = NULL, article_id = NULL WHERE job_id = $1 AND line <= 10',
        [id],
      );
      await b.app.services.ingestJobs.runChunk({ jobId: id, lines: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }, b.app.log);
      await b.app.services.ingestJobs.runChunk({ jobId: id, lines: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }, b.app.log);
      const after = await b.app.db.pool.query(
        'SELECT line, article_id FROM ingest_job_lines WHERE job_id = $1 ORDER BY line',
        [id],
      );
      expect(after.rows).toEqual(before.rows);
      expect(await b.app.db.prisma.article.count()).toBe(30);
      // Stored URLs are not fetched again.
      expect(Array.from({ length: 30 }, (_, n) => pages().hits(`/restart/${n}`))).toEqual(hits);
      expect(b.contract.take()).toEqual([]);
    } finally {
      await first?.app.close();
      await second?.app.close();
      await db.drop();
    }
  });
});
