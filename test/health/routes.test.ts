import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { randomAdminKey, startTestApp, withKey } from '../support/app.js';
import { ContractRecorder } from '../support/contract.js';

describe('health', () => {
  it('is live and ready with a database', async () => {
    const t = await startTestApp();
    try {
      await request(t.app.server).get('/health/live').expect(200, { status: 'ok' });
      await request(t.app.server).get('/health/ready').expect(200, { status: 'ready' });
    } finally {
      await t.close();
    }
  });

  it('is live but not ready, with 503 problem+json, while the database is unreachable', async () => {
    const adminKey = randomAdminKey();
    const config = loadConfig({ LOG_LEVEL: 'silent', DB_CONNECT_TIMEOUT_MS: '500', QUOTES_ADMIN_KEY: adminKey });
    // Nothing listens on port 1.
    const contract = new ContractRecorder();
    const app = await buildApp({
      config,
      databaseUrl: 'postgresql://postgres@127.0.0.1:1/none',
      logger: false,
      observeResponse: contract.observe,
    });
    await app.ready();
    try {
      await request(app.server).get('/health/live').expect(200);
      const ready = await request(app.server).get('/health/ready').expect(503);
      expect(ready.headers['content-type']).toMatch(/problem\+json/);
      expect(ready.headers['retry-after']).toBe('5');
      const list = await withKey(app, adminKey).get('/v1/articles').expect(503);
      expect(list.body).toMatchObject({ type: 'http://localhost:3000/problems/service-unavailable', status: 503 });
      expect(JSON.stringify(list.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
      expect(contract.take()).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
