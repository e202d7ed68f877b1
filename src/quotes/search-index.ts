import pg from 'pg';
import { rumAvailable, searchIndexOf, type SearchIndex } from './ranking.js';

// Builds the quotes' full-text index as GIN or RUM and puts it in place of the
// other without stopping reads or writes: the new index is built concurrently
// under another name, the old one dropped concurrently, the new one renamed. A
// run cut off leaves at most an unfinished index under the other name, removed by
// the next run. Running services see the change within a minute (ranking.ts).
//
// GIN is what the migrations build: its pending list takes new quotes in bulk.
// RUM orders quotes by relevance inside the index, so ranked search reads fewer
// rows, but every quote stored updates it word by word (README, "Search at scale",
// gives both costs): it suits an archive that is searched far more than it grows.

const NEXT = 'quotes_search_vector_next';

export class SearchIndexError extends Error {}

const DEFINITIONS: Record<SearchIndex, string> = {
  gin: 'gin ("search_vector") WITH (gin_pending_list_limit = 1024)',
  rum: 'rum ("search_vector" rum_tsvector_ops)',
};

/** Puts a `target` index in place; false when the quotes already have one. */
export async function buildSearchIndex(
  url: string,
  target: SearchIndex,
  say: (message: string) => void = () => undefined,
): Promise<boolean> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    if ((await searchIndexOf(pool)) === target) return false;
    if (target === 'rum') {
      if (!(await rumAvailable(pool))) {
        throw new SearchIndexError(
          'the rum extension is not installed on the database server (Debian and PGDG: postgresql-NN-rum)',
        );
      }
      try {
        await pool.query('CREATE EXTENSION IF NOT EXISTS rum');
      } catch (error) {
        if ((error as { code?: string }).code === '42501') {
          throw new SearchIndexError(
            'this role may not create the rum extension: ask a superuser to run CREATE EXTENSION rum',
          );
        }
        throw error;
      }
    }
    await pool.query(`DROP INDEX CONCURRENTLY IF EXISTS ${NEXT}`);
    say(`building the ${target.toUpperCase()} index (reads and writes go on meanwhile)`);
    const started = Date.now();
    await pool.query(`SET maintenance_work_mem = '256MB'`);
    await pool.query(`CREATE INDEX CONCURRENTLY ${NEXT} ON quotes USING ${DEFINITIONS[target]}`);
    await pool.query('DROP INDEX CONCURRENTLY IF EXISTS quotes_search_vector_idx');
    await pool.query(`ALTER INDEX ${NEXT} RENAME TO quotes_search_vector_idx`);
    say(
      `the quotes' search index is ${target.toUpperCase()} (built in ${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
    return true;
  } finally {
    await pool.end();
  }
}
