import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { generateDataset } from './generate.js';
import { combine, runLoad, type LoadResult, type RequestSpec } from './load.js';
import { findPostgresBinaries, startReplicatedCluster } from './postgres-cluster.js';
import { AUTH, SERVICE_ENV, freePort, start, waitFor } from './processes.js';
import { drawSamples, readRequests } from './samples.js';

// The read endpoints with and without a streaming replica, side by side in one run
// (`npm run bench -- --replicas 1`): a primary and its replica are made from the
// machine's PostgreSQL binaries, the data set is generated on the primary, and two
// services run on it, one reading from the primary alone and one reading from the
// replica. Then the cost of /metrics: get-by-id with a scraper pulling /metrics
// every second beside get-by-id alone.

export interface ReplicaBenchOptions {
  quotes: number;
  seconds: number;
  connections: number;
  poolSize: string;
  only?: string[];
  json?: string;
}

// Ports free at the start, so that runs side by side on one machine do not collide.
const PRIMARY_ONLY_PORT = await freePort();
const WITH_REPLICA_PORT = await freePort();

async function waitForReplay(primaryUrl: string, replicaUrl: string): Promise<void> {
  const primary = new pg.Client({ connectionString: primaryUrl });
  const replica = new pg.Client({ connectionString: replicaUrl });
  await primary.connect();
  await replica.connect();
  try {
    const lsn = (await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn;
    for (;;) {
      const { rows } = await replica.query<{ done: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [
        lsn,
      ]);
      if (rows[0]!.done) return;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await primary.end();
    await replica.end();
  }
}

export async function runReplicaBench(options: ReplicaBenchOptions): Promise<void> {
  const bin = findPostgresBinaries();
  if (!bin) throw new Error('no PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) under /usr/lib/postgresql');
  const cluster = await startReplicatedCluster(bin);
  const services = [];
  try {
    console.log(`generating ${options.quotes} quotes on a fresh primary`);
    await generateDataset({ url: cluster.primaryUrl, quotes: options.quotes, log: (m) => console.log(`  ${m}`) });
    await waitForReplay(cluster.primaryUrl, cluster.replicaUrl);
    const samples = await drawSamples(cluster.primaryUrl);
    const env = {
      DATABASE_URL: cluster.primaryUrl,
      ...SERVICE_ENV,
      DB_POOL_SIZE: options.poolSize,
      REQUEST_TIMEOUT_MS: '120000',
    };
    services.push(start('src/server.ts', { ...env, PORT: String(PRIMARY_ONLY_PORT) }));
    services.push(
      start('src/server.ts', { ...env, PORT: String(WITH_REPLICA_PORT), DATABASE_READ_URLS: cluster.replicaUrl }),
    );
    for (const port of [PRIMARY_ONLY_PORT, WITH_REPLICA_PORT]) await waitFor(`http://127.0.0.1:${port}/health/ready`);

    const reads = readRequests(samples);
    const load = (port: number, seconds: number, next: () => RequestSpec): Promise<LoadResult> =>
      runLoad({ headers: AUTH, url: `http://127.0.0.1:${port}`, connections: options.connections, seconds, next });
    const slices = Math.max(1, Math.round(options.seconds / 2));

    /** `a` and `b` warmed up, then measured in turns, a slice of the duration each. */
    const sideBySide = async (a: () => Promise<LoadResult>, b: () => Promise<LoadResult>, warm = true) => {
      if (warm) {
        await a();
        await b();
      }
      const runsA: LoadResult[] = [];
      const runsB: LoadResult[] = [];
      for (let i = 0; i < slices; i++) {
        runsA.push(await a());
        runsB.push(await b());
      }
      return [combine(runsA), combine(runsB)] as const;
    };

    const endpoints = [];
    for (const read of reads.filter((r) => !options.only || options.only.includes(r.name))) {
      const [primary, replica] = await sideBySide(
        () => load(PRIMARY_ONLY_PORT, options.seconds / slices, read.next),
        () => load(WITH_REPLICA_PORT, options.seconds / slices, read.next),
      );
      const row = {
        name: read.name,
        primary_rps: primary.rps,
        primary_p95_ms: primary.p95_ms,
        replica_rps: replica.rps,
        replica_p95_ms: replica.p95_ms,
        ratio: primary.rps ? Math.round((replica.rps / primary.rps) * 100) / 100 : null,
        failed: primary.failed + replica.failed,
      };
      endpoints.push(row);
      console.log(JSON.stringify(row));
    }

    // /metrics scraped every second (a Prometheus default is every 15 s) while get-by-id runs.
    const getById = reads.find((r) => r.name === 'get-by-id')!.next;
    const scraped = async () => {
      let scraping = true;
      const scraper = (async () => {
        while (scraping) {
          await fetch(`http://127.0.0.1:${PRIMARY_ONLY_PORT}/metrics`, { headers: AUTH }).then((r) => r.text());
          await new Promise((r) => setTimeout(r, 1000));
        }
      })();
      try {
        return await load(PRIMARY_ONLY_PORT, options.seconds / slices, getById);
      } finally {
        scraping = false;
        await scraper;
      }
    };
    const [quiet, withScrapes] = await sideBySide(
      () => load(PRIMARY_ONLY_PORT, options.seconds / slices, getById),
      scraped,
      false,
    );
    const metrics = {
      get_by_id_rps: quiet.rps,
      get_by_id_rps_scraped_every_second: withScrapes.rps,
      cost: quiet.rps ? Math.round((1 - withScrapes.rps / quiet.rps) * 1000) / 1000 : null,
    };
    console.log(JSON.stringify({ metrics }));

    console.log('\nendpoint          primary rps  p95 ms   replica rps  p95 ms  ratio');
    for (const e of endpoints) {
      console.log(
        `${e.name.padEnd(16)} ${String(e.primary_rps).padStart(12)}  ${e.primary_p95_ms.toFixed(1).padStart(6)}  ${String(e.replica_rps).padStart(12)}  ${e.replica_p95_ms.toFixed(1).padStart(6)}  ${String(e.ratio).padStart(5)}`,
      );
    }
    console.log(
      `/metrics every second: get-by-id ${metrics.get_by_id_rps} -> ${metrics.get_by_id_rps_scraped_every_second} rps (cost ${((metrics.cost ?? 0) * 100).toFixed(1)}%)`,
    );
    if (options.json) {
      const report = { quotes: options.quotes, duration_s: options.seconds, connections: options.connections };
      writeFileSync(options.json, `${JSON.stringify({ ...report, endpoints, metrics }, null, 2)}\n`);
    }
  } finally {
    for (const service of services) service.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    cluster.close();
  }
}
