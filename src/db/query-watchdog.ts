import type pg from 'pg';

// A query that runs longer than a limit has its connection ended, so that a server
// or network that stopped answering cannot hold a request and a pool slot
// forever (statement_timeout stops a slow statement only on a server that still
// answers). One interval looks at the query each connection of the pool is
// running, instead of a timer for every query: pg's own query_timeout sets one per
// query, whose closure holds the query and its rows, and under load V8 then moved
// the rows of nearly every read to the old generation, with a full collection
// every second (list-by-speaker at 100,000 quotes: 0.58 of the baseline's
// throughput with it, 0.72 with this).

/**
 * What pg's Client has and its types do not show: the query it is running (its
 * public getter `activeQuery` is deprecated and warns; test/db/query-watchdog.test.ts
 * fails if a pg release renames the field).
 */
interface RunningClient {
  _activeQuery?: object | null;
  connection?: { stream?: { destroy(error?: Error): void } };
}

export interface QueryWatchdog {
  stop(): void;
}

/**
 * Watches the connections of `pool`: a query seen running for more than `limitMs`
 * (found within `limitMs` + `everyMs`) fails, its connection is ended, and the
 * pool replaces it.
 */
export function watchQueries(pool: pg.Pool, limitMs: number, everyMs = 1000): QueryWatchdog {
  const clients = new Set<pg.Client>();
  pool.on('connect', (client) => clients.add(client));
  pool.on('remove', (client) => clients.delete(client));
  // When each running query was first seen; a query's object is its identity.
  const seen = new WeakMap<object, number>();
  const timer = setInterval(() => {
    const now = Date.now();
    for (const client of clients) {
      const running = client as unknown as RunningClient;
      const query = running._activeQuery;
      if (!query) continue;
      const since = seen.get(query);
      if (since === undefined) seen.set(query, now);
      else if (now - since > limitMs) {
        // ETIMEDOUT: the database did not answer in time (isDatabaseUnavailable: a 503).
        const error = new Error(`The database did not answer a query within ${limitMs} ms; its connection was ended.`);
        running.connection?.stream?.destroy(Object.assign(error, { code: 'ETIMEDOUT' }));
      }
    }
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
