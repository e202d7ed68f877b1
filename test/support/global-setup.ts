import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded.js';
import { migrate } from '../../src/db/migrate.js';
import { withDatabase } from '../../src/db/database-url.js';

// One migrated template database per test run; each test file copies it into a
// database of its own (test/support/database.ts), so files never see each other's rows.
// DATABASE_URL names the server to use; without it a throw-away embedded server runs.

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    dataDir = await mkdtemp(path.join(tmpdir(), 'quotes-test-pg-'));
    // Run as root, the server drops to a `postgres` user, which must reach the data directory.
    await chmod(dataDir, 0o755);
    const port = 55000 + Math.floor(Math.random() * 5000);
    embedded = await startEmbeddedPostgres({ dir: path.join(dataDir, 'data'), port, persistent: false });
    adminUrl = embedded.adminUrl;
  }
  const template = `quotes_test_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  await migrate(withDatabase(adminUrl, template));

  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', template);

  return async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    const { rows } = await cleanup.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'quotes_test_%'",
    );
    for (const { datname } of rows) {
      if (datname === template || datname.startsWith(`quotes_test_${process.pid}_`)) {
        await cleanup.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      }
    }
    await cleanup.end();
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
