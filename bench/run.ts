import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { withDatabase } from '../src/db/database-url.js';
import { migrate } from '../src/db/migrate.js';
import { fillFrequentWords } from '../src/quotes/frequent-words.js';
import { extractQuotes } from '../src/extraction/index.js';
import { articleFactory } from './articles.js';
import { generateDataset } from './generate.js';
import { BENCH_PAGE_PATH, startBenchPages } from './page-server.js';
import { combine, runLoad, type LoadResult, type RequestSpec } from './load.js';
import {
  AUTH,
  BENCH_KEY,
  SERVICE_ENV,
  connectionPorts,
  cpuMs,
  cycle,
  machineTicks,
  freePort,
  rssMb,
  start,
  stop,
  waitFor,
} from './processes.js';
import { runAlertBench } from './alerts.js';
import { runReplicaBench } from './replicas.js';
import { drawSamples, readRequests } from './samples.js';
import { ARCHIVE_SETTINGS } from '../src/db/settings.js';

// The service against a bare Fastify + pg server (bench/baseline-server.ts) on the
// same data set of N quotes, endpoint by endpoint, in one run; then ingestion,
// one article per request and in NDJSON batches, and pages by URL (`ingest-url`:
// POST /v1/articles {"url"} for pages served by the bench); RSS of the service throughout.
//   npm run bench -- --quotes 1000000 --duration 10 --json bench/results.json [--soak 300] [--quote-share 1] [--cold]
//   npm run bench -- --replicas 1 [--quotes 100000]: reads with and without a streaming replica (bench/replicas.ts)
//   npm run bench -- --alerts 100: alert latency, from an ingest's answer to its event at a local receiver (bench/alerts.ts)
// Last of the loads, reads under an extraction flood: get-by-id while clients extract 1 MB texts.

const { values } = parseArgs({
  options: {
    quotes: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    json: { type: 'string' },
    'admin-url': { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
    soak: { type: 'string', default: '0' },
    'pool-size': { type: 'string', default: '10' },
    'batch-size': { type: 'string', default: '200' },
    only: { type: 'string' },
    'quote-share': { type: 'string' },
    replicas: { type: 'string', default: '0' },
    alerts: { type: 'string', default: '0' },
    'cpu-prof': { type: 'string' },
    cold: { type: 'boolean', default: false },
  },
});
const quotes = Number(values.quotes);
const seconds = Number(values.duration);
const connections = Number(values.connections);
const poolSize = values['pool-size'];
const only = values.only?.split(',');
// Ports free at the start, so that runs side by side on one machine do not collide.
const SERVICE_PORT = await freePort();
const BASELINE_PORT = await freePort();
/** With `--cpu-prof DIR`, the service writes a V8 CPU profile of its threads into DIR when it exits. */
const profileFlags = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values['cpu-prof'])}`] : [];

/** The data set of N quotes in a database named after N, generated on first use. */
async function ensureDataset(): Promise<string> {
  const name = `quotes_bench_${quotes}`;
  const url = withDatabase(values['admin-url'], name);
  const admin = new pg.Client({ connectionString: values['admin-url'] });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ comment: string | null }>(
      'SELECT shobj_description(oid, $2) AS comment FROM pg_database WHERE datname = $1',
      [name, 'pg_database'],
    );
    // The settings the project gives an archive where it starts Postgres itself (src/db/settings.ts),
    // here for the data set's database alone: the server is the machine's.
    const settings = Object.entries(ARCHIVE_SETTINGS).map(([k, v]) => `SET ${k} = '${v}'`);
    if (rows[0]?.comment === 'complete') {
      for (const setting of settings) await admin.query(`ALTER DATABASE ${name} ${setting}`);
      return url;
    }
    console.log(`generating ${quotes} quotes into ${name}`);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    const t0 = Date.now();
    await generateDataset({ url, quotes, log: (m) => console.log(`  ${m}`) });
    console.log(`generated in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    await admin.query(`COMMENT ON DATABASE ${name} IS 'complete'`);
    for (const setting of settings) await admin.query(`ALTER DATABASE ${name} ${setting}`);
    return url;
  } finally {
    await admin.end();
  }
}

/**
 * Every run starts from the generated data: articles an earlier run ingested are
 * removed, and VACUUM empties the full-text index's pending list, which searches
 * would otherwise scan entry by entry.
 */
