import { z } from 'zod';
import { CursorPart, decodeCursor, encodeCursor } from '../http/pagination.js';
import { InvalidCursorError, InvalidInputError, NotFoundError } from '../errors.js';
import { upperBound } from '../http/schemas.js';
import type { SpeakerRepository } from '../speakers/repository.js';
import { presentQuoteRow } from './present.js';
import type { QuoteFilter, QuoteKeyset, QuoteOrder, QuoteRepository } from './repository.js';
import type { QuoteRow } from './present.js';
import type { ExportQuotes, ListQuotes } from './schemas.js';

type QuoteFilterQuery = Omit<ListQuotes, 'sort' | 'limit' | 'cursor'>;

/** Rows an export reads at a time. */
const EXPORT_BATCH = 500;

const QuoteCursor = z.union([
  z.tuple([z.literal('r'), CursorPart.score, CursorPart.id]),
  z.tuple([z.literal('d'), CursorPart.time, CursorPart.id]),
]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class QuoteService {
  constructor(
    private readonly quotes: QuoteRepository,
    private readonly speakers: SpeakerRepository,
  ) {}

  async list(query: ListQuotes) {
    const order: QuoteOrder = query.sort ?? (query.q ? 'relevance' : 'date');
    if (order === 'relevance' && !query.q) {
      throw new InvalidInputError('Sorting by relevance needs words to search for in `q`.', [
        { in: 'query', path: 'sort', message: 'relevance needs q' },
      ]);
    }
    const after = this.keyset(query.cursor, order);
    const filter = await this.filterOf(query);
    if (!filter) return { items: [], nextCursor: null };
    const rows = await this.quotes.page(filter, order, query.limit, after);
    const pageRows = rows.slice(0, query.limit);
    const last = pageRows[pageRows.length - 1];
    const nextCursor =
      rows.length > query.limit && last
        ? encodeCursor(
            order === 'relevance' ? ['r', last.rank ?? 0, last.id] : ['d', last.published_at.toISOString(), last.id],
          )
        : null;
    return {
      items: pageRows.map((q) => Object.assign(presentQuoteRow(q), { snippet: q.snippet, rank: q.rank })),
      nextCursor,
    };
  }

  /** The filter the query asks for; null when it names a speaker nobody is. */
  private async filterOf(query: QuoteFilterQuery): Promise<QuoteFilter | null> {
    let speakerIds: string[] | undefined;
    if (query.speaker !== undefined) {
      speakerIds = UUID.test(query.speaker)
        ? [query.speaker.toLowerCase()]
        : await this.speakers.idsNamed(query.speaker);
      if (speakerIds.length === 0) return null;
    }
    return {
      q: query.q,
      speakerIds,
      speakerKind: query.speakerKind,
      articleId: query.article,
      outlet: query.outlet,
      publishedFrom: query.publishedFrom ? new Date(query.publishedFrom) : undefined,
      publishedTo: query.publishedTo ? upperBound(query.publishedTo) : undefined,
      kind: query.kind,
      status: query.status,
    };
  }

  /**
   * Every quote the filters select, newest first, as batches of rows read one
   * after the other by keyset: memory stays the same whatever the number of
   * quotes. The first batch is read before this answers, so that a failure to
   * read is an error answer rather than a cut stream.
   */
  async exportRows(query: ExportQuotes): Promise<AsyncIterable<QuoteRow[]>> {
    const filter = await this.filterOf(query);
    if (!filter) return (async function* () {})();
    const quotes = this.quotes;
    const first = await quotes.page(filter, 'date', EXPORT_BATCH, undefined, false);
    return (async function* () {
      let rows = first;
      for (;;) {
        yield rows.slice(0, EXPORT_BATCH);
        const last = rows[EXPORT_BATCH - 1];
        if (rows.length <= EXPORT_BATCH || !last) return;
        rows = await quotes.page(
          filter,
          'date',
          EXPORT_BATCH,
          { order: 'date', publishedAt: last.published_at, id: last.id },
          false,
        );
      }
    })();
  }

  /** A speaker's quotes; an unknown speaker is not found. */
  async listBySpeaker(speakerId: string, query: Omit<ListQuotes, 'speaker'>) {
    const page = await this.list({ ...query, speaker: speakerId });
    // A speaker with quotes exists; only an empty page needs the check.
    if (page.items.length === 0 && !(await this.speakers.exists(speakerId))) {
      throw new NotFoundError('speaker', speakerId);
    }
    return page;
  }

  private keyset(cursor: string | undefined, order: QuoteOrder): QuoteKeyset | undefined {
    const key = decodeCursor(cursor, QuoteCursor);
    if (!key) return undefined;
    if ((key[0] === 'r') !== (order === 'relevance')) {
      throw new InvalidCursorError(
        'The cursor belongs to a listing in another order; start again without it.',
        'belongs to another sort order',
      );
    }
    return key[0] === 'r'
      ? { order: 'relevance', rank: key[1], id: key[2] }
      : { order: 'date', publishedAt: new Date(key[1]), id: key[2] };
  }

  async get(id: string) {
    const quote = await this.quotes.get(id);
    if (!quote) throw new NotFoundError('quote', id);
    return quote;
  }
}
