import type request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeQuoteText } from '../../src/text/normalize.js';
import { useTestApp } from '../support/app.js';
import { sampleArticle } from '../support/fixtures.js';

const t = useTestApp();
let articleId: string;
let otherArticleId: string;
let whitfield: string;
let aide: string;

beforeAll(async () => {
  // Quotes with known speakers, written straight to the database so these tests
  // exercise the query side whatever the extractor decides.
  const prisma = t.app.db.prisma;
  whitfield = (
    await prisma.speaker.create({ data: { name: 'Dana Whitfield', kind: 'person', aliases: ['Mayor Whitfield'] } })
  ).id;
  aide = (await prisma.speaker.create({ data: { name: 'a council aide', kind: 'anonymous' } })).id;
  const body = 'First "alpha beta". Then "gamma delta". Later "epsilon zeta".';
  articleId = (await prisma.article.create({ data: { title: 'A', body, bodyHash: 'h1', outlet: 'Gazette' } })).id;
  otherArticleId = (await prisma.article.create({ data: { title: 'B', body, bodyHash: 'h2', outlet: 'Courier' } })).id;
  const quote = (
    article: string,
    position: number,
    text: string,
    speakerId: string | null,
    kind: 'direct' | 'partial',
    relayedById: string | null = null,
  ) => {
    const start = body.indexOf(text);
    return {
      articleId: article,
      position,
      text,
      normalizedText: normalizeQuoteText(text),
      kind,
      start,
      end: start + text.length,
      speakerId,
      relayedById,
      confidence: 0.9,
      publishedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, position)),
      mentionText: null,
      cueText: 'said',
      cueStart: 0,
      cueEnd: 4,
    };
  };
  await prisma.quote.createMany({
    data: [
      quote(articleId, 0, 'alpha beta', whitfield, 'direct'),
      quote(articleId, 1, 'gamma delta', whitfield, 'partial', aide),
      quote(articleId, 2, 'epsilon zeta', aide, 'direct'),
      quote(otherArticleId, 0, 'alpha beta', whitfield, 'direct'),
    ],
  });
});

const texts = (res: request.Response) => res.body.items.map((q: { text: string }) => q.text).sort();

describe('GET /v1/quotes', () => {
  it('filters by speaker id, name or alias, by article and by kind', async () => {
    expect((await t.api().get('/v1/quotes').query({ speaker: whitfield }).expect(200)).body.items).toHaveLength(3);
    expect((await t.api().get('/v1/quotes').query({ speaker: 'dana whitfield' }).expect(200)).body.items).toHaveLength(
      3,
    );
    expect((await t.api().get('/v1/quotes').query({ speaker: 'Mayor Whitfield' }).expect(200)).body.items).toHaveLength(
      3,
    );
    expect((await t.api().get('/v1/quotes').query({ speaker: 'Whitfield' }).expect(200)).body.items).toHaveLength(0);
    const inArticle = await t
      .api()
      .get('/v1/quotes')
      .query({ speaker: 'Dana Whitfield', article: articleId })
      .expect(200);
    expect(texts(inArticle)).toEqual(['alpha beta', 'gamma delta']);
    const partial = await t.api().get('/v1/quotes').query({ kind: 'partial' }).expect(200);
    expect(texts(partial)).toEqual(['gamma delta']);
  });

  it('describes each quote with its speaker, relay, cue, offsets and article', async () => {
    const res = await t.api().get('/v1/quotes').query({ kind: 'partial' }).expect(200);
    const q = res.body.items[0];
    expect(q).toMatchObject({
      text: 'gamma delta',
      kind: 'partial',
      speaker: { id: whitfield, name: 'Dana Whitfield', kind: 'person', mention: null },
      relayedBy: { id: aide, name: 'a council aide', kind: 'anonymous' },
      cue: { text: 'said', start: 0, end: 4 },
      confidence: 0.9,
      status: 'machine',
      article: { id: articleId, title: 'A', outlet: 'Gazette', url: null, publishedAt: null },
    });
    expect(q.snippet).toBeNull();
    expect(q.rank).toBeNull();
    const one = await t.api().get(`/v1/quotes/${q.id}`).expect(200);
    const { snippet: _snippet, rank: _rank, ...stored } = q;
    expect(one.body).toEqual(stored);
  });

  it('pages with a cursor without repeating or skipping', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await t
        .api()
        .get('/v1/quotes')
        .query({ limit: 1, ...(cursor ? { cursor } : {}) })
        .expect(200);
      ids.push(...res.body.items.map((q: { id: string }) => q.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
  });

  it('rejects bad filters with 400 and unknown quotes with 404', async () => {
    for (const query of [{ kind: 'rumour' }, { article: 'abc' }, { limit: '-1' }, { cursor: '!!' }, { speaker: '' }]) {
      const res = await t.api().get('/v1/quotes').query(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    await t.api().get('/v1/quotes/00000000-0000-4000-8000-000000000000').expect(404);
    await t.api().get('/v1/quotes/nope').expect(400);
  });

  it('lists quotes of articles ingested through the API', async () => {
    const created = await t.api().post('/v1/articles').send(sampleArticle()).expect(201);
    const res = await t.api().get('/v1/quotes').query({ article: created.body.id }).expect(200);
    expect(res.body.items.length).toBe(created.body.quotes.length);
    for (const q of res.body.items) expect(q.article.id).toBe(created.body.id);
  });
});