async function resetDataset(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `DELETE FROM articles WHERE url LIKE 'https://bench.example.com/%' OR url LIKE 'http://127.0.0.1:%${BENCH_PAGE_PATH}%'`,
    );
    if (rowCount) console.log(`removed ${rowCount} articles of earlier runs`);
    // Anonymous sources and groups are speakers of one article (their match key
    // names it); those of the removed articles go with them, as DELETE
    // /v1/articles/{id} would remove them.
    const speakers = await client.query(
      `DELETE FROM speakers s
       WHERE split_part(s.match_key, ':', 1) IN ('anonymous', 'group')
         AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id::text = split_part(s.match_key, ':', 2))
         AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_id = s.id OR q.relayed_by_id = s.id)`,
    );
    if (speakers.rowCount) console.log(`removed ${speakers.rowCount} speakers of those articles`);
    await client.query('VACUUM ANALYZE articles');
    await client.query('VACUUM ANALYZE quotes');
    await client.query('VACUUM ANALYZE speakers');
  } finally {
    await client.end();
  }
}

/**
 * The best quotes of the data set's frequent words (src/quotes/frequent-words.ts),
 * filled before the run as the service would fill them in the background: both
 * servers read them. Brings a data set generated before they existed up to the
 * service's migrations first.
 */
async function fillWords(url: string): Promise<void> {
  await migrate(url);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const t0 = Date.now();
    const filled = await fillFrequentWords(pool);
    if (filled > 0)
      console.log(`kept the best quotes of ${filled} frequent words in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    // As autovacuum would in time (resetDataset's deletions reach these lists too):
    // until the visibility map is set, the look-up of a word's kept quotes visits the table.
    await pool.query('VACUUM ANALYZE frequent_lexeme_quotes, frequent_lexemes');
  } finally {
    await pool.end();
  }
}

/**
 * Reads every table and index of the data set once, through the operating system's
 * cache (pg_prewarm's 'read' mode), so that the run measures a server that has been
 * answering for a while rather than the first touch of each page: a few seconds of
 * warm-up load touch a small part of a data set of gigabytes. `--cold` skips it.
 * Where pg_prewarm cannot be installed, the run goes on cold and says so.
 */
async function prewarm(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
    } catch (error) {
      console.log(`not prewarmed, the run starts cold: ${(error as Error).message}`);
      return;
    }
    const t0 = Date.now();
    const { rows } = await client.query<{ blocks: string }>(
      `SELECT coalesce(sum(pg_prewarm(c.oid, 'read')), 0) AS blocks
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname IN ('public', 'pg_toast') AND c.relkind IN ('r', 'i', 't', 'm')
         AND c.relpersistence = 'p' AND pg_relation_size(c.oid) > 0`,
    );
    const gb = (Number(rows[0]!.blocks) * 8192) / 1e9;
    console.log(`read the data set (${gb.toFixed(1)} GB) into the cache in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  } finally {
    await client.end();
  }
}

if (values.alerts !== '0') {
  await runAlertBench({ alerts: Number(values.alerts), seconds, adminUrl: values['admin-url'], json: values.json });
  process.exit(0);
}

if (values.replicas !== '0') {
  if (values.replicas !== '1') throw new Error('--replicas: this bench makes one replica (--replicas 1)');
  await runReplicaBench({ quotes, seconds, connections, poolSize, only, json: values.json });
  process.exit(0);
}

const FLOOD_CLIENTS = 3;

/**
 * GET /v1/quotes/{id} from 2 connections, quiet and while FLOOD_CLIENTS clients
 * send 1 MB texts to POST /v1/extract in a loop: what a heavy call by some clients
 * costs everyone else's reads. Two floods: clients with a key each, and one key's
 * three connections (two of which get 429 in a loop, whatever Retry-After says).
 * Quiet reads come before, between and after them, so that a machine getting busier
 * or quieter meanwhile weighs on both sides of each ratio.
 */
