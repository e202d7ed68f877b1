import { afterEach, describe, expect, it } from 'vitest';
import { extractQuotes } from '../../src/extraction/index.js';
import {
  ExtractionBusyError,
  ExtractionKeyLimitError,
  ExtractionPool,
  POOL_PAGE_CHARS,
} from '../../src/extraction-pool/pool.js';
import { readPage } from '../../src/web/page.js';
import { newsPage } from '../support/pages.js';

// The pool itself: long texts go to worker threads and come back as the engine
// extracts them inline; the queue and each key's share are bounded; closing waits
// for the extractions under way.

const pools: ExtractionPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function pool(options: Partial<ConstructorParameters<typeof ExtractionPool>[0]> = {}) {
  const p = new ExtractionPool({ workers: 1, queue: 1, perKey: 1, inlineChars: 16_384, ...options });
  pools.push(p);
  return p;
}

/** A text of about `chars` characters, with quotes and speakers. */
function longText(chars: number, seed = 0): string {
  let text = '';
  for (let i = 0; text.length < chars; i++)
    text += `"The pier opens in May ${seed}-${i}," said Mayor Ana Ruiz. Officials said the tolls would stay.\n\n`;
  return text;
}

describe('extraction pool', () => {
  it('answers a long text from a worker as the engine extracts it inline, registry linking included', async () => {
    const p = pool();
    const text = longText(40_000);
    const registry = [
      { id: 'a1b2', name: 'Ana Ruiz', kind: 'person' as const, aliases: [], role: 'mayor', affiliation: null },
    ];
    expect(p.inline(text)).toBe(false);
    expect(await p.extract(text, [], registry)).toEqual(extractQuotes(text, { registry }));
    expect(JSON.parse(((await p.extractAnswer(text)) as Buffer).toString('utf8')).quotes.length).toBe(
      extractQuotes(text).quotes.length,
    );
    // A short text is extracted inline, and answered as an object for the response serializer.
    expect(typeof (await p.extractAnswer('"Yes," she said.'))).toBe('object');
  });

  it('refuses an extraction when the worker is busy and the queue is full', async () => {
    const p = pool();
    const texts = [0, 1, 2].map((i) => longText(300_000, i));
    const outcomes = await Promise.allSettled(texts.map((t) => p.extract(t)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    const refused = (outcomes[2] as PromiseRejectedResult).reason;
    expect(refused).toBeInstanceOf(ExtractionBusyError);
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("limits each key's extractions of long texts, and counts no short ones", async () => {
    const p = pool({ perKey: 1 });
    let release!: () => void;
    const holding = p.forKey(
      'key:a',
      [longText(20_000)],
      () => new Promise<string>((r) => (release = () => r('done'))),
    );
    await expect(p.forKey('key:a', [longText(20_000)], async () => 'second')).rejects.toBeInstanceOf(
      ExtractionKeyLimitError,
    );
    await expect(p.forKey('key:a', ['short'], async () => 'short')).resolves.toBe('short');
    await expect(p.forKey('key:b', [longText(20_000)], async () => 'other key')).resolves.toBe('other key');
    release();
    await expect(holding).resolves.toBe('done');
    await expect(p.forKey('key:a', [longText(20_000)], async () => 'again')).resolves.toBe('again');
  });

  it('reads a JSON body in a worker, and leaves any body it does not take to the event loop', async () => {
    const p = pool();
    expect(await p.readJson(Buffer.from('{"text": "Caf\u00e9 \ud83d\ude00"}'))).toEqual({ text: 'Café 😀' });
    expect(await p.readJson(Buffer.from([0x7b, 0xff, 0x7d]))).toBeUndefined();
    expect(await p.readJson(Buffer.from('{"a": [[[['))).toBeUndefined();
    expect(await p.readJson(Buffer.from('{"__proto__": {"x": 1}}'))).toBeUndefined();
  });

  it('reads a large page in a worker to the same text and metadata as inline, and a small one inline', async () => {
    const p = pool();
    const paragraphs = longText(POOL_PAGE_CHARS + 10_000)
      .trim()
      .split('\n\n')
      .map((para) => para.replace(/"/g, '&quot;').replace('Ana Ruiz', '<a href="/ana">Ana Ruiz</a>'));
    const page = newsPage({ headline: 'Pier opens', paragraphs, author: 'Mara Lindqvist', outlet: 'Courier' });
    expect(page.length).toBeGreaterThan(POOL_PAGE_CHARS);
    const url = 'https://courier.example/pier?utm_source=x';
    const read = await p.readPage(page, url);
    expect(read).toEqual(readPage(page, url));
    expect(read).toMatchObject({ title: 'Pier opens', author: 'Mara Lindqvist', outlet: 'Courier', language: 'en' });
    expect(read.text.split('\n\n')).toHaveLength(paragraphs.length);
    const small = newsPage({ headline: 'Short', paragraphs: paragraphs.slice(0, 3) });
    expect(await p.readPage(small)).toEqual(readPage(small));
  });

  it('refuses before a body is read what it would refuse once it is: a key holding all its slots, a full queue', async () => {
    const p = pool({ refusalHoldMs: 0 });
    let release!: () => void;
    const holding = p.forKey('key:a', [longText(20_000)], () => new Promise<void>((r) => (release = r)));
    await expect(p.admit('key:a')).rejects.toBeInstanceOf(ExtractionKeyLimitError);
    await expect(p.admit('key:b')).resolves.toBeUndefined();
    release();
    await holding;
    await expect(p.admit('key:a')).resolves.toBeUndefined();
    // One text extracting and one waiting fill a pool of one worker and a queue of one.
    const texts = [0, 1].map((i) => p.extract(longText(300_000, i)));
    await new Promise((r) => setTimeout(r, 50));
    await expect(p.admit('key:b')).rejects.toBeInstanceOf(ExtractionBusyError);
    await Promise.all(texts);
    await expect(p.admit('key:b')).resolves.toBeUndefined();
  });

  it('holds a refusal before answering it, so that a client retrying in a loop cannot spin', async () => {
    const p = pool({ refusalHoldMs: 300 });
    let release!: () => void;
    const holding = p.forKey('key:a', [longText(20_000)], () => new Promise<void>((r) => (release = r)));
    for (const refusal of [() => p.admit('key:a'), () => p.forKey('key:a', [longText(20_000)], async () => 'second')]) {
      const t0 = performance.now();
      await expect(refusal()).rejects.toBeInstanceOf(ExtractionKeyLimitError);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    }
    // What is admitted is not held.
    const t0 = performance.now();
    await p.admit('key:b');
    await expect(p.forKey('key:a', ['short'], async () => 'short')).resolves.toBe('short');
    expect(performance.now() - t0).toBeLessThan(100);
    release();
    await holding;
  });

  it('closes after the extractions under way, and extracts inline after that', async () => {
    const p = new ExtractionPool({ workers: 1, queue: 1, perKey: 1, inlineChars: 16_384 });
    const text = longText(200_000);
    const underWay = p.extract(text);
    const closed = p.close();
    expect((await underWay).quotes.length).toBeGreaterThan(0);
    await closed;
    expect((await p.extract(longText(20_000))).quotes.length).toBeGreaterThan(0);
  });
});
