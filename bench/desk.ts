import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import { withDatabase } from '../src/db/database-url.js';
import { articleFactory } from './articles.js';
import { percentile } from './load.js';
import { AUTH, BENCH_KEY, SERVICE_ENV, freePort, start, waitFor } from './processes.js';

// The desk's first page load in the system's Chromium, against the service run as
// `npm start` runs it, warmed up first:
//   npm run bench:desk -- [--runs 30] [--admin-url postgresql://…]
// Each run opens / in a new browser context (an empty cache, as a first visit),
// then opens it again in the same context (a later visit, from the cache), and
// then the Sources page in a new context, where the chart library comes in. Times
// are the page's navigation timing (loadEventEnd) and the desk's own "desk-ready"
// mark (the first page drawn); bytes are those that came over the network
// (Resource Timing transferSize: headers and bodies as sent, compressed or not).

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    'admin-url': { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
  },
});
const runs = Number(values.runs);
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => !!p && existsSync(p),
);
if (!CHROMIUM) throw new Error("no Chromium: install Debian's chromium package or set CHROMIUM_PATH");

/** A fresh database for the run, with a year of articles for the Sources page. */
async function freshDatabase(): Promise<string> {
  const name = 'quotes_bench_desk';
  const admin = new pg.Client({ connectionString: values['admin-url'] });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return withDatabase(values['admin-url'], name);
}

async function seed(base: string): Promise<void> {
  const article = articleFactory({ seed: 11 });
  for (let i = 0; i < 24; i++) {
    const res = await fetch(`${base}/v1/articles`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ ...article(), publishedAt: new Date(Date.UTC(2025, i % 12, 1 + i)).toISOString() }),
    });
    if (res.status !== 201) throw new Error(`seeding answered ${res.status}: ${await res.text()}`);
  }
}

interface Load {
  loadMs: number;
  readyMs: number | null;
  bytes: number;
  requests: number;
}

/** Opens `hash` of the desk, waits until `selector` shows, and reads the page's timing and transfer sizes. */
async function load(page: Page, base: string, hash: string, selector: string): Promise<Load> {
  await page.goto(`${base}/${hash}`, { waitUntil: 'load' });
  await page.locator(selector).first().waitFor();
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const ready = performance.getEntriesByName('desk-ready')[0];
    return {
      loadMs: nav.loadEventEnd,
      readyMs: ready ? ready.startTime : null,
      bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
      requests: 1 + resources.filter((r) => r.transferSize > 0).length,
    };
  });
}

async function firstVisit(browser: Browser, base: string, hash: string, selector: string) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  await context.addInitScript((key) => sessionStorage.setItem('quote-desk.key', key), BENCH_KEY);
  const page = await context.newPage();
  const first = await load(page, base, hash, selector);
  await page.goto('about:blank');
  const again = await load(page, base, hash, selector);
  await context.close();
  return { first, again };
}

function summary(name: string, loads: Load[]) {
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const loadMs = sorted(loads.map((l) => l.loadMs));
  const ready = loads.map((l) => l.readyMs).filter((r): r is number => r !== null);
  const readyMs = sorted(ready);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    page: name,
    runs: loads.length,
    load_p50_ms: round(percentile(loadMs, 50)),
    load_p95_ms: round(percentile(loadMs, 95)),
    ready_p50_ms: readyMs.length ? round(percentile(readyMs, 50)) : null,
    ready_p95_ms: readyMs.length ? round(percentile(readyMs, 95)) : null,
    bytes: Math.max(...loads.map((l) => l.bytes)),
    requests: Math.max(...loads.map((l) => l.requests)),
  };
}

const url = await freshDatabase();
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const service = start('src/server.ts', {
  DATABASE_URL: url,
  PORT: String(port),
  ...SERVICE_ENV,
});
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
try {
  await waitFor(`${base}/health/ready`);
  await seed(base);
  // Warm-up: the service's routes, the files it reads and the browser's own start.
  for (let i = 0; i < 5; i++) {
    await firstVisit(browser, base, '', '#view h1');
    await firstVisit(browser, base, '#/sources', '#stats-table');
  }
  const first: Load[] = [];
  const again: Load[] = [];
  const sources: Load[] = [];
  for (let i = 0; i < runs; i++) {
    const home = await firstVisit(browser, base, '', '#view h1');
    first.push(home.first);
    again.push(home.again);
    sources.push((await firstVisit(browser, base, '#/sources', '#stats-table')).first);
  }
  console.table([
    summary('/ first visit', first),
    summary('/ later visit', again),
    summary('#/sources first visit', sources),
  ]);
} finally {
  await browser.close();
  service.kill('SIGTERM');
}
