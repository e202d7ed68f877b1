import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuoteRepository, quotePageStatement, type QuoteKeyset } from '../../src/quotes/repository.js';
import { searchIndexOf, searchRanking, type SearchIndex } from '../../src/quotes/ranking.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { rumWherePossible } from '../support/search-index.js';
import { recordQuotes, type RecordSpec } from '../support/records.js';

// Ranked search ranks a bounded set of its matches: the first matches of the GIN
// index the migrations build, or taken in order from a RUM index once one is
// built (npm run search-index -- rum). Both ways are run here; the second only
// where the database server has the rum extension (CI installs it), else on GIN.

const BEACONS = 260;
const FILLER = ['tide', 'gull', 'quay', 'rope', 'net', 'hull', 'mast', 'sail', 'deck', 'keel', 'oar', 'bay'];

/** 260 quotes holding "beacon", of every length, some twice; 5 about something else. */
function archive(): RecordSpec[] {
  const specs: RecordSpec[] = [];
  for (let i = 0; i < BEACONS; i++) {
    const words = Array.from({ length: 3 + (i % 37) }, (_, j) => FILLER[(i * 7 + j) % FILLER.length]!);
    words.splice(i % words.length, 0, 'beacon');
    if (i % 9 === 0) words.push('beacon');
    specs.push({ text: words.join(' '), speaker: { name: `Keeper ${i % 4}` } });
  }
  for (let i = 0; i < 5; i++) specs.push({ text: `the ferry timetable changes in spring ${i}` });
  return specs;
}

interface Hit {
  id: string;
  rank: number;
}

async function allPages(app: TestApp, q: string, limit: number): Promise<Hit[]> {
  const hits: Hit[] = [];
  let cursor: string | null = null;
  do {
    const res: { body: { items: Hit[]; nextCursor: string | null } } = await app
      .api()
      .get('/v1/quotes')
      .query({ q, limit, ...(cursor ? { cursor } : {}) })
      .expect(200);
    hits.push(...res.body.items.map((i: Hit) => ({ id: i.id, rank: i.rank })));
    cursor = res.body.nextCursor;
  } while (cursor);
  return hits;
}

for (const wanted of ['gin', 'rum'] as const) {
  describe(`ranked search on a ${wanted.toUpperCase()} index`, () => {
    let t: TestApp;
    let index: SearchIndex;
    beforeAll(async () => {
      t = await startTestApp({}, wanted === 'rum' ? { prepare: rumWherePossible } : {});
      await recordQuotes(t.app.db.prisma, archive());
      index = await searchIndexOf(t.app.db.pool);
    }, 60_000);
    afterAll(async () => {
      await t?.close();
    });

    it('gives the first page in the order of the exact ranking of every match, short quotes about the word first', async () => {
      const { rows: exact } = await t.app.db.pool.query<{ id: string; rank: number }>(
        `SELECT id, ts_rank_cd(search_vector, websearch_to_tsquery('english', 'beacon'), 1|32) AS rank
         FROM quotes WHERE search_vector @@ websearch_to_tsquery('english', 'beacon') ORDER BY rank DESC, id DESC`,
      );
      expect(exact).toHaveLength(260);
      const page = (await t.api().get('/v1/quotes').query({ q: 'beacon', limit: 20 }).expect(200)).body.items as Hit[];
      const ranks = page.map((h) => h.rank);
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
      if (index === 'rum') {
        // Cover density orders the index; length, which it leaves out, only reorders a
        // bounded set: the page holds the quotes with the word twice, the best of all.
        expect(page[0]!.rank).toBeCloseTo(exact[0]!.rank, 5);
      }
      // Every quote on the page matches, and the best of them is among the best of all.
      const exactIds = new Set(exact.map((r) => r.id));
      expect(page.every((h) => exactIds.has(h.id))).toBe(true);
    });

    it('pages through the ranked set once, each page below the one before', async () => {
      const hits = await allPages(t, 'beacon', 25);
      expect(new Set(hits.map((h) => h.id)).size).toBe(hits.length);
      expect(hits).toHaveLength(Math.min(BEACONS, searchRanking(index).candidates));
      const ranks = hits.map((h) => h.rank);
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    });

    it('ends the pages by relevance with the ranked set, and pages by date reach every match', async () => {
      const bounded = { ...searchRanking(index), candidates: 40 };
      const repository = new QuoteRepository(t.app.db.pool, { get: () => Promise.resolve(bounded) });
      const seen = new Set<string>();
      let after: QuoteKeyset | undefined;
      for (;;) {
        const rows = await repository.page({ q: 'beacon' }, 'relevance', 15, after, false);
        const page = rows.slice(0, 15);
        for (const row of page) seen.add(row.id);
        if (rows.length <= 15) break;
        after = { order: 'relevance', rank: page.at(-1)!.rank!, id: page.at(-1)!.id };
      }
      expect(seen.size).toBe(40);
      const byDate = await repository.page({ q: 'beacon' }, 'date', 1000, undefined, false);
      expect(byDate).toHaveLength(BEACONS);
    });

    it('ranks exactly when the matches are fewer than the bound', async () => {
      const hits = await allPages(t, 'ferry timetable', 2);
      const { rows } = await t.app.db.pool.query<{ id: string }>(
        `SELECT id FROM quotes WHERE search_vector @@ websearch_to_tsquery('english', 'ferry timetable')
         ORDER BY ts_rank_cd(search_vector, websearch_to_tsquery('english', 'ferry timetable'), 1|32) DESC, id DESC`,
      );
      expect(hits.map((h) => h.id)).toEqual(rows.map((r) => r.id));
    });

    it('reads no more quotes from the table than its bound, however many match', async () => {
      const ranking = { ...searchRanking(index), candidates: 50 };
      const statement = quotePageStatement({ q: 'beacon' }, 'relevance', 20, undefined, true, ranking);
      const client = await t.app.db.pool.connect();
      let rows: { 'QUERY PLAN': [{ Plan: PlanNode }] }[];
      try {
        await client.query('BEGIN');
        // On a table this small the planner rightly sorts every match read through a bitmap; on an
        // archive it takes them in order from the RUM index (bench/explain-*.txt), as it must here.
        if (index === 'rum') await client.query('SET LOCAL enable_bitmapscan = off');
        ({ rows } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`, statement.values));
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      const scans = nodes(rows[0]!['QUERY PLAN'][0].Plan).filter((n) => n['Relation Name'] === 'quotes');
      expect(scans.length).toBeGreaterThan(0);
      for (const scan of scans) expect(scan['Actual Rows']).toBeLessThanOrEqual(50);
    });
  });
}

interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows': number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}
