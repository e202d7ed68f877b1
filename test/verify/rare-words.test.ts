import { describe, expect, it } from 'vitest';
import { foldLexemeChanges, LexemeCountFolder } from '../../src/verify/lexeme-counts.js';
import { verifyCandidatesStatement } from '../../src/verify/repository.js';
import { normalizeQuoteText } from '../../src/text/normalize.js';
import { useTestApp } from '../support/app.js';
import { recordQuotes, type RecordSpec } from '../support/records.js';

// Verification looks a claim up by its rarest words, by the counts quote_lexemes
// keeps of how many quotes hold each word: writes log their changes, folded in
// every few seconds; a claim's word not listed yet is counted from the search index.

const t = useTestApp();

async function countsMatchTheQuotes() {
  await foldLexemeChanges(t.app.db.pool);
  const { rows } = await t.app.db.pool.query<{ lexeme: string; kept: number | null; actual: number | null }>(
    `SELECT lexeme, k.quotes AS kept, s.ndoc AS actual
     FROM (SELECT lexeme, quotes FROM quote_lexemes WHERE quotes > 0) k
     FULL JOIN (SELECT word AS lexeme, ndoc FROM ts_stat('SELECT search_vector FROM quotes')) s USING (lexeme)
     WHERE k.quotes IS DISTINCT FROM s.ndoc`,
  );
  expect(rows).toEqual([]);
}

async function countOf(lexeme: string): Promise<number | undefined> {
  const { rows } = await t.app.db.pool.query<{ quotes: number }>('SELECT quotes FROM quote_lexemes WHERE lexeme = $1', [
    lexeme,
  ]);
  return rows[0]?.quotes;
}

const COMMON = ['council', 'budget', 'plan', 'vote', 'week', 'city', 'money', 'road'];

describe('word counts for verification', () => {
  it('count the quotes holding each word as quotes are added, edited and removed', async () => {
    const { speakers } = await recordQuotes(t.app.db.prisma, [
      { text: 'The bridge tolls will fall next spring', speaker: { name: 'Ada Brenner' } },
      { text: 'Tolls on the bridge pay for the bridge', speaker: { name: 'Ada Brenner' } },
    ]);
    await countsMatchTheQuotes();
    const article = await t.api().post('/v1/articles').send({
      title: 'Tolls',
      body: 'The mayor spoke on Monday. "The tolls fund the ferries and the bridge," said Mayor Oskar Vinter.',
    });
    expect(article.status).toBe(201);
    await countsMatchTheQuotes();
    await t.app.db.pool.query(
      `UPDATE quotes SET text = 'The ferry fares will rise next spring' WHERE speaker_id = $1 AND text LIKE 'The bridge%'`,
      [speakers.get('Ada Brenner')],
    );
    // A change that leaves the words alone changes no count.
    await t.app.db.pool.query(`UPDATE quotes SET confidence = 0.5`);
    await countsMatchTheQuotes();
    await t.api().delete(`/v1/articles/${article.body.id}`).expect(204);
    await countsMatchTheQuotes();
    const { rows } = await t.app.db.pool.query<{ quotes: number }>(
      `SELECT quotes FROM quote_lexemes WHERE lexeme = 'ferri'`,
    );
    expect(rows).toEqual([{ quotes: 1 }]);
  });

  it('lists a word new to the archive once the log is folded, and verifies its quote at once', async () => {
    await recordQuotes(t.app.db.prisma, [
      { text: 'The harbour fees stay as they are', speaker: { name: 'Ada Brenner' } },
    ]);
    await countsMatchTheQuotes();
    await recordQuotes(t.app.db.prisma, [
      { text: 'The harbour dredger Quillonbarge sails in May', speaker: { name: 'Ada Brenner' } },
      { text: 'Vostrelline tugboats haul Quillonbarge', speaker: { name: 'Ada Brenner' } },
    ]);
    expect(await countOf('quillonbarg')).toBeUndefined();
    expect(await countOf('harbour')).toBe(1);
    // Every word of this claim is new to the archive and none is listed yet: the
    // search index counts them, and the quote is found by them at once.
    const fresh = await t.api().post('/v1/verify').send({ quote: 'Vostrelline tugboats haul Quillonbarge' });
    expect(fresh.status).toBe(200);
    expect(fresh.body.verdict).toBe('verified');
    expect(await foldLexemeChanges(t.app.db.pool)).toBeGreaterThan(0);
    expect(await countOf('quillonbarg')).toBe(2);
    expect(await countOf('harbour')).toBe(2);
    const res = await t.api().post('/v1/verify').send({ quote: 'the harbour dredger Quillonbarge sails in May' });
    expect(res.status).toBe(200);
    expect(res.body.verdict).toBe('verified');
  });

  it('loses no change when writes and folds run at once', async () => {
    const writes = Array.from({ length: 8 }, (_, i) =>
      recordQuotes(t.app.db.prisma, [
        { text: `The harbour fees rise by ${i} percent in spring`, speaker: { name: `Speaker ${i} Nolte` } },
        { text: `Ferries ${i} will run twice a day`, speaker: { name: `Speaker ${i} Nolte` } },
      ]),
    );
    const folds = Array.from({ length: 8 }, () => foldLexemeChanges(t.app.db.pool));
    await Promise.all([...writes, ...folds]);
    await countsMatchTheQuotes();
  });

  it('are folded by the service every few seconds', async () => {
    await recordQuotes(t.app.db.prisma, [{ text: 'The ferry pier opens in June', speaker: { name: 'Ada Brenner' } }]);
    await countsMatchTheQuotes();
    await recordQuotes(t.app.db.prisma, [{ text: 'The ferry pier closes in June', speaker: { name: 'Ada Brenner' } }]);
    expect(await countOf('pier')).toBe(1);
    const folder = new LexemeCountFolder(t.app.db.pool, t.app.log, 20);
    folder.start();
    try {
      await expect.poll(() => countOf('pier'), { timeout: 5000 }).toBe(2);
    } finally {
      await folder.stop();
    }
  });

  it('finds a claim of common words among hundreds of quotes holding them, reading a bounded number of rows', async () => {
    const crowd: RecordSpec[] = Array.from({ length: 320 }, (_, i) => ({
      text: Array.from({ length: 8 }, (_, j) => COMMON[(i + j * 3) % COMMON.length]).join(' '),
    }));
    crowd.push({
      text: 'The council will put the road budget to a vote within a week',
      speaker: { name: 'Lena Sorvik' },
    });
    await recordQuotes(t.app.db.prisma, crowd);
    await countsMatchTheQuotes();

    const claim = 'the council will put the road budget to a vote';
    const res = await t.api().post('/v1/verify').send({ quote: claim, speaker: 'Lena Sorvik' }).expect(200);
    expect(res.body.verdict).toBe('verified');

    const statement = verifyCandidatesStatement(claim, normalizeQuoteText(claim));
    const { rows } = await t.app.db.pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`,
      statement.values,
    );
    // The quotes the probes read (the CTE `hits`); the rest of the statement reads the best 100 of them.
    const probes = nodes(rows[0]!['QUERY PLAN'][0].Plan).find((n) => n['Subplan Name'] === 'CTE hits')!;
    const read = nodes(probes)
      .filter((n) => n['Relation Name'] === 'quotes')
      .reduce((sum, n) => sum + n['Actual Rows'] * n['Actual Loops'], 0);
    // Six pairs of the four rarest words, 40 quotes each at most (every word here is common).
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThanOrEqual(6 * 40);
  });
});

interface PlanNode {
  'Relation Name'?: string;
  'Subplan Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}
