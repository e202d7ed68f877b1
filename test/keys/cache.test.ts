import { describe, expect, it } from 'vitest';
import { KeyCache } from '../../src/keys/cache.js';
import type { Caller } from '../../src/keys/service.js';

const caller = (keyId: string): Caller => ({ keyId, scopes: new Set(['read']) });

/** A look-up that counts its calls and answers `answer`. */
function lookUp(answer: Caller | null) {
  const counted = { calls: 0, fn: async () => (counted.calls++, answer) };
  return counted;
}

describe('KeyCache', () => {
  it('keeps nothing until changes are heard, and everything it was told to keep after', async () => {
    const cache = new KeyCache();
    const a = lookUp(caller('a'));
    await cache.get('d1', a.fn);
    await cache.get('d1', a.fn);
    expect(a.calls).toBe(2);
    cache.setTrusted(true);
    await cache.get('d1', a.fn);
    expect(await cache.get('d1', a.fn)).toEqual(caller('a'));
    expect(a.calls).toBe(3);
    // Unknown keys are kept too: a flood of bad keys does not reach the database.
    const none = lookUp(null);
    await cache.get('d2', none.fn);
    expect(await cache.get('d2', none.fn)).toBeNull();
    expect(none.calls).toBe(1);
  });

  it('tells what it keeps at once, without a look-up, and nothing once it lapses', async () => {
    const cache = new KeyCache(50);
    cache.setTrusted(true);
    expect(cache.peek('d1')).toBeUndefined();
    await cache.get('d1', lookUp(caller('a')).fn);
    await cache.get('d2', lookUp(null).fn);
    expect(cache.peek('d1')).toEqual(caller('a'));
    expect(cache.peek('d2')).toBeNull();
    cache.forget();
    expect(cache.peek('d1')).toBeUndefined();
    await cache.get('d1', lookUp(caller('a')).fn);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(cache.peek('d1')).toBeUndefined();
  });

  it('forgets on a change, and when changes can no longer be heard', async () => {
    const cache = new KeyCache();
    cache.setTrusted(true);
    const a = lookUp(caller('a'));
    await cache.get('d1', a.fn);
    cache.forget();
    await cache.get('d1', a.fn);
    expect(a.calls).toBe(2);
    cache.setTrusted(false);
    expect(cache.size).toBe(0);
    await cache.get('d1', a.fn);
    await cache.get('d1', a.fn);
    expect(a.calls).toBe(4);
  });

  it('keeps nothing from a look-up that a change overtook', async () => {
    const cache = new KeyCache();
    cache.setTrusted(true);
    let release!: () => void;
    const slow = async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return caller('stale');
    };
    const pending = cache.get('d1', slow);
    cache.forget();
    release();
    expect(await pending).toEqual(caller('stale'));
    expect(cache.size).toBe(0);
  });

  it('lets entries lapse, and holds at most its bound', async () => {
    const cache = new KeyCache(0, 2);
    cache.setTrusted(true);
    const a = lookUp(caller('a'));
    await cache.get('d1', a.fn);
    await cache.get('d1', a.fn);
    expect(a.calls).toBe(2);
    const bounded = new KeyCache(60_000, 2);
    bounded.setTrusted(true);
    for (const d of ['d1', 'd2', 'd3']) await bounded.get(d, lookUp(caller(d)).fn);
    expect(bounded.size).toBe(2);
    const first = lookUp(caller('d1'));
    await bounded.get('d1', first.fn);
    expect(first.calls).toBe(1);
  });

  it('keeps unknown keys apart: a flood of made-up keys does not push out the callers it keeps', async () => {
    const cache = new KeyCache(60_000, 2);
    cache.setTrusted(true);
    for (const d of ['d1', 'd2']) await cache.get(d, lookUp(caller(d)).fn);
    for (let i = 0; i < 5; i++) await cache.get(`bad${i}`, lookUp(null).fn);
    expect(cache.peek('d1')).toEqual(caller('d1'));
    expect(cache.peek('d2')).toEqual(caller('d2'));
    // The unknown ones are bounded on their own: the newest are kept.
    expect(cache.peek('bad4')).toBeNull();
    expect(cache.peek('bad0')).toBeUndefined();
    expect(cache.size).toBe(4);
  });
});
