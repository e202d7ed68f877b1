import { Writable } from 'node:stream';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildApp, loggerOptions } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { randomAdminKey } from './support/app.js';
import { useTestDatabase } from './support/database.js';

const db = useTestDatabase();
const lines: Record<string, unknown>[] = [];
const stream = new Writable({
  write(chunk, _enc, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

describe('request logging', () => {
  it('writes one line per request with its request id, and never the credentials', async () => {
    const adminKey = randomAdminKey();
    const config = loadConfig({ LOG_LEVEL: 'info', LOG_PRETTY: 'false', QUOTES_ADMIN_KEY: adminKey });
    const app = await buildApp({
      config,
      databaseUrl: db.url,
      logger: { ...(loggerOptions(config) as object), stream },
    });
    await app.ready();
    try {
      const res = await request(app.server)
        .get('/v1/speakers')
        .set('authorization', `Bearer ${adminKey}`)
        .set('x-request-id', 'trace-123')
        .expect(200);
      expect(res.headers['x-request-id']).toBe('trace-123');
      const mine = lines.filter((l) => l.reqId === 'trace-123');
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ msg: 'request', method: 'GET', url: '/v1/speakers', status: 200 });

      await request(app.server).get('/v1/quotes/not-a-uuid').set('authorization', `Bearer ${adminKey}`).expect(400);
      // A wrong key is refused, and is not written down either.
      await request(app.server).get('/v1/quotes').set('authorization', 'Bearer secret-key-material').expect(401);
      // A created key appears in its answer only.
      const created = await request(app.server)
        .post('/v1/keys')
        .set('authorization', `Bearer ${adminKey}`)
        .send({ name: 'logged?', scopes: ['read'] })
        .expect(201);
      await request(app.server).get('/v1/speakers').set('authorization', `Bearer ${created.body.key}`).expect(200);
      const generated = lines.filter((l) => l.msg === 'request' && l.url === '/v1/quotes/not-a-uuid');
      expect(generated).toHaveLength(1);
      expect(String(generated[0]!.reqId)).toMatch(/^[0-9a-f-]{36}$/);
      const logged = JSON.stringify(lines);
      for (const secret of ['secret-key-material', adminKey, created.body.key]) expect(logged).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});
