import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { parseLsn } from '../../src/db/replicas.js';
import { randomAdminKey, useTestApp } from '../support/app.js';
import { ContractRecorder } from '../support/contract.js';
import { sampleArticle } from '../support/fixtures.js';
import { postgresBinaries, startReplicatedCluster, type ReplicatedCluster } from '../support/replica.js';

// Reads on a real streaming replica (made by the tests from the machine's
// PostgreSQL binaries): they are answered by the replica, a read that carries the
// consistency token of a write sees it even while the replica's replay is paused,
// a replica that lags too far is left out, and with the replica stopped reads go
// on from the primary, with no 5xx, until it is back.

const REPLICA_APP = 'quote-attribution-service replica-1';

const until = async (check: () => Promise<boolean>, what: string, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('consistency tokens without replicas', () => {
  const t = useTestApp();

  it('refuses a malformed token with 400, and a write sends none', async () => {
    const res = await t.api().get('/v1/quotes').set('quotes-consistency', 'not-a-position').expect(400);
    expect(res.body.detail).toMatch(/quotes-consistency/);
    const written = await t.api().post('/v1/articles').send(sampleArticle()).expect(201);
    expect(written.headers['quotes-consistency']).toBeUndefined();
    await t.api().get('/v1/quotes').set('quotes-consistency', '0/0').expect(200);
  });
});

const bin = postgresBinaries('the read replica tests');

describe.runIf(bin)('reads on a streaming replica', () => {
  let cluster: ReplicatedCluster;
  const apps: { app: FastifyInstance; contract: ContractRecorder }[] = [];
  const adminKey = randomAdminKey();

  async function startApp(env: Record<string, string>) {
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      QUOTES_ADMIN_KEY: adminKey,
      DATABASE_READ_URLS: cluster.replicaUrl,
      REPLICA_CHECK_INTERVAL_MS: '100',
      ...env,
    });
    const contract = new ContractRecorder();
    const app = await buildApp({
      config,
      databaseUrl: cluster.primaryUrl,
      logger: false,
      observeResponse: contract.observe,
    });
    await app.ready();
    apps.push({ app, contract });
    return { app, api: () => request.agent(app.server).set('authorization', `Bearer ${adminKey}`) };
  }

  const replicaConnections = async () =>
    Number(
      (
        await cluster.onReplica<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = '${REPLICA_APP}'`,
        )
      )[0]!.n,
    );

  beforeAll(async () => {
    cluster = await startReplicatedCluster(bin!);
  }, 120_000);

  afterAll(async () => {
    for (const { app, contract } of apps) {
      await app.close();
      expect(contract.take()).toEqual([]);
    }
    cluster?.close();
  });

  it('answers reads from the replica, and a read with the token of a write sees it while replay is paused', async () => {
    // A replica never left out for lag, so that what it has not replayed shows.
    const { api } = await startApp({ REPLICA_MAX_LAG_MS: '600000' });
    const first = await api().post('/v1/articles').send(sampleArticle()).expect(201);
    const token = first.headers['quotes-consistency'] as string;
    expect(parseLsn(token)).not.toBeNull();
    // Once the replica has replayed the write, reads with its token go there.
    await until(
      async () => (await api().get(`/v1/articles/${first.body.id}`)).status === 200,
      'the replica has the article',
    );
    await api().get(`/v1/articles/${first.body.id}`).set('quotes-consistency', token).expect(200);
    expect(await replicaConnections()).toBeGreaterThan(0);
    // The lag is known once a check finds the replica caught up or reads its replay time; a check made while
    // a background write (jobs, the alert relay) is in flight may find neither for a moment.
    const lagLine = /^quotes_db_replica_lag_seconds\{target="replica-1"\} [\d.e-]+$/m;
    let metrics = '';
    await until(async () => {
      metrics = (await api().get('/metrics').expect(200)).text;
      return lagLine.test(metrics);
    }, 'the replica lag is known');
    expect(metrics).toMatch(/^quotes_db_replica_healthy\{target="replica-1"\} 1$/m);
    expect(metrics).toMatch(/^quotes_db_pool_connections\{target="replica-1"\} [1-9]/m);
    expect(metrics).toMatch(/^quotes_db_pool_connections\{target="primary"\} [1-9]/m);

    await cluster.onReplica('SELECT pg_wal_replay_pause()');
    try {
      const second = await api().post('/v1/articles').send(sampleArticle()).expect(201);
      const secondToken = second.headers['quotes-consistency'] as string;
      expect(parseLsn(secondToken)! > parseLsn(token)!).toBe(true);
      // Without the token the read goes to the paused replica, which has not seen the write...
      await api().get(`/v1/articles/${second.body.id}`).expect(404);
      // ...with it, to a database that has.
      const seen = await api().get(`/v1/articles/${second.body.id}`).set('quotes-consistency', secondToken).expect(200);
      expect(seen.body.quotes.length).toBeGreaterThan(0);
      await api()
        .get('/v1/quotes')
        .query({ q: 'library' })
        .set('quotes-consistency', secondToken)
        .expect(200)
        .expect((res) =>
          expect(res.body.items.map((q: { article: { id: string } }) => q.article.id)).toContain(second.body.id),
        );
    } finally {
      await cluster.onReplica('SELECT pg_wal_replay_resume()');
    }
  });

  it('leaves out a replica that lags more than REPLICA_MAX_LAG_MS', async () => {
    const { api } = await startApp({ REPLICA_MAX_LAG_MS: '200' });
    await cluster.onReplica('SELECT pg_wal_replay_pause()');
    try {
      const written = await api().post('/v1/articles').send(sampleArticle()).expect(201);
      // Soon the replica is too far behind, and reads without a token see the write too.
      await until(
        async () => (await api().get(`/v1/articles/${written.body.id}`)).status === 200,
        'the lagging replica is left out',
      );
    } finally {
      await cluster.onReplica('SELECT pg_wal_replay_resume()');
    }
  });

  it('keeps answering from the primary while the replica is stopped, and returns to it once it is back', async () => {
    const { app, api } = await startApp({ REPLICA_MAX_LAG_MS: '600000' });
    const written = await api().post('/v1/articles').send(sampleArticle()).expect(201);
    await until(
      async () => (await api().get(`/v1/articles/${written.body.id}`)).status === 200,
      'the replica has the article',
    );

    cluster.stopReplica();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push((await api().get(`/v1/articles/${written.body.id}`)).status);
      statuses.push((await api().get('/v1/quotes').query({ q: 'library' })).status);
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(app.db.routing!.states()[0]!.healthy).toBe(false);

    cluster.startReplica();
    // A check's own connection shows on the replica before the check has found it healthy, so the wait is
    // for the state the router reads.
    await until(async () => {
      await api().get(`/v1/articles/${written.body.id}`).expect(200);
      return app.db.routing!.states()[0]!.healthy;
    }, 'the replica is back in use');
    await api().get(`/v1/articles/${written.body.id}`).expect(200);
    expect(await replicaConnections()).toBeGreaterThan(0);
  });
});
