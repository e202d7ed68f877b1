import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { watchQueries } from './query-watchdog.js';
import { poolTypes } from './timestamps.js';
import { ReadRouting, routedPool, routedPrisma, type ReadTarget, type ReplicaState } from './replicas.js';

export type { PrismaClient };

export interface DatabaseOptions {
  url: string;
  poolSize: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  onPoolError?: (error: Error) => void;
  /** Streaming replicas of `url` that answer reads (src/db/replicas.ts). */
  replicas?: {
    urls: string[];
    maxLagMs: number;
    checkIntervalMs: number;
    onStateChange?: (replica: ReplicaState) => void;
  };
}

export interface Database {
  /** The client repositories use: during a request that only reads, it reads from a replica when there is one. */
  prisma: PrismaClient;
  /** The pool repositories use, routed like `prisma`. */
  pool: pg.Pool;
  /** The primary itself, for what must see every write at once (API keys). */
  primary: ReadTarget;
  /** Where reads go, when there are replicas. */
  routing?: ReadRouting;
  /** True when the server answers a trivial query within the connect timeout. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

function createTarget(name: string, url: string, options: DatabaseOptions): ReadTarget {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs,
    // A stuck query must not hold a request (and a pool slot) forever: the server
    // stops a slow statement, and the watchdog below a server that stopped answering.
    statement_timeout: options.statementTimeoutMs,
    idleTimeoutMillis: 30_000,
    // Timestamps read by position (timestamps.ts); Prisma's queries bring their own parsers.
    types: poolTypes,
    application_name: name === 'primary' ? 'quote-attribution-service' : `quote-attribution-service ${name}`,
  });
  // Errors on idle clients (a restarted server) must not crash the process.
  pool.on('error', (error) => options.onPoolError?.(error));
  const watchdog = watchQueries(pool, options.statementTimeoutMs + 1000);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: false }) });
  return { name, pool, prisma, watchdog };
}

export function createDatabase(options: DatabaseOptions): Database {
  const primary = createTarget('primary', options.url, options);
  const replicaUrls = options.replicas?.urls ?? [];
  const routing =
    replicaUrls.length === 0
      ? undefined
      : new ReadRouting(
          primary,
          replicaUrls.map((url, i) => createTarget(`replica-${i + 1}`, url, options)),
          {
            maxLagMs: options.replicas!.maxLagMs,
            checkIntervalMs: options.replicas!.checkIntervalMs,
            checkTimeoutMs: options.connectTimeoutMs,
            onStateChange: options.replicas!.onStateChange,
          },
        );
  return {
    prisma: routing ? routedPrisma(routing, primary.prisma) : primary.prisma,
    pool: routing ? routedPool(routing, primary.pool) : primary.pool,
    primary,
    routing,
    async ping() {
      try {
        await primary.pool.query({ text: 'SELECT 1', query_timeout: options.connectTimeoutMs } as pg.QueryConfig);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await routing?.close();
      for (const target of routing?.targets ?? [primary]) {
        target.watchdog?.stop();
        await target.prisma.$disconnect();
        await target.pool.end();
      }
    },
  };
}

/**
 * Runs `work` on one connection of the pool, in a transaction. pg-pool takes its
 * error listener off a client while it is checked out, so a server that ends the
 * connection between two queries would raise an unhandled 'error' event and stop
 * the process; here the error is kept and the connection is dropped instead, and
 * `work` sees the failure through its next query.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost = error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.removeListener('error', onError);
    client.release(lost);
    return result;
  } catch (error) {
    // A connection that cannot roll back is dropped, not returned to the pool.
    const broken =
      lost ??
      (await client.query('ROLLBACK').then(
        () => undefined,
        (e: Error) => e,
      ));
    client.removeListener('error', onError);
    client.release(broken ?? lost);
    throw error;
  }
}
