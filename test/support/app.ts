import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { afterEach } from 'vitest';
import { ContractRecorder } from './contract.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { forAllTests } from './lifecycle.js';

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  config: Config;
  /** The bootstrap key (QUOTES_ADMIN_KEY) the app runs with: every scope. */
  adminKey: string;
  /** A supertest agent that sends the admin key with every request. */
  api(): ReturnType<typeof request.agent>;
  /** What the answers sent since the last call break in openapi.yaml (test/support/contract.ts). */
  contractViolations(): string[];
  close(): Promise<void>;
}

export function randomAdminKey(): string {
  return `test-admin-${randomBytes(24).toString('base64url')}`;
}

/** A supertest agent that sends `key` as its bearer key with every request. */
export function withKey(app: FastifyInstance, key: string) {
  return request.agent(app.server).set('authorization', `Bearer ${key}`);
}

export interface TestAppOptions {
  /**
   * Check every answer against openapi.yaml (the default). A test that times the
   * service's event loop turns it off: checking a multi-megabyte answer takes the
   * same loop for longer than the request it follows.
   */
  contract?: boolean;
  /** Run on the app's database before the app starts (after the migrations). */
  prepare?: (databaseUrl: string) => Promise<void>;
}

/** The real app, authentication on, on a database of its own; `env` overrides configuration. */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  await options.prepare?.(db.url);
  const adminKey = env.QUOTES_ADMIN_KEY ?? randomAdminKey();
  // Apps work no queues unless a test asks (JOB_WORKERS): jobs are only queued.
  const config = loadConfig({ LOG_LEVEL: 'silent', JOB_WORKERS: '0', ...env, QUOTES_ADMIN_KEY: adminKey });
  const contract = new ContractRecorder();
  const app = await buildApp({
    config,
    databaseUrl: db.url,
    logger: false,
    ...(options.contract === false ? {} : { observeResponse: contract.observe }),
  });
  await app.ready();
  return {
    app,
    db,
    config,
    adminKey,
    api: () => withKey(app, adminKey),
    contractViolations: () => contract.take(),
    async close() {
      const violations = contract.take();
      await app.close();
      await db.drop();
      if (violations.length > 0)
        throw new Error(`answers that openapi.yaml does not declare:\n${violations.join('\n')}`);
    },
  };
}

/**
 * The app of this test file (or describe block), on a database of its own: started
 * before its tests and closed after them; `env` overrides configuration.
 */
export function useTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Omit<TestApp, 'close'> {
  const current = forAllTests(
    'useTestApp()',
    () => startTestApp(env, options),
    (t) => t.close(),
  );
  // Each test answers for the answers it caused.
  afterEach(() => {
    const violations = current().contractViolations();
    if (violations.length > 0) throw new Error(`answers that openapi.yaml does not declare:\n${violations.join('\n')}`);
  });
  return {
    get app() {
      return current().app;
    },
    get db() {
      return current().db;
    },
    get config() {
      return current().config;
    },
    get adminKey() {
      return current().adminKey;
    },
    api: () => current().api(),
    contractViolations: () => current().contractViolations(),
  };
}
