import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { grainCorridorCall, transitStrike } from '../support/news.js';

// Articles written for the tests, ingested through the API, then checked claim
// by claim: relayed words, an anonymous source's words claimed for someone else,
// a fragment, a wording that differs and a claim nothing backs.

const t = useTestApp();
const article = grainCorridorCall.request;

beforeAll(async () => {
  await t.api().post('/v1/articles').send(article).expect(201);
  await t.api().post('/v1/articles').send(transitStrike.request).expect(201);
});

const verify = async (quote: string, speaker: string) =>
  (await t.api().post('/v1/verify').send({ quote, speaker }).expect(200)).body;

describe('verifying claims against news articles', () => {
  it('"a reckless gamble" for Viktor Dragan: verified, relayed by the presidential aide', async () => {
    const res = await verify('a reckless gamble', 'Viktor Dragan');
    expect(res.verdict).toBe('verified');
    expect(res.firstSeen.relayedBy.name).toBe('the presidential aide');
    expect(res.firstSeen.text).toBe('a reckless gamble with the bread of millions of families');
    expect([res.firstSeen.start, res.firstSeen.end]).toEqual([1315, 1371]);
    expect(res.firstSeen.article).toMatchObject({ outlet: article.outlet, url: article.url, title: article.title });
    expect(res.firstSeen.context.text).toContain('according to the presidential aide');
  });

  it('"Nothing about this is settled" for Omar Haddad: misattributed to the anonymous official', async () => {
    const res = await verify('Nothing about this is settled, from where we sit', 'Omar Haddad');
    expect(res.verdict).toBe('misattributed');
    expect(res.saidBy).toHaveLength(1);
    expect(res.saidBy[0]).toMatchObject({ kind: 'anonymous', name: 'a senior State Department official' });
  });

  it('"pressed Ostravia to reopen the corridor" for Haddad: verified, a fragment of his quote', async () => {
    const res = await verify('pressed Ostravia to reopen the corridor', 'Haddad');
    expect(res.verdict).toBe('verified');
    expect(res.firstSeen.text).toContain(
      'President Marlow pressed Ostravia to reopen the corridor to commercial traffic',
    );
  });

  it('"Too many promises were broken on this sea" for Sorin: wording_differs, with the real wording', async () => {
    const res = await verify('Too many promises were broken on this sea', 'Sorin');
    expect(res.verdict).toBe('wording_differs');
    // The quotation is split by its attribution: the match is the whole statement, part by part.
    expect(res.matches[0].parts[0].text).toBe('Too many promises have been broken on this sea already,');
    expect(res.matches[0].text.startsWith('Too many promises have been broken on this sea already, ')).toBe(true);
  });

  it('"a wish list no city budget could carry" for Renata Solis: verified, relayed by a city hall spokeswoman', async () => {
    const res = await verify('a wish list no city budget could carry', 'Renata Solis');
    expect(res.verdict).toBe('verified');
    expect(res.firstSeen.relayedBy.name).toBe('a city hall spokeswoman');
    expect(res.firstSeen.article).toMatchObject({ outlet: transitStrike.request.outlet });
  });

  it('"Both sides know where a deal lies" for Gloria Ames: misattributed to the person familiar with the negotiations', async () => {
    const res = await verify('Both sides know where a deal lies', 'Gloria Ames');
    expect(res.verdict).toBe('misattributed');
    expect(res.saidBy).toEqual([
      expect.objectContaining({ kind: 'anonymous', name: 'A person familiar with the negotiations' }),
    ]);
  });

  it('"We will close the corridor tomorrow" for Dragan: not_found', async () => {
    const res = await verify('We will close the corridor tomorrow', 'Dragan');
    expect(res.verdict).toBe('not_found');
  });
});
