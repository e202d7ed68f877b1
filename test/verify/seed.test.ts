import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { seedArticleRequest } from '../support/fixtures.js';
import { SEED_ARTICLE, sharedText } from '../support/shared.js';

// The reference article, ingested through the API, then checked claim by claim.

const seedText = sharedText(SEED_ARTICLE, 'the claims checked against the seed article');

describe.skipIf(seedText === null)('verifying claims against the seed article', () => {
  const t = useTestApp();

  beforeAll(async () => {
    await t.api().post('/v1/articles').send(seedArticleRequest(seedText!)).expect(201);
  });

  const verify = async (quote: string, speaker: string) =>
    (await t.api().post('/v1/verify').send({ quote, speaker }).expect(200)).body;

  it('"colossal mistake" for Vladimir Putin: verified, relayed by the Kremlin aide', async () => {
    const res = await verify('colossal mistake', 'Vladimir Putin');
    expect(res.verdict).toBe('verified');
    expect(res.firstSeen.relayedBy.name).toMatch(/Kremlin aide|Ushakov/i);
    expect(res.firstSeen.text).toContain('colossal mistake');
    expect(res.firstSeen.article).toMatchObject({
      outlet: 'The Floridian',
      url: 'https://floridian.example/2021/12/30/biden-putin-call',
    });
    expect(res.firstSeen.context.text).toContain('according to the Kremlin aide');
  });

  it('"It is not entirely static from our perspective" for Jen Psaki: misattributed to the senior administration official', async () => {
    const res = await verify('It is not entirely static from our perspective', 'Jen Psaki');
    expect(res.verdict).toBe('misattributed');
    expect(res.saidBy).toHaveLength(1);
    expect(res.saidBy[0]).toMatchObject({ kind: 'anonymous' });
    expect(res.saidBy[0].name).toMatch(/official/);
  });

  it('"Biden urged Russia to deescalate tensions with Ukraine" for Psaki: verified as a close variant', async () => {
    const res = await verify('Biden urged Russia to deescalate tensions with Ukraine', 'Psaki');
    expect(res.verdict).toBe('verified');
    expect(res.firstSeen.text).toContain('Biden urged Russia to de-escalate tensions with Ukraine');
  });

  it('"A lot of mistakes have been made in the past 30 years" for Ushakov: wording_differs, with the real wording', async () => {
    const res = await verify('A lot of mistakes have been made in the past 30 years', 'Ushakov');
    expect(res.verdict).toBe('wording_differs');
    expect(res.matches[0].text).toContain('A lot of such mistakes have been made over the past 30 years');
  });

  it('"We will invade Ukraine tomorrow" for Putin: not_found', async () => {
    const res = await verify('We will invade Ukraine tomorrow', 'Putin');
    expect(res.verdict).toBe('not_found');
  });
});
