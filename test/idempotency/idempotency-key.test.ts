import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import { describe, expect, it } from 'vitest';
import { requestFingerprint } from '../../src/idempotency/service.js';
import { sampleArticle } from '../support/fixtures.js';
import { useTestApp, withKey } from '../support/app.js';

const t = useTestApp();

const countArticles = () => t.app.db.prisma.article.count();
const post = (key: string, body: object, apiKey = t.adminKey) =>
  withKey(t.app, apiKey).post('/v1/articles').set('idempotency-key', key).send(body);

function expectProblem(res: request.Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type, status });
}

describe('Idempotency-Key on POST /v1/articles', () => {
  it('answers a retry with the first response, and writes once', async () => {
    const key = randomUUID();
    const article = sampleArticle();
    const before = await countArticles();
    const first = await post(key, article).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await post(key, article).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers['content-type']).toBe(first.headers['content-type']);
    expect(await countArticles()).toBe(before + 1);
  });

  it('refuses the same key with another body with 422, writing nothing', async () => {
    const key = randomUUID();
    await post(key, sampleArticle()).expect(201);
    const before = await countArticles();
    expectProblem(await post(key, sampleArticle()), 422, 'http://localhost:3000/problems/unprocessable');
    expect(await countArticles()).toBe(before);
  });

  it('keeps the keys of each API key apart', async () => {
    const other = await t.app.apiKeys.create({ scopes: ['write'] });
    const key = randomUUID();
    const mine = await post(key, sampleArticle()).expect(201);
    const theirs = await post(key, sampleArticle(), other.key).expect(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('runs concurrent requests with one key once: the others wait their turn with 409 or get the answer', async () => {
    const key = randomUUID();
    const article = sampleArticle();
    const before = await countArticles();
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(key, article)));
    const statuses = responses.map((r) => r.status);
    expect(
      statuses.every((s) => s === 201 || s === 409),
      statuses.join(),
    ).toBe(true);
    const created = responses.filter((r) => r.status === 201);
    expect(created.filter((r) => r.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    for (const r of responses.filter((x) => x.status === 409)) {
      expectProblem(r, 409, 'http://localhost:3000/problems/conflict');
      expect(r.headers['retry-after']).toBe('1');
    }
    expect(await countArticles()).toBe(before + 1);
  });

  it('answers 409 while the first request with the key is in flight', async () => {
    const key = randomUUID();
    const article = sampleArticle();
    // What a request still being handled leaves behind: a claim with no answer yet.
    await t.app.db.prisma.idempotencyRecord.create({
      data: {
        owner: 'bootstrap',
        key,
        requestHash: requestFingerprint('POST', '/v1/articles', article),
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    const before = await countArticles();
    expectProblem(await post(key, article), 409, 'http://localhost:3000/problems/conflict');
    expectProblem(await post(key, sampleArticle()), 422, 'http://localhost:3000/problems/unprocessable');
    expect(await countArticles()).toBe(before);
  });

  it('runs the request again after its first attempt failed on the server', async () => {
    const key = randomUUID();
    const article = sampleArticle();
    const prisma = t.app.db.prisma;
    await prisma.$executeRawUnsafe(
      "CREATE FUNCTION fail_quotes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'quotes are failing'; END $$",
    );
    await prisma.$executeRawUnsafe(
      'CREATE TRIGGER fail_quotes BEFORE INSERT ON quotes FOR EACH STATEMENT EXECUTE FUNCTION fail_quotes()',
    );
    try {
      const failed = await post(key, article);
      expectProblem(failed, 500, 'http://localhost:3000/problems/internal');
      expect(JSON.stringify(failed.body)).not.toMatch(/quotes are failing|INSERT|trigger/i);
    } finally {
      await prisma.$executeRawUnsafe('DROP TRIGGER fail_quotes ON quotes');
      await prisma.$executeRawUnsafe('DROP FUNCTION fail_quotes');
    }
    const retry = await post(key, article).expect(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
  });

  it('forgets a key once it expires', async () => {
    const key = randomUUID();
    await post(key, sampleArticle()).expect(201);
    await t.app.db.prisma.idempotencyRecord.updateMany({
      where: { key },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await post(key, sampleArticle()).expect(201);
  });

  it('rejects a malformed key with 400, and POSTs without a key work as before', async () => {
    expectProblem(await post('x'.repeat(256), sampleArticle()), 400, 'http://localhost:3000/problems/validation');
    expectProblem(await post('with space', sampleArticle()), 400, 'http://localhost:3000/problems/validation');
    const article = sampleArticle();
    await t.api().post('/v1/articles').send(article).expect(201);
    await t.api().post('/v1/articles').send(article).expect(200);
  });
});
