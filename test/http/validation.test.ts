import type request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import '../../src/http/validation.js';
import { sampleArticle } from '../support/fixtures.js';
import { useTestApp } from '../support/app.js';

const t = useTestApp();

const DATE_FORMATS = 'must be a date (YYYY-MM-DD) or a date-time (RFC 3339, e.g. 2026-03-04T10:00:00Z)';

async function problem(res: PromiseLike<request.Response>) {
  const answer = await res;
  expect(answer.status).toBe(400);
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(answer.body.type).toBe('http://localhost:3000/problems/validation');
  // zod's own wording never reaches a client.
  expect(answer.body.detail).not.toMatch(/Invalid|Too small|Too big|expected|params|querystring/);
  return answer.body;
}

describe('validation errors', () => {
  it('name a path parameter in plain English', async () => {
    for (const path of ['/v1/articles/nope', '/v1/speakers/123/quotes', '/v1/quotes/x']) {
      const body = await problem(t.api().get(path));
      expect(body.detail).toBe('The path parameter `id` must be a UUID.');
      expect(body.errors).toEqual([{ in: 'path', path: 'id', message: 'must be a UUID' }]);
    }
  });

  it('name each failing query parameter, one sentence each', async () => {
    const body = await problem(t.api().get('/v1/quotes').query({ limit: 0, kind: 'shouted' }));
    expect(body.detail).toBe(
      'The query parameter `kind` must be one of direct, partial or indirect. The query parameter `limit` must be at least 1.',
    );
    expect(body.errors).toEqual([
      { in: 'query', path: 'kind', message: 'must be one of direct, partial or indirect' },
      { in: 'query', path: 'limit', message: 'must be at least 1' },
    ]);
    expect((await problem(t.api().get('/v1/quotes').query({ limit: 'ten' }))).detail).toBe(
      'The query parameter `limit` must be a number.',
    );
    expect((await problem(t.api().get('/v1/quotes').query({ limit: 1000 }))).detail).toBe(
      'The query parameter `limit` must be at most 100.',
    );
  });

  it('show the accepted formats of a date filter', async () => {
    for (const value of ['yesterday', '2020-13-01', '04/03/2026', '2026-03-04 10:00']) {
      const before = await problem(t.api().post('/v1/verify').send({ quote: 'the budget', before: value }));
      expect(before.detail).toBe(`The body field \`before\` ${DATE_FORMATS}.`);
      expect(before.errors).toEqual([{ in: 'body', path: 'before', message: DATE_FORMATS }]);
      const from = await problem(t.api().get('/v1/articles').query({ publishedFrom: value }));
      expect(from.detail).toBe(`The query parameter \`publishedFrom\` ${DATE_FORMATS}.`);
    }
    // The formats it names are taken.
    await t.api().post('/v1/verify').send({ quote: 'the budget', before: '2026-03-04' }).expect(200);
    await t.api().post('/v1/verify').send({ quote: 'the budget', before: '2026-03-04T10:00:00+01:00' }).expect(200);
  });

  it('name an unknown parameter or field as the failing one', async () => {
    const query = await problem(t.api().get('/v1/articles').query({ colour: 'red' }));
    expect(query.detail).toBe('The query parameter `colour` is not known here.');
    expect(query.errors).toEqual([{ in: 'query', path: 'colour', message: 'is not known here' }]);
    const body = await problem(
      t
        .api()
        .post('/v1/articles')
        .send({ ...sampleArticle(), colour: 'red', size: 2 }),
    );
    expect(body.detail).toBe('The body field `colour` is not known here. The body field `size` is not known here.');
  });

  it('say which field is missing, too long or of the wrong type, and when the body is not an object', async () => {
    const missing = await problem(t.api().post('/v1/articles').send({ body: '"Yes," she said.' }));
    expect(missing.detail).toBe('The body field `title` is required with body.');
    const wrongType = await problem(
      t
        .api()
        .post('/v1/articles')
        .send({ ...sampleArticle(), title: 12 }),
    );
    expect(wrongType.detail).toBe('The body field `title` must be a string.');
    const tooLong = await problem(
      t
        .api()
        .post('/v1/articles')
        .send({ ...sampleArticle(), outlet: 'x'.repeat(201) }),
    );
    expect(tooLong.detail).toBe('The body field `outlet` must be at most 200 characters long.');
    const custom = await problem(
      t
        .api()
        .post('/v1/articles')
        .send({ ...sampleArticle(), title: '  ' }),
    );
    expect(custom.detail).toBe('The body field `title` must not be empty.');
    const notObject = await problem(t.api().post('/v1/articles').send([sampleArticle()]));
    expect(notObject.detail).toBe('The request body must be a JSON object.');
    expect(notObject.errors).toEqual([{ in: 'body', path: '', message: 'must be a JSON object' }]);
  });
});

describe('plainMessage', () => {
  const messageOf = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error!.issues[0]!.message;

  it('words each kind of zod issue as the end of a sentence', () => {
    expect(messageOf(z.string(), undefined)).toBe('is required');
    expect(messageOf(z.number().int(), 1.5)).toBe('must be a whole number');
    expect(messageOf(z.boolean(), 'yes')).toBe('must be true or false');
    expect(messageOf(z.literal('on'), 'off')).toBe('must be on');
    expect(messageOf(z.number().gt(0), 0)).toBe('must be more than 0');
    expect(messageOf(z.number().lt(10), 10)).toBe('must be less than 10');
    expect(messageOf(z.string().min(3), 'ab')).toBe('must be at least 3 characters long');
    expect(messageOf(z.string().length(2), 'abc')).toBe('must be exactly 2 characters long');
    expect(messageOf(z.array(z.string()).min(1), [])).toBe('must list at least one item');
    expect(messageOf(z.array(z.string()).max(2), ['a', 'b', 'c'])).toBe('must list at most 2 items');
    expect(messageOf(z.string().regex(/^a/), 'b')).toBe('is not in the form expected');
    expect(messageOf(z.iso.date(), '2026-02-30')).toBe('must be a date (YYYY-MM-DD)');
    expect(messageOf(z.email(), 'nobody')).toBe('must be an email address');
    expect(messageOf(z.number().multipleOf(5), 7)).toBe('must be a multiple of 5');
    expect(messageOf(z.union([z.number(), z.boolean()]), 'x')).toBe('is not valid');
    // A schema's own message stays.
    expect(messageOf(z.string().min(1, 'must name someone'), '')).toBe('must name someone');
  });
});
