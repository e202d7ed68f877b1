import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { NEWS_ARTICLES, readQuote } from '../support/news.js';

const t = useTestApp();

describe('POST /v1/extract', () => {
  it('extracts quotes with offsets into the text and stores nothing', async () => {
    const text = 'The plan is "fully funded," the governor said. "We start in May."';
    const res = await t.api().post('/v1/extract').send({ text }).expect(200);
    expect(res.body.quotes.length).toBeGreaterThan(0);
    for (const q of res.body.quotes) {
      expect(text.slice(q.start, q.end)).toBe(q.text);
      expect(['direct', 'partial', 'indirect']).toContain(q.kind);
      expect(q.confidence).toBeGreaterThanOrEqual(0);
      expect(q.confidence).toBeLessThanOrEqual(1);
    }
    expect(await t.app.db.prisma.article.count()).toBe(0);
    expect(await t.app.db.prisma.quote.count()).toBe(0);
  });

  it.each(NEWS_ARTICLES.map((a) => [a.request.title, a] as const))(
    'reads "%s" as the engine does: every quote, speaker, mention and cue',
    async (_title, article) => {
      const res = await t.api().post('/v1/extract').send({ text: article.request.body }).expect(200);
      expect(res.body.quotes.map(readQuote)).toEqual(article.quotes);
    },
  );

  it('answers a speaker named by a pronoun with nothing to refer to with a null name and its mention', async () => {
    const text = 'It said the new rules would take effect in March.';
    const res = await t.api().post('/v1/extract').send({ text }).expect(200);
    expect(res.body.quotes).toHaveLength(1);
    expect(res.body.quotes[0].speaker).toEqual({
      name: null,
      kind: 'organization',
      mention: { text: 'It', start: 0, end: 2 },
    });
    expect(res.body.speakers).toEqual([]);
  });

  it('rejects missing, empty and non-text input', async () => {
    for (const body of [{}, { text: '' }, { text: 12 }, { text: 'a', extra: 1 }, { text: 'nul\u0000' }]) {
      const res = await t.api().post('/v1/extract').send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.type).toBe('http://localhost:3000/problems/validation');
    }
  });
});
