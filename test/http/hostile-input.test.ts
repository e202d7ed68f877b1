import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { nestsDeeperThan } from '../../src/http/json-text.js';
import { sampleArticle } from '../support/fixtures.js';
import { startTestApp, useTestApp } from '../support/app.js';

// Each hostile request gets a 4xx (or a 2xx where it is legitimately fine), never
// a 5xx, never a stack trace or SQL, and writes nothing it should not.

const t = useTestApp();
let counts: { articles: number; speakers: number; quotes: number };

async function currentCounts() {
  const prisma = t.app.db.prisma;
  return {
    articles: await prisma.article.count(),
    speakers: await prisma.speaker.count(),
    quotes: await prisma.quote.count(),
  };
}
beforeEach(async () => {
  counts = await currentCounts();
});
async function expectNothingWritten() {
  expect(await currentCounts()).toEqual(counts);
}

const LEAKS = /\bat \S+ \(|\.ts:\d|node_modules|SELECT |INSERT |UPDATE |DELETE FROM|prisma|postgres|SQLSTATE/i;

function expectCleanProblem(res: request.Response, status: number, type?: string) {
  expect(res.status, res.text.slice(0, 300)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  if (type) expect(res.body.type).toBe(type);
  expect(res.text).not.toMatch(LEAKS);
}

const postRaw = (path: string, body: string) => t.api().post(path).set('content-type', 'application/json').send(body);

describe('bodies', () => {
  it('refuses a body over BODY_LIMIT_BYTES with 413', async () => {
    const small = await startTestApp({ BODY_LIMIT_BYTES: '4096' });
    try {
      const article = sampleArticle({ body: `"Too long," he said. ${'word '.repeat(2000)}` });
      expectCleanProblem(
        await small.api().post('/v1/articles').send(article),
        413,
        'http://localhost:3000/problems/payload-too-large',
      );
      expectCleanProblem(
        await small
          .api()
          .post('/v1/extract')
          .send({ text: 'x'.repeat(5000) }),
        413,
        'http://localhost:3000/problems/payload-too-large',
      );
      expect(await small.app.db.prisma.article.count()).toBe(0);
    } finally {
      await small.close();
    }
  });

  it.each([
    ['100 000 levels of arrays', '['.repeat(100_000)],
    ['100 000 closed levels of arrays', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['a field nested 100 000 deep', `{"title": ${'['.repeat(100_000)}1${']'.repeat(100_000)}, "body": "x"}`],
    ['objects nested 50 000 deep', `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`],
  ])('refuses %s with 400', async (_name, body) => {
    expectCleanProblem(await postRaw('/v1/articles', body), 400, 'http://localhost:3000/problems/malformed-json');
    expectCleanProblem(await postRaw('/v1/speakers', body), 400, 'http://localhost:3000/problems/malformed-json');
    expectCleanProblem(await postRaw('/v1/extract', body), 400, 'http://localhost:3000/problems/malformed-json');
    await expectNothingWritten();
  });

  it('counts only real nesting: brackets and escaped quotes inside strings are text', async () => {
    const text = `He wrote "[[[{{{" and \\"${'['.repeat(50_000)}\\" on the wall, the report said.`;
    const res = await postRaw('/v1/extract', JSON.stringify({ text }));
    expect(res.status).toBe(200);
    expect(nestsDeeperThan(JSON.stringify({ a: [[[{ b: '[[[[[[' }]]] }), 5)).toBe(false);
    expect(nestsDeeperThan('[[[[[', 4)).toBe(true);
    // At the limit is not deeper; arrays and objects count alike.
    expect(nestsDeeperThan('[[[[]]]]', 4)).toBe(false);
    expect(nestsDeeperThan('[{"a":[{"b":[]}]}]', 4)).toBe(true);
    expect(nestsDeeperThan('[1],[2],[3],[4],[5],[6]', 4)).toBe(false);
  });

  it.each([
    [
      'a byte that is never UTF-8',
      Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    ],
    ['an overlong encoding', Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')])],
    [
      'an encoded surrogate',
      Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]),
    ],
    [
      'a truncated sequence',
      Buffer.concat([Buffer.from('{"text":"abc'), Buffer.from([0xe2, 0x80]), Buffer.from('"}')]),
    ],
  ])('refuses %s with 400', async (_name, body) => {
    // inject sends the bytes as they are; supertest would re-encode a Buffer body.
    for (const url of ['/v1/extract', '/v1/articles', '/v1/speakers']) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${t.adminKey}`, 'content-type': 'application/json' },
        payload: body,
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({
        type: 'http://localhost:3000/problems/malformed-json',
        detail: 'The request body is not valid UTF-8.',
      });
    }
    await expectNothingWritten();
  });

  it('refuses NUL characters, however they are written', async () => {
    expectCleanProblem(
      await t
        .api()
        .post('/v1/articles')
        .send(sampleArticle({ body: 'He said "a\u0000b".' })),
      400,
      'http://localhost:3000/problems/validation',
    );
    expectCleanProblem(
      await postRaw('/v1/speakers', '{"name": "Nul\\u0000Person"}'),
      400,
      'http://localhost:3000/problems/validation',
    );
    await expectNothingWritten();
  });

  it('refuses __proto__ and constructor keys', async () => {
    const body = JSON.stringify(sampleArticle()).replace(/^\{/, '{"__proto__": {"polluted": true},');
    expectCleanProblem(await postRaw('/v1/articles', body), 400);
    expectCleanProblem(
      await postRaw('/v1/speakers', '{"name": "X", "constructor": {"prototype": {"polluted": true}}}'),
      400,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await expectNothingWritten();
  });

  it('takes a 1 MB article on one line (201), and refuses it with 413 where the limit is lower', async () => {
    const line = '"We will not back down," Mayor Dana Whitfield said on Tuesday, adding that the budget was fair. ';
    const article = sampleArticle({ body: line.repeat(Math.floor(990_000 / line.length)) });
    expect(article.body.length).toBeGreaterThan(900_000);
    const res = await t.api().post('/v1/articles').send(article);
    expect(res.status).toBe(201);
    expect(res.body.quotes.length).toBeGreaterThan(1000);
    const small = await startTestApp({ BODY_LIMIT_BYTES: String(512 * 1024) });
    try {
      expectCleanProblem(
        await small
          .api()
          .post('/v1/articles')
          .send(sampleArticle({ body: article.body })),
        413,
      );
      expect(await small.app.db.prisma.article.count()).toBe(0);
    } finally {
      await small.close();
    }
  });
});

describe('text built to hurt the extractor', () => {
  const shapes: [string, string][] = [
    ['100 000 straight quote marks', '"'.repeat(100_000)],
    ['100 000 curly quote marks', '\u201c'.repeat(100_000)],
    ['alternating marks and words', '"a '.repeat(50_000)],
    ['an opening mark and nothing closing', `He said "${'word '.repeat(100_000)}`],
    ['guillemets nested 50 000 deep', `${'\u00ab'.repeat(50_000)}${'\u00bb'.repeat(50_000)}`],
    ['a quote and a cue 20 000 times', '"x," he said '.repeat(20_000)],
  ];
  it.each(shapes)('extracts from %s without failing', async (_name, text) => {
    const res = await t.api().post('/v1/extract').send({ text });
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body.quotes)).toBe(true);
  });

  it('keeps offsets true with look-alike quote marks', async () => {
    const body = [
      '\u201eWir bleiben,\u201c sagte die B\u00fcrgermeisterin.',
      '\u2039Nous restons,\u203a a dit le maire.',
      '\uff02Fullwidth marks,\uff02 the spokesman said.',
      '\u301dDouble prime marks,\u301e an official said.',
      '\u05f4Gershayim,\u05f4 the minister said.',
      '\u2018Single marks,\u2019 the aide said.',
      '\u275dOrnamental marks,\u275e the designer said.',
      '"Unbalanced \u201c marks\u201d and \u00bb the rest," she said.',
    ].join('\n\n');
    const res = await t.api().post('/v1/articles').send(sampleArticle({ body }));
    expect([200, 201]).toContain(res.status);
    for (const q of res.body.quotes) expect(body.slice(q.start, q.end)).toBe(q.text);
    const extracted = await t.api().post('/v1/extract').send({ text: body }).expect(200);
    for (const q of extracted.body.quotes) expect(body.slice(q.start, q.end)).toBe(q.text);
  });
});

describe('queries', () => {
  const metacharacters = [
    `' OR 1=1 --`,
    `'; DROP TABLE speakers; --`,
    '%',
    '_',
    '\\',
    '\\\\%',
    '&|!():*<>',
    `!(a & b) | c:* <-> d`,
    `"'\`$1`,
  ];

  it.each(metacharacters)('searches speakers for %j as text: no error and no injected match', async (q) => {
    await t.app.db.prisma.speaker.createMany({
      data: [
        { name: 'Plain Person', kind: 'person' },
        { name: 'Other Person', kind: 'person' },
      ],
      skipDuplicates: true,
    });
    counts = await currentCounts();
    const res = await t.api().get('/v1/speakers').query({ q });
    expect(res.status === 200 || res.status === 400, res.text.slice(0, 200)).toBe(true);
    if (res.status === 200) {
      for (const s of res.body.items as { name: string }[]) expect(s.name).not.toMatch(/^(Plain|Other) Person$/);
    } else {
      expectCleanProblem(res, 400);
    }
    await expectNothingWritten();
  });

  it.each(metacharacters)('treats q=%j on /v1/quotes with a 2xx or 4xx, never a 5xx', async (q) => {
    const res = await t.api().get('/v1/quotes').query({ q });
    expect(res.status, res.text.slice(0, 200)).toBeLessThan(500);
    if (res.status >= 400) expectCleanProblem(res, res.status);
  });

  const cursors = [
    'garbage',
    Buffer.from('[]').toString('base64url'),
    Buffer.from('["x","y"]').toString('base64url'),
    Buffer.from('["2026-01-01T00:00:00.000Z","not-a-uuid"]').toString('base64url'),
    Buffer.from('{"__proto__":1}').toString('base64url'),
    '%00',
    'a'.repeat(600),
  ];
  it.each(cursors)('refuses the bogus cursor %j with 400 on every list', async (cursor) => {
    for (const path of ['/v1/articles', '/v1/speakers', '/v1/quotes', '/v1/keys']) {
      const res = await t.api().get(path).query({ cursor });
      expectCleanProblem(res, 400);
      expect(['http://localhost:3000/problems/invalid-cursor', 'http://localhost:3000/problems/validation']).toContain(
        res.body.type,
      );
    }
  });

  it('refuses a URL over MAX_URL_LENGTH with 414', async () => {
    const res = await t
      .api()
      .get('/v1/speakers')
      .query({ q: 'x'.repeat(t.config.maxUrlLength) });
    expectCleanProblem(res, 414, 'http://localhost:3000/problems/uri-too-long');
    expectCleanProblem(await request(t.app.server).get(`/${'a'.repeat(5000)}`), 414);
  });

  it.each([
    '/v1/articles/%',
    '/v1/articles/%E0%A4%A',
    `/v1/speakers/${'a'.repeat(300)}`,
    '/v1/speakers/..%2F..%2Fetc%2Fpasswd',
    '/v1/quotes/%00',
    '/v1/articles/\u00e9',
  ])('answers the odd path %j with a 4xx', async (path) => {
    const res = await t.api().get(path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.text).not.toMatch(LEAKS);
  });
});
