import path from 'node:path';
import type { Config } from '../config.js';
import { displayUrl } from './database-url.js';
import { startEmbeddedPostgres } from './embedded.js';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  /** Which database this is, for people (no password): the service logs it, the keys command prints it. */
  description: string;
  stop(): Promise<void>;
}

const APP_DATABASE = 'quotes';

/** DATABASE_URL when set; otherwise the embedded server, with the service's database created on first use. */
export async function resolveDatabase(config: Config, log: (message: string) => void): Promise<ResolvedDatabase> {
  if (config.databaseUrl) {
    return {
      url: config.databaseUrl,
      embedded: false,
      description: `${displayUrl(config.databaseUrl)} (DATABASE_URL)`,
      stop: async () => undefined,
    };
  }
  log(`No DATABASE_URL: starting the embedded Postgres server (data in ${config.embeddedPg.dir}).`);
  const server = await startEmbeddedPostgres({ dir: config.embeddedPg.dir, port: config.embeddedPg.port });
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [APP_DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${APP_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = server.urlFor(APP_DATABASE);
  return {
    url,
    embedded: true,
    description: `${displayUrl(url)} (the embedded server, data in ${path.resolve(config.embeddedPg.dir)})`,
    stop: () => server.stop(),
  };
}
