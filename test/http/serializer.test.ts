import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ArticleDetailSchema } from '../../src/articles/schemas.js';
import { ProblemSchema } from '../../src/http/problem.js';
import { serializerCompiler } from '../../src/http/serializer.js';
import { QuoteHitSchema } from '../../src/quotes/schemas.js';

const writerFor = (schema: z.ZodType) => serializerCompiler({ schema, method: 'GET', url: '/test', httpStatus: '200' });
/** What zod's own encoder writes for the same data: the reference. */
const zodWrites = (schema: z.ZodType, data: unknown) => JSON.stringify(z.encode(schema, data as never));

const speaker = {
  id: '0190c0de-0000-7000-8000-000000000001',
  name: 'Hedda Sørensen',
  kind: 'person',
  mention: { text: 'Sørensen', start: 120, end: 128 },
};
const quote = {
  id: '0190c0de-0000-7000-8000-000000000002',
  text: 'We will not "back down", not now — not ever.\n',
  kind: 'direct',
  start: 10,
  end: 55,
  speaker,
  cue: { text: 'said', start: 57, end: 61 },
  relayedBy: null,
  confidence: 0.93,
  sieve: 'trailing',
  status: 'machine',
};
const article = {
  id: '0190c0de-0000-7000-8000-000000000003',
  title: 'Port vote <delayed> & "contested"',
  url: null,
  canonicalUrl: null,
  fetchedAt: new Date('2026-11-28T09:59:00.000Z'),
  outlet: 'Harbour Ledger',
  author: null,
  publishedAt: new Date('2026-03-04T05:06:07.089Z'),
  language: 'en',
  createdAt: new Date('2026-11-28T10:00:00.000Z'),
  body: 'Line one.\n\n“Quoted,” she said.\u2028\u0000',
  quotes: [
    quote,
    {
      ...quote,
      id: '0190c0de-0000-7000-8000-000000000004',
      speaker: null,
      cue: null,
      relayedBy: { id: speaker.id, name: 'A', kind: 'group' },
    },
  ],
};

describe('response serializer', () => {
  it('writes an article with its quotes exactly as zod encodes it', () => {
    expect(writerFor(ArticleDetailSchema)(article)).toBe(zodWrites(ArticleDetailSchema, article));
  });

  it('writes dates as ISO date-times and nulls as null', () => {
    const written = JSON.parse(writerFor(ArticleDetailSchema)(article));
    expect(written.publishedAt).toBe('2026-03-04T05:06:07.089Z');
    expect(written.url).toBeNull();
    expect(written.quotes[1].speaker).toBeNull();
  });

  it('leaves out every field the schema does not declare, at any depth', () => {
    const leaky = {
      ...article,
      bodyHash: 'secret',
      quotes: [{ ...quote, normalizedText: 'internal', speaker: { ...speaker, matchKey: 'person:hedda sorensen' } }],
    };
    const written = writerFor(ArticleDetailSchema)(leaky);
    expect(written).not.toMatch(/bodyHash|normalizedText|matchKey|secret|internal/);
    expect(written).toBe(zodWrites(ArticleDetailSchema, leaky));
  });

  it('writes a search hit and a problem as zod encodes them', () => {
    const hit = {
      ...quote,
      article: {
        id: article.id,
        title: article.title,
        url: 'https://example.com/a?b=1&c=2',
        outlet: null,
        publishedAt: null,
      },
      snippet: 'We will <mark>not</mark> &quot;back down&quot;',
      rank: 0.0607927,
    };
    expect(writerFor(QuoteHitSchema)(hit)).toBe(zodWrites(QuoteHitSchema, hit));
    const problem = {
      type: 'http://localhost:3000/problems/validation',
      title: 'Bad Request',
      status: 400,
      detail: 'x',
      errors: [{ in: 'body', path: 'title', message: 'must not be empty' }],
      stack: 'no',
    };
    expect(writerFor(ProblemSchema)(problem)).toBe(zodWrites(ProblemSchema, problem));
  });

  it('refuses a response that lacks a required field rather than writing it', () => {
    const { id: _id, ...noId } = article;
    expect(() => writerFor(ArticleDetailSchema)(noId)).toThrow(/id/);
  });
});
