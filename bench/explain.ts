import { parseArgs } from 'node:util';
import pg from 'pg';
import { quotePageStatement } from '../src/quotes/repository.js';
import { searchIndexOf, searchRanking } from '../src/quotes/ranking.js';
import { SPEAKER_LOOKUP_SETTINGS, speakerLookupStatement } from '../src/speakers/repository.js';
import { normalizeQuoteText } from '../src/text/normalize.js';
import { verifyCandidatesStatement } from '../src/verify/repository.js';
import { drawSamples } from './samples.js';

// EXPLAIN ANALYZE of the queries behind search, verification, fuzzy speaker
// lookup and a speaker's quotes, on a benchmark data set, flagging any
// sequential scan of quotes or of the word counts. Each is then prepared, as the
// service prepares them, and run six times, and its planning time as prepared is
// printed beside the planning time of the statement sent alone.
//   npm run bench:explain -- --quotes 1000000

const { values } = parseArgs({
  options: {
    quotes: { type: 'string', default: '100000' },
    url: { type: 'string' },
  },
});
const url = values.url ?? `postgresql://postgres@127.0.0.1:5432/quotes_bench_${values.quotes}`;
const samples = await drawSamples(url);
const claim = samples.claims[0]!.quote;
const verifyStatement = verifyCandidatesStatement(claim, normalizeQuoteText(claim));
const lookupStatement = speakerLookupStatement(samples.speakerQueries[0]!, { limit: 20 });
const pool = new pg.Pool({ connectionString: url, max: 1 });
const ranking = searchRanking(await searchIndexOf(pool));
// The commonest word whose best quotes are kept (src/quotes/frequent-words.ts), if any.
const { rows: frequent } = await pool.query<{ lexeme: string }>(
  `SELECT f.lexeme FROM frequent_lexemes f JOIN quote_lexemes c USING (lexeme) WHERE f.ready ORDER BY c.quotes DESC LIMIT 1`,
);
await pool.end();
const searchStatement = quotePageStatement({ q: samples.searchTerms[0] }, 'relevance', 20, undefined, true, ranking);
const frequentStatement = frequent[0]
  ? quotePageStatement({ q: frequent[0].lexeme }, 'relevance', 20, undefined, true, ranking)
  : undefined;

const queries: { name: string; lookup?: boolean; sql: string; values: unknown[] }[] = [
  {
    name: `search (full text, ranked on the ${ranking.index.toUpperCase()} index)`,
    // The service's own statement for a first page of results (src/quotes/repository.ts).
    sql: searchStatement.text,
    values: searchStatement.values,
  },
  ...(frequentStatement
    ? [
        {
          name: `search of the commonest word, "${frequent[0]!.lexeme}" (its best quotes kept in order)`,
          sql: frequentStatement.text,
          values: frequentStatement.values,
        },
      ]
    : []),
  {
    name: 'list by speaker (newest first)',
    sql: `SELECT q.id, q.text FROM quotes q WHERE q.speaker_id = $1::uuid ORDER BY q.published_at DESC, q.id DESC LIMIT 21`,
    values: [samples.speakerIds[0]],
  },
  {
    name: 'verify candidates (pairs of claim words, then trigram word similarity)',
    // The service's own statement (src/verify/repository.ts).
    sql: verifyStatement.text,
    values: verifyStatement.values,
  },
  {
    name: 'speaker lookup (contained, then by word, then trigram resemblance)',
    lookup: true,
    // The service's own statement (src/speakers/repository.ts).
    sql: lookupStatement.text,
    values: lookupStatement.values,
  },
  {
    name: 'quote by id',
    sql: `SELECT q.* FROM quotes q WHERE q.id = $1`,
    values: [samples.quoteIds[0]],
  },
];

const client = new pg.Client({ connectionString: url });
await client.connect();
let seqScans = 0;

/** Prepares the statement, runs it six times, and reads the planning time of a seventh run and its plan's kind. */
async function preparedPlanning(sql: string, values: unknown[]): Promise<string> {
  // EXECUTE takes no bound parameters: the values go in as literals.
  const literal = (v: unknown): string =>
    v === null || v === undefined
      ? 'NULL'
      : typeof v === 'number'
        ? String(v)
        : v instanceof Date
          ? client.escapeLiteral(v.toISOString())
          : Array.isArray(v)
            ? client.escapeLiteral(`{${v.map((x) => JSON.stringify(String(x))).join(',')}}`)
            : client.escapeLiteral(String(v));
  const args = values.map(literal).join(', ');
  await client.query(`PREPARE explained AS ${sql}`);
  try {
    for (let i = 0; i < 6; i++) await client.query(`EXECUTE explained(${args})`);
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, SUMMARY) EXECUTE explained(${args})`,
    );
    const time = rows.map((r) => r['QUERY PLAN']).find((line) => line.startsWith('Planning Time'));
    const kinds = await client.query<{ generic_plans: string; custom_plans: string }>(
      `SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'explained'`,
    );
    const k = kinds.rows[0]!;
    return `${time?.replace('Planning Time: ', '') ?? '0 ms'} (${k.generic_plans} generic, ${k.custom_plans} custom plans)`;
  } finally {
    await client.query('DEALLOCATE explained');
  }
}
try {
  for (const q of queries) {
    await client.query('BEGIN');
    // As the service runs it: the speaker lookup also turns sequential scans off.
    if (q.lookup) await client.query(SPEAKER_LOOKUP_SETTINGS);
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.values);
    const planning = await preparedPlanning(q.sql, q.values);
    await client.query('COMMIT');
    const plan = rows.map((r) => r['QUERY PLAN']);
    const bad = plan.filter((line) => /Seq Scan on (quotes|quote_lexemes)\b/.test(line));
    seqScans += bad.length;
    console.log(`\n== ${q.name}${bad.length ? '  [SEQUENTIAL SCAN]' : ''}\n${plan.join('\n')}`);
    console.log(`Planning Time when prepared (the seventh run): ${planning}`);
  }
} finally {
  await client.end();
}
console.log(
  seqScans
    ? `\n${seqScans} sequential scan(s) of quotes or word counts`
    : '\nno sequential scan of quotes or word counts',
);
process.exitCode = seqScans ? 1 : 0;
