import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';

export type { PrismaClient };

export interface DatabaseOptions {
  url: string;
  poolSize: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  onPoolError?: (error: Error) => void;
}

export interface Database {
  prisma: PrismaClient;
  pool: pg.Pool;
  /** True when the server answers a trivial query within the connect timeout. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export function createDatabase(options: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs,
    // A stuck query must not hold a request (and a pool slot) forever.
    statement_timeout: options.statementTimeoutMs,
    query_timeout: options.statementTimeoutMs + 1000,
    idleTimeoutMillis: 30_000,
    application_name: 'quote-attribution-service',
  });
  // Errors on idle clients (a restarted server) must not crash the process.
  pool.on('error', (error) => options.onPoolError?.(error));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: false }) });

  return {
    prisma,
    pool,
    async ping() {
      try {
        await pool.query({ text: 'SELECT 1', query_timeout: options.connectTimeoutMs } as pg.QueryConfig);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
