import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { recordQuotes } from '../support/records.js';

const t = useTestApp();

const governor = { name: 'Helena Okafor', aliases: ['Okafor', 'Governor Okafor'] };
const aide = { name: 'the governor’s spokesman', kind: 'anonymous' as const };
const senator = { name: 'Rafael Duarte', aliases: ['Duarte'] };

beforeAll(async () => {
  await recordQuotes(t.app.db.prisma, [
    // Relayed: the governor's words, passed on by her spokesman.
    {
      text: 'an unacceptable betrayal of the river towns',
      speaker: governor,
      relayedBy: aide,
      kind: 'partial',
      publishedAt: '2024-05-02T10:00:00Z',
      url: 'https://wire.example/2',
      title: 'Dam row',
    },
    {
      text: 'an unacceptable betrayal of the river towns',
      speaker: governor,
      kind: 'partial',
      publishedAt: '2024-05-01T10:00:00Z',
      url: 'https://wire.example/1',
      title: 'Dam row begins',
    },
    {
      text: 'We have no plans to raise the toll on the north bridge',
      speaker: senator,
      publishedAt: '2024-06-01T10:00:00Z',
    },
    {
      text: 'A great many promises were broken over the last ten years',
      speaker: governor,
      publishedAt: '2024-06-02T10:00:00Z',
    },
    {
      text: 'The reservoir is at its lowest level since records began',
      speaker: null,
      publishedAt: '2024-06-03T10:00:00Z',
    },
    {
      text: 'Every school in the county will get a new roof by autumn',
      speaker: governor,
      status: 'rejected',
      publishedAt: '2024-06-04T10:00:00Z',
    },
  ]);
});

const verify = (body: Record<string, unknown>, query: Record<string, string> = {}) =>
  t.api().post('/v1/verify').query(query).send(body).expect(200);

