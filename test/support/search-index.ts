import { buildSearchIndex, SearchIndexError } from '../../src/quotes/search-index.js';

/**
 * Builds a RUM index on the quotes where the server has the extension (CI installs
 * it); elsewhere the GIN index stays, and one line says so.
 */
export async function rumWherePossible(url: string): Promise<void> {
  try {
    await buildSearchIndex(url, 'rum');
  } catch (error) {
    if (!(error instanceof SearchIndexError)) throw error;
    console.log(`the tests of search on RUM run on GIN here: ${error.message}`);
  }
}
