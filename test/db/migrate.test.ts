import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrate, MigrationError, readMigrations } from '../../src/db/migrate.js';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();

async function withMigrations(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

describe('migrate', () => {
  it('does nothing on a database that is up to date', async () => {
    const report = await migrate(db.url);
    expect(report.applied).toEqual([]);
    expect(report.alreadyApplied).toEqual((await readMigrations(MIGRATIONS_DIR)).map((m) => m.name));
  });

  it('applies new migrations in name order, once, and records them', async () => {
    const dir = await withMigrations({
      '20990101000000_b': 'CREATE TABLE t_b (id int REFERENCES t_a(id));',
      '20980101000000_a': 'CREATE TABLE t_a (id int PRIMARY KEY);',
    });
    try {
      expect((await migrate(db.url, { dir })).applied).toEqual(['20980101000000_a', '20990101000000_b']);
      expect((await migrate(db.url, { dir })).applied).toEqual([]);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query(
        "SELECT count(*)::int AS n FROM _prisma_migrations WHERE migration_name LIKE '209%'",
      );
      await client.end();
      expect(rows[0].n).toBe(2);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('rolls back a failing migration whole and reports it', async () => {
    const dir = await withMigrations({
      '21000101000000_bad': 'CREATE TABLE t_half (id int); SELECT no_such_function();',
    });
    try {
      await expect(migrate(db.url, { dir })).rejects.toBeInstanceOf(MigrationError);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query(
        "SELECT to_regclass('t_half') AS t, (SELECT count(*)::int FROM _prisma_migrations WHERE migration_name = '21000101000000_bad') AS n",
      );
      await client.end();
      expect(rows[0]).toEqual({ t: null, n: 0 });
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('warns when an applied migration was edited afterwards', async () => {
    const dir = await withMigrations({ '20980101000000_a': 'CREATE TABLE t_a (id int PRIMARY KEY); -- edited' });
    const warnings: string[] = [];
    try {
      await migrate(db.url, { dir, warn: (m) => warnings.push(m) });
      expect(warnings).toEqual(['Migration 20980101000000_a was modified after it was applied.']);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
