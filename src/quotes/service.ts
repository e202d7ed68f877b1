import { z } from 'zod';
import { decodeCursor, paginate } from '../http/pagination.js';
import { notFound } from '../http/problem.js';
import type { SpeakerRepository } from '../speakers/repository.js';
import { presentQuote } from './present.js';
import type { QuoteRepository } from './repository.js';
import type { ListQuotes } from './schemas.js';

const QuoteCursor = z.tuple([z.iso.datetime(), z.uuid()]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class QuoteService {
  constructor(
    private readonly quotes: QuoteRepository,
    private readonly speakers: SpeakerRepository,
  ) {}

  async list(query: ListQuotes) {
    const after = decodeCursor(query.cursor, QuoteCursor);
    let speakerIds: string[] | undefined;
    if (query.speaker !== undefined) {
      speakerIds = UUID.test(query.speaker) ? [query.speaker.toLowerCase()] : await this.speakers.idsNamed(query.speaker);
      if (speakerIds.length === 0) return { items: [], nextCursor: null };
    }
    const rows = await this.quotes.list(
      { speakerIds, articleId: query.article, kind: query.kind },
      query.limit,
      after && { createdAt: new Date(after[0]), id: after[1] },
    );
    const page = paginate(rows, query.limit, (q) => [q.createdAt.toISOString(), q.id]);
    return { items: page.items.map(presentQuote), nextCursor: page.nextCursor };
  }

  async get(id: string) {
    const quote = await this.quotes.get(id);
    if (!quote) throw notFound('quote', id);
    return presentQuote(quote);
  }
}
