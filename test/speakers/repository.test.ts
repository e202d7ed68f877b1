import { beforeAll, describe, expect, it } from 'vitest';
import { SpeakerRepository } from '../../src/speakers/repository.js';
import { useTestApp } from '../support/app.js';

const t = useTestApp();
let speakers: SpeakerRepository;

beforeAll(async () => {
  speakers = new SpeakerRepository(t.app.db.prisma, t.app.db.pool);
  await t
    .api()
    .post('/v1/speakers')
    .send({ name: 'José Martí', aliases: ['Pepe'], role: 'The national poet' })
    .expect(201);
  await t.api().post('/v1/speakers').send({ name: 'the Harbour Board', kind: 'organization' }).expect(201);
  await t.api().post('/v1/speakers').send({ name: 'a port official', kind: 'anonymous' }).expect(201);
});

const names = async (terms: string[]) => (await speakers.candidates(terms)).map((c) => c.name).sort();

describe('registry candidates for ingestion', () => {
  it('match whole names, aliases, surnames and roles, folded', async () => {
    expect(await names(['Jose Marti'])).toEqual(['José Martí']);
    expect(await names(['MARTÍ'])).toEqual(['José Martí']);
    expect(await names(['pepe'])).toEqual(['José Martí']);
    expect(await names(['national poet'])).toEqual(['José Martí']);
    expect(await names(['Harbour Board'])).toEqual(['the Harbour Board']);
  });

  it('do not match parts of words, and never anonymous sources', async () => {
    expect(await names(['mart', 'harbour', 'poet'])).toEqual([]);
    expect(await names(['port official'])).toEqual([]);
  });

  it('keep no look-up keys for anonymous sources, and give them keys once they are not anonymous', async () => {
    const keysOf = async (name: string) =>
      (await t.app.db.pool.query<{ name_keys: string[] }>('SELECT name_keys FROM speakers WHERE name = $1', [name]))
        .rows[0]!.name_keys;
    expect(await keysOf('a port official')).toEqual([]);
    await t.app.db.pool.query(`UPDATE speakers SET kind = 'organization' WHERE name = 'a port official'`);
    expect(await keysOf('a port official')).toEqual(['port official']);
    await t.app.db.pool.query(`UPDATE speakers SET kind = 'anonymous' WHERE name = 'a port official'`);
    expect(await keysOf('a port official')).toEqual([]);
  });

  it('are found straight from the index, and fuzzy look-ups read a short pending list at most', async () => {
    const { rows } = await t.app.db.pool.query<{ relname: string; reloptions: string[] | null }>(
      `SELECT relname, reloptions FROM pg_class WHERE relname IN ('speakers_name_keys_idx', 'speakers_search_text_trgm_idx') ORDER BY relname`,
    );
    expect(rows).toEqual([
      { relname: 'speakers_name_keys_idx', reloptions: ['fastupdate=off'] },
      { relname: 'speakers_search_text_trgm_idx', reloptions: ['gin_pending_list_limit=256'] },
    ]);
  });

  it('follow a renamed speaker', async () => {
    const created = await t.api().post('/v1/speakers').send({ name: 'Lena Old' }).expect(201);
    await t.api().patch(`/v1/speakers/${created.body.id}`).send({ name: 'Lena Newman' }).expect(200);
    expect(await names(['newman'])).toEqual(['Lena Newman']);
    expect(await names(['old'])).toEqual([]);
  });
});
