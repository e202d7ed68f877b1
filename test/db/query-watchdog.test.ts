import { createServer, connect, type Socket } from 'node:net';
import { once } from 'node:events';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/db/errors.js';
import { watchQueries } from '../../src/db/query-watchdog.js';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();

/** A TCP relay to the test server that can stop passing the server's answers on, as a network that fails silently does. */
async function silenceableRelay(target: URL) {
  let silent = false;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d) => {
      if (!silent) client.write(d);
    });
    for (const s of [client, upstream]) {
      s.on('error', () => undefined);
      s.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    silence: (on: boolean) => (silent = on),
    async close() {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

describe('watchQueries', () => {
  it('ends the connection of a query the server stopped answering, as unavailable, and the pool goes on', async () => {
    const relay = await silenceableRelay(new URL(db.url));
    const pool = new pg.Pool({ connectionString: relay.url, max: 1 });
    pool.on('error', () => undefined);
    const watchdog = watchQueries(pool, 300, 50);
    try {
      expect((await pool.query('SELECT 1 AS x')).rows[0].x).toBe(1);
      // A query within the limit is left alone.
      expect((await pool.query('SELECT pg_sleep(0.2), 2 AS x')).rows[0].x).toBe(2);
      relay.silence(true);
      const started = Date.now();
      const error = await pool.query('SELECT 3').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/did not answer a query within 300 ms/);
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(Date.now() - started).toBeLessThan(2000);
      relay.silence(false);
      expect((await pool.query('SELECT 4 AS x')).rows[0].x).toBe(4);
    } finally {
      watchdog.stop();
      await pool.end();
      await relay.close();
    }
  });
});
