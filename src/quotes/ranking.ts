import type pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import { FREQUENT_WORDS } from './frequent-words.js';

// How ranked search finds its best quotes without ranking every match. With a RUM
// index on search_vector (`npm run search-index -- rum`, search-index.ts) the quotes come
// out of the index by cover density, best first, and the first RUM_CANDIDATES are
// ranked by the service's own measure (cover density over length): the index
// cannot weigh length, so among quotes of equal cover density beyond those, a
// shorter one can be missed. With the GIN index alone, every match would have to
// be read from the table to be ranked: the first GIN_CANDIDATES matches the index
// hands over are ranked instead. Either way a word that hundreds of thousands of
// quotes hold costs a bounded read, and paging by relevance ends with that set
// (by date, it reaches every match).

export type SearchIndex = 'rum' | 'gin';

export interface SearchRanking {
  index: SearchIndex;
  /** Matches ranked: the pages by relevance hold these and end with them. */
  candidates: number;
  /**
   * The best-ranked quotes kept for each very common word (frequent-words.ts): a
   * search of such a word alone takes this many from them, in order, instead.
   */
  frequentWords?: number;
}

const RUM_CANDIDATES = 500;
const GIN_CANDIDATES = 2000;

export function searchRanking(index: SearchIndex): SearchRanking {
  return {
    index,
    candidates: index === 'rum' ? RUM_CANDIDATES : GIN_CANDIDATES,
    frequentWords: FREQUENT_WORDS.size,
  };
}

/** The access method of the quotes' full-text index, as the migrations left it. */
export async function searchIndexOf(pool: pg.Pool): Promise<SearchIndex> {
  const { rows } = await pool.query<{ method: string }>(
    `SELECT am.amname AS method FROM pg_class c JOIN pg_am am ON am.oid = c.relam
     WHERE c.relname = 'quotes_search_vector_idx' AND c.relkind = 'i'`,
  );
  return rows[0]?.method === 'rum' ? 'rum' : 'gin';
}

/** Whether the server could give search a RUM index (the extension is installed), for the start-up message. */
export async function rumAvailable(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'rum'`);
  return rows.length > 0;
}

/**
 * The ranking search uses, found on first use (or at start, see services.ts) and
 * said in the log; asked again a minute later, so that an index built meanwhile
 * (`npm run search-index`) is taken up without a restart. A failure to ask the
 * database is asked again next time.
 */
export class SearchRankingSource {
  private found?: Promise<SearchRanking>;
  private foundAt = 0;
  private said?: SearchIndex;

  constructor(
    private readonly pool: pg.Pool,
    private readonly wanted: 'auto' | 'gin',
    private readonly log: FastifyBaseLogger,
    private readonly recheckMs = 60_000,
  ) {}

  get(): Promise<SearchRanking> {
    if (this.found && Date.now() - this.foundAt > this.recheckMs) {
      // The answer in hand serves until the new one is known.
      const current = this.found;
      this.foundAt = Date.now();
      void this.choose().then(
        (next) => {
          this.found = Promise.resolve(next);
        },
        () => {
          this.found = current;
        },
      );
      return current;
    }
    if (!this.found) {
      this.foundAt = Date.now();
      this.found = this.choose().catch((error: unknown) => {
        this.found = undefined;
        throw error;
      });
    }
    return this.found;
  }

  private async choose(): Promise<SearchRanking> {
    const found = await searchIndexOf(this.pool);
    const index = found === 'rum' && this.wanted !== 'gin' ? 'rum' : 'gin';
    if (index !== this.said) {
      this.said = index;
      await this.say(found, index);
    }
    return searchRanking(index);
  }

  private async say(found: SearchIndex, index: SearchIndex): Promise<void> {
    if (index === 'rum') {
      this.log.info('ranked search takes its best matches in order from the RUM index');
      return;
    }
    const why =
      found === 'rum'
        ? 'SEARCH_INDEX=gin'
        : (await rumAvailable(this.pool))
          ? 'the index is GIN (`npm run search-index -- rum` builds a RUM index: README, "Search at scale")'
          : 'the rum extension is not installed on the database server';
    this.log.info(`ranked search ranks a bounded set of GIN index matches: ${why}`);
  }
}
