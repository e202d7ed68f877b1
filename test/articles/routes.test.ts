import type request from 'supertest';
import { describe, expect, it } from 'vitest';
import { sampleArticle, seedArticleRequest } from '../support/fixtures.js';
import { SEED_ARTICLE, sharedText } from '../support/shared.js';
import { startTestApp, useTestApp } from '../support/app.js';
import { grainCorridorCall, NEWS_ARTICLES, readQuote, type NewsArticle } from '../support/news.js';

const t = useTestApp();
const seedText = sharedText(SEED_ARTICLE, 'the two tests that post the seed article');

async function countArticles(): Promise<number> {
  return t.app.db.prisma.article.count();
}

/**
 * Posts an article not seen before and checks the answer's headers and metadata;
 * the same body again, also from another URL, answers 200 with the same id.
 */
async function postNewThenAgain(body: NewsArticle['request']): Promise<request.Response> {
  const first = await t.api().post('/v1/articles').send(body).expect(201);
  expect(first.headers['content-type']).toMatch(/application\/json/);
  expect(first.headers.location).toBe(`/v1/articles/${first.body.id}`);
  expect(first.body).toMatchObject({ title: body.title, outlet: body.outlet, author: body.author });
  expect(first.body.publishedAt).toBe(new Date(body.publishedAt).toISOString());

  const again = await t.api().post('/v1/articles').send(body).expect(200);
  expect(again.body.id).toBe(first.body.id);
  const sameBodyOtherUrl = await t
    .api()
    .post('/v1/articles')
    .send({ ...body, url: 'https://mirror.example/copy' })
    .expect(200);
  expect(sameBodyOtherUrl.body.id).toBe(first.body.id);
  return first;
}

