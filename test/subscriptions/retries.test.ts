import { describe, expect, it } from 'vitest';
import { retryLimitWithin, RETRY_WINDOW_SECONDS } from '../../src/subscriptions/relay.js';
import { eventIdOf, signatureHeader } from '../../src/subscriptions/signature.js';

describe('alert retries and event ids', () => {
  it('retries as often as the longest backoff allows within 24 hours', () => {
    const longest = (delay: number, retries: number) => 2 * delay * (2 ** retries - 1);
    for (const delay of [1, 10, 40, 300, 3600]) {
      const retries = retryLimitWithin(RETRY_WINDOW_SECONDS, delay);
      expect(longest(delay, retries)).toBeLessThanOrEqual(RETRY_WINDOW_SECONDS);
      expect(longest(delay, retries + 1)).toBeGreaterThan(RETRY_WINDOW_SECONDS);
    }
    expect(retryLimitWithin(RETRY_WINDOW_SECONDS, 40)).toBe(10);
  });

  it('gives one event id per subscription and quote, as a UUID', () => {
    const a = eventIdOf('01956f3a-7c10-7000-8000-000000000001', '01956f3a-7c10-7000-8000-000000000101');
    expect(a).toBe(eventIdOf('01956f3a-7c10-7000-8000-000000000001', '01956f3a-7c10-7000-8000-000000000101'));
    expect(a).not.toBe(eventIdOf('01956f3a-7c10-7000-8000-000000000002', '01956f3a-7c10-7000-8000-000000000101'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('signs "<t>.<body>" with HMAC-SHA256 of the secret', () => {
    // The digest of this input as `openssl dgst -sha256 -hmac secret` computes it.
    expect(signatureHeader('secret', '{}', 1700000000)).toBe(
      't=1700000000,v1=b8569b78799ff9e3cbff0fc2d63a33a2b57f3282abd07c37ae5e8e7d79a5f163',
    );
  });
});
