import { parseArgs } from 'node:util';
import pg from 'pg';
import { searchIndexOf } from '../src/quotes/ranking.js';

// What storing quotes costs Postgres on data sets that differ (their search index, GIN or
// RUM, `npm run search-index`, or their triggers): quotes copied from stored ones, inserted
// in ten statements of 280 (a group of ten articles; `--statement-quotes 28` for one
// article) inside a transaction that is rolled back, so that nothing stays. Time and WAL
// per quote, the data sets taking turns.
//   npm run bench:insert-cost -- --url postgresql://…/a --url postgresql://…/b [--rounds 4] [--statement-quotes N]

const { values } = parseArgs({
  options: {
    url: { type: 'string', multiple: true },
    rounds: { type: 'string', default: '4' },
    'statement-quotes': { type: 'string', default: '280' },
  },
});
const urls = values.url ?? [];
if (urls.length === 0) throw new Error('give one --url or more');

const STATEMENTS = 10;
const PER_STATEMENT = Number(values['statement-quotes']);
if (!Number.isInteger(PER_STATEMENT) || PER_STATEMENT < 1) throw new Error('--statement-quotes takes a whole number');
const INSERT = `
  INSERT INTO quotes (article_id, speaker_id, text, normalized_text, kind, start, "end", confidence, position, outlet, published_at)
  SELECT article_id, speaker_id, text, normalized_text, kind, start, "end", confidence, position * 10 + $1 + 1000000, outlet, published_at
  FROM quotes WHERE id IN (
    -- Stored quotes only, not the copies of earlier statements.
    SELECT id FROM quotes TABLESAMPLE BERNOULLI ($2) WHERE position < 1000000 LIMIT ${PER_STATEMENT})`;

const results = new Map<string, { ms: number[]; wal: number[] }>();
for (let round = 0; round < Number(values.rounds); round++) {
  for (const url of urls) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const probe = new pg.Pool({ connectionString: url, max: 1 });
      const index = await searchIndexOf(probe).finally(() => probe.end());
      const name = `${url.replace(/^.*\//, '')} (${index.toUpperCase()})`;
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM quotes');
      const percent = Math.min(100, ((PER_STATEMENT * 4) / Number(rows[0]!.n)) * 100);
      await client.query('BEGIN');
      const wal0 = (await client.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows[0]!
        .lsn;
      const started = performance.now();
      for (let i = 0; i < STATEMENTS; i++) await client.query(INSERT, [i, percent]);
      const ms = performance.now() - started;
      const { rows: wal } = await client.query<{ bytes: string }>(
        'SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), $1) AS bytes',
        [wal0],
      );
      await client.query('ROLLBACK');
      const quotes = STATEMENTS * PER_STATEMENT;
      const entry = results.get(name) ?? { ms: [], wal: [] };
      entry.ms.push(ms / quotes);
      entry.wal.push(Number(wal[0]!.bytes) / quotes);
      results.set(name, entry);
    } finally {
      await client.end();
    }
  }
}
console.log('data set: ms of Postgres time per quote inserted, per round; WAL KB per quote');
for (const [name, { ms, wal }] of results) {
  console.log(
    `${name}: ${ms.map((x) => x.toFixed(2)).join(' ')} ms; ${wal.map((x) => (x / 1024).toFixed(0)).join(' ')} KB`,
  );
}