describe('POST /v1/articles', () => {
  it.skipIf(seedText === null)(
    'stores the seed article with its quotes, and answers 200 with the same id when it comes again',
    async () => {
      const body = seedArticleRequest(seedText!);
      const first = await postNewThenAgain(body);
      expect(first.body).toMatchObject({ title: body.title, outlet: 'The Floridian', author: 'Mona Salama' });
      expect(first.body.publishedAt).toBe('2021-12-30T20:00:00.000Z');
      expect(first.body.quotes.length).toBeGreaterThan(5);
      for (const q of first.body.quotes) {
        expect(body.body.slice(q.start, q.end)).toBe(q.text);
      }
      expect(first.body.quotes.some((q: { text: string }) => q.text.includes('colossal mistake'))).toBe(true);
    },
  );

  it.each(NEWS_ARTICLES.map((a) => [a.request.title, a] as const))(
    'stores "%s" with every quote, speaker, mention and cue where the text has them, and answers 200 with the same id when it comes again',
    async (_title, article) => {
      const first = await postNewThenAgain(article.request);
      expect(first.body.url).toBe(article.request.url);
      expect(first.body.quotes.map(readQuote)).toEqual(article.quotes);
      // One stored speaker for each speaker of the article, whatever names the article gives it.
      const speakerIds = new Map<string, Set<string>>();
      for (const q of first.body.quotes) {
        speakerIds.set(q.speaker.name, (speakerIds.get(q.speaker.name) ?? new Set()).add(q.speaker.id));
      }
      for (const [name, ids] of speakerIds) expect(ids.size, name).toBe(1);
      const ids = [...speakerIds.values()].map((s) => [...s][0]);
      expect(new Set(ids).size).toBe(ids.length);
    },
  );

  it('keeps one article when 20 requests post it at once', async () => {
    const article = sampleArticle();
    const before = await countArticles();
    const responses = await Promise.all(Array.from({ length: 20 }, () => t.api().post('/v1/articles').send(article)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await countArticles()).toBe(before + 1);
    const quotes = await t.app.db.prisma.quote.count({ where: { articleId: responses[0]!.body.id } });
    expect(quotes).toBe(responses[0]!.body.quotes.length);
  });

  it('answers a stored article and stores new ones when they arrive together', async () => {
    const stored = await t.api().post('/v1/articles').send(sampleArticle()).expect(201);
    const fresh = Array.from({ length: 5 }, () => sampleArticle());
    const byUrl = { ...fresh[0]!, url: stored.body.url, body: `${fresh[0]!.body} Updated.` };
    const before = await countArticles();
    const again = { title: stored.body.title, body: stored.body.body, url: stored.body.url };
    const responses = await Promise.all(
      [again, ...fresh.slice(1), byUrl].map((a) => t.api().post('/v1/articles').send(a)),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 201, 201, 201, 201, 200]);
    expect(responses[0]!.body).toEqual(stored.body);
    expect(responses[5]!.body.id).toBe(stored.body.id);
    expect(new Set(responses.slice(1, 5).map((r) => r.body.id)).size).toBe(4);
    expect(await countArticles()).toBe(before + 4);
  });

  it('stores articles posted at once, each whole, and one article for two posts of one URL', async () => {
    const articles = Array.from({ length: 12 }, () => sampleArticle());
    const rival = { ...articles[0]!, body: `${articles[0]!.body} A later edit.` };
    const before = await countArticles();
    const responses = await Promise.all([...articles, rival].map((a) => t.api().post('/v1/articles').send(a)));
    expect(responses.map((r) => r.status).sort()).toEqual([...Array(12).fill(201), 200].sort());
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(12);
    expect(responses[12]!.body.id).toBe(responses[0]!.body.id);
    expect([responses[0]!.status, responses[12]!.status].sort()).toEqual([200, 201]);
    expect(await countArticles()).toBe(before + 12);
    for (const [i, r] of responses.slice(1, 12).entries()) {
      expect(r.body.body).toBe(articles[i + 1]!.body);
      expect(r.body.quotes.length).toBeGreaterThan(0);
      const stored = await t.app.db.prisma.quote.findMany({
        where: { articleId: r.body.id },
        orderBy: { position: 'asc' },
        select: { id: true },
      });
      expect(stored.map((q) => q.id)).toEqual(r.body.quotes.map((q: { id: string }) => q.id));
    }
  });

  const readBack = [
    {
      article: 'a news article',
      request: () => grainCorridorCall.request,
      registered: grainCorridorCall.registry[0]!.speaker,
      skip: false,
    },
    {
      article: 'the seed article',
      request: () => seedArticleRequest(seedText!),
      registered: { name: 'Jen Psaki', role: 'White House press secretary' },
      skip: seedText === null,
    },
  ];
  for (const { article, request: articleRequest, registered, skip } of readBack) {
    it.skipIf(skip)(
      `answers each new article as reading it back gives it, with time-ordered quote ids (${article})`,
      async () => {
        // A database of its own, whose registry knows one of the article's speakers.
        const own = await startTestApp();
        try {
          const known = await own.api().post('/v1/speakers').send(registered).expect(201);
          const posted = await Promise.all(
            [articleRequest(), sampleArticle(), sampleArticle(), sampleArticle()].map((a) =>
              own.api().post('/v1/articles').send(a).expect(201),
            ),
          );
          for (const p of posted) {
            const got = await own.api().get(`/v1/articles/${p.body.id}`).expect(200);
            expect(p.body).toEqual(got.body);
            expect(p.body.quotes.length).toBeGreaterThan(0);
            for (const q of p.body.quotes)
              expect(q.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
          }
          const quotes = posted[0]!.body.quotes as {
            speaker: { id: string; kind: string } | null;
            relayedBy: unknown;
          }[];
          expect(quotes.some((q) => q.speaker?.id === known.body.id)).toBe(true);
          expect(quotes.some((q) => q.speaker?.kind === 'anonymous')).toBe(true);
          expect(quotes.some((q) => q.relayedBy)).toBe(true);
        } finally {
          await own.close();
        }
      },
    );
  }

  it('returns the existing article when only the URL matches', async () => {
    const article = sampleArticle();
    const first = await t.api().post('/v1/articles').send(article).expect(201);
    const second = await t
      .api()
      .post('/v1/articles')
      .send({ ...article, body: `${article.body} Updated.` })
      .expect(200);
    expect(second.body.id).toBe(first.body.id);
  });

  it('takes a publication date alone as that day at 00:00 UTC, and answers it as a date-time', async () => {
    const outlet = `Dated ${Date.now()}`;
    const post = (publishedAt: string) =>
      t.api().post('/v1/articles').send(sampleArticle({ outlet, publishedAt })).expect(201);
    const dated = await post('2024-02-29');
    expect(dated.body.publishedAt).toBe('2024-02-29T00:00:00.000Z');
    expect((await t.api().get(`/v1/articles/${dated.body.id}`).expect(200)).body.publishedAt).toBe(
      '2024-02-29T00:00:00.000Z',
    );
    expect((await post('2024-02-28T23:30:00-01:00')).body.publishedAt).toBe('2024-02-29T00:30:00.000Z');
    const listed = await t.api().get('/v1/articles').query({ outlet }).expect(200);
    expect(listed.body.items.map((a: { publishedAt: string }) => a.publishedAt)).toEqual([
      '2024-02-29T00:30:00.000Z',
      '2024-02-29T00:00:00.000Z',
    ]);
    const thatDay = await t
      .api()
      .get('/v1/articles')
      .query({ outlet, publishedFrom: '2024-02-29', publishedTo: '2024-02-29' })
      .expect(200);
    expect(thatDay.body.items).toHaveLength(2);
  });

  it.each(['2023-02-29', '2024-2-9', '29.02.2024', '2024-02-29T10:00', '20240229', '0000-06-01'])(
    'refuses the publication date %j with 400 naming the formats it takes, writing nothing',
    async (publishedAt) => {
      const before = await countArticles();
      const res = await t.api().post('/v1/articles').send(sampleArticle({ publishedAt })).expect(400);
      expect(res.body.type).toBe('http://localhost:3000/problems/validation');
      expect(res.body.errors).toEqual([expect.objectContaining({ in: 'body', path: 'publishedAt' })]);
      expect(res.body.detail).toMatch(
        publishedAt === '0000-06-01'
          ? /^The body field `publishedAt` must be a date between the years 1 and 9999\.$/
          : /^The body field `publishedAt` must be a date \(YYYY-MM-DD\) or a date-time \(RFC 3339/,
      );
      expect(await countArticles()).toBe(before);
    },
  );

  const invalid: [string, Record<string, unknown>, string][] = [
    ['a missing title', { body: 'Some text.' }, 'title'],
    ['an empty body', { title: 'T', body: '   ' }, 'body'],
    ['a number as title', { title: 42, body: 'Some text.' }, 'title'],
    ['an unknown field', { title: 'T', body: 'Some text.', colour: 'red' }, 'colour'],
    ['NUL bytes in the body', { title: 'T', body: 'He said "a\u0000b".' }, 'body'],
    ['a URL that is not http', { title: 'T', body: 'Some text.', url: 'ftp://x.example/a' }, 'url'],
    ['a URL with a space', { title: 'T', body: 'Some text.', url: 'https://x.example/a b' }, 'url'],
    ['a URL with a tab', { title: 'T', body: 'Some text.', url: 'https://x.example/a\tb' }, 'url'],
    ['a date that is not ISO 8601', { title: 'T', body: 'Some text.', publishedAt: 'yesterday' }, 'publishedAt'],
    ['a date in year 0', { title: 'T', body: 'Some text.', publishedAt: '0000-01-01T00:00:00Z' }, 'publishedAt'],
    ['a bad language tag', { title: 'T', body: 'Some text.', language: 'english please' }, 'language'],
  ];
  it.each(invalid)('rejects %s with 400 problem+json naming the field, writing nothing', async (_name, body, field) => {
    const before = await countArticles();
    const res = await t.api().post('/v1/articles').send(body).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'http://localhost:3000/problems/validation',
      status: 400,
      title: 'Invalid request',
    });
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    expect(await countArticles()).toBe(before);
  });

  it('stores an international domain name in punycode, and the rest of the URL as sent', async () => {
    const res = await t
      .api()
      .post('/v1/articles')
      .send({ title: 'Bücher', body: 'A text about books.', url: 'https://bücher.example:8443/Straße?q=1' })
      .expect(201);
    expect(res.body.url).toBe('https://xn--bcher-kva.example:8443/Straße?q=1');
  });

  it('rejects malformed JSON with 400', async () => {
    const res = await t
      .api()
      .post('/v1/articles')
      .set('content-type', 'application/json')
      .send('{"title": "T", "body": ')
      .expect(400);
    expect(res.body.type).toBe('http://localhost:3000/problems/malformed-json');
    expect(res.body).not.toHaveProperty('stack');
  });

  it('rejects a body that is neither JSON, HTML nor plain text with 415', async () => {
    const res = await t.api().post('/v1/articles').set('content-type', 'application/xml').send('<a/>').expect(415);
    expect(res.body.type).toBe('http://localhost:3000/problems/unsupported-media-type');
  });

  it('rejects a body over the configured limit with 413', async () => {
    const small = await startTestApp({ BODY_LIMIT_BYTES: '2048' });
    try {
      const before = await small.app.db.prisma.article.count();
      const res = await small
        .api()
        .post('/v1/articles')
        .send({ title: 'Long', body: 'word '.repeat(1000) })
        .expect(413);
      expect(res.body.type).toBe('http://localhost:3000/problems/payload-too-large');
      expect(await small.app.db.prisma.article.count()).toBe(before);
    } finally {
      await small.close();
    }
  });
});

