import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runSearchIndexCommand } from '../../src/cli/search-index-command.js';
import { rumAvailable, searchIndexOf, SearchRankingSource } from '../../src/quotes/ranking.js';
import { buildSearchIndex, SearchIndexError } from '../../src/quotes/search-index.js';
import { useTestApp } from '../support/app.js';
import { recordQuotes } from '../support/records.js';

// The quotes' search index is GIN as the migrations build it, and RUM when asked
// for (npm run search-index -- rum) where the server has the extension; search
// answers the same words either way, and running services take the change up.

const t = useTestApp();

async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  const stderr = new PassThrough();
  const err: Buffer[] = [];
  stderr.on('data', (c: Buffer) => err.push(c));
  const io = { stdin: Readable.from([]), stdout: new PassThrough(), stderr };
  const code = await runSearchIndexCommand(argv, io, { DATABASE_URL: t.db.url, LOG_LEVEL: 'silent' });
  return { code, stderr: Buffer.concat(err).toString('utf8') };
}

async function searchIds(q: string): Promise<string[]> {
  const res = await t.api().get('/v1/quotes').query({ q, sort: 'date', limit: 100 }).expect(200);
  return (res.body.items as { id: string }[]).map((i) => i.id).sort();
}

describe('the quotes search index', () => {
  it('is GIN as the migrations build it, and says so when asked for GIN again', async () => {
    expect(await searchIndexOf(t.app.db.pool)).toBe('gin');
    const { code, stderr } = await run(['gin']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/already GIN/);
  });

  it('refuses anything but rum or gin', async () => {
    for (const argv of [[], ['btree'], ['rum', 'gin']]) {
      const { code, stderr } = await run(argv);
      expect(code).toBe(2);
      expect(stderr).toMatch(/say rum or gin/);
    }
  });

  it('is rebuilt as RUM and back as GIN while search answers the same, and a running service takes it up', async () => {
    await recordQuotes(t.app.db.prisma, [
      { text: 'The lighthouse keeper trims the lamp at dusk', speaker: { name: 'Ines Halvar' } },
      { text: 'No lighthouse on this coast runs on oil any more', speaker: { name: 'Ines Halvar' } },
      { text: 'The ferry leaves at noon', speaker: { name: 'Ines Halvar' } },
    ]);
    const before = await searchIds('lighthouse');
    expect(before).toHaveLength(2);
    // A run cut off leaves an unfinished index under the other name: the next run removes it.
    await t.app.db.pool.query('CREATE INDEX quotes_search_vector_next ON quotes (id)');
    const source = new SearchRankingSource(t.app.db.pool, 'auto', t.app.log, 0);
    expect((await source.get()).index).toBe('gin');

    if (!(await rumAvailable(t.app.db.pool))) {
      await expect(buildSearchIndex(t.db.url, 'rum')).rejects.toThrow(SearchIndexError);
      const { code, stderr } = await run(['rum']);
      expect(code).toBe(1);
      expect(stderr).toMatch(/rum extension is not installed/);
      return;
    }
    const { code, stderr } = await run(['rum']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/search index is RUM/);
    expect(await searchIndexOf(t.app.db.pool)).toBe('rum');
    const { rows } = await t.app.db.pool.query(`SELECT 1 FROM pg_class WHERE relname = 'quotes_search_vector_next'`);
    expect(rows).toEqual([]);
    expect(await searchIds('lighthouse')).toEqual(before);
    // The answer in hand serves while the next is asked for; then the next one.
    await source.get();
    await expect.poll(async () => (await source.get()).index).toBe('rum');
    // SEARCH_INDEX=gin ranks as on GIN whatever the index.
    expect((await new SearchRankingSource(t.app.db.pool, 'gin', t.app.log).get()).index).toBe('gin');

    expect(await buildSearchIndex(t.db.url, 'gin')).toBe(true);
    expect(await searchIndexOf(t.app.db.pool)).toBe('gin');
    expect(await searchIds('lighthouse')).toEqual(before);
    await source.get();
    await expect.poll(async () => (await source.get()).index).toBe('gin');
  });
});
