import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { atOnce, fireAtOnce, serverErrors } from '../support/at-once.js';
import { sampleArticle } from '../support/fixtures.js';

// Edits sent at once compose: nothing one of them writes is lost to another, and
// none answers 5xx (against the real database, many requests at once).

const t = useTestApp();

const tag = () =>
  randomUUID()
    .slice(0, 8)
    .replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!);

async function createSpeaker(name: string): Promise<string> {
  return (await t.api().post('/v1/speakers').send({ name, kind: 'person' }).expect(201)).body.id;
}

const speaker = async (id: string) => (await t.api().get(`/v1/speakers/${id}`).expect(200)).body;

describe('edits of speakers at once', () => {
  it('keeps every alias of 20 additions sent at once', async () => {
    const id = await createSpeaker(`Ada Brook ${tag()}`);
    const names = Array.from({ length: 20 }, (_, i) => `Brook alias ${i} ${tag()}`);
    const responses = await fireAtOnce(20, (i) =>
      t
        .api()
        .post(`/v1/speakers/${id}/aliases`)
        .send({ aliases: [names[i]] }),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect([...(await speaker(id)).aliases].sort()).toEqual([...names].sort());
  });

  it('keeps a rename and every alias added at the same time', async () => {
    const id = await createSpeaker(`Ben Hale ${tag()}`);
    const renamed = `Benjamin Hale ${tag()}`;
    const names = Array.from({ length: 10 }, (_, i) => `Hale alias ${i} ${tag()}`);
    const responses = await atOnce([
      () => t.api().patch(`/v1/speakers/${id}`).send({ name: renamed }),
      ...names.map(
        (n) => () =>
          t
            .api()
            .post(`/v1/speakers/${id}/aliases`)
            .send({ aliases: [n] }),
      ),
    ]);
    expect(responses.map((r) => r.status)).toEqual(Array(11).fill(200));
    const after = await speaker(id);
    expect(after.name).toBe(renamed);
    expect([...after.aliases].sort()).toEqual([...names].sort());
  });

  it('keeps the merged name and every alias added to either speaker during a merge', async () => {
    for (let round = 0; round < 3; round++) {
      const sourceName = `Cora Lind ${tag()}`;
      const source = await createSpeaker(sourceName);
      const target = await createSpeaker(`Cora Lindqvist ${tag()}`);
      const toSource = Array.from({ length: 8 }, (_, i) => `Lind source alias ${i} ${tag()}`);
      const toTarget = Array.from({ length: 8 }, (_, i) => `Lind target alias ${i} ${tag()}`);
      const responses = await atOnce([
        ...toSource.slice(0, 4).map(
          (n) => () =>
            t
              .api()
              .post(`/v1/speakers/${source}/aliases`)
              .send({ aliases: [n] }),
        ),
        ...toTarget.slice(0, 4).map(
          (n) => () =>
            t
              .api()
              .post(`/v1/speakers/${target}/aliases`)
              .send({ aliases: [n] }),
        ),
        () => t.api().post(`/v1/speakers/${source}/merge`).send({ into: target, by: 'desk' }),
        ...toSource.slice(4).map(
          (n) => () =>
            t
              .api()
              .post(`/v1/speakers/${source}/aliases`)
              .send({ aliases: [n] }),
        ),
        ...toTarget.slice(4).map(
          (n) => () =>
            t
              .api()
              .post(`/v1/speakers/${target}/aliases`)
              .send({ aliases: [n] }),
        ),
      ]);
      expect(serverErrors(responses)).toEqual([]);
      expect(responses.map((r) => r.status)).toEqual(Array(17).fill(200));
      // Aliases sent to the merged speaker after the merge land on the one that remains.
      for (const r of responses) expect([source, target]).toContain(r.body.id);
      await t.api().get(`/v1/speakers/${source}`).expect(404);
      const after = await speaker(target);
      expect([...after.aliases].sort()).toEqual([sourceName, ...toSource, ...toTarget].sort());
    }
  });
});

describe('a merge racing corrections and uploads that name the merged speaker', () => {
  it('answers no 5xx, and every quote of the merged speaker ends on the one that remains', async () => {
    for (let round = 0; round < 3; round++) {
      const k = tag();
      const sourceName = `Mara Quist${k}`;
      const source = await createSpeaker(sourceName);
      const target = await createSpeaker(`Mara Quist-Lind${k}`);
      // Quotes of someone else, which the corrections give to the merged speaker.
      const other = await t
        .api()
        .post('/v1/articles')
        .send(
          sampleArticle({
            body:
              `"The tunnel will close," said Otto Ferrand${k}. "Only for a week," Ferrand${k} added.\n\n` +
              `"Traffic will move to the bridge," Otto Ferrand${k} said. "We are ready," said Ferrand${k}.`,
          }),
        )
        .expect(201);
      const quoteIds: string[] = other.body.quotes.map((q: { id: string }) => q.id);
      expect(quoteIds.length).toBeGreaterThanOrEqual(4);
      const uploads = Array.from({ length: 4 }, (_, i) =>
        sampleArticle({ body: `"The ferry runs again on day ${i}," said ${sourceName}. "We waited long enough."` }),
      );
      const responses = await atOnce([
        ...quoteIds
          .slice(0, 2)
          .map(
            (id) => () =>
              t.api().patch(`/v1/quotes/${id}`).send({ speaker: source, by: 'desk', reason: 'The tape says so.' }),
          ),
        ...uploads.slice(0, 2).map((a) => () => t.api().post('/v1/articles').send(a)),
        () => t.api().post(`/v1/speakers/${source}/merge`).send({ into: target, by: 'desk' }),
        ...quoteIds
          .slice(2, 4)
          .map(
            (id) => () =>
              t.api().patch(`/v1/quotes/${id}`).send({ speaker: source, by: 'desk', reason: 'The tape says so.' }),
          ),
        ...uploads.slice(2).map((a) => () => t.api().post('/v1/articles').send(a)),
      ]);
      expect(serverErrors(responses)).toEqual([]);
      expect(responses.map((r) => r.status)).toEqual([200, 200, 201, 201, 200, 200, 200, 201, 201]);
      await t.api().get(`/v1/speakers/${source}`).expect(404);
      expect(await t.app.db.prisma.quote.count({ where: { speakerId: source } })).toBe(0);
      for (const id of quoteIds.slice(0, 4)) {
        const q = (await t.api().get(`/v1/quotes/${id}`).expect(200)).body;
        expect(q.speaker.id).toBe(target);
      }
      for (const r of [responses[2]!, responses[3]!, responses[7]!, responses[8]!]) {
        const stored = (await t.api().get(`/v1/articles/${r.body.id}`).expect(200)).body;
        expect(stored.quotes.length).toBeGreaterThan(0);
        for (const q of stored.quotes) expect(q.speaker.id).toBe(target);
      }
    }
  });
});
