import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';

/**
 * The configuration of an app a command runs in its own process and calls with
 * inject(): silent, unlimited, working no queues, with a key of its own that the
 * command sends (`headers`).
 */
export function inProcessConfig(purpose: string): { config: Config; headers: { authorization: string } } {
  const key = `${purpose}-${randomBytes(24).toString('hex')}`;
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: 'silent',
    QUOTES_ADMIN_KEY: key,
    RATE_LIMIT_MAX: '100000000',
    JOB_WORKERS: '0',
  });
  return { config, headers: { authorization: `Bearer ${key}` } };
}

/** The app of `inProcessConfig` on a migrated database. */
export async function inProcessApp(
  purpose: string,
  databaseUrl: string,
): Promise<{ app: FastifyInstance; headers: { authorization: string } }> {
  const { config, headers } = inProcessConfig(purpose);
  return { app: await buildApp({ config, databaseUrl, logger: false }), headers };
}
