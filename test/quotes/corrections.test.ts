import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { recordQuotes } from '../support/records.js';

const t = useTestApp();

describe('PATCH /v1/quotes/:id and its history', () => {
  it('reattributes, confirms and rejects, keeping who, why and when', async () => {
    const { quotes, speakers } = await recordQuotes(t.app.db.prisma, [
      { text: 'The bridge opens in June', speaker: { name: 'Ines Wolff' } },
      { text: 'Placeholder', speaker: { name: 'Karl Brandt' } },
    ]);
    const id = quotes[0]!.id;
    const brandt = speakers.get('Karl Brandt')!;

    const moved = await t
      .api()
      .patch(`/v1/quotes/${id}`)
      .send({ speaker: brandt, by: 'desk-editor', reason: 'The council minutes name Brandt.' })
      .expect(200);
    expect(moved.body).toMatchObject({ speaker: { id: brandt, name: 'Karl Brandt' }, status: 'confirmed' });

    const rejected = await t
      .api()
      .patch(`/v1/quotes/${id}`)
      .send({ status: 'rejected', by: 'fact-checker', reason: 'Not speech.' })
      .expect(200);
    expect(rejected.body.status).toBe('rejected');
    await t
      .api()
      .patch(`/v1/quotes/${id}`)
      .send({ status: 'confirmed', by: 'fact-checker', reason: 'Audio found.' })
      .expect(200);

    const history = await t.api().get(`/v1/quotes/${id}/history`).expect(200);
    expect(history.body.items.map((r: { action: string; by: string }) => [r.action, r.by])).toEqual([
      ['reattribute', 'desk-editor'],
      ['reject', 'fact-checker'],
      ['confirm', 'fact-checker'],
    ]);
    expect(history.body.items[0]).toMatchObject({
      reason: 'The council minutes name Brandt.',
      from: { speaker: { name: 'Ines Wolff' }, status: 'machine' },
      to: { speaker: { id: brandt, name: 'Karl Brandt' }, status: 'confirmed' },
    });
    expect(new Date(history.body.items[0].at).getTime()).toBeLessThanOrEqual(Date.now());

    const listed = await t.api().get('/v1/quotes').query({ status: 'confirmed', speaker: brandt }).expect(200);
    expect(listed.body.items.map((q: { id: string }) => q.id)).toEqual([id]);
  });

  it('rejects incomplete or contradictory corrections and changes nothing', async () => {
    const { quotes } = await recordQuotes(t.app.db.prisma, [
      { text: 'Taxes stay flat', speaker: { name: 'Ola Berg' } },
    ]);
    const id = quotes[0]!.id;
    const bad = [
      { by: 'x', reason: 'y' },
      { status: 'confirmed', reason: 'no author' },
      { status: 'confirmed', by: 'x' },
      { status: 'maybe', by: 'x', reason: 'y' },
      { speaker: 'not-a-uuid', by: 'x', reason: 'y' },
      { speaker: '00000000-0000-4000-8000-000000000000', status: 'rejected', by: 'x', reason: 'y' },
      { status: 'confirmed', by: 'x', reason: 'y', extra: true },
    ];
    for (const body of bad) {
      const res = await t.api().patch(`/v1/quotes/${id}`).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const unknownSpeaker = await t
      .api()
      .patch(`/v1/quotes/${id}`)
      .send({ speaker: '00000000-0000-4000-8000-000000000000', by: 'x', reason: 'y' })
      .expect(400);
    expect(unknownSpeaker.body.errors[0].path).toBe('speaker');
    await t
      .api()
      .patch('/v1/quotes/00000000-0000-4000-8000-000000000000')
      .send({ status: 'confirmed', by: 'x', reason: 'y' })
      .expect(404);
    await t.api().get('/v1/quotes/00000000-0000-4000-8000-000000000000/history').expect(404);
    const history = await t.api().get(`/v1/quotes/${id}/history`).expect(200);
    expect(history.body.items).toEqual([]);
    expect((await t.api().get(`/v1/quotes/${id}`).expect(200)).body.status).toBe('machine');
  });
});

describe('POST /v1/speakers/:id/merge and aliases', () => {
  it('moves quotes, spoken and relayed, into the remaining speaker and records it', async () => {
    const { quotes, speakers } = await recordQuotes(t.app.db.prisma, [
      { text: 'We need more buses', speaker: { name: 'Dr. Priya Nair', aliases: ['Nair'] } },
      {
        text: 'Fares will fall',
        speaker: { name: 'Priya Nair', aliases: ['P. Nair'] },
        relayedBy: { name: 'Dr. Priya Nair' },
      },
    ]);
    const from = speakers.get('Dr. Priya Nair')!;
    const into = speakers.get('Priya Nair')!;
    const merged = await t
      .api()
      .post(`/v1/speakers/${from}/merge`)
      .send({ into, by: 'registry-editor', reason: 'Same person.' })
      .expect(200);
    expect(merged.body).toMatchObject({ id: into, name: 'Priya Nair', quoteCount: 2 });
    expect(merged.body.aliases).toEqual(expect.arrayContaining(['P. Nair', 'Dr. Priya Nair', 'Nair']));
    await t.api().get(`/v1/speakers/${from}`).expect(404);
    const relayed = await t.api().get(`/v1/quotes/${quotes[1]!.id}`).expect(200);
    expect(relayed.body.relayedBy.id).toBe(into);
    const history = await t.api().get(`/v1/quotes/${quotes[0]!.id}/history`).expect(200);
    expect(history.body.items).toMatchObject([
      { action: 'merge', by: 'registry-editor', from: { speaker: { id: from } }, to: { speaker: { id: into } } },
    ]);

    const withAlias = await t
      .api()
      .post(`/v1/speakers/${into}/aliases`)
      .send({ aliases: ['nair', 'Transport Chief Nair'] })
      .expect(200);
    expect(withAlias.body.aliases.filter((a: string) => a.toLowerCase() === 'nair')).toHaveLength(1);
    expect(withAlias.body.aliases).toContain('Transport Chief Nair');
  });

  it('never merges an anonymous source into a named person unless forced', async () => {
    const { speakers } = await recordQuotes(t.app.db.prisma, [
      { text: 'The deal is off', speaker: { name: 'a senior trade official', kind: 'anonymous' } },
      { text: 'We walked away', speaker: { name: 'Lena Sato' } },
    ]);
    const anon = speakers.get('a senior trade official')!;
    const sato = speakers.get('Lena Sato')!;
    const refused = await t.api().post(`/v1/speakers/${anon}/merge`).send({ into: sato, by: 'x' }).expect(409);
    expect(refused.body.detail).toMatch(/anonymous source/);
    expect((await t.api().get(`/v1/speakers/${anon}`).expect(200)).body.quoteCount).toBe(1);
    await t.api().post(`/v1/speakers/${anon}/merge`).send({ into: sato, by: 'x', force: true }).expect(200);
  });

  it('rejects merging into itself, unknown speakers and bad bodies', async () => {
    const { speakers } = await recordQuotes(t.app.db.prisma, [{ text: 'Solo', speaker: { name: 'Uma Rey' } }]);
    const id = speakers.get('Uma Rey')!;
    await t.api().post(`/v1/speakers/${id}/merge`).send({ into: id, by: 'x' }).expect(400);
    await t
      .api()
      .post(`/v1/speakers/${id}/merge`)
      .send({ into: '00000000-0000-4000-8000-000000000000', by: 'x' })
      .expect(404);
    await t
      .api()
      .post('/v1/speakers/00000000-0000-4000-8000-000000000000/merge')
      .send({ into: id, by: 'x' })
      .expect(404);
    await t.api().post(`/v1/speakers/${id}/merge`).send({ into: 'abc', by: 'x' }).expect(400);
    await t.api().post(`/v1/speakers/${id}/aliases`).send({ aliases: [] }).expect(400);
    await t
      .api()
      .post('/v1/speakers/00000000-0000-4000-8000-000000000000/aliases')
      .send({ aliases: ['x'] })
      .expect(404);
  });
});