describe('GET /v1/articles', () => {
  it('pages through articles newest first with an opaque cursor, and filters by outlet and date', async () => {
    const outlet = `Pager ${Date.now()}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t
        .api()
        .post('/v1/articles')
        .send(sampleArticle({ outlet, publishedAt: `2025-01-0${i + 1}T12:00:00Z` }))
        .expect(201);
      ids.push(res.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await t
        .api()
        .get('/v1/articles')
        .query({ outlet, limit: 2, ...(cursor ? { cursor } : {}) })
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      for (const a of res.body.items) {
        expect(a).not.toHaveProperty('body');
        expect(a.quoteCount).toBeGreaterThan(0);
      }
      seen.push(...res.body.items.map((a: { id: string }) => a.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const ranged = await t
      .api()
      .get('/v1/articles')
      .query({ outlet, publishedFrom: '2025-01-02', publishedTo: '2025-01-03' })
      .expect(200);
    expect(ranged.body.items.map((a: { id: string }) => a.id).sort()).toEqual([ids[1], ids[2]].sort());
  });

  it.each([
    ['a bogus cursor', { cursor: 'not-a-cursor!' }, 'http://localhost:3000/problems/invalid-cursor'],
    [
      'a well-formed but foreign cursor',
      { cursor: Buffer.from('{"a":1}').toString('base64url') },
      'http://localhost:3000/problems/invalid-cursor',
    ],
    ['limit 0', { limit: '0' }, 'http://localhost:3000/problems/validation'],
    ['limit 1000', { limit: '1000' }, 'http://localhost:3000/problems/validation'],
    ['a bad date', { publishedFrom: 'last week' }, 'http://localhost:3000/problems/validation'],
    ['a date Postgres cannot store', { publishedFrom: '0000-01-01' }, 'http://localhost:3000/problems/validation'],
    ['an unknown parameter', { sort: 'title' }, 'http://localhost:3000/problems/validation'],
  ])('rejects %s with 400', async (_name, query, type) => {
    const res = await t.api().get('/v1/articles').query(query).expect(400);
    expect(res.body.type).toBe(type);
  });
});

describe('GET and DELETE /v1/articles/:id', () => {
  it('stores a quote whose speaker is an unresolved pronoun with no speaker, keeping the mention', async () => {
    const body = { ...sampleArticle(), body: 'It said the new rules would take effect in March.' };
    const created = await t.api().post('/v1/articles').send(body).expect(201);
    expect(created.body.quotes).toHaveLength(1);
    expect(created.body.quotes[0]).toMatchObject({ text: 'the new rules would take effect in March', speaker: null });
    const got = await t.api().get(`/v1/articles/${created.body.id}`).expect(200);
    expect(got.body.quotes[0].speaker).toBeNull();
    const stored = await t.app.db.prisma.quote.findFirstOrThrow({ where: { articleId: created.body.id } });
    expect(stored).toMatchObject({ speakerId: null, mentionText: 'It', mentionStart: 0, mentionEnd: 2 });
    expect(await t.app.db.prisma.speaker.count({ where: { name: { in: ['It', 'it'] } } })).toBe(0);
  });

  it('returns an article with its quotes in reading order, and deletes it with its quotes', async () => {
    const created = await t.api().post('/v1/articles').send(sampleArticle()).expect(201);
    const id = created.body.id;
    const got = await t.api().get(`/v1/articles/${id}`).expect(200);
    expect(got.body.body).toContain('library');
    // Each quote keeps the attribution rule that decided it, as extraction names it.
    const extracted = await t.api().post('/v1/extract').send({ text: got.body.body }).expect(200);
    const sieves = extracted.body.quotes.map((q: { sieve: string }) => q.sieve);
    expect(got.body.quotes.map((q: { sieve: string }) => q.sieve)).toEqual(sieves);
    expect(created.body.quotes.map((q: { sieve: string }) => q.sieve)).toEqual(sieves);
    const one = await t.api().get(`/v1/quotes/${got.body.quotes[0].id}`).expect(200);
    expect(one.body.sieve).toBe(sieves[0]);
    const starts = got.body.quotes.map((q: { start: number }) => q.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(got.body.quotes.length).toBeGreaterThan(0);

    await t.api().delete(`/v1/articles/${id}`).expect(204);
    await t.api().get(`/v1/articles/${id}`).expect(404);
    expect(await t.app.db.prisma.quote.count({ where: { articleId: id } })).toBe(0);
    const again = await t.api().delete(`/v1/articles/${id}`).expect(404);
    expect(again.body.type).toBe('http://localhost:3000/problems/not-found');
  });

  it('answers 400 for an id that is not a UUID and 404 for an unknown one', async () => {
    const bad = await t.api().get('/v1/articles/42').expect(400);
    expect(bad.body.errors[0]).toMatchObject({ in: 'path', path: 'id' });
    await t.api().get('/v1/articles/00000000-0000-4000-8000-000000000000').expect(404);
  });
});
