import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/client.js';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();

describe('inTransaction', () => {
  it('survives the server ending the connection between two queries, and the pool goes on', async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    pool.on('error', () => undefined);
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      await expect(
        inTransaction(pool, async (client) => {
          const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
          await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
          // The connection's 'error' event arrives while no query of ours runs.
          await new Promise((resolve) => setTimeout(resolve, 300));
          await client.query('SELECT 1');
        }),
      ).rejects.toThrow();
      const { rows } = await pool.query<{ x: number }>('SELECT 1 AS x');
      expect(rows[0]!.x).toBe(1);
    } finally {
      await admin.end();
      await pool.end();
    }
  });

  it('commits the work, or rolls all of it back', async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    try {
      await pool.query('CREATE TABLE t_tx (n int)');
      await inTransaction(pool, (c) => c.query('INSERT INTO t_tx VALUES (1)'));
      await expect(
        inTransaction(pool, async (c) => {
          await c.query('INSERT INTO t_tx VALUES (2)');
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      const { rows } = await pool.query<{ n: number }>('SELECT n FROM t_tx ORDER BY n');
      expect(rows.map((r) => r.n)).toEqual([1]);
    } finally {
      await pool.end();
    }
  });
});
