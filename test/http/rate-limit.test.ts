import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { randomAdminKey, startTestApp, withKey, type TestApp } from '../support/app.js';

// Both stores: in memory, and Redis shared by two replicas (the real Redis at
// REDIS_URL, or 127.0.0.1:6379), each test with key names of its own.

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const prefixes: string[] = [];
const apps: TestApp[] = [];

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  const redis = new Redis(REDIS_URL);
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
});

async function start(env: Record<string, string>): Promise<TestApp> {
  const t = await startTestApp({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '600000', ...env });
  apps.push(t);
  return t;
}

function expectLimited(res: request.Response) {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    type: 'http://localhost:3000/problems/rate-limited',
    status: 429,
    title: 'Too many requests',
  });
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.headers['ratelimit-limit']).toBe('3');
  expect(res.headers['ratelimit-remaining']).toBe('0');
}

describe('rate limits in memory', () => {
  it('counts per API key, with RateLimit headers, and answers 429 problem+json with Retry-After', async () => {
    const t = await start({});
    const first = await t.api().get('/v1/articles').expect(200);
    expect(first.headers['ratelimit-limit']).toBe('3');
    expect(first.headers['ratelimit-remaining']).toBe('2');
    expect(Number(first.headers['ratelimit-reset'])).toBeGreaterThan(0);
    await t.api().get('/v1/articles').expect(200);
    await t.api().get('/v1/speakers').expect(200);
    expectLimited(await t.api().get('/v1/articles'));
    const before = await t.app.db.prisma.speaker.count();
    expectLimited(await t.api().post('/v1/speakers').send({ name: 'Over The Limit' }));
    expect(await t.app.db.prisma.speaker.count()).toBe(before);

    // Another key has a budget of its own.
    const other = await t.app.apiKeys.create({ scopes: ['read'] });
    await withKey(t.app, other.key).get('/v1/articles').expect(200);
    // Health and docs are not limited.
    await request(t.app.server).get('/health/live').expect(200);
  });

  it('counts anonymous callers by address, failed key guesses included', async () => {
    const t = await start({ PUBLIC_READ: 'true' });
    await request(t.app.server).get('/v1/articles').expect(200);
    await request(t.app.server).get('/v1/articles').set('authorization', 'Bearer guess-1').expect(401);
    await request(t.app.server).get('/v1/articles').set('authorization', 'Bearer guess-2').expect(401);
    expectLimited(await request(t.app.server).get('/v1/articles').set('authorization', 'Bearer guess-3'));
    await t.api().get('/v1/articles').expect(200);
  });

  it('tells anonymous clients behind TRUST_PROXY_HOPS proxies apart by X-Forwarded-For', async () => {
    const t = await start({ PUBLIC_READ: 'true', TRUST_PROXY_HOPS: '1' });
    const from = (address: string) => request(t.app.server).get('/v1/articles').set('x-forwarded-for', address);
    for (let i = 0; i < 3; i++) await from('203.0.113.7').expect(200);
    expectLimited(await from('203.0.113.7'));
    await from('198.51.100.2').expect(200);
  });
});

describe('rate limits in Redis', () => {
  it('are shared by replicas', async () => {
    const prefix = `quotes-test:${randomUUID()}:`;
    prefixes.push(prefix);
    const adminKey = randomAdminKey();
    const env = { REDIS_URL, REDIS_KEY_PREFIX: prefix, QUOTES_ADMIN_KEY: adminKey };
    const a = await start(env);
    const b = await start(env);
    const one = await a.api().get('/v1/articles').expect(200);
    expect(one.headers['ratelimit-remaining']).toBe('2');
    const two = await b.api().get('/v1/articles').expect(200);
    expect(two.headers['ratelimit-remaining']).toBe('1');
    await a.api().get('/v1/articles').expect(200);
    expectLimited(await b.api().get('/v1/articles'));
    expectLimited(await a.api().get('/v1/articles'));

    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${prefix}*`);
      expect(keys).toEqual([`${prefix}rate-limit:key:bootstrap`]);
    } finally {
      await redis.quit();
    }
  });

  it('let requests through while Redis is unreachable', async () => {
    const t = await start({ REDIS_URL: 'redis://127.0.0.1:1', REDIS_KEY_PREFIX: `quotes-test:${randomUUID()}:` });
    await t.api().get('/v1/articles').expect(200);
  });
});