async function readsUnderExtractionFlood(quoteId: () => string): Promise<Record<string, number>> {
  const target = `http://127.0.0.1:${SERVICE_PORT}`;
  const reads = (s: number) =>
    runLoad({
      headers: loadAuth,
      url: target,
      connections: 2,
      seconds: s,
      next: () => ({ method: 'GET', path: `/v1/quotes/${quoteId()}` }),
    });
  const article = articleFactory({ seed: 5 });
  let text = '';
  while (text.length < 990_000) text += `${article().body}\n\n`;
  const body = JSON.stringify({ text: text.slice(0, 990_000) });
  const clientKeys: string[] = [];
  for (let i = 0; i < FLOOD_CLIENTS; i++) {
    const res = await fetch(`${target}/v1/keys`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `bench-flood-${i}`, scopes: ['read'] }),
    });
    clientKeys.push(((await res.json()) as { key: string }).key);
  }
  // One connection for each client, with its key.
  const flood = async (keys: string[]) => {
    const extractions = Promise.all(
      keys.map((key) =>
        runLoad({
          headers: { authorization: `Bearer ${key}` },
          url: target,
          connections: 1,
          seconds: seconds + 2,
          timeoutSeconds: 60,
          next: () => ({ method: 'POST', path: '/v1/extract', body }),
        }),
      ),
    ).then((runs) => ({
      ok: runs.reduce((sum, r) => sum + r.ok, 0),
      failed: runs.reduce((sum, r) => sum + r.failed, 0),
    }));
    // The flood is under way before the reads are measured...
    await new Promise((r) => setTimeout(r, 2000));
    const flooded = await reads(seconds);
    const extracted = await extractions;
    // ...and the extractions it left running are over before quiet reads are.
    await new Promise((r) => setTimeout(r, 3000));
    return { flooded, extracted };
  };
  const ratio = (flooded: LoadResult, quiet: LoadResult) =>
    quiet.p95_ms ? Math.round((flooded.p95_ms / quiet.p95_ms) * 10) / 10 : 0;
  await reads(2);
  const before = await reads(seconds / 2);
  const perClient = await flood(clientKeys);
  const between = await reads(seconds / 2);
  const oneKey = await flood(clientKeys.map(() => BENCH_KEY));
  const after = await reads(seconds / 2);
  const quiet = combine([before, between]);
  const quietOneKey = combine([between, after]);
  return {
    quiet_p95_ms: quiet.p95_ms,
    flood_p95_ms: perClient.flooded.p95_ms,
    ratio: ratio(perClient.flooded, quiet),
    quiet_p50_ms: quiet.p50_ms,
    flood_p50_ms: perClient.flooded.p50_ms,
    reads_failed: perClient.flooded.failed,
    extractions_ok: perClient.extracted.ok,
    extractions_refused: perClient.extracted.failed,
    one_key_quiet_p95_ms: quietOneKey.p95_ms,
    one_key_flood_p95_ms: oneKey.flooded.p95_ms,
    one_key_ratio: ratio(oneKey.flooded, quietOneKey),
    one_key_extractions_ok: oneKey.extracted.ok,
    one_key_extractions_refused: oneKey.extracted.failed,
  };
}

/**
 * Runs a load and measures CPU per request while it runs: the service's, that of
 * the Postgres backends serving its pool (per request, neither depends much on
 * what else the machine runs), and this process's (the load's clients, and the
 * pages the bench serves); and the share of the machine's CPU in use, by anything.
 */
async function withCpu(run: () => Promise<LoadResult>) {
  const backends = await backendPids(service.pid!);
  const cpuOf = () => [cpuMs(service.pid!), ...backends.map(cpuMs)];
  const cpuBefore = cpuOf();
  const machineBefore = machineTicks();
  const benchBefore = process.cpuUsage();
  const load = await run();
  const benchUsage = process.cpuUsage(benchBefore);
  const machineAfter = machineTicks();
  // A backend that ended meanwhile counts for nothing rather than for less than nothing.
  const [serviceMs, ...backendMs] = cpuOf().map((ms, i) => Math.max(0, ms - cpuBefore[i]!));
  const requests = Math.max(1, load.ok);
  const perRequest = (ms: number) => Math.round((ms / requests) * 10) / 10;
  return {
    load,
    cpu: {
      service: perRequest(serviceMs!),
      postgres: perRequest(backendMs.reduce((a, b) => a + b, 0)),
      bench: perRequest((benchUsage.user + benchUsage.system) / 1000),
      machineBusyPct: Math.round(
        (100 * (machineAfter.busy - machineBefore.busy)) / Math.max(1, machineAfter.total - machineBefore.total),
      ),
    },
  };
}

/**
 * The Postgres backends serving the service's connections (found by their client
 * ports, so that other clients of the database, such as another run's, are left out).
 */