describe('POST /v1/verify', () => {
  it('verifies a fragment of a quote, with the relay and the earliest appearance first', async () => {
    const res = await verify({ quote: '“Unacceptable betrayal”', speaker: 'Helena Okafor' });
    expect(res.body.verdict).toBe('verified');
    expect(res.body.saidBy.map((s: { name: string }) => s.name)).toEqual(['Helena Okafor']);
    expect(res.body.firstSeen.article.url).toBe('https://wire.example/1');
    expect(res.body.matches.map((m: { article: { url: string } }) => m.article.url)).toEqual([
      'https://wire.example/1',
      'https://wire.example/2',
    ]);
    const relayed = res.body.matches[1];
    expect(relayed).toMatchObject({
      match: 'exact',
      similarity: 1,
      speakerIsClaimed: true,
      relayedBy: { name: 'the governor’s spokesman', kind: 'anonymous' },
    });
    expect(relayed.context.text).toContain(relayed.text);
    expect(relayed.context.start).toBeLessThanOrEqual(relayed.start);
    expect(relayed.context.end).toBeGreaterThanOrEqual(relayed.end);
    expect(relayed.attribution).toBe('machine');
  });

  it('accepts a surname or alias for the speaker and a close variant of the wording', async () => {
    const res = await verify({ quote: 'We have no plan to raise the toll on the north bridge', speaker: 'Duarte' });
    expect(res.body.verdict).toBe('verified');
    expect(res.body.matches[0]).toMatchObject({ match: 'close', speakerIsClaimed: true });
  });

  it('says misattributed, naming who said it', async () => {
    const res = await verify({
      quote: 'We have no plans to raise the toll on the north bridge',
      speaker: 'Helena Okafor',
    });
    expect(res.body.verdict).toBe('misattributed');
    expect(res.body.saidBy.map((s: { name: string }) => s.name)).toEqual(['Rafael Duarte']);
    expect(res.body.explanation).toContain('Rafael Duarte');
  });

  it('says misattributed when the claimed speaker only relayed the words', async () => {
    const res = await verify({
      quote: 'an unacceptable betrayal of the river towns',
      speaker: 'the governor’s spokesman',
    });
    expect(res.body.verdict).toBe('misattributed');
    expect(res.body.saidBy.map((s: { name: string }) => s.name)).toEqual(['Helena Okafor']);
    expect(res.body.explanation).toMatch(/only relayed/);
  });

  it('says wording_differs and shows the real wording', async () => {
    const res = await verify({ quote: 'Many promises were broken in the past ten years', speaker: 'Okafor' });
    expect(res.body.verdict).toBe('wording_differs');
    expect(res.body.matches[0].text).toBe('A great many promises were broken over the last ten years');
  });

  it('says not_found when nothing comes close', async () => {
    const res = await verify({ quote: 'We will build a casino on the moon', speaker: 'Helena Okafor' });
    expect(res.body).toMatchObject({ verdict: 'not_found', matches: [], firstSeen: null, saidBy: [] });
  });

  it('does not count a rejected attribution for the speaker', async () => {
    const res = await verify({
      quote: 'Every school in the county will get a new roof by autumn',
      speaker: 'Helena Okafor',
    });
    expect(res.body.verdict).not.toBe('verified');
  });

  it('without a speaker, says who said it, earliest first', async () => {
    const res = await verify({ quote: 'an unacceptable betrayal of the river towns' });
    expect(res.body.verdict).toBe('verified');
    expect(res.body.saidBy.map((s: { name: string }) => s.name)).toEqual(['Helena Okafor']);
    const unattributed = await verify({ quote: 'the reservoir is at its lowest level since records began' });
    expect(unattributed.body.verdict).toBe('verified');
    expect(unattributed.body.saidBy).toEqual([]);
  });

  it('only looks at articles before a date when asked', async () => {
    const res = await verify({ quote: 'unacceptable betrayal', speaker: 'Okafor', before: '2024-05-01' });
    expect(res.body.verdict).toBe('not_found');
    const later = await verify({ quote: 'unacceptable betrayal', speaker: 'Okafor', before: '2024-05-02' });
    expect(later.body.matches).toHaveLength(1);
  });

  it('answers schema.org ClaimReview JSON-LD on request', async () => {
    const res = await verify({ quote: 'unacceptable betrayal', speaker: 'Helena Okafor' }, { format: 'claimreview' });
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(res.body).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: 'unacceptable betrayal',
      reviewRating: { '@type': 'Rating', ratingValue: 5, bestRating: 5, worstRating: 1 },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'Helena Okafor' },
        firstAppearance: { url: 'https://wire.example/1' },
      },
    });
  });

  it('chooses ClaimReview by the Accept header, and lets format override it', async () => {
    const claim = { quote: 'unacceptable betrayal', speaker: 'Helena Okafor' };
    const negotiated = await t.api().post('/v1/verify').set('accept', 'application/ld+json').send(claim).expect(200);
    expect(negotiated.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(negotiated.body).toMatchObject({ '@type': 'ClaimReview', reviewRating: { ratingValue: 5 } });
    const preferred = await t
      .api()
      .post('/v1/verify')
      .set('accept', 'application/json;q=0.5, application/ld+json')
      .send(claim)
      .expect(200);
    expect(preferred.body['@type']).toBe('ClaimReview');
    for (const accept of ['application/json', '*/*', 'application/json, application/ld+json;q=0.9']) {
      const plain = await t.api().post('/v1/verify').set('accept', accept).send(claim).expect(200);
      expect(plain.headers['content-type']).toMatch(/^application\/json/);
      expect(plain.body.verdict).toBe('verified');
    }
    const overridden = await t
      .api()
      .post('/v1/verify')
      .query({ format: 'json' })
      .set('accept', 'application/ld+json')
      .send(claim)
      .expect(200);
    expect(overridden.body.verdict).toBe('verified');
  });

  it('rejects bad input with 400', async () => {
    for (const body of [
      {},
      { quote: '' },
      { quote: '?!' },
      { quote: 'x', speaker: 3 },
      { quote: 'x', before: 'soon' },
      { quote: 'x', extra: 1 },
    ]) {
      const res = await t.api().post('/v1/verify').send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.type).toBe('http://localhost:3000/problems/validation');
    }
    await t.api().post('/v1/verify').query({ format: 'xml' }).send({ quote: 'x' }).expect(400);
  });
});
