import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { CursorPart, decodeCursor, paginate } from '../http/pagination.js';
import { NotFoundError } from '../errors.js';
import { generateKey, keyDigest, type Scope } from './key-material.js';
import type { KeyCache } from './cache.js';
import type { ApiKeyRepository } from './repository.js';

/** Who sent a request: a stored key, or the bootstrap key from the configuration. */
export interface Caller {
  keyId: string;
  scopes: ReadonlySet<Scope>;
}

export const BOOTSTRAP_KEY_ID = 'bootstrap';
const BOOTSTRAP_SCOPES: ReadonlySet<Scope> = new Set<Scope>(['read', 'write', 'admin']);

const KeyCursor = z.tuple([CursorPart.time, CursorPart.id]);

export class ApiKeyService {
  /** The bootstrap key's digest, found once: each request's key is hashed once and compared with it. */
  private readonly bootstrapDigest: Buffer | undefined;

  constructor(
    private readonly keys: ApiKeyRepository,
    bootstrapKey?: string,
    /** Callers of keys looked up lately (the service's; a command looks every key up). */
    private readonly cache?: KeyCache,
  ) {
    this.bootstrapDigest = bootstrapKey ? keyDigest(bootstrapKey) : undefined;
  }

  /** Whether callers of stored keys are kept between requests now (changes to the keys are heard). */
  get keepsCallers(): boolean {
    return this.cache?.trusted ?? false;
  }

  /** Creates a key; the answer is the only place the key itself ever appears. */
  async create(input: { name?: string | null; scopes: Scope[] }) {
    const material = generateKey();
    const stored = await this.keys.create({
      name: input.name ?? null,
      prefix: material.prefix,
      keyHash: material.hash,
      scopes: [...new Set(input.scopes)],
    });
    this.cache?.forget();
    return { ...stored, key: material.key };
  }

  async list(query: { limit: number; cursor?: string }) {
    const after = decodeCursor(query.cursor, KeyCursor);
    const rows = await this.keys.list(query.limit, after && { createdAt: new Date(after[0]), id: after[1] });
    return paginate(rows, query.limit, (k) => [k.createdAt.toISOString(), k.id]);
  }

  async revoke(id: string) {
    const key = await this.keys.revoke(id);
    // Refused at once here; other processes hear of it from the database.
    this.cache?.forget();
    if (!key) throw new NotFoundError('API key', id);
    return key;
  }

  /**
   * The caller a key belongs to; null for an unknown or revoked key. Answered at
   * once, with no promise, for the bootstrap key and for keys the cache holds: the
   * guard of every request then costs no turn of the microtask queue.
   */
  authenticate(key: string): Caller | null | Promise<Caller | null> {
    const digest = keyDigest(key);
    // Compared in time independent of where the keys differ.
    if (this.bootstrapDigest && timingSafeEqual(digest, this.bootstrapDigest)) {
      return { keyId: BOOTSTRAP_KEY_ID, scopes: BOOTSTRAP_SCOPES };
    }
    const hash = digest.toString('hex');
    const known = this.cache?.peek(hash);
    if (known !== undefined) return known;
    const lookUp = async (): Promise<Caller | null> => {
      const stored = await this.keys.findActiveByHash(hash);
      return stored ? { keyId: stored.id, scopes: new Set(stored.scopes) } : null;
    };
    return this.cache ? this.cache.get(hash, lookUp) : lookUp();
  }
}
