import type { ApiKeyScope, PrismaClient } from '../generated/prisma/client.js';

export const apiKeyColumns = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  revokedAt: true,
} as const;

export interface NewApiKey {
  name: string | null;
  prefix: string;
  keyHash: string;
  scopes: ApiKeyScope[];
}

export class ApiKeyRepository {
  constructor(private readonly prisma: PrismaClient) {}

  create(key: NewApiKey) {
    return this.prisma.apiKey.create({ data: key, select: apiKeyColumns });
  }

  /** The key with this hash, unless it was revoked. */
  findActiveByHash(keyHash: string) {
    return this.prisma.apiKey.findFirst({
      where: { keyHash, revokedAt: null },
      select: { id: true, name: true, scopes: true },
    });
  }

  list(limit: number, after?: { createdAt: Date; id: string }) {
    return this.prisma.apiKey.findMany({
      where: after
        ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
        : {},
      select: apiKeyColumns,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
    });
  }

  /** Marks the key revoked (keeping the first revocation time); null when there is no such key. */
  async revoke(id: string) {
    await this.prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    return this.prisma.apiKey.findUnique({ where: { id }, select: apiKeyColumns });
  }
}
