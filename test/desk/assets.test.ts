import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';

// How the desk's page and assets are served: the page checked on every visit,
// assets under a path named after their content, kept a year and compressed;
// none of it reaching the API's answers.

const t = useTestApp();

async function page() {
  const res = await t.app.inject({ method: 'GET', url: '/' });
  const assets = [...res.body.matchAll(/(?:href|src)="(\/desk\/[^"]+)"/g)].map((m) => m[1]!);
  return { res, assets };
}

describe('the desk page and its assets', () => {
  it('answers the page with an ETag to check it by, and 304 when it has not changed', async () => {
    const { res } = await page();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    const etag = String(res.headers.etag);
    const again = await t.app.inject({ method: 'GET', url: '/', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('names its assets under one versioned path, each kept a year and compressed', async () => {
    const { assets } = await page();
    expect(assets.length).toBeGreaterThan(1);
    const version = /^\/desk\/([0-9a-f]{12})\//.exec(assets[0]!)?.[1];
    expect(version).toBeDefined();
    for (const asset of assets) {
      expect(asset.startsWith(`/desk/${version}/`)).toBe(true);
      const res = await t.app.inject({ method: 'GET', url: asset, headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    }
    const chartLibrary = `/desk/${version}/vendor/uPlot.iife.min.js`;
    const library = await t.app.inject({ method: 'GET', url: chartLibrary, headers: { 'accept-encoding': 'gzip' } });
    expect(library.headers['content-encoding']).toBe('gzip');
    const plain = await t.app.inject({ method: 'GET', url: chartLibrary });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.etag).toBeDefined();
    const unchanged = await t.app.inject({
      method: 'GET',
      url: chartLibrary,
      headers: { 'if-none-match': String(plain.headers.etag) },
    });
    expect(unchanged.statusCode).toBe(304);
    const stale = await t.app.inject({ method: 'GET', url: '/desk/000000000000/app.js' });
    expect(stale.statusCode).toBe(404);
  });

  it('leaves the API uncompressed and without the desk policy', async () => {
    const res = await t.api().get('/v1/speakers').set('accept-encoding', 'br, gzip').expect(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
  });
});
