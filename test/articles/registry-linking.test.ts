import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { SEED_ARTICLE, sharedText } from '../support/shared.js';
import { linkedQuotes, NEWS_ARTICLES, readQuote } from '../support/news.js';

// Ingestion links mentions to the speakers the registry already knows.

const t = useTestApp();
const seedText = sharedText(SEED_ARTICLE, 'the test that links the seed article');

describe('ingesting with a speaker registry', () => {
  it.each(NEWS_ARTICLES.map((a) => [a.request.title, a] as const))(
    'links the speakers of "%s" that the registry knows, by surname and by role, and no one else',
    async (_title, article) => {
      const ids = new Map<string, string>();
      for (const { speaker } of article.registry) {
        ids.set(speaker.name, (await t.api().post('/v1/speakers').send(speaker).expect(201)).body.id);
      }
      const posted = await t.api().post('/v1/articles').send(article.request).expect(201);
      const quotes = posted.body.quotes as {
        id: string;
        speaker: { id: string; name: string } | null;
        relayedBy: { id: string; name: string } | null;
      }[];
      expect(posted.body.quotes.map(readQuote)).toEqual(linkedQuotes(article));
      for (const q of quotes) {
        for (const s of [q.speaker, q.relayedBy]) if (s && ids.has(s.name)) expect(s.id, s.name).toBe(ids.get(s.name));
      }
      for (const [name, id] of ids) {
        const listed = await t.api().get('/v1/quotes').query({ speaker: name, limit: 100 }).expect(200);
        const theirs = quotes.filter((q) => q.speaker?.id === id).map((q) => q.id);
        expect(listed.body.items.map((q: { id: string }) => q.id).sort(), name).toEqual(theirs.sort());
      }
    },
  );

  it.skipIf(seedText === null)(
    'attributes "Psaki" to the registered Jen Psaki and "the Kremlin aide" to Yuri Ushakov',
    async () => {
      const psaki = await t
        .api()
        .post('/v1/speakers')
        .send({ name: 'Jen Psaki', role: 'White House press secretary', aliases: ['Psaki'] })
        .expect(201);
      const ushakov = await t
        .api()
        .post('/v1/speakers')
        .send({ name: 'Yuri Ushakov', role: 'Kremlin aide', aliases: ['Ushakov'] })
        .expect(201);
      // A registry of many unrelated speakers must not get in the way.
      for (const name of ['Ana Leader', 'Committee Chair Bo Lind', 'Minister Kai Roe']) {
        await t.api().post('/v1/speakers').send({ name, role: 'committee leader' }).expect(201);
      }
      const article = await t
        .api()
        .post('/v1/articles')
        .send({ title: 'Call', body: seedText!, author: 'Mona Salama' })
        .expect(201);
      const quotes = article.body.quotes as {
        text: string;
        speaker: { id: string } | null;
        relayedBy: { id: string } | null;
      }[];
      const byPsaki = quotes.filter((q) => q.speaker?.id === psaki.body.id).map((q) => q.text);
      expect(byPsaki.some((text) => text.startsWith('Biden urged Russia'))).toBe(true);
      const byUshakov = quotes.filter((q) => q.speaker?.id === ushakov.body.id).map((q) => q.text);
      expect(byUshakov.some((text) => text.startsWith('A lot of such mistakes'))).toBe(true);
      const relayed = quotes.find((q) => q.text.includes('colossal mistake'));
      expect(relayed?.relayedBy?.id).toBe(ushakov.body.id);
      const listed = await t.api().get('/v1/quotes').query({ speaker: 'Jen Psaki' }).expect(200);
      expect(listed.body.items.length).toBe(byPsaki.length);
    },
  );

  it('links every article of a batch to its own registry speakers, by name and by surname', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const names = [`Lior Vance${tag}`, `Ines Okoro${tag}`, `Tam Reyes${tag}`];
    const ids: string[] = [];
    for (const name of names) ids.push((await t.api().post('/v1/speakers').send({ name }).expect(201)).body.id);
    const lines = [
      { title: 'A', body: `"The dam holds," said ${names[0]}.` },
      { title: 'B', body: `"The dam leaks," said ${names[1]}.` },
      // A fuller name than the registry's: found by surname.
      { title: 'C', body: `"Nobody asked us," said Tamsin Reyes${tag}.` },
      { title: 'D', body: `"Nothing to add," said Pat Nobody${tag}.` },
    ];
    const res = await t
      .api()
      .post('/v1/articles:batch')
      .set('content-type', 'application/x-ndjson')
      .send(lines.map((l) => JSON.stringify(l)).join('\n'))
      .expect(200);
    const speakerOf = async (i: number) =>
      (await t.api().get(`/v1/articles/${res.body.items[i].id}`).expect(200)).body.quotes[0].speaker;
    expect((await speakerOf(0)).id).toBe(ids[0]);
    expect((await speakerOf(1)).id).toBe(ids[1]);
    expect((await speakerOf(2)).id).toBe(ids[2]);
    const unknown = await speakerOf(3);
    expect(ids).not.toContain(unknown.id);
    expect(unknown.name).toBe(`Pat Nobody${tag}`);
  });
});
