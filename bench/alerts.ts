import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { withDatabase } from '../src/db/database-url.js';
import { articleFactory } from './articles.js';
import { percentile, runLoad } from './load.js';
import { AUTH, SERVICE_ENV, freePort, start, waitFor } from './processes.js';

// Alert latency (`npm run bench -- --alerts N`): the time from the answer to an
// ingest to the event it caused reaching a local receiver. A fresh database, the
// service as `npm start` runs it, one subscription by words that one quote of each
// measured article matches. N articles are ingested one after the other, a few a
// second, first on a quiet service, then while two clients ingest other articles
// (about 28 quotes each, none matching) as fast as it takes them. Beforehand, what
// noting new quotes costs ingestion: articles per second from 4 connections with no
// subscription (the trigger notes nothing) and with one (every quote is noted and
// relayed), `seconds` each.

export interface AlertBenchOptions {
  alerts: number;
  seconds: number;
  adminUrl: string;
  json?: string;
}

// A port free at the start, so that runs side by side on one machine do not collide.
const PORT = await freePort();
const WORD = 'quillfeather';
const GAP_MS = 200;

interface Receiver {
  url: string;
  /** performance.now() when the event of each article arrived. */
  arrivals: Map<string, number>;
  close(): void;
}

async function startReceiver(): Promise<Receiver> {
  const arrivals = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const at = performance.now();
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { article: { id: string } };
      if (!arrivals.has(event.article.id)) arrivals.set(event.article.id, at);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/events`, arrivals, close: () => server.close() };
}

async function freshDatabase(adminUrl: string): Promise<string> {
  const name = 'quotes_bench_alerts';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return withDatabase(adminUrl, name);
}

async function post(path: string, body: unknown): Promise<{ id: string }> {
  const res = await fetch(`http://127.0.0.1:${PORT}${path}`, {
    method: 'POST',
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string };
}

/** Ingests `count` articles with a matching quote, one every GAP_MS, and answers each event's delay after its ingest's answer. */
async function measure(count: number, receiver: Receiver, article: () => Record<string, string>) {
  const answered = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const a = article();
    const stored = await post('/v1/articles', {
      ...a,
      body: `${a.body}\n\n"The ${WORD} stays where it is," Mayor Ines Vasquez said.`,
    });
    answered.set(stored.id, performance.now());
    await new Promise((r) => setTimeout(r, GAP_MS));
  }
  const deadline = performance.now() + 30_000;
  while ([...answered.keys()].some((id) => !receiver.arrivals.has(id)) && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  // An event may arrive before the client has read the answer: that is no delay.
  const delays = [...answered]
    .flatMap(([id, at]) => (receiver.arrivals.has(id) ? [Math.max(0, receiver.arrivals.get(id)! - at)] : []))
    .sort((x, y) => x - y);
  const round = (n: number) => Math.round(n);
  return {
    alerts: count,
    received: delays.length,
    p50_ms: round(percentile(delays, 50)),
    p95_ms: round(percentile(delays, 95)),
    max_ms: round(delays[delays.length - 1] ?? 0),
  };
}

export async function runAlertBench(options: AlertBenchOptions): Promise<void> {
  const url = await freshDatabase(options.adminUrl);
  const receiver = await startReceiver();
  const service = start('src/server.ts', {
    DATABASE_URL: url,
    PORT: String(PORT),
    ...SERVICE_ENV,
    FETCH_ALLOW_PRIVATE: 'true',
  });
  try {
    await waitFor(`http://127.0.0.1:${PORT}/health/ready`);
    const background = articleFactory({ seed: 11 });
    const ingest = (seconds: number, connections: number) =>
      runLoad({
        headers: AUTH,
        url: `http://127.0.0.1:${PORT}`,
        connections,
        seconds,
        next: () => ({ method: 'POST', path: '/v1/articles', body: JSON.stringify(background()) }),
      });
    await ingest(5, 4);
    const unsubscribed = await ingest(options.seconds, 4);
    await post('/v1/subscriptions', { q: WORD, callbackUrl: receiver.url, secret: 'bench-secret-of-the-receiver' });
    const subscribed = await ingest(options.seconds, 4);
    const ingestCost = {
      articles_per_s_without_subscriptions: unsubscribed.rps,
      articles_per_s_with_a_subscription: subscribed.rps,
      p95_ms_without: unsubscribed.p95_ms,
      p95_ms_with: subscribed.p95_ms,
    };
    console.log('ingestion, 4 connections', ingestCost);
    const article = articleFactory({ seed: 7 });
    // Warm-up: the first ingests compile the extraction's paths and fill the pools.
    await measure(5, receiver, article);
    const quiet = await measure(options.alerts, receiver, article);
    console.log('alerts, quiet service', quiet);
    const load = ingest(Math.ceil((options.alerts * (GAP_MS + 150)) / 1000) + 4, 2);
    await new Promise((r) => setTimeout(r, 2000));
    const loaded = await measure(options.alerts, receiver, article);
    const backgroundLoad = await load;
    const underLoad = {
      ...loaded,
      background_ingests_per_s: backgroundLoad.rps,
      background_failed: backgroundLoad.failed,
    };
    console.log('alerts, while 2 clients ingest other articles', underLoad);
    if (options.json) writeFileSync(options.json, `${JSON.stringify({ ingestCost, quiet, underLoad }, null, 2)}\n`);
  } finally {
    service.kill('SIGTERM');
    receiver.close();
  }
}
