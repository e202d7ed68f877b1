import pg from 'pg';
import { articleFactory } from '../bench/articles.ts';
import { extractQuotes } from '../src/extraction/index.ts';
import { lookupTerms } from '../src/articles/ingest.ts';
import { normalizeName } from '../src/text/normalize.ts';
const make = articleFactory();
const client = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/quotes_bench_100000' });
await client.connect();
for (let i = 0; i < 5; i++) {
  const a = make();
  const t0 = performance.now();
  const x = extractQuotes(a.body);
  const t1 = performance.now();
  const patterns = [...new Set(lookupTerms(x.speakers).map(normalizeName).filter((t) => t.length >= 3))].map((t) => `%${t}%`);
  const r = await client.query(`SELECT id, name, kind::text AS kind, aliases, role, affiliation FROM speakers WHERE kind <> 'anonymous' AND search_text LIKE ANY($1::text[]) ORDER BY (match_key IS NULL) DESC, created_at LIMIT 200`, [patterns]);
  const t2 = performance.now();
  const y = extractQuotes(a.body, { registry: r.rows });
  const t3 = performance.now();
  console.log(`extract ${(t1 - t0).toFixed(1)} candidates ${(t2 - t1).toFixed(1)} (${r.rowCount}) extract+registry ${(t3 - t2).toFixed(1)} ms; entities ${y.speakers.length}`);
}
await client.end();
