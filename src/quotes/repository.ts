import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { quoteInclude } from './present.js';
import type { ListQuotes } from './schemas.js';

export interface QuoteFilter {
  speakerIds?: string[];
  articleId?: string;
  kind?: ListQuotes['kind'];
}

export class QuoteRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Newest first, keyed by (createdAt, id). */
  list(filter: QuoteFilter, limit: number, after?: { createdAt: Date; id: string }) {
    const where: Prisma.QuoteWhereInput = {
      ...(filter.speakerIds ? { speakerId: { in: filter.speakerIds } } : {}),
      ...(filter.articleId ? { articleId: filter.articleId } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(after
        ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
        : {}),
    };
    return this.prisma.quote.findMany({
      where,
      include: quoteInclude,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
    });
  }

  get(id: string) {
    return this.prisma.quote.findUnique({ where: { id }, include: quoteInclude });
  }
}
