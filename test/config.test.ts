import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('has defaults for running with no set-up', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: undefined,
      embeddedPg: { dir: '.data/postgres' },
    });
    expect(c.bodyLimitBytes).toBe(2 * 1024 * 1024);
  });

  it('reads overrides and treats empty variables as unset', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: '',
      BODY_LIMIT_BYTES: '4096',
      LOG_PRETTY: 'false',
    });
    expect(c).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      databaseUrl: undefined,
      bodyLimitBytes: 4096,
      log: { pretty: false },
    });
  });

  it('names every bad variable', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL']) expect(message).toContain(name);
    }
  });

  it('reads the protection settings, with safe defaults', () => {
    expect(loadConfig({})).toMatchObject({
      auth: { publicRead: false, adminKey: undefined },
      metrics: { public: false },
      rateLimit: { max: 600, windowMs: 60_000 },
      redis: { url: undefined, keyPrefix: 'quotes:' },
      idempotencyTtlSeconds: 86_400,
      requestTimeoutMs: 30_000,
      maxUrlLength: 4096,
      corsOrigins: [],
      trustProxyHops: 0,
    });
    const c = loadConfig({
      PUBLIC_READ: 'true',
      METRICS_PUBLIC: 'yes',
      QUOTES_ADMIN_KEY: 'k'.repeat(32),
      REDIS_URL: 'redis://127.0.0.1:6379',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(c).toMatchObject({
      auth: { publicRead: true },
      metrics: { public: true },
      redis: { url: 'redis://127.0.0.1:6379' },
    });
    expect(c.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('refuses a short admin key, a bad Redis URL and origins that are not URLs', () => {
    for (const [name, value] of [
      ['QUOTES_ADMIN_KEY', 'short'],
      ['REDIS_URL', 'http://x'],
      ['CORS_ORIGINS', 'a.example'],
      ['PUBLIC_READ', 'maybe'],
      ['METRICS_PUBLIC', 'open'],
      ['CLAIMREVIEW_AUTHOR_URL', 'factdesk.example'],
    ]) {
      expect(() => loadConfig({ [name!]: value! })).toThrow(name);
    }
  });

  it('names the author of ClaimReview answers', () => {
    expect(loadConfig({}).claimReviewAuthor).toEqual({ name: 'Quote attribution service', url: undefined });
    expect(
      loadConfig({ CLAIMREVIEW_AUTHOR_NAME: 'Harbour Fact Desk', CLAIMREVIEW_AUTHOR_URL: 'https://factdesk.example/' })
        .claimReviewAuthor,
    ).toEqual({ name: 'Harbour Fact Desk', url: 'https://factdesk.example/' });
  });
});
