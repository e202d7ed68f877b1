import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { recordQuotes } from '../support/records.js';

const t = useTestApp();
const NOBODY = '00000000-0000-4000-8000-000000000000';

async function storyWithQuote() {
  const { quotes, speakers } = await recordQuotes(t.app.db.prisma, [
    {
      text: 'The tram line opens in May',
      speaker: { name: 'Lena Okafor' },
      before: 'Works chief Lena Okafor spoke at the depot. "',
      after: '," Okafor said. Her deputy Piet Roos added that the fares would stay as they are.',
      outlet: 'Valley Ledger',
    },
  ]);
  const roos = await t.api().post('/v1/speakers').send({ name: 'Piet Roos' }).expect(201);
  return { quote: quotes[0]!, article: quotes[0]!.article, okafor: speakers.get('Lena Okafor')!, roos: roos.body.id };
}

describe('POST /v1/articles/:id/quotes', () => {
  it('adds a confirmed quote by its offsets, which search finds and whose history starts with the addition', async () => {
    const { article, roos } = await storyWithQuote();
    const words = 'the fares would stay as they are';
    const start = article.body.indexOf(words);
    const added = await t
      .api()
      .post(`/v1/articles/${article.id}/quotes`)
      .send({ start, end: start + words.length, kind: 'indirect', speaker: roos, by: 'desk-editor', reason: 'Missed.' })
      .expect(201);
    expect(added.headers.location).toBe(`/v1/quotes/${added.body.id}`);
    expect(added.body).toMatchObject({
      text: words,
      kind: 'indirect',
      start,
      end: start + words.length,
      speaker: { id: roos, name: 'Piet Roos', mention: null },
      cue: null,
      confidence: 1,
      sieve: 'editor',
      status: 'confirmed',
      article: { id: article.id },
    });
    const found = await t.api().get('/v1/quotes').query({ q: 'fares', outlet: 'valley LEDGER' }).expect(200);
    expect(found.body.items.map((q: { id: string }) => q.id)).toEqual([added.body.id]);
    const history = await t.api().get(`/v1/quotes/${added.body.id}/history`).expect(200);
    expect(history.body.items).toMatchObject([
      {
        action: 'add',
        by: 'desk-editor',
        reason: 'Missed.',
        from: { speaker: null, status: null, start: null, end: null },
        to: { speaker: { id: roos }, status: 'confirmed', start, end: start + words.length },
      },
    ]);
    const detail = await t.api().get(`/v1/articles/${article.id}`).expect(200);
    expect(detail.body.quotes.map((q: { id: string }) => q.id)).toContain(added.body.id);
    const articles = await t.api().get('/v1/articles').query({ outlet: 'VALLEY ledger' }).expect(200);
    expect(articles.body.items.map((a: { id: string }) => a.id)).toContain(article.id);
  });

  it('refuses bad offsets, unknown speakers and articles, and stores nothing', async () => {
    const { article } = await storyWithQuote();
    const ok = { start: 0, end: 5, kind: 'direct', speaker: null, by: 'x', reason: 'y' };
    const bad: [Record<string, unknown>, string][] = [
      [{ ...ok, start: 5, end: 5 }, 'end'],
      [{ ...ok, start: -1 }, 'start'],
      [{ ...ok, end: article.body.length + 1 }, 'end'],
      [{ ...ok, start: 1.5 }, 'start'],
      [{ ...ok, kind: 'shouted' }, 'kind'],
      [{ ...ok, speaker: NOBODY }, 'speaker'],
      [{ ...ok, by: ' ' }, 'by'],
      [{ ...ok, reason: undefined }, 'reason'],
      [{ ...ok, extra: 1 }, ''],
    ];
    const spaces = article.body.indexOf(' ');
    bad.push([{ ...ok, start: spaces, end: spaces + 1 }, 'start']);
    for (const [body, path] of bad) {
      const res = await t.api().post(`/v1/articles/${article.id}/quotes`).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (path) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    await t.api().post(`/v1/articles/${NOBODY}/quotes`).send(ok).expect(404);
    const detail = await t.api().get(`/v1/articles/${article.id}`).expect(200);
    expect(detail.body.quotes).toHaveLength(1);
  });
});

describe('PATCH /v1/quotes/:id with a span', () => {
  it('moves the span, takes the words between the offsets, and records from and to', async () => {
    const { quote, article } = await storyWithQuote();
    const start = quote.start + 'The '.length;
    const moved = await t
      .api()
      .patch(`/v1/quotes/${quote.id}`)
      .send({ start, end: quote.end, by: 'editor', reason: 'The article is not part of the quote.' })
      .expect(200);
    expect(moved.body).toMatchObject({ text: article.body.slice(start, quote.end), start, status: 'confirmed' });
    const history = await t.api().get(`/v1/quotes/${quote.id}/history`).expect(200);
    expect(history.body.items).toMatchObject([
      { action: 'respan', from: { start: quote.start, end: quote.end }, to: { start, end: quote.end } },
    ]);
    const bad = [
      { start, by: 'x', reason: 'y' },
      { end: quote.end, by: 'x', reason: 'y' },
      { start: quote.end, end: start, by: 'x', reason: 'y' },
      { start, end: article.body.length + 10, by: 'x', reason: 'y' },
      { start: '3', end: 9, by: 'x', reason: 'y' },
    ];
    for (const body of bad) {
      const res = await t.api().patch(`/v1/quotes/${quote.id}`).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await t.api().get(`/v1/quotes/${quote.id}`).expect(200)).body.start).toBe(start);
  });
});

describe('DELETE /v1/quotes/:id', () => {
  it('deletes the quote: reads answer 404, its history keeps who and why, and goes with its article', async () => {
    const { quote, article, okafor } = await storyWithQuote();
    await t.api().delete(`/v1/quotes/${quote.id}`).send({ by: 'x' }).expect(400);
    await t.api().delete(`/v1/quotes/${quote.id}`).expect(400);
    await t.api().delete(`/v1/quotes/${NOBODY}`).send({ by: 'x', reason: 'y' }).expect(404);
    await t
      .api()
      .delete(`/v1/quotes/${quote.id}`)
      .send({ by: 'fact-checker', reason: 'A slogan on a banner, not speech.' })
      .expect(204);
    await t.api().get(`/v1/quotes/${quote.id}`).expect(404);
    await t.api().patch(`/v1/quotes/${quote.id}`).send({ status: 'confirmed', by: 'x', reason: 'y' }).expect(404);
    await t.api().delete(`/v1/quotes/${quote.id}`).send({ by: 'x', reason: 'y' }).expect(404);
    const listed = await t.api().get('/v1/quotes').query({ article: article.id }).expect(200);
    expect(listed.body.items).toEqual([]);
    const history = await t.api().get(`/v1/quotes/${quote.id}/history`).expect(200);
    expect(history.body.items).toMatchObject([
      {
        action: 'delete',
        by: 'fact-checker',
        reason: 'A slogan on a banner, not speech.',
        from: { speaker: { id: okafor }, status: 'machine', start: quote.start, end: quote.end },
        to: { speaker: null, status: null, start: null, end: null },
      },
    ]);
    await t.api().delete(`/v1/articles/${article.id}`).expect(204);
    await t.api().get(`/v1/quotes/${quote.id}/history`).expect(404);
  });
});
