import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { recordQuotes } from '../support/records.js';

// The busiest reads are prepared once per connection and only bound after that:
// with one connection in the pool, its prepared statements show what ran.

const t = useTestApp({ DB_POOL_SIZE: '1' });

describe('prepared statements', () => {
  it('prepare search, quote by id, a speaker’s quotes and verification once per connection, and leave the speaker look-up unprepared', async () => {
    const { quotes, speakers } = await recordQuotes(t.app.db.prisma, [
      { text: 'The lighthouse will be staffed again by the summer', speaker: { name: 'Ines Varga' } },
    ]);
    const prepared = async () =>
      (
        await t.app.db.pool.query<{ name: string; statement: string }>(
          `SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 's\\_%' ORDER BY name`,
        )
      ).rows;
    const before = await prepared();
    const reads = async () => {
      await t.api().get('/v1/quotes').query({ q: 'lighthouse' }).expect(200);
      await t.api().get(`/v1/quotes/${quotes[0]!.id}`).expect(200);
      await t
        .api()
        .get(`/v1/speakers/${speakers.get('Ines Varga')}/quotes`)
        .expect(200);
      await t.api().get('/v1/speakers').query({ q: 'varga' }).expect(200);
      await t.api().post('/v1/verify').send({ quote: 'the lighthouse will be staffed again' }).expect(200);
    };
    await reads();
    const after = await prepared();
    const added = after.filter((s) => !before.some((b) => b.name === s.name));
    expect(added.some((s) => /ts_rank_cd/.test(s.statement))).toBe(true);
    expect(added.some((s) => /quote_lexemes/.test(s.statement))).toBe(true);
    // Planned with its pattern each time: prepared, it measured slower.
    expect(added.some((s) => /word_similarity\(\$\d+, search_text\)/.test(s.statement))).toBe(false);
    expect(added.some((s) => /WHERE q\.id = \$1::uuid/.test(s.statement))).toBe(true);
    // The same reads again prepare nothing new.
    await reads();
    expect(await prepared()).toEqual(after);
  });
});
