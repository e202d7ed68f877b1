import type { PrismaClient } from '../generated/prisma/client.js';

export interface StoredResponse {
  status: number;
  body: string;
  contentType: string | null;
  location: string | null;
}

export interface IdempotencyRecordRow {
  requestHash: string;
  response: StoredResponse | null;
}

export class IdempotencyRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Records that this request is being handled under (owner, key); true when it
   * is ours to handle. An expired record, or one whose handler has been silent
   * for `staleSeconds` (its process died), is taken over.
   */
  async claim(
    owner: string,
    key: string,
    requestHash: string,
    ttlSeconds: number,
    staleSeconds: number,
  ): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<unknown[]>`
      INSERT INTO idempotency_keys (owner, key, request_hash, expires_at)
      VALUES (${owner}, ${key}, ${requestHash}, now() + ${ttlSeconds}::int * interval '1 second')
      ON CONFLICT (owner, key) DO UPDATE
        SET request_hash = EXCLUDED.request_hash, status = NULL, response_body = NULL, content_type = NULL,
            location = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
        WHERE idempotency_keys.expires_at <= now()
           OR (idempotency_keys.status IS NULL AND idempotency_keys.created_at < now() - ${staleSeconds}::int * interval '1 second')
      RETURNING 1`;
    return rows.length === 1;
  }

  async find(owner: string, key: string): Promise<IdempotencyRecordRow | null> {
    const row = await this.prisma.idempotencyRecord.findUnique({ where: { owner_key: { owner, key } } });
    if (!row) return null;
    return {
      requestHash: row.requestHash,
      response:
        row.status === null
          ? null
          : { status: row.status, body: row.responseBody ?? '', contentType: row.contentType, location: row.location },
    };
  }

  async complete(owner: string, key: string, response: StoredResponse): Promise<void> {
    await this.prisma.idempotencyRecord.updateMany({
      where: { owner, key, status: null },
      data: {
        status: response.status,
        responseBody: response.body,
        contentType: response.contentType,
        location: response.location,
      },
    });
  }

  /** Forgets a claim whose request failed, so that a retry runs again. */
  async release(owner: string, key: string): Promise<void> {
    await this.prisma.idempotencyRecord.deleteMany({ where: { owner, key, status: null } });
  }

  async deleteExpired(): Promise<number> {
    return (await this.prisma.idempotencyRecord.deleteMany({ where: { expiresAt: { lte: new Date() } } })).count;
  }
}
