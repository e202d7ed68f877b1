import { createHash } from 'node:crypto';
import { ConflictError, UnprocessableError } from '../errors.js';
import type { IdempotencyRepository, StoredResponse } from './repository.js';

// Idempotency-Key semantics (draft-ietf-httpapi-idempotency-key-header): the first
// request with a key runs; its retries get its response; the same key with another
// request is refused with 422, and while the first is still running with 409.

export type IdempotencyDecision = { kind: 'run' } | { kind: 'replay'; response: StoredResponse };

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** JSON with object keys sorted, so equal bodies hash alike. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${url}\n${canonicalJson(body)}`)
    .digest('hex');
}

export class IdempotencyService {
  constructor(
    private readonly records: IdempotencyRepository,
    private readonly ttlSeconds: number,
    private readonly staleSeconds: number,
  ) {}

  async begin(owner: string, key: string, fingerprint: string): Promise<IdempotencyDecision> {
    // A record may vanish between the claim and the look-up (its request failed); claim again then.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.records.claim(owner, key, fingerprint, this.ttlSeconds, this.staleSeconds)) return { kind: 'run' };
      const existing = await this.records.find(owner, key);
      if (!existing) continue;
      if (existing.requestHash !== fingerprint) {
        throw new UnprocessableError('This Idempotency-Key was already used with a different request; use a new key.');
      }
      if (!existing.response) {
        throw new ConflictError('A request with this Idempotency-Key is still being handled; retry shortly.', 1);
      }
      return { kind: 'replay', response: existing.response };
    }
    throw new ConflictError('This Idempotency-Key is changing hands; retry shortly.', 1);
  }

  /** Keeps the response for retries; a server failure is forgotten so that a retry runs again. */
  async finish(owner: string, key: string, response: StoredResponse | null): Promise<void> {
    if (response === null || response.status >= 500) await this.records.release(owner, key);
    else await this.records.complete(owner, key, response);
  }

  deleteExpired(): Promise<number> {
    return this.records.deleteExpired();
  }
}
