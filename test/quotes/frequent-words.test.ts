import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { distinctWords, QuoteRepository, quotePageStatement, type QuoteKeyset } from '../../src/quotes/repository.js';
import { searchIndexOf, searchRanking, type SearchRanking } from '../../src/quotes/ranking.js';
import { fillFrequentWords, keepFrequentWords } from '../../src/quotes/frequent-words.js';
import { foldLexemeChanges } from '../../src/verify/lexeme-counts.js';
import { normalizeQuoteText } from '../../src/text/normalize.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { rumWherePossible } from '../support/search-index.js';
import { recordQuotes } from '../support/records.js';

// A search of one very common word reads its page from the best-ranked quotes kept
// for the word (src/quotes/frequent-words.ts), which triggers keep as quotes are
// stored, changed and deleted. What it answers must be what ranking every match
// answers: the same quotes, ranks and order, page after page.

const OPTIONS = { minQuotes: 60, minShare: 0, size: 25 };
const FILLER = ['tide', 'gull', 'quay', 'rope', 'net', 'hull', 'mast', 'sail', 'deck', 'keel', 'oar', 'bay'];

/** Quotes of every length holding "beacon" once or more, and a few without it. */
function texts(count: number, seed: number): string[] {
  return Array.from({ length: count }, (_, n) => {
    const i = n + seed;
    const words = Array.from({ length: 2 + (i % 29) }, (_, j) => FILLER[(i * 5 + j) % FILLER.length]!);
    if (i % 11 !== 0) words.splice(i % words.length, 0, 'beacon');
    if (i % 7 === 0) words.push('beacon');
    return words.join(' ');
  });
}

