import type request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { recordQuotes } from '../support/records.js';

const t = useTestApp();

const psaki = {
  name: 'Jen Psaki',
  kind: 'person',
  role: 'White House press secretary',
  affiliation: 'White House',
  aliases: ['Psaki', 'Jennifer Psaki'],
  wikidataId: 'Q16012405',
};

describe('speaker registry', () => {
  let id: string;

  it('registers a speaker and returns it', async () => {
    const res = await t.api().post('/v1/speakers').send(psaki).expect(201);
    expect(res.body).toMatchObject(psaki);
    expect(res.body).not.toHaveProperty('matchKey');
    id = res.body.id;
    const got = await t.api().get(`/v1/speakers/${id}`).expect(200);
    expect(got.body).toMatchObject({ ...psaki, quoteCount: 0 });
  });

  it('finds speakers by part of a name, an alias or a role, ignoring case and accents', async () => {
    await t
      .api()
      .post('/v1/speakers')
      .send({ name: 'Yuri Ushakov', role: 'Kremlin aide', aliases: ['Ushakov'] })
      .expect(201);
    await t.api().post('/v1/speakers').send({ name: 'José Martí Pérez', aliases: [] }).expect(201);
    const byAlias = await t.api().get('/v1/speakers').query({ q: 'jennifer' }).expect(200);
    expect(byAlias.body.items.map((s: { name: string }) => s.name)).toEqual(['Jen Psaki']);
    const byRole = await t.api().get('/v1/speakers').query({ q: 'kremlin' }).expect(200);
    expect(byRole.body.items.map((s: { name: string }) => s.name)).toEqual(['Yuri Ushakov']);
    const unaccented = await t.api().get('/v1/speakers').query({ q: 'jose marti' }).expect(200);
    expect(unaccented.body.items.map((s: { name: string }) => s.name)).toEqual(['José Martí Pérez']);
    const none = await t.api().get('/v1/speakers').query({ q: '100%_' }).expect(200);
    expect(none.body.items).toEqual([]);
  });

  it('pages through speakers in name order', async () => {
    for (const name of ['Avery Kim', 'Blake Ortiz', 'Casey Brown']) {
      await t.api().post('/v1/speakers').send({ name, kind: 'person' }).expect(201);
    }
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await t
        .api()
        .get('/v1/speakers')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .expect(200);
      names.push(...res.body.items.map((s: { name: string }) => s.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : 1)));
    expect(names).toContain('Casey Brown');
    const orgs = await t.api().get('/v1/speakers').query({ kind: 'organization' }).expect(200);
    expect(orgs.body.items).toEqual([]);
  });

  it('changes only the fields given', async () => {
    const res = await t
      .api()
      .patch(`/v1/speakers/${id}`)
      .send({ role: 'former White House press secretary', aliases: ['Psaki', 'psaki', 'Jen'] })
      .expect(200);
    expect(res.body).toMatchObject({
      name: 'Jen Psaki',
      role: 'former White House press secretary',
      aliases: ['Psaki', 'Jen'],
    });
    const cleared = await t.api().patch(`/v1/speakers/${id}`).send({ affiliation: null }).expect(200);
    expect(cleared.body.affiliation).toBeNull();
    expect(cleared.body.role).toBe('former White House press secretary');
  });

  it('answers 409 when a Wikidata id is taken, 404 for an unknown speaker, 400 for bad input', async () => {
    const dup = await t.api().post('/v1/speakers').send({ name: 'Someone', wikidataId: psaki.wikidataId }).expect(409);
    expect(dup.body.type).toBe('http://localhost:3000/problems/conflict');
    const other = await t.api().post('/v1/speakers').send({ name: 'Other Person' }).expect(201);
    await t.api().patch(`/v1/speakers/${other.body.id}`).send({ wikidataId: psaki.wikidataId }).expect(409);

    await t.api().get('/v1/speakers/00000000-0000-4000-8000-000000000000').expect(404);
    await t.api().patch('/v1/speakers/00000000-0000-4000-8000-000000000000').send({ name: 'X' }).expect(404);
    const bad = [
      { name: '' },
      { name: 'X', kind: 'alien' },
      { name: 'X', wikidataId: 'not-an-id' },
      { name: 'X', aliases: 'Psaki' },
      { name: 'X', unknown: true },
      { name: 'A\u0000B' },
    ];
    for (const body of bad) {
      const res = await t.api().post('/v1/speakers').send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.type).toBe('http://localhost:3000/problems/validation');
    }
    await t.api().patch(`/v1/speakers/${id}`).send({}).expect(400);
    await t.api().get('/v1/speakers').query({ cursor: 'garbage' }).expect(400);
  });
});

describe('registering a speaker who may already be stored', () => {
  it('answers possibleDuplicates by name or alias, and lists speakers with their quote counts', async () => {
    const { speakers } = await recordQuotes(t.app.db.prisma, [
      { text: 'The pier stays closed', speaker: { name: 'Dr. Amara Quist', aliases: ['Amara Quist'] } },
      { text: 'Repairs start in autumn', speaker: { name: 'Dr. Amara Quist' } },
      { text: 'Nothing to add', speaker: { name: 'Amara Quistorp' } },
    ]);
    const first = speakers.get('Dr. Amara Quist')!;
    const fresh = await t
      .api()
      .post('/v1/speakers')
      .send({ name: 'AMARA QUIST', aliases: ['Harbour chief Quist'] })
      .expect(201);
    expect(fresh.body.possibleDuplicates).toEqual([
      { id: first, name: 'Dr. Amara Quist', kind: 'person', aliases: ['Amara Quist'], quoteCount: 2 },
    ]);
    const byAlias = await t
      .api()
      .post('/v1/speakers')
      .send({ name: 'A. Q.', aliases: ['dr. amara quist'] })
      .expect(201);
    expect(byAlias.body.possibleDuplicates.map((d: { id: string }) => d.id)).toEqual([first]);
    const unique = await t.api().post('/v1/speakers').send({ name: 'Oswin Thale' }).expect(201);
    expect(unique.body.possibleDuplicates).toEqual([]);

    const listed = await t.api().get('/v1/speakers').query({ limit: 100 }).expect(200);
    const counts = Object.fromEntries(
      listed.body.items.map((s: { name: string; quoteCount: number }) => [s.name, s.quoteCount]),
    );
    expect(counts).toMatchObject({ 'Dr. Amara Quist': 2, 'Amara Quistorp': 1, 'Oswin Thale': 0 });
    const searched = await t.api().get('/v1/speakers').query({ q: 'quist' }).expect(200);
    expect(searched.body.items.find((s: { id: string }) => s.id === first).quoteCount).toBe(2);
  });

  it('keeps the role and affiliation an article gives a new speaker, and fills them in on a stored one', async () => {
    const body =
      'The ferry fares will rise in March, said Ines Calloway of Harbour Freight Ltd. ' +
      '"We had no choice," said Ines Calloway, chief executive of Harbour Freight Ltd.';
    const res = await t.api().post('/v1/articles').send({ title: 'Fares', body, outlet: 'Coastal Herald' }).expect(201);
    const speakerId = res.body.quotes.find(
      (q: { speaker: { name: string } | null }) => q.speaker?.name === 'Ines Calloway',
    )?.speaker.id;
    expect(speakerId).toBeTruthy();
    const got = await t.api().get(`/v1/speakers/${speakerId}`).expect(200);
    expect(got.body).toMatchObject({ name: 'Ines Calloway', affiliation: 'Harbour Freight Ltd' });
    expect(got.body.role).toMatch(/^chief executive/);
  });
});
