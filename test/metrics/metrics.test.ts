import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { sampleArticle } from '../support/fixtures.js';
import { problemType } from '../../src/http/problem.js';
import { useTestApp, withKey } from '../support/app.js';

/** The value of the sample `name` whose labels include `labels`, from a Prometheus text answer. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(m[3]);
  }
  return undefined;
}

const t = useTestApp();

async function keyWith(scopes: string[]): Promise<string> {
  const res = await t.api().post('/v1/keys').send({ scopes }).expect(201);
  return res.body.key;
}

async function scrape(): Promise<string> {
  const res = await t.api().get('/metrics').expect(200);
  expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  return res.text;
}

describe('GET /metrics', () => {
  it('counts requests and their time by route pattern and status, not by URL', async () => {
    const id = randomUUID();
    await t.api().get('/v1/articles').expect(200);
    await t.api().get(`/v1/articles/${id}`).expect(404);
    await t.api().get(`/v1/articles/${id}`).expect(404);
    await request(t.app.server).get(`/no-such-${id}`).expect(404);
    const text = await withKey(t.app, await keyWith(['read']))
      .get('/metrics')
      .expect(200)
      .then((r) => r.text);

    expect(sample(text, 'http_requests_total', { method: 'GET', route: '/v1/articles', status_code: '200' })).toBe(1);
    expect(sample(text, 'http_requests_total', { method: 'GET', route: '/v1/articles/:id', status_code: '404' })).toBe(
      2,
    );
    expect(sample(text, 'http_requests_total', { route: 'unmatched', status_code: '404' })).toBe(1);
    const byId = { method: 'GET', route: '/v1/articles/:id', status_code: '404' };
    expect(sample(text, 'http_request_duration_seconds_count', byId)).toBe(2);
    expect(sample(text, 'http_request_duration_seconds_bucket', { ...byId, le: '+Inf' })).toBe(2);
    expect(sample(text, 'http_request_duration_seconds_sum', byId)).toBeGreaterThan(0);
    expect(text).not.toContain(id);
  });

  it("shows the database pool's connections, labelled with the primary as target", async () => {
    await t.api().get('/v1/articles').expect(200);
    const text = await scrape();
    const connections = sample(text, 'quotes_db_pool_connections', { target: 'primary' });
    const idle = sample(text, 'quotes_db_pool_idle_connections', { target: 'primary' });
    expect(connections).toBeGreaterThanOrEqual(1);
    expect(connections).toBeLessThanOrEqual(t.config.db.poolSize);
    expect(idle).toBeGreaterThanOrEqual(0);
    expect(idle).toBeLessThanOrEqual(connections!);
    expect(sample(text, 'quotes_db_pool_waiting_clients', { target: 'primary' })).toBe(0);
  });

  it('shows the default process metrics', async () => {
    const text = await scrape();
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('counts ingested articles and quotes, and times their extraction', async () => {
    const counters = (text: string) => ({
      articles: sample(text, 'quotes_ingested_articles_total') ?? NaN,
      quotes: sample(text, 'quotes_ingested_quotes_total') ?? NaN,
      extractions: sample(text, 'quotes_extraction_seconds_count') ?? NaN,
    });
    const before = counters(await scrape());

    const article = sampleArticle();
    const created = await t.api().post('/v1/articles').send(article).expect(201);
    expect(created.body.quotes.length).toBeGreaterThan(0);
    const afterOne = counters(await scrape());
    expect(afterOne).toEqual({
      articles: before.articles + 1,
      quotes: before.quotes + created.body.quotes.length,
      extractions: before.extractions + 1,
    });

    // An article already stored is not counted again.
    await t.api().post('/v1/articles').send(article).expect(200);
    expect(counters(await scrape())).toEqual(afterOne);

    const batch = [sampleArticle(), sampleArticle()];
    const res = await t
      .api()
      .post('/v1/articles:batch')
      .set('content-type', 'application/x-ndjson')
      .send(batch.map((a) => JSON.stringify(a)).join('\n'))
      .expect(200);
    expect(res.body.created).toBe(2);
    const afterBatch = counters(await scrape());
    expect(afterBatch.articles).toBe(afterOne.articles + 2);
    expect(afterBatch.extractions).toBe(afterOne.extractions + 2);
    expect(afterBatch.quotes).toBeGreaterThan(afterOne.quotes);
  });

  it('needs an API key with the read scope', async () => {
    const none = await request(t.app.server).get('/metrics').expect(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="quotes"');
    await request(t.app.server).get('/metrics').set('authorization', 'Bearer qak_unknown').expect(401);
    const writeOnly = await withKey(t.app, await keyWith(['write']))
      .get('/metrics')
      .expect(403);
    expect(writeOnly.body.type).toBe(problemType('forbidden'));
  });
});

describe('GET /metrics with METRICS_PUBLIC=true', () => {
  const open = useTestApp({ METRICS_PUBLIC: 'true' });

  it('answers without a key, and counts only the requests of its own app', async () => {
    await open.api().get('/v1/speakers').expect(200);
    const res = await request(open.app.server).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(res.text, 'http_requests_total', { route: '/v1/speakers', status_code: '200' })).toBe(1);
    // The other app of this file answered GET /v1/articles; this one did not.
    expect(sample(res.text, 'http_requests_total', { route: '/v1/articles' })).toBeUndefined();
    // /v1 itself stays protected.
    await request(open.app.server).get('/v1/speakers').expect(401);
  });
});
