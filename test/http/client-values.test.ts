import type { FastifyError, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/http/pagination.js';
import { problemFor } from '../../src/http/errors.js';
import { problemType } from '../../src/http/problem.js';
import { useTestApp } from '../support/app.js';
import { sampleArticle } from '../support/fixtures.js';

// Values a client sends that Postgres would refuse are the client's fault: a 400,
// from the cursor's check or from the error handler, never a 500.

const t = useTestApp();
const ID = '018f0000-0000-7000-8000-000000000000';

describe('cursors', () => {
  it.each([
    ['/v1/articles', ['0000-01-01T00:00:00.000Z', ID]],
    ['/v1/articles', ['+275760-09-13T00:00:00.000Z', ID]],
    ['/v1/articles', ['2026-01-01T00:00:00.000Z', 'not-an-id']],
    ['/v1/keys', ['0000-01-01T00:00:00.000Z', ID]],
    ['/v1/quotes?q=budget', ['r', 1e308, ID]],
    ['/v1/quotes?q=budget', ['r', -1e308, ID]],
    ['/v1/quotes', ['d', '0000-12-31T23:59:59.999Z', ID]],
    ['/v1/speakers', ['n', 'Nul\u0000Name', ID]],
    ['/v1/speakers', ['n', 'Half \ud800 pair', ID]],
    ['/v1/speakers?q=Whitfield', ['s', 1e308, ID]],
  ])('%s refuses the tampered cursor %j with 400', async (path, key) => {
    const cursor = encodeCursor(key as (string | number)[]);
    const res = await t.api().get(path).query({ cursor });
    expect(res.status, res.text).toBe(400);
    expect(res.body.type).toBe(problemType('invalid-cursor'));
  });
});

describe('ids', () => {
  it('takes an id in upper case as the same id', async () => {
    const stored = await t.api().post('/v1/articles').send(sampleArticle()).expect(201);
    const { id } = stored.body;
    const quote = stored.body.quotes[0];
    const article = await t.api().get(`/v1/articles/${id.toUpperCase()}`).expect(200);
    expect(article.body.id).toBe(id);
    expect((await t.api().get(`/v1/quotes/${quote.id.toUpperCase()}`).expect(200)).body.id).toBe(quote.id);
    const speakerId: string = quote.speaker.id;
    expect((await t.api().get(`/v1/speakers/${speakerId.toUpperCase()}`).expect(200)).body.id).toBe(speakerId);
    const listed = await t.api().get('/v1/quotes').query({ article: id.toUpperCase() }).expect(200);
    expect(listed.body.items.map((q: { id: string }) => q.id)).toContain(quote.id);
  });
});

describe('the error handler', () => {
  const request = { headers: {} } as FastifyRequest;
  const failure = (sql: string) =>
    t.app.db.prisma.$queryRawUnsafe(sql).then(
      () => {
        throw new Error(`${sql} did not fail`);
      },
      (error: unknown) => error as FastifyError,
    );

  it.each([
    ["SELECT '1e308'::float8::real", 'out of range'],
    ["SELECT 'x'::int", 'invalid text'],
    ["SELECT '0000-01-01'::date", 'bad date'],
    ["SELECT convert_from('\\xff'::bytea, 'UTF8')", 'invalid bytes'],
  ])('answers a data exception from Postgres (%s: %s) with 400', async (sql) => {
    const { problem } = problemFor(await failure(sql), request);
    expect(problem.status).toBe(400);
    expect(problem.detail).not.toMatch(/SELECT|real|postgres/i);
  });

  it('answers a body its client broke off (ECONNRESET from the request stream) with 400, not as a database outage', () => {
    // What Fastify hands the error handler when a client closes its connection mid-body.
    const aborted = Object.assign(new Error('aborted'), { code: 'ECONNRESET', statusCode: 400 }) as FastifyError;
    expect(problemFor(aborted, request).problem.status).toBe(400);
    // The same code from a lost database connection is still the service's (503).
    const lost = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) as FastifyError;
    expect(problemFor(lost, request).problem.status).toBe(503);
  });

  it('still answers other database failures with 500', async () => {
    expect(problemFor(await failure('SELECT * FROM no_such_table'), request).problem.status).toBe(500);
  });
});
