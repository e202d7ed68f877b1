import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { PrismaClient } from '../generated/prisma/client.js';
import { isDatabaseUnavailable } from './errors.js';
import type { QueryWatchdog } from './query-watchdog.js';

// Reads on streaming replicas. Each request that only reads (GET, HEAD, and the
// operations that say so) takes its statements to one healthy replica, chosen in
// turn; every other request, and everything outside a request, uses the primary.
// A monitor asks each replica how far it has replayed the primary's WAL: a replica
// that does not answer, or lags more than the allowed time, is left out until it
// recovers. A read that carries a consistency token (the primary's WAL position
// after a write) goes only to a replica that has replayed that far, else to the
// primary. A replica that fails a statement is left out and the statement runs again
// on the primary, so that losing a replica costs a client nothing.

/** A database that can answer reads: the primary or one replica. */
export interface ReadTarget {
  /** `primary`, or `replica-N` (N from 1, in the order of DATABASE_READ_URLS). */
  name: string;
  pool: pg.Pool;
  prisma: PrismaClient;
  /** Ends the connection of a query that stopped answering (src/db/query-watchdog.ts). */
  watchdog?: QueryWatchdog;
}

export interface ReplicaState {
  name: string;
  healthy: boolean;
  /** Milliseconds the replica is behind the primary, as of the last check (null when unknown). */
  lagMs: number | null;
  /** The WAL position the replica has replayed, as of the last check. */
  replayLsn: bigint | null;
}

