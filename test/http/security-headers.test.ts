import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { startTestApp, useTestApp } from '../support/app.js';

const t = useTestApp();
const withCors = useTestApp({ CORS_ORIGINS: 'https://newsroom.example, https://checkers.example' });

describe('security headers', () => {
  it('sends a deny-all content security policy and the usual hardening headers with API answers and errors', async () => {
    for (const res of [
      await t.api().get('/v1/articles').expect(200),
      await request(t.app.server).get('/v1/articles').expect(401),
    ]) {
      expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('keeps /docs working with a policy that lets Swagger UI run', async () => {
    const page = await request(t.app.server).get('/docs/').expect(200);
    expect(page.text).toMatch(/swagger/i);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toContain('upgrade-insecure-requests');
    const initializer = await request(t.app.server).get('/docs/static/swagger-initializer.js').expect(200);
    expect(initializer.text).toContain('SwaggerUIBundle');
    await request(t.app.server).get('/docs/static/swagger-ui-bundle.js').expect(200);
  });
});

describe('CORS', () => {
  it('allows no origin by default', async () => {
    const res = await t.api().get('/v1/articles').set('origin', 'https://newsroom.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows the configured origins only, with the headers the API uses', async () => {
    const preflight = await request(withCors.app.server)
      .options('/v1/articles')
      .set('origin', 'https://newsroom.example')
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'authorization, content-type, idempotency-key')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://newsroom.example');
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect(preflight.headers['access-control-allow-headers']).toContain('idempotency-key');

    const res = await withCors.api().get('/v1/articles').set('origin', 'https://checkers.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('https://checkers.example');
    expect(res.headers['access-control-expose-headers']).toContain('ratelimit-remaining');

    const other = await withCors.api().get('/v1/articles').set('origin', 'https://evil.example').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a CORS_ORIGINS entry that is not an origin', async () => {
    await expect(startTestApp({ CORS_ORIGINS: 'newsroom' })).rejects.toThrow(/CORS_ORIGINS/);
  });
});
