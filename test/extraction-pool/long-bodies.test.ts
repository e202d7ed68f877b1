import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { extractQuotes } from '../../src/extraction/index.js';
import { useTestApp, withKey } from '../support/app.js';

// Long bodies cost the event loop as little as can be: a long JSON body is decoded
// and parsed in a worker, with the answers and problems a short one gets, and an
// extraction the pool would refuse is refused before its body is read.

const t = useTestApp({ EXTRACTION_WORKERS: '1', EXTRACTION_QUEUE: '1', EXTRACTION_PER_KEY: '1' });

/** About `chars` characters of text with quotes. */
function longText(chars: number): string {
  let text = '';
  for (let i = 0; text.length < chars; i++)
    text += `"The ferry runs again in June ${i}," said Mayor Lena Ortiz. Officials said the fares would stay.\n\n`;
  return text;
}

const postJson = (url: string, body: Buffer | string) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${t.adminKey}`, 'content-type': 'application/json' },
    payload: body,
  });

describe('long JSON bodies', () => {
  it('are read off the event loop with the answer a short body gets', async () => {
    const read = vi.spyOn(t.app.extraction, 'readJson');
    const text = longText(400_000);
    const res = await postJson('/v1/extract', JSON.stringify({ text }));
    expect(res.statusCode).toBe(200);
    expect(res.json().quotes.length).toBe(extractQuotes(text).quotes.length);
    expect(read).toHaveBeenCalledOnce();
    await expect(read.mock.results[0]!.value).resolves.toEqual({ text });
    // A short body is read on the event loop: a thread hop would cost it more than it saves.
    await postJson('/v1/extract', JSON.stringify({ text: longText(2_000) }));
    expect(read).toHaveBeenCalledOnce();
    read.mockRestore();
  });

  it.each([
    [
      'bytes that are not UTF-8',
      (json: string) => Buffer.concat([Buffer.from(json.slice(0, -2)), Buffer.from([0xff, 0x22, 0x7d])]),
    ],
    ['arrays nested 40 deep', (json: string) => json.replace(/^\{/, `{"deep": ${'['.repeat(40)}${']'.repeat(40)},`)],
    ['a __proto__ key', (json: string) => json.replace(/^\{/, '{"__proto__": {"polluted": true},')],
    ['JSON cut short', (json: string) => json.slice(0, -3)],
    ['a lone surrogate', (json: string) => json.replace(/"\}$/, '\\ud800"}')],
  ])('with %s get the problem a short body gets', async (_name, spoil) => {
    const short = await postJson('/v1/extract', spoil(JSON.stringify({ text: longText(2_000) })));
    const long = await postJson('/v1/extract', spoil(JSON.stringify({ text: longText(400_000) })));
    expect(short.statusCode).toBe(400);
    expect(long.statusCode).toBe(short.statusCode);
    const { type, title, detail } = short.json();
    expect(long.json()).toMatchObject({ type, title, detail });
  });
});

describe('a long body while the pool is full', () => {
  it('is refused with 503 and Retry-After when it is a text to extract, and read on the event loop otherwise', async () => {
    // One text extracting and one waiting fill a pool of one worker and a queue of one.
    const busy = [1, 2].map((i) => t.app.extraction.extract(longText(600_000 + i)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const read = vi.spyOn(t.app.extraction, 'readJson');
    // Chunked: no Content-Length, so that it is admitted before its body and meets the full queue as it is read.
    const extraction = await t.app.inject({
      method: 'POST',
      url: '/v1/extract',
      headers: { authorization: `Bearer ${t.adminKey}`, 'content-type': 'application/json' },
      payload: Readable.from([Buffer.from(JSON.stringify({ text: longText(400_000) }))]),
    });
    const other = await postJson('/v1/speakers', JSON.stringify({ name: 'x'.repeat(300_000) }));
    expect(read).toHaveBeenCalledTimes(2);
    // The text to extract was refused as it was read, not parsed on the event loop.
    await expect(read.mock.results[0]!.value).rejects.toThrow(/extraction worker is busy/);
    read.mockRestore();
    await Promise.all(busy);
    expect([extraction.statusCode, extraction.headers['retry-after']]).toEqual([503, '1']);
    expect(extraction.json().detail).toMatch(/extraction worker is busy/);
    // Not a text to extract: read wherever there is room (on the event loop when the pool has none), and answered as ever.
    expect(other.statusCode).toBe(400);
    expect(other.json().errors[0].path).toBe('name');
  });
});

describe('an extraction the pool would refuse', () => {
  it.each([
    ['/v1/extract', 'application/json'],
    ['/v1/articles', 'text/plain'],
    ['/v1/articles:batch', 'application/x-ndjson'],
  ])('to %s is refused with 429 before its body is read when the key holds all its slots', async (path, type) => {
    const created = await t
      .api()
      .post('/v1/keys')
      .send({ scopes: ['read', 'write'], name: 'busy' })
      .expect(201);
    let release!: () => void;
    const holding = t.app.extraction.forKey(
      `key:${created.body.id}`,
      [longText(20_000)],
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    if (!t.app.server.listening) await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as { port: number };
    // Headers and the first bytes of a 1 MB body: the answer comes without the rest,
    // held for about its Retry-After so that a client retrying at once cannot spin.
    const t0 = performance.now();
    const answer = await new Promise<{ status: number; retryAfter: unknown; body: string }>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        headers: {
          authorization: `Bearer ${created.body.key}`,
          'content-type': type,
          'content-length': 1_000_000,
        },
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'], body });
          req.destroy();
        });
      });
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
      req.write(type === 'text/plain' ? 'a'.repeat(1_000) : `{"text": "${'a'.repeat(1_000)}`);
    });
    expect(answer.status).toBe(429);
    expect(answer.retryAfter).toMatch(/^\d+$/);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(900);
    expect(JSON.parse(answer.body).detail).toMatch(/already has 1 extraction of long texts running/);
    // A short text from the same key meanwhile is extracted inline, as ever.
    await withKey(t.app, created.body.key).post('/v1/extract').send({ text: '"Yes," she said.' }).expect(200);
    release();
    await holding;
  });
});