async function backendPids(pid: number): Promise<number[]> {
  const admin = new URL(values['admin-url']);
  const ports = connectionPorts(pid, Number(admin.port || 5432));
  const client = new pg.Client({ connectionString: values['admin-url'] });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE client_port = ANY($1::int[])',
      [ports],
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

const url = await ensureDataset();
await resetDataset(url);
await fillWords(url);
if (!values.cold) await prewarm(url);
const samples = await drawSamples(url);
// The service runs as deployed, authentication on, with a key for the load and a
// rate limit far above what the load can reach, so that what is measured is the work.
const service = start(
  'src/server.ts',
  {
    DATABASE_URL: url,
    PORT: String(SERVICE_PORT),
    ...SERVICE_ENV,
    DB_POOL_SIZE: poolSize,
    REQUEST_TIMEOUT_MS: '120000',
    // The pages of the ingest-url load are served on 127.0.0.1.
    FETCH_ALLOW_PRIVATE: 'true',
  },
  profileFlags,
);
const baseline = start('bench/baseline-server.ts', {
  DATABASE_URL: url,
  PORT: String(BASELINE_PORT),
  DB_POOL_SIZE: poolSize,
});
let rssPeak = 0;
/** RSS peak of the current phase (reads, ingest, soak). */
let phasePeak = 0;
const rssTimer = setInterval(() => {
  if (!service.pid) return;
  const rss = rssMb(service.pid);
  rssPeak = Math.max(rssPeak, rss);
  phasePeak = Math.max(phasePeak, rss);
}, 250);
const phase = () => {
  const peak = phasePeak;
  phasePeak = 0;
  return peak;
};
const rssPeaks: Record<string, number> = {};

/**
 * The loads send a stored key, as clients do: the bootstrap key (QUOTES_ADMIN_KEY)
 * is checked against the configuration alone, a stored one against the keys table.
 * Made through the service with the bootstrap key, and revoked by the next run's.
 */
let loadAuth: Record<string, string> = AUTH;
async function storedKey(): Promise<Record<string, string>> {
  const target = `http://127.0.0.1:${SERVICE_PORT}/v1/keys`;
  const listed = (await (await fetch(`${target}?limit=100`, { headers: AUTH })).json()) as {
    items: { id: string; name: string | null; revokedAt: string | null }[];
  };
  for (const old of listed.items.filter((k) => k.name === 'bench load' && k.revokedAt === null)) {
    await fetch(`${target}/${old.id}`, { method: 'DELETE', headers: AUTH });
  }
  const res = await fetch(target, {
    method: 'POST',
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench load', scopes: ['read', 'write'] }),
  });
  if (res.status !== 201) throw new Error(`the load's key could not be made: ${res.status} ${await res.text()}`);
  return { authorization: `Bearer ${((await res.json()) as { key: string }).key}` };
}

try {
  await waitFor(`http://127.0.0.1:${SERVICE_PORT}/health/ready`);
  await waitFor(`http://127.0.0.1:${BASELINE_PORT}/v1/quotes/00000000-0000-4000-8000-000000000000`);
  loadAuth = await storedKey();

  const reads = readRequests(samples);

  const endpoints: Record<string, unknown>[] = [];
  phase();
  for (const read of reads.filter((r) => !only || only.includes(r.name))) {
    const load = (port: number, s: number): Promise<LoadResult> =>
      runLoad({ headers: loadAuth, url: `http://127.0.0.1:${port}`, connections, seconds: s, next: read.next });
    // Both servers warm up before either is measured, so that neither finds the
    // database's cache cold for the other; then they take turns, a slice of the
    // duration each, so that a slow spell of the machine falls on both.
    await load(SERVICE_PORT, 2);
    await load(BASELINE_PORT, 2);
    const slices = Math.max(1, Math.round(seconds / 2));
    const mineRuns: LoadResult[] = [];
    const floorRuns: LoadResult[] = [];
    for (let i = 0; i < slices; i++) {
      mineRuns.push(await load(SERVICE_PORT, seconds / slices));
      floorRuns.push(await load(BASELINE_PORT, seconds / slices));
    }
    const mine = combine(mineRuns);
    const floor = combine(floorRuns);
    const row = {
      name: read.name,
      rps: mine.rps,
      p50_ms: mine.p50_ms,
      p95_ms: mine.p95_ms,
      p99_ms: mine.p99_ms,
      baseline_rps: floor.rps,
      ratio: floor.rps ? Math.round((mine.rps / floor.rps) * 100) / 100 : null,
      failed: mine.failed,
    };
    endpoints.push(row);
    console.log(JSON.stringify(row));
  }

  if (endpoints.length > 0) rssPeaks.reads = phase();
  let ingest: Record<string, number | null> = { articles_per_s: null, batch_articles_per_s: null };
  if (!only || only.includes('ingest')) {
    const article = articleFactory(values['quote-share'] ? { quoteShare: Number(values['quote-share']) } : {});
    const mean = (f: (body: string) => number) =>
      Math.round((article.bodies.reduce((sum, b) => sum + f(b), 0) / article.bodies.length) * 10) / 10;
    const shape = {
      words_per_article: mean((b) => b.split(/\s+/).length),
      quotes_per_article: mean((b) => extractQuotes(b).quotes.length),
    };
    // Each way of ingesting first runs for a few seconds unmeasured, as the reads
    // do: what is measured is the warm, steady state, not the compiler and the
    // database's cache catching up.
    const warmUp = Math.min(5, seconds);
    const singleLoad = (s: number) =>
      runLoad({
        headers: loadAuth,
        url: `http://127.0.0.1:${SERVICE_PORT}`,
        connections,
        seconds: s,
        next: () => ({ method: 'POST', path: '/v1/articles', body: JSON.stringify(article()) }),
      });
    await singleLoad(warmUp);
    const { load: single, cpu: singleCpu } = await withCpu(() => singleLoad(seconds));
    const batchSize = Number(values['batch-size']);
    const batchLoad = (s: number) =>
      runLoad({
        headers: loadAuth,
        url: `http://127.0.0.1:${SERVICE_PORT}`,
        connections: 2,
        seconds: s,
        timeoutSeconds: 60,
        next: () => ({
          method: 'POST',
          path: '/v1/articles:batch',
          contentType: 'application/x-ndjson',
          body: Array.from({ length: batchSize }, () => JSON.stringify(article())).join('\n'),
        }),
      });
    await batchLoad(warmUp);
    const batch = await batchLoad(seconds);
    ingest = {
      articles_per_s: single.rps,
      // One per request.
      service_cpu_ms_per_article: singleCpu.service,
      postgres_cpu_ms_per_article: singleCpu.postgres,
      batch_articles_per_s: batch.ok ? Math.round((batch.ok * batchSize) / seconds) : null,
      ...shape,
    };
    rssPeaks.ingest = phase();
    console.log(JSON.stringify({ ingest, single_failed: single.failed, batch_failed: batch.failed }));
  }

  let ingestUrl: Record<string, number> | undefined;
  if (!only || only.includes('ingest-url')) {
    const pages = await startBenchPages(articleFactory({ seed: 7 }));
    try {
      const urlLoad = (s: number) =>
        runLoad({
          headers: loadAuth,
          url: `http://127.0.0.1:${SERVICE_PORT}`,
          connections,
          seconds: s,
          next: () => ({ method: 'POST', path: '/v1/articles', body: JSON.stringify({ url: pages.next() }) }),
        });
      await urlLoad(Math.min(5, seconds));
      phase();
      const { load, cpu } = await withCpu(() => urlLoad(seconds));
      ingestUrl = {
        pages_per_s: load.rps,
        service_cpu_ms_per_page: cpu.service,
        postgres_cpu_ms_per_page: cpu.postgres,
        // This process: the load's clients and the page server.
        bench_cpu_ms_per_page: cpu.bench,
        machine_busy_pct: cpu.machineBusyPct,
        p50_ms: load.p50_ms,
        p95_ms: load.p95_ms,
        failed: load.failed,
        page_kb: pages.meanKb(),
        rss_mb_peak: phase(),
      };
      rssPeaks.ingest_url = ingestUrl.rss_mb_peak!;
      console.log(JSON.stringify({ ingest_url: ingestUrl }));
    } finally {
      await pages.close();
    }
  }

  let flood: Record<string, number> | undefined;
  if (!only || only.includes('extraction-flood')) {
    flood = await readsUnderExtractionFlood(cycle(samples.quoteIds));
    console.log(JSON.stringify({ flood }));
  }

  let soak:
    | {
        seconds: number;
        rss_start_mb: number;
        rss_end_mb: number;
        rss_every_30s_mb: number[];
        rps: number;
        failed: number;
      }
    | undefined;
  const soakSeconds = Number(values.soak);
  if (soakSeconds > 0) {
    // The five reads and an ingest of one article, in turn.
    const soakArticle = articleFactory({ seed: 11 });
    const mixed = cycle<() => RequestSpec>([
      ...reads.map((r) => r.next),
      () => ({ method: 'POST', path: '/v1/articles', body: JSON.stringify(soakArticle()) }),
    ]);
    const target = `http://127.0.0.1:${SERVICE_PORT}`;
    // Half a minute of the same load first, so that the start is the warm, steady state.
    await runLoad({ headers: loadAuth, url: target, connections, seconds: 30, next: () => mixed()() });
    phase();
    const series = [rssMb(service.pid!)];
    const sampler = setInterval(() => series.push(rssMb(service.pid!)), 30_000);
    const load = await runLoad({
      headers: loadAuth,
      url: target,
      connections,
      seconds: soakSeconds,
      next: () => mixed()(),
    });
    clearInterval(sampler);
    const end = rssMb(service.pid!);
    rssPeaks.soak = phase();
    soak = {
      seconds: soakSeconds,
      rss_start_mb: series[0]!,
      rss_end_mb: end,
      rss_every_30s_mb: series,
      rps: load.rps,
      failed: load.failed,
    };
    console.log(JSON.stringify({ soak }));
  }

  const report = {
    quotes,
    duration_s: seconds,
    connections,
    endpoints,
    ingest,
    ...(ingestUrl ? { ingest_url: ingestUrl } : {}),
    rss_mb_peak: rssPeak,
    rss_mb_peak_by_phase: rssPeaks,
    ...(soak ? { soak } : {}),
    ...(flood ? { extraction_flood: flood } : {}),
  };
  console.log('\nendpoint          rps    p50 ms  p95 ms  p99 ms  baseline rps  ratio');
  for (const e of endpoints as {
    name: string;
    rps: number;
    p50_ms: number;
    p95_ms: number;
    p99_ms: number;
    baseline_rps: number;
    ratio: number;
  }[]) {
    console.log(
      `${e.name.padEnd(16)} ${String(e.rps).padStart(5)}  ${e.p50_ms.toFixed(1).padStart(6)}  ${e.p95_ms.toFixed(1).padStart(6)}  ${e.p99_ms.toFixed(1).padStart(6)}  ${String(e.baseline_rps).padStart(12)}  ${String(e.ratio).padStart(5)}`,
    );
  }
  console.log(
    `ingest: ${ingest.articles_per_s} articles/s one by one, ${ingest.batch_articles_per_s} articles/s in batches` +
      (ingest.quotes_per_article
        ? ` (${ingest.words_per_article} words and ${ingest.quotes_per_article} quotes an article; ` +
          `CPU an article one by one: service ${ingest.service_cpu_ms_per_article} ms, its Postgres backends ${ingest.postgres_cpu_ms_per_article} ms)`
        : '') +
      `; RSS peak ${rssPeak} MB (${Object.entries(rssPeaks)
        .map(([k, v]) => `${k} ${v} MB`)
        .join(', ')})`,
  );
  if (ingestUrl)
    console.log(
      `ingest-url: ${ingestUrl.pages_per_s} pages/s (p50 ${ingestUrl.p50_ms} ms, p95 ${ingestUrl.p95_ms} ms, ` +
        `${ingestUrl.page_kb} KB a page, ${ingestUrl.failed} failed); RSS peak ${ingestUrl.rss_mb_peak} MB; ` +
        `CPU a page: service ${ingestUrl.service_cpu_ms_per_page} ms, its Postgres backends ${ingestUrl.postgres_cpu_ms_per_page} ms; ` +
        `the bench's clients and page server ${ingestUrl.bench_cpu_ms_per_page} ms; machine busy ${ingestUrl.machine_busy_pct}%`,
    );
  if (flood)
    console.log(
      `reads under an extraction flood: get-by-id p95 ${flood.quiet_p95_ms} ms quiet, ${flood.flood_p95_ms} ms with ${FLOOD_CLIENTS} clients extracting 1 MB texts with a key each (${flood.ratio}x; extractions ${flood.extractions_ok} answered, ${flood.extractions_refused} refused); ` +
        `${flood.one_key_quiet_p95_ms} ms quiet, ${flood.one_key_flood_p95_ms} ms with the ${FLOOD_CLIENTS} on one key (${flood.one_key_ratio}x; ${flood.one_key_extractions_ok} answered, ${flood.one_key_extractions_refused} refused with 429)`,
    );
  if (soak)
    console.log(
      `soak ${soak.seconds} s: RSS ${soak.rss_start_mb} MB -> ${soak.rss_end_mb} MB at ${soak.rps} requests/s`,
    );
  if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
} finally {
  clearInterval(rssTimer);
  // The service writes its profile as it exits.
  await Promise.all([stop(service), stop(baseline)]);
  if (values['cpu-prof']) console.log(`CPU profiles in ${path.resolve(values['cpu-prof'])}`);
}
