import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { parseTimestamptz, poolTypes } from '../../src/db/timestamps.js';

// Timestamps read by position must be the very values node-postgres's own parser
// gives, for the shape read by position and for every other shape it hands on.

const postgresDate = pg.types.getTypeParser(1184, 'text') as (text: string) => Date | number | null;

const value = (v: Date | number | null) => (v instanceof Date ? v.getTime() : v);

/** A pseudo-random timestamp text of the given shape: deterministic, so a failure repeats. */
function timestamps(count: number, shape: (i: number, r: () => number) => string): string[] {
  let seed = 7;
  const r = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, (_, i) => shape(i, r));
}
const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('parseTimestamptz', () => {
  it('reads UTC timestamps with 0 to 6 fractional digits as node-postgres does', () => {
    const texts = timestamps(20_000, (i, r) => {
      const fraction = i % 7 === 0 ? '' : '.' + pad(Math.floor(r() * 10 ** (i % 7)), i % 7);
      return (
        `${pad(1000 + Math.floor(r() * 9000), 4)}-${pad(1 + Math.floor(r() * 12), 2)}-${pad(1 + Math.floor(r() * 28), 2)} ` +
        `${pad(Math.floor(r() * 24), 2)}:${pad(Math.floor(r() * 60), 2)}:${pad(Math.floor(r() * 60), 2)}${fraction}+00`
      );
    });
    for (const text of texts) expect(value(parseTimestamptz(text)), text).toBe(value(postgresDate(text)));
  });

  it('hands every other shape to node-postgres: zones, early and BC years, infinity, malformed text', () => {
    for (const text of [
      '2026-12-04 13:37:28+05:30',
      '2026-12-04 13:37:28.5-08',
      '0099-01-01 00:00:00+00',
      '0512-06-30 12:00:00+00',
      '2001-02-03 04:05:06+00 BC',
      'infinity',
      '-infinity',
      '2026-12-04T13:37:28+00',
      '2026-12-04 13:37:2x+00',
      '2026-12-04 13:37:28.12a+00',
      '2026-12-04 13:37:28.+00',
      '20261-12-04 13:37:28+00',
    ]) {
      expect(value(parseTimestamptz(text)), text).toEqual(value(postgresDate(text)));
    }
  });

  it('reads what Postgres writes, in UTC and in other zones, as a pool with the default parsers does', async () => {
    const url = inject('adminDatabaseUrl');
    const fast = new pg.Client({ connectionString: url, types: poolTypes });
    const plain = new pg.Client({ connectionString: url });
    await fast.connect();
    await plain.connect();
    try {
      const sql = `SELECT t FROM unnest(ARRAY[
          '2026-12-04 13:37:28.123456+00', '1999-12-31 23:59:59.9995+00', '2024-02-29 00:00:00+00',
          '1066-10-14 09:00:00+00', '0044-03-15 12:00:00+00', 'infinity', '-infinity', NULL]::timestamptz[]) t`;
      for (const zone of ['UTC', 'Asia/Kolkata', 'America/Los_Angeles']) {
        await fast.query(`SET TimeZone = '${zone}'`);
        await plain.query(`SET TimeZone = '${zone}'`);
        const read = async (c: pg.Client) =>
          (await c.query<{ t: Date | number | null }>(sql)).rows.map((r) => value(r.t));
        expect(await read(fast), zone).toEqual(await read(plain));
      }
    } finally {
      await fast.end();
      await plain.end();
    }
  });
});
