import { parseArgs } from 'node:util';
import pg from 'pg';
import { prepared } from '../src/db/prepared.js';
import { ARCHIVE_SETTINGS, settingFlags } from '../src/db/settings.js';
import { quotePageStatement } from '../src/quotes/repository.js';
import { searchIndexOf, searchRanking } from '../src/quotes/ranking.js';
import { normalizeQuoteText } from '../src/text/normalize.js';
import { verifyCandidatesStatement } from '../src/verify/repository.js';
import { drawSamples } from './samples.js';

// The Postgres settings of an archive, measured one at a time against the server's
// defaults: the service's own statements for search, verification and a speaker's
// quotes, prepared as the service prepares them, from one connection per setting,
// the settings taking turns so that a machine growing busier weighs on all alike.
// Only settings a session may change are measured here (shared_buffers needs a
// restart; README, "Search at scale", says what it is set to and why).
//   npm run bench:settings -- --quotes 10000000 [--rounds 5] [--per-round 60]

const { values } = parseArgs({
  options: {
    quotes: { type: 'string', default: '1000000' },
    url: { type: 'string' },
    rounds: { type: 'string', default: '13' },
    'per-round': { type: 'string', default: '60' },
  },
});
const url = values.url ?? `postgresql://postgres@127.0.0.1:5432/quotes_bench_${values.quotes}`;

const samples = await drawSamples(url);
const probe = new pg.Pool({ connectionString: url, max: 1 });
const ranking = searchRanking(await searchIndexOf(probe));
// The compiled-in defaults, so that settings given to the database or the server by
// ALTER (as bench/run.ts does) weigh on none of the variants.
const defaults: Record<string, string> = Object.fromEntries(
  (
    await probe.query<{ name: string; boot_val: string }>(
      'SELECT name, boot_val FROM pg_settings WHERE name = ANY($1)',
      [[...Object.keys(ARCHIVE_SETTINGS), 'plan_cache_mode']],
    )
  ).rows.map((r) => [r.name, r.boot_val]),
);
await probe.end();

const variants: { name: string; settings: Record<string, string> }[] = [
  { name: 'compiled-in defaults', settings: defaults },
  ...Object.entries(ARCHIVE_SETTINGS).map(([k, v]) => ({ name: `${k}=${v}`, settings: { ...defaults, [k]: v } })),
  {
    name: 'plan_cache_mode=force_generic_plan',
    settings: { ...defaults, plan_cache_mode: 'force_generic_plan' },
  },
  { name: 'all the archive settings', settings: { ...defaults, ...ARCHIVE_SETTINGS } },
];

const statements = {
  search: (i: number) =>
    quotePageStatement(
      { q: samples.searchTerms[i % samples.searchTerms.length]! },
      'relevance',
      20,
      undefined,
      true,
      ranking,
    ),
  verify: (i: number) => {
    const claim = samples.claims[i % samples.claims.length]!.quote;
    return verifyCandidatesStatement(claim, normalizeQuoteText(claim));
  },
  'list-by-speaker': (i: number) =>
    quotePageStatement({ speakerIds: [samples.speakerIds[i % samples.speakerIds.length]!] }, 'date', 20),
};

const clients = await Promise.all(
  variants.map(async (v) => {
    const options = settingFlags(v.settings).join(' ');
    const client = new pg.Client({ connectionString: url, ...(options ? { options } : {}) });
    await client.connect();
    return client;
  }),
);
const times = variants.map(() => Object.fromEntries(Object.keys(statements).map((k) => [k, [] as number[]])));
const perRound = Number(values['per-round']);
try {
  for (let round = 0; round < Number(values.rounds); round++) {
    // Each round starts with another variant: the first to run a round's statements reads
    // their pages from disk, the others from memory.
    for (let k = 0; k < clients.length; k++) {
      const v = (round + k) % clients.length;
      const client = clients[v]!;
      for (let i = round * perRound; i < (round + 1) * perRound; i++) {
        for (const [name, build] of Object.entries(statements)) {
          const started = performance.now();
          await client.query(prepared(build(i)));
          // The first round warms each connection's statements and caches: not counted.
          if (round > 0) times[v]![name]!.push(performance.now() - started);
        }
      }
    }
  }
} finally {
  await Promise.all(clients.map((c) => c.end()));
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;
console.log(`${values.quotes} quotes, ${ranking.index.toUpperCase()} index; ms per statement, p50 / p95 / p99`);
console.log(['setting'.padEnd(36), ...Object.keys(statements).map((k) => k.padEnd(22))].join(''));
for (const [v, variant] of variants.entries()) {
  const cells = Object.keys(statements).map((name) => {
    const xs = times[v]![name]!;
    return `${pct(xs, 0.5).toFixed(2)} / ${pct(xs, 0.95).toFixed(2)} / ${pct(xs, 0.99).toFixed(2)}`.padEnd(22);
  });
  console.log([variant.name.padEnd(36), ...cells].join(''));
}
