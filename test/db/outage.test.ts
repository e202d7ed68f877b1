import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded.js';
import { migrate } from '../../src/db/migrate.js';
import { ARCHIVE_SETTINGS } from '../../src/db/settings.js';
import { sampleArticle } from '../support/fixtures.js';
import { randomAdminKey, withKey } from '../support/app.js';
import { ContractRecorder } from '../support/contract.js';
import { freePort } from '../support/process.js';

// A Postgres server of this file's own, so it can be stopped and started under the app.

let dataDir: string;
let server: EmbeddedDatabase;
let app: FastifyInstance;
let databaseUrl: string;
// A port free when the file starts (a random one could be another server's).
let port: number;
const adminKey = randomAdminKey();
const api = () => withKey(app, adminKey);
const contract = new ContractRecorder();

function startServer() {
  // persistent: the data must outlive a stop, to be served again on start.
  return startEmbeddedPostgres({ dir: path.join(dataDir, 'data'), port, persistent: true });
}

async function untilReady(): Promise<void> {
  for (;;) {
    const res = await request(app.server).get('/health/ready');
    if (res.status === 200) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  port = await freePort();
  dataDir = await mkdtemp(path.join(tmpdir(), 'quotes-outage-pg-'));
  // Run as root, the server drops to a `postgres` user, which must reach the data directory.
  await chmod(dataDir, 0o755);
  server = await startServer();
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE outage');
  await admin.end();
  databaseUrl = server.urlFor('outage');
  await migrate(databaseUrl);
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    QUOTES_ADMIN_KEY: adminKey,
    DB_CONNECT_TIMEOUT_MS: '1000',
    REQUEST_TIMEOUT_MS: '5000',
    RATE_LIMIT_MAX: '100000',
  });
  app = await buildApp({ config, databaseUrl, logger: false, observeResponse: contract.observe });
  await app.ready();
});

afterEach(() => {
  expect(contract.take()).toEqual([]);
});

afterAll(async () => {
  await app?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function articlesWithoutQuotes(): Promise<number> {
  const rows = await app.db.prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id)`;
  return Number(rows[0]!.n);
}

describe('the embedded server', () => {
  it('runs with the settings for an archive', async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      for (const [name, value] of Object.entries(ARCHIVE_SETTINGS)) {
        const { rows } = await client.query('SELECT current_setting($1) AS value', [name]);
        expect(rows[0].value, name).toBe(value);
      }
    } finally {
      await client.end();
    }
  });
});

describe('an ingest cut off in the middle', () => {
  it('leaves no article without its quotes when its connection is terminated mid-transaction', async () => {
    const prisma = app.db.prisma;
    await prisma.$executeRawUnsafe(
      'CREATE FUNCTION stall_quotes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(30); RETURN NULL; END $$',
    );
    await prisma.$executeRawUnsafe(
      'CREATE TRIGGER stall_quotes BEFORE INSERT ON quotes FOR EACH STATEMENT EXECUTE FUNCTION stall_quotes()',
    );
    const article = sampleArticle();
    const before = await prisma.article.count();
    try {
      const pending = api()
        .post('/v1/articles')
        .send(article)
        .then((r) => r);
      // The article row is written and the transaction waits in the quote insert: cut it there.
      const killer = new pg.Client({ connectionString: databaseUrl });
      await killer.connect();
      try {
        for (;;) {
          const { rows } = await killer.query(
            "SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'",
          );
          if (rows.length > 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
      } finally {
        await killer.end();
      }
      const res = await pending;
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toBe('http://localhost:3000/problems/service-unavailable');
    } finally {
      await prisma.$executeRawUnsafe('DROP TRIGGER stall_quotes ON quotes');
      await prisma.$executeRawUnsafe('DROP FUNCTION stall_quotes');
    }
    expect(await prisma.article.count()).toBe(before);
    expect(await articlesWithoutQuotes()).toBe(0);

    const retry = await api().post('/v1/articles').send(article).expect(201);
    expect(retry.body.quotes.length).toBeGreaterThan(0);
  });
});

describe('the database going away', () => {
  it('answers 503 while it is down, without hanging, and recovers by itself when it returns', async () => {
    await api().post('/v1/articles').send(sampleArticle()).expect(201);

    // Load in flight while the server stops: every request ends, with an answer or a 503.
    const load = Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0 ? api().post('/v1/articles').send(sampleArticle()) : api().get('/v1/articles').query({ limit: 5 }),
      ),
    );
    await server.stop();
    for (const res of await load) expect([200, 201, 503], res.text.slice(0, 200)).toContain(res.status);

    const down = await api().get('/v1/articles');
    expect(down.status).toBe(503);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.headers['retry-after']).toBe('5');
    expect(down.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|\bat \S+ \(/);
    expect((await api().post('/v1/articles').send(sampleArticle())).status).toBe(503);
    expect((await request(app.server).get('/health/ready')).status).toBe(503);
    await request(app.server).get('/health/live').expect(200);

    server = await startServer();
    await untilReady();
    await api().get('/v1/articles').expect(200);
    await api().post('/v1/articles').send(sampleArticle()).expect(201);
    expect(await articlesWithoutQuotes()).toBe(0);
  });
});
