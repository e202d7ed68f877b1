import { parseArgs } from 'node:util';
import pg from 'pg';

// Table and index sizes of a data set, and what they come to per million quotes.
//   npm run bench:sizes -- --quotes 1000000 [--url postgresql://…/quotes_bench_1000000]

const { values } = parseArgs({
  options: {
    quotes: { type: 'string', default: '100000' },
    url: { type: 'string' },
  },
});
const url = values.url ?? `postgresql://postgres@127.0.0.1:5432/quotes_bench_${values.quotes}`;
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const { rows } = await client.query<{ name: string; table: string; indexes: string }>(`
    SELECT c.relname AS name,
           pg_table_size(c.oid) AS table, pg_indexes_size(c.oid) AS indexes
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname NOT LIKE '\\_%'
    ORDER BY pg_total_relation_size(c.oid) DESC`);
  const quotes = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM quotes')).rows[0]!.n);
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  const perMillion = (bytes: number) => (((bytes / quotes) * 1e6) / 1024 / 1024).toFixed(0);
  console.log(`${quotes} quotes in ${url.replace(/^.*\//, '')}\n`);
  console.log('| table | rows | table MB | indexes MB | MB per million quotes |');
  console.log('|---|---:|---:|---:|---:|');
  let total = 0;
  for (const row of rows) {
    const bytes = Number(row.table) + Number(row.indexes);
    const count = (await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${row.name}"`)).rows[0]!.n;
    total += bytes;
    console.log(
      `| ${row.name} | ${Number(count).toLocaleString('en')} | ${mb(Number(row.table))} | ${mb(Number(row.indexes))} | ${perMillion(bytes)} |`,
    );
  }
  console.log(`| all | | | | ${perMillion(total)} |`);
} finally {
  await client.end();
}