/** Stores quotes in one statement, as ingestion stores an article's. */
async function store(pool: pg.Pool, articleId: string, quoteTexts: string[]): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO quotes (article_id, text, normalized_text, kind, start, "end", confidence, position, outlet, published_at)
     SELECT $1, t, n, 'direct', 0, length(t), 0.9, (SELECT coalesce(max(position), 0) FROM quotes WHERE article_id = $1) + o,
            'test wire', now()
     FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS x(t, n, o)
     RETURNING id`,
    [articleId, quoteTexts, quoteTexts.map(normalizeQuoteText)],
  );
  return rows.map((r) => r.id);
}

interface Hit {
  id: string;
  rank: number;
}

/** Every match of the words ranked, best first: what the kept quotes must agree with. */
async function exact(pool: pg.Pool, q: string): Promise<Hit[]> {
  const statement = quotePageStatement({ q }, 'relevance', 100_000, undefined, false);
  const { rows } = await pool.query<{ id: string; rank: number }>(statement.text, statement.values);
  return rows.map((r) => ({ id: r.id, rank: r.rank }));
}

async function pages(repository: QuoteRepository, q: string, limit: number): Promise<Hit[]> {
  const hits: Hit[] = [];
  let after: QuoteKeyset | undefined;
  for (;;) {
    const rows = await repository.page({ q }, 'relevance', limit, after, false);
    const page = rows.slice(0, limit);
    hits.push(...page.map((r) => ({ id: r.id, rank: r.rank! })));
    if (rows.length <= limit) return hits;
    after = { order: 'relevance', rank: page.at(-1)!.rank!, id: page.at(-1)!.id };
  }
}

/** Whether the page statement of a search of `q` read its page from the kept quotes (and ranked nothing). */
async function readFromKept(pool: pg.Pool, ranking: SearchRanking, q: string): Promise<boolean> {
  const statement = quotePageStatement({ q }, 'relevance', 10, undefined, true, ranking);
  const { rows } = await pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    `EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`,
    statement.values,
  );
  const all = nodes(rows[0]!['QUERY PLAN'][0].Plan);
  const kept = all.some((n) => n['Relation Name'] === 'frequent_lexeme_quotes' && n['Actual Rows'] > 0);
  // The branch that ranks matches sits under a one-time filter, and is never run when the kept quotes serve.
  const gates = all.filter((n) => n['One-Time Filter'] !== undefined);
  expect(gates).toHaveLength(1);
  const ranked = (gates[0]!.Plans ?? []).some((n) => n['Parent Relationship'] !== 'InitPlan' && n['Actual Loops'] > 0);
  return kept && !ranked;
}

interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'One-Time Filter'?: string;
  'Parent Relationship'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

for (const wanted of ['gin', 'rum'] as const) {
  describe(`the best quotes of frequent words, on a ${wanted.toUpperCase()} index`, () => {
    let t: TestApp;
    let pool: pg.Pool;
    let articleId: string;
    let ranking: SearchRanking;
    let repository: QuoteRepository;

    beforeAll(async () => {
      t = await startTestApp({}, wanted === 'rum' ? { prepare: rumWherePossible } : {});
      pool = t.app.db.pool;
      const { quotes } = await recordQuotes(t.app.db.prisma, [{ text: 'the harbour beacon was lit at dusk' }]);
      articleId = quotes[0]!.articleId;
      await store(pool, articleId, texts(150, 0));
      await foldLexemeChanges(pool);
      ranking = { ...searchRanking(await searchIndexOf(pool)), frequentWords: OPTIONS.size };
      repository = new QuoteRepository(pool, { get: () => Promise.resolve(ranking) });
    }, 60_000);
    afterAll(async () => {
      await t?.close();
    });

    it('keeps nothing and ranks every match until the word is filled', async () => {
      expect(await readFromKept(pool, ranking, 'beacon')).toBe(false);
      const { rows } = await pool.query('SELECT 1 FROM frequent_lexeme_quotes');
      expect(rows).toHaveLength(0);
    });

    it('fills the words held by enough quotes, most common first, and only those', async () => {
      const { rows: counts } = await pool.query<{ lexeme: string; quotes: number }>(
        'SELECT lexeme, quotes FROM quote_lexemes WHERE quotes >= $1 ORDER BY quotes DESC, lexeme',
        [OPTIONS.minQuotes],
      );
      expect(counts.map((c) => c.lexeme)).toContain('beacon');
      // Held by fewer than the share of the archive asked for, none is kept.
      await pool.query('ANALYZE quotes');
      expect((await keepFrequentWords(pool, { ...OPTIONS, minShare: 1.01 })).filled).toEqual([]);
      const round = await keepFrequentWords(pool, OPTIONS);
      expect(round.filled).toEqual(counts.map((c) => c.lexeme));
      expect(round.unfinished).toBe(false);
      const again = await keepFrequentWords(pool, OPTIONS);
      expect(again.filled).toEqual([]);
    });

    it('pages through exactly the best-ranked quotes of all, with the same ranks, from the kept quotes', async () => {
      expect(await readFromKept(pool, ranking, 'beacon')).toBe(true);
      const all = await exact(pool, 'beacon');
      expect(all.length).toBeGreaterThan(OPTIONS.size * 2);
      expect(await pages(repository, 'beacon', 7)).toEqual(all.slice(0, OPTIONS.size));
      // The word as typed in any form that stems to it, by the API.
      const body = (await t.api().get('/v1/quotes').query({ q: 'Beacons', limit: 5 }).expect(200)).body as {
        items: Hit[];
      };
      expect(body.items.map((h) => h.id)).toEqual(all.slice(0, 5).map((h) => h.id));
    });

    it('reads a word typed twice as the word once: the same matches and ranks', async () => {
      expect(await readFromKept(pool, ranking, 'beacon Beacon')).toBe(true);
      expect(await pages(repository, 'beacon Beacon', 10)).toEqual(
        (await exact(pool, 'beacon')).slice(0, OPTIONS.size),
      );
      // Cover density ranks a conjunction with a repeated word as without it.
      const { rows } = await pool.query<{ same: boolean }>(
        `SELECT bool_and(ts_rank_cd(search_vector, websearch_to_tsquery('english', 'beacon gull beacon'), 1|32)
                         = ts_rank_cd(search_vector, websearch_to_tsquery('english', 'beacon gull'), 1|32)) AS same
         FROM quotes WHERE search_vector @@ websearch_to_tsquery('english', 'beacon gull')`,
      );
      expect(rows[0]!.same).toBe(true);
      expect(distinctWords('could Could  could')).toBe('could');
      expect(distinctWords('beacon or beacon')).toBe('beacon or beacon');
      expect(distinctWords('"beacon beacon"')).toBe('"beacon beacon"');
      expect(distinctWords('-beacon beacon')).toBe('-beacon beacon');
    });

    it('takes a new quote in at its rank as it is stored, and leaves out ones below the floor', async () => {
      const [best] = await store(pool, articleId, ['beacon beacon beacon']);
      const [poor] = await store(pool, articleId, [`${FILLER.join(' ')} ${FILLER.join(' ')} beacon`]);
      const all = await exact(pool, 'beacon');
      expect(all[0]!.id).toBe(best);
      expect(await readFromKept(pool, ranking, 'beacon')).toBe(true);
      expect(await pages(repository, 'beacon', 10)).toEqual(all.slice(0, OPTIONS.size));
      const { rows } = await pool.query('SELECT 1 FROM frequent_lexeme_quotes WHERE quote_id = $1', [poor]);
      expect(rows).toHaveLength(0);
    });

    it('moves a quote whose words change, in or out', async () => {
      const all = await exact(pool, 'beacon');
      const top = all[1]!.id;
      const outside = all.at(-1)!.id;
      await pool.query(`UPDATE quotes SET text = 'gull gull', normalized_text = 'gull gull' WHERE id = $1`, [top]);
      await pool.query(`UPDATE quotes SET text = 'beacon beacon', normalized_text = 'beacon beacon' WHERE id = $1`, [
        outside,
      ]);
      // An update that leaves the words alone keeps its place.
      await pool.query(`UPDATE quotes SET confidence = 0.5 WHERE id = $1`, [all[0]!.id]);
      const now = await exact(pool, 'beacon');
      expect(now.map((h) => h.id)).not.toContain(top);
      expect(now.slice(0, 3).map((h) => h.id)).toContain(outside);
      const hits = await pages(repository, 'beacon', 10);
      expect(hits).toEqual(now.slice(0, OPTIONS.size));
    });

    it('ranks every match again while a word has lost some of its best quotes, until it is filled again', async () => {
      const before = await exact(pool, 'beacon');
      await pool.query('DELETE FROM quotes WHERE id = ANY($1::uuid[])', [before.slice(0, 3).map((h) => h.id)]);
      expect(await readFromKept(pool, ranking, 'beacon')).toBe(false);
      const after = await exact(pool, 'beacon');
      const hits = await pages(repository, 'beacon', 10);
      expect(hits.slice(0, OPTIONS.size)).toEqual(after.slice(0, OPTIONS.size));
      const round = await keepFrequentWords(pool, OPTIONS);
      expect(round.filled).toContain('beacon');
      expect(await readFromKept(pool, ranking, 'beacon')).toBe(true);
      expect(await pages(repository, 'beacon', 10)).toEqual(after.slice(0, OPTIONS.size));
    });

    it('trims a word that grew back to its size', async () => {
      await store(
        pool,
        articleId,
        Array.from({ length: OPTIONS.size * 2 + 5 }, (_, i) => `beacon beacon ${FILLER[i % 12]}`),
      );
      const count = async () =>
        (
          await pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM frequent_lexeme_quotes WHERE lexeme = 'beacon'`,
          )
        ).rows[0]!.n;
      expect(await count()).toBeGreaterThan(OPTIONS.size * 2);
      const round = await keepFrequentWords(pool, OPTIONS);
      expect(round.trimmed).toBeGreaterThan(0);
      expect(await count()).toBe(OPTIONS.size);
      expect(await pages(repository, 'beacon', 10)).toEqual((await exact(pool, 'beacon')).slice(0, OPTIONS.size));
    });

    it('misses no quote whose write was under way while its word was listed', async () => {
      await store(
        pool,
        articleId,
        Array.from({ length: OPTIONS.minQuotes }, (_, i) => `lantern ${FILLER[i % 12]} ${FILLER[(i + 3) % 12]}`),
      );
      await foldLexemeChanges(pool);
      const writer = await pool.connect();
      try {
        await writer.query('BEGIN');
        const { rows } = await writer.query<{ id: string }>(
          `INSERT INTO quotes (article_id, text, normalized_text, kind, start, "end", confidence, position, outlet, published_at)
           VALUES ($1, 'lantern lantern', 'lantern lantern', 'direct', 0, 15, 0.9, 100000, 'test wire', now()) RETURNING id`,
          [articleId],
        );
        const filling = fillFrequentWords(pool, OPTIONS);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await writer.query('COMMIT');
        await filling;
        const hits = await pages(repository, 'lantern', 10);
        expect(hits[0]!.id).toBe(rows[0]!.id);
        expect(hits).toEqual((await exact(pool, 'lantern')).slice(0, OPTIONS.size));
      } finally {
        writer.release();
      }
    });

    it('fills every word at once from a sample and one pass over the quotes, as a data set loaded in bulk', async () => {
      await pool.query('DELETE FROM frequent_lexemes');
      await pool.query('ANALYZE quotes');
      // A sample of about 40 quotes sets each word's cut; the pass keeps every quote at or above it.
      const filled = await fillFrequentWords(pool, OPTIONS, { sampleQuotes: 40, onePassWords: 1 });
      const { rows: words } = await pool.query<{ lexeme: string }>(
        'SELECT lexeme FROM frequent_lexemes WHERE ready ORDER BY lexeme',
      );
      expect(words.length).toBe(filled);
      expect(words.map((w) => w.lexeme)).toEqual(expect.arrayContaining(['beacon', 'gull', 'lantern']));
      for (const word of ['beacon', 'gull', 'lantern']) {
        expect(await readFromKept(pool, ranking, word)).toBe(true);
        expect(await pages(repository, word, 10)).toEqual((await exact(pool, word)).slice(0, OPTIONS.size));
      }
    });

    it('ranks every match of a search with a filter, or of more than one word', async () => {
      const byOutlet = await repository.page({ q: 'beacon', outlet: 'Test Wire' }, 'relevance', 10, undefined, false);
      expect(byOutlet.slice(0, 10).map((r) => r.id)).toEqual(
        (await exact(pool, 'beacon')).slice(0, 10).map((h) => h.id),
      );
      expect(await readFromKept(pool, ranking, 'beacon gull')).toBe(false);
      expect(await pages(repository, 'beacon gull', 50)).toEqual(await exact(pool, 'beacon gull'));
    });
  });
}

describe('the tsquery of one lexeme', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('matches the lexeme itself, quotes and backslashes included', async () => {
    const lexemes = ["o'neil", 'back\\slash', "it''s", 'plain', 'ümlaut'];
    const { rows } = await t.app.db.pool.query<{ matches: boolean; nodes: number }>(
      `SELECT array_to_tsvector(ARRAY[l]) @@ lexeme_tsquery(l) AS matches, numnode(lexeme_tsquery(l)) AS nodes
       FROM unnest($1::text[]) l`,
      [lexemes],
    );
    expect(rows).toEqual(lexemes.map(() => ({ matches: true, nodes: 1 })));
    const { rows: same } = await t.app.db.pool.query<{ same: boolean }>(
      `SELECT lexeme_tsquery('beacon') = websearch_to_tsquery('english', 'Beacons') AS same`,
    );
    expect(same[0]!.same).toBe(true);
  });
});
