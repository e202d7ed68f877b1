import { z } from 'zod';
import { CursorPart, decodeCursor, paginate } from '../http/pagination.js';
import { NotFoundError } from '../errors.js';
import { generateKey, hashKey, sameKey, type Scope } from './key-material.js';
import type { ApiKeyRepository } from './repository.js';

/** Who sent a request: a stored key, or the bootstrap key from the configuration. */
export interface Caller {
  keyId: string;
  scopes: ReadonlySet<Scope>;
}

export const BOOTSTRAP_KEY_ID = 'bootstrap';

const KeyCursor = z.tuple([CursorPart.time, CursorPart.id]);

export class ApiKeyService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly bootstrapKey?: string,
  ) {}

  /** Creates a key; the answer is the only place the key itself ever appears. */
  async create(input: { name?: string | null; scopes: Scope[] }) {
    const material = generateKey();
    const stored = await this.keys.create({
      name: input.name ?? null,
      prefix: material.prefix,
      keyHash: material.hash,
      scopes: [...new Set(input.scopes)],
    });
    return { ...stored, key: material.key };
  }

  async list(query: { limit: number; cursor?: string }) {
    const after = decodeCursor(query.cursor, KeyCursor);
    const rows = await this.keys.list(query.limit, after && { createdAt: new Date(after[0]), id: after[1] });
    return paginate(rows, query.limit, (k) => [k.createdAt.toISOString(), k.id]);
  }

  async revoke(id: string) {
    const key = await this.keys.revoke(id);
    if (!key) throw new NotFoundError('API key', id);
    return key;
  }

  /** The caller a key belongs to; null for an unknown or revoked key. */
  async authenticate(key: string): Promise<Caller | null> {
    if (this.bootstrapKey && sameKey(key, this.bootstrapKey)) {
      return { keyId: BOOTSTRAP_KEY_ID, scopes: new Set<Scope>(['read', 'write', 'admin']) };
    }
    const stored = await this.keys.findActiveByHash(hashKey(key));
    return stored ? { keyId: stored.id, scopes: new Set(stored.scopes) } : null;
  }
}
