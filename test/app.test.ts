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

/** The app, writing its log at `level` into `lines` (emptied first). */
async function loggedApp(level: string) {
  const adminKey = randomAdminKey();
  const config = loadConfig({ LOG_LEVEL: level, LOG_PRETTY: 'false', QUOTES_ADMIN_KEY: adminKey });
  const app = await buildApp({ config, databaseUrl: db.url, logger: { ...(loggerOptions(config) as object), stream } });
  await app.ready();
  lines.length = 0;
  return { app, adminKey };
}

describe('request logging', () => {
  it('writes one line per request with its request id, and never the credentials', async () => {
    const { app, adminKey } = await loggedApp('info');
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

  it('refuses a key in the query string with 400 saying to send it as a bearer key, and logs no key from a URL, header or body', async () => {
    const { app, adminKey } = await loggedApp('debug');
    try {
      const created = await request(app.server)
        .post('/v1/keys')
        .set('authorization', `Bearer ${adminKey}`)
        .send({ name: 'in the url', scopes: ['read'] })
        .expect(201);
      const key: string = created.body.key;
      for (const name of ['api_key', 'access_token', 'key', 'token', 'apiKey', 'x-api-key', 'password']) {
        const res = await request(app.server).get(`/v1/quotes?limit=5&${name}=${encodeURIComponent(key)}`);
        expect(res.status, name).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.detail).toContain('Authorization: Bearer');
        expect(res.body.errors).toEqual([{ in: 'query', path: name, message: 'must not carry a credential' }]);
      }
      // Even with a valid key in its header, a request with one in the URL is refused.
      await request(app.server).get(`/v1/speakers?api_key=${key}`).set('authorization', `Bearer ${key}`).expect(400);
      // Parameters that carry no credential still work.
      await request(app.server).get('/v1/speakers?q=Whitfield').set('authorization', `Bearer ${key}`).expect(200);
      // Keys in other headers and in bodies.
      for (const header of ['x-api-key', 'api_key', 'token', 'x-access-token', 'secret', 'password']) {
        await request(app.server)
          .get('/v1/speakers')
          .set('authorization', `Bearer ${key}`)
          .set(header, key)
          .expect(200);
      }
      await request(app.server)
        .post('/v1/extract')
        .set('authorization', `Bearer ${key}`)
        .send({ text: 'x', password: key, token: key })
        .expect(400);
      // Whatever a log line carries under a secret's name is redacted.
      app.log.info(
        { headers: { 'x-api-key': key, token: key }, query: { access_token: key }, password: key },
        'secrets by name',
      );
      expect(lines.find((l) => l.msg === 'secrets by name')).toMatchObject({
        headers: { 'x-api-key': '[redacted]', token: '[redacted]' },
        query: { access_token: '[redacted]' },
        password: '[redacted]',
      });

      const logged = JSON.stringify(lines);
      expect(logged).not.toContain(key);
      expect(logged).not.toContain(adminKey);
      const refused = lines.find((l) => l.msg === 'request' && String(l.url).startsWith('/v1/quotes?limit=5&api_key='));
      expect(refused).toMatchObject({ url: '/v1/quotes?limit=5&api_key=[redacted]', status: 400 });
    } finally {
      await app.close();
    }
  });
});
