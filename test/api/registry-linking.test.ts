import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { seedArticleText } from '../support/fixtures.js';

// Ingestion links mentions to the speakers the registry already knows.

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('ingesting with a speaker registry', () => {
  it('attributes "Psaki" to the registered Jen Psaki and "the Kremlin aide" to Yuri Ushakov', async () => {
    const psaki = await t.api().post('/v1/speakers').send({ name: 'Jen Psaki', role: 'White House press secretary', aliases: ['Psaki'] }).expect(201);
    const ushakov = await t.api().post('/v1/speakers').send({ name: 'Yuri Ushakov', role: 'Kremlin aide', aliases: ['Ushakov'] }).expect(201);
    // A registry of many unrelated speakers must not get in the way.
    for (const name of ['Ana Leader', 'Committee Chair Bo Lind', 'Minister Kai Roe']) {
      await t.api().post('/v1/speakers').send({ name, role: 'committee leader' }).expect(201);
    }
    const article = await t.api().post('/v1/articles').send({ title: 'Call', body: seedArticleText(), author: 'Mona Salama' }).expect(201);
    const quotes = article.body.quotes as { text: string; speaker: { id: string } | null; relayedBy: { id: string } | null }[];
    const byPsaki = quotes.filter((q) => q.speaker?.id === psaki.body.id).map((q) => q.text);
    expect(byPsaki.some((text) => text.startsWith('Biden urged Russia'))).toBe(true);
    const byUshakov = quotes.filter((q) => q.speaker?.id === ushakov.body.id).map((q) => q.text);
    expect(byUshakov.some((text) => text.startsWith('A lot of such mistakes'))).toBe(true);
    const relayed = quotes.find((q) => q.text.includes('colossal mistake'));
    expect(relayed?.relayedBy?.id).toBe(ushakov.body.id);
    const listed = await t.api().get('/v1/quotes').query({ speaker: 'Jen Psaki' }).expect(200);
    expect(listed.body.items.length).toBe(byPsaki.length);
  });
});