/** A WAL position as Postgres writes it (`16/B374D848`), or null when it is not one. */
export function parseLsn(text: string): bigint | null {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
  if (!match) return null;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

interface RequestReads {
  /** The earliest WAL position the request may read from. */
  minLsn?: bigint;
  /** The database this request reads from, once chosen. */
  target?: ReadTarget;
}

interface Replica extends ReadTarget, ReplicaState {}

export interface ReadRoutingOptions {
  maxLagMs: number;
  checkIntervalMs: number;
  /** How long a check may wait for a replica's answer. */
  checkTimeoutMs: number;
  onStateChange?: (replica: ReplicaState) => void;
}

const REPLICA_STATUS = `SELECT pg_is_in_recovery() AS standby,
  pg_last_wal_replay_lsn()::text AS replayed,
  (EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::float8 AS since_replay`;

export class ReadRouting {
  private readonly replicas: Replica[];
  private readonly storage = new AsyncLocalStorage<RequestReads>();
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;

  constructor(
    private readonly primary: ReadTarget,
    replicas: ReadTarget[],
    private readonly options: ReadRoutingOptions,
  ) {
    this.replicas = replicas.map((r) => ({ ...r, healthy: false, lagMs: null, replayLsn: null }));
  }

  get targets(): ReadTarget[] {
    return [this.primary, ...this.replicas];
  }

  states(): ReplicaState[] {
    return this.replicas.map(({ name, healthy, lagMs, replayLsn }) => ({ name, healthy, lagMs, replayLsn }));
  }

  /** Checks every replica once, then again every checkIntervalMs until close(). */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.options.checkIntervalMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.checking;
  }

  /** Runs `work` (a request's handling) as a read, no earlier than `minLsn`. */
  runAsRead<T>(work: () => T, minLsn?: bigint): T {
    return this.storage.run({ minLsn }, work);
  }

  /** The database the current request reads from: the primary unless it is a read. */
  current(): ReadTarget {
    const reads = this.storage.getStore();
    if (!reads) return this.primary;
    reads.target ??= this.choose(reads.minLsn);
    return reads.target;
  }

  /**
   * Runs `statement` on the current request's database; when a replica cannot
   * answer it, the replica is left out and the statement runs on the primary.
   */
  async run<T>(statement: (target: ReadTarget) => Promise<T>): Promise<T> {
    const target = this.current();
    if (target === this.primary) return statement(target);
    try {
      return await statement(target);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      this.leaveOut(target as Replica);
      const reads = this.storage.getStore();
      if (reads) reads.target = this.primary;
      return statement(this.primary);
    }
  }

  /** A healthy replica that has replayed `minLsn`, in turn; the primary when there is none. */
  private choose(minLsn?: bigint): ReadTarget {
    const count = this.replicas.length;
    for (let i = 0; i < count; i++) {
      const replica = this.replicas[(this.next + i) % count]!;
      if (!replica.healthy || replica.lagMs === null || replica.lagMs > this.options.maxLagMs) continue;
      if (minLsn !== undefined && (replica.replayLsn === null || replica.replayLsn < minLsn)) continue;
      this.next = (this.next + i + 1) % count;
      return replica;
    }
    return this.primary;
  }

  private leaveOut(replica: Replica): void {
    if (!replica.healthy) return;
    replica.healthy = false;
    this.options.onStateChange?.(replica);
  }

  /** Asks the primary for its WAL position, then each replica how far it has replayed. */
  check(): Promise<void> {
    this.checking ??= this.checkAll().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async checkAll(): Promise<void> {
    let primaryLsn: bigint | null = null;
    try {
      const { rows } = await this.primary.pool.query<{ lsn: string }>(
        this.timed('SELECT pg_current_wal_lsn()::text AS lsn'),
      );
      primaryLsn = parseLsn(rows[0]!.lsn);
    } catch {
      // Without the primary's position, lag is read from replay times alone.
    }
    await Promise.all(this.replicas.map((replica) => this.checkReplica(replica, primaryLsn)));
  }

  private async checkReplica(replica: Replica, primaryLsn: bigint | null): Promise<void> {
    const before = replica.healthy;
    try {
      const { rows } = await replica.pool.query<{
        standby: boolean;
        replayed: string | null;
        since_replay: number | null;
      }>(this.timed(REPLICA_STATUS));
      const row = rows[0]!;
      replica.replayLsn = row.replayed === null ? null : parseLsn(row.replayed);
      // Caught up with the primary's position of a moment ago: no lag, however long
      // ago the last transaction was replayed (an idle primary writes none).
      const caughtUp = primaryLsn !== null && replica.replayLsn !== null && replica.replayLsn >= primaryLsn;
      replica.lagMs = caughtUp ? 0 : row.since_replay === null ? null : Math.max(0, row.since_replay);
      // A replica that was promoted no longer follows this primary.
      replica.healthy = row.standby;
    } catch {
      replica.healthy = false;
      replica.lagMs = null;
    }
    if (replica.healthy !== before) this.options.onStateChange?.(replica);
  }

  private timed(text: string): pg.QueryConfig {
    return { text, query_timeout: this.options.checkTimeoutMs } as pg.QueryConfig;
  }
}

/**
 * A pool whose queries go to the current request's database (see ReadRouting);
 * everything else about it is the primary's pool.
 */
export function routedPool(routing: ReadRouting, primary: pg.Pool): pg.Pool {
  return new Proxy(primary, {
    get(target, prop, receiver) {
      if (prop === 'query') {
        return (...args: unknown[]) =>
          routing.run((t) => (t.pool.query as (...a: unknown[]) => Promise<unknown>).apply(t.pool, args));
      }
      if (prop === 'connect') return () => routing.run((t) => t.pool.connect());
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

const ROUTED_CLIENT_METHODS = new Set(['$queryRaw', '$queryRawUnsafe']);

/**
 * A Prisma client whose model queries and raw queries go to the current request's
 * database (see ReadRouting); transactions go there too, without the retry, and the
 * rest of the client is the primary's.
 */
export function routedPrisma(routing: ReadRouting, primary: PrismaClient): PrismaClient {
  const models = new Map<string, object>();
  const model = (name: string) => {
    let delegate = models.get(name);
    if (!delegate) {
      delegate = new Proxy(
        {},
        {
          get(_target, method) {
            return (...args: unknown[]) =>
              routing.run((t) => {
                const target = (t.prisma as unknown as Record<string, Record<string | symbol, unknown>>)[name]!;
                return (target[method] as (...a: unknown[]) => Promise<unknown>).apply(target, args);
              });
          },
        },
      );
      models.set(name, delegate);
    }
    return delegate;
  };
  return new Proxy(primary, {
    get(target, prop, receiver) {
      if (typeof prop === 'string') {
        if (ROUTED_CLIENT_METHODS.has(prop)) {
          return (...args: unknown[]) =>
            routing.run((t) =>
              (t.prisma[prop as '$queryRaw'] as (...a: unknown[]) => Promise<unknown>).apply(t.prisma, args),
            );
        }
        if (prop === '$transaction') {
          const client = routing.current().prisma;
          return client.$transaction.bind(client);
        }
        if (!prop.startsWith('$') && !prop.startsWith('_')) {
          const value = Reflect.get(target, prop, receiver) as unknown;
          if (value && typeof value === 'object') return model(prop);
          return value;
        }
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}
