import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { settingFlags } from '../src/db/settings.js';
import { REPO_ROOT } from './support/fixtures.js';

// No container engine runs where the tests run, so the compose file is checked
// for what it promises: Postgres 17 with rum and the archive settings, the API built from the Dockerfile on port
// 3000, and an environment the service's own configuration accepts.

const compose = parse(readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8'));
const dockerfile = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');

describe('docker-compose.yml', () => {
  it('runs Postgres 17 with the rum extension, a health check and a volume', () => {
    const db = compose.services.db;
    const image = readFileSync(path.join(REPO_ROOT, db.build.context, db.build.dockerfile), 'utf8');
    expect(image).toMatch(/^FROM postgres:17$/m);
    expect(image).toMatch(/apt-get install .*postgresql-17-rum/);
    // The replica runs the same binaries: a RUM index is read there too.
    expect(compose.services['db-replica'].build).toEqual(db.build);
    // The archive settings the embedded default starts with (src/db/settings.ts).
    for (const flag of settingFlags().filter((f) => f !== '-c')) expect(db.command).toContain(flag);
    expect(db.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(db.volumes.some((v: string) => v.endsWith(':/var/lib/postgresql/data'))).toBe(true);
    expect(Object.keys(compose.volumes)).toContain(db.volumes[0].split(':')[0]);
  });

  it('builds the API from the Dockerfile, publishes port 3000 and waits for the database', () => {
    const api = compose.services.api;
    expect(api.build).toBe('.');
    expect(api.ports).toContain('3000:3000');
    expect(api.depends_on.db.condition).toBe('service_healthy');
    expect(dockerfile).toMatch(/^EXPOSE 3000$/m);
    expect(dockerfile).toMatch(/^FROM node:20/m);
  });

  it('gives the API a DATABASE_URL for the db service that the configuration accepts', () => {
    const env = compose.services.api.environment;
    const db = compose.services.db.environment;
    const url = new URL(env.DATABASE_URL);
    expect(url.hostname).toBe('db');
    expect(url.username).toBe(db.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(db.POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${db.POSTGRES_DB}`);
    const config = loadConfig(env);
    expect(config).toMatchObject({ host: '0.0.0.0', port: 3000, databaseUrl: env.DATABASE_URL });
  });

  it('adds, under the replica profile, a streaming replica and an API that reads from it', () => {
    const db = compose.services.db;
    expect(db.command.join(' ')).toContain('wal_level=replica');
    const script = db.volumes.find((v: string) => v.includes('/docker-entrypoint-initdb.d/'));
    const scriptText = readFileSync(path.join(REPO_ROOT, script.split(':')[0]), 'utf8');
    expect(scriptText).toMatch(/CREATE ROLE replicator WITH REPLICATION/);
    expect(scriptText).toMatch(/host replication replicator/);

    const replica = compose.services['db-replica'];
    expect(replica.profiles).toEqual(['replica']);
    expect(replica.entrypoint.join(' ')).toMatch(/pg_basebackup -h db -U replicator .*-R -X stream/);
    expect(replica.environment.PGPASSWORD).toBe(db.environment.REPLICATION_PASSWORD);

    const api = compose.services['api-replica'];
    expect(api.profiles).toEqual(['replica']);
    expect(api.depends_on['db-replica'].condition).toBe('service_healthy');
    const config = loadConfig(api.environment);
    expect(config.databaseUrl).toBe(compose.services.api.environment.DATABASE_URL);
    expect(config.replicas.urls.map((u) => new URL(u).hostname)).toEqual(['db-replica']);
  });
});
