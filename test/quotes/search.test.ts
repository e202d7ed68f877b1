import type request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { recordQuotes } from '../support/records.js';

const t = useTestApp();
let speakers: Map<string, string>;

beforeAll(async () => {
  const harbour = { name: 'Mara Lindqvist', aliases: ['Lindqvist'], role: 'harbour master' };
  const minister = { name: 'Tomás Ferreira', aliases: ['Ferreira'], role: 'fisheries minister' };
  const official = { name: 'a port official', kind: 'anonymous' as const };
  ({ speakers } = await recordQuotes(t.app.db.prisma, [
    {
      text: 'The harbour will reopen once the storm damage is repaired',
      speaker: harbour,
      outlet: 'Coast Herald',
      publishedAt: '2024-03-01T08:00:00Z',
    },
    {
      text: 'Repairs to the harbour walls are our first priority',
      speaker: harbour,
      outlet: 'Coast Herald',
      publishedAt: '2024-03-02T08:00:00Z',
    },
    {
      text: 'Fishing quotas will not change this year',
      speaker: minister,
      outlet: 'Capital Times',
      publishedAt: '2024-03-03T08:00:00Z',
      kind: 'partial',
    },
    {
      text: 'The café owners near the pier were paid in full',
      speaker: minister,
      outlet: 'Capital Times',
      publishedAt: '2024-03-04T08:00:00Z',
    },
    {
      text: 'Nobody expected the storm to hit the harbour so hard',
      speaker: official,
      outlet: 'Coast Herald',
      publishedAt: '2024-03-05T08:00:00Z',
    },
    {
      text: 'Insurance <claims> & payouts will take months',
      speaker: official,
      outlet: 'Coast Herald',
      publishedAt: '2024-03-06T08:00:00Z',
    },
  ]));
});

const texts = (res: request.Response) => res.body.items.map((q: { text: string }) => q.text);

describe('GET /v1/quotes?q=', () => {
  it('finds words with English stemming, ranked, with a highlighted snippet', async () => {
    const res = await t.api().get('/v1/quotes').query({ q: 'repair' }).expect(200);
    expect(texts(res).sort()).toEqual([
      'Repairs to the harbour walls are our first priority',
      'The harbour will reopen once the storm damage is repaired',
    ]);
    for (const hit of res.body.items) {
      expect(hit.rank).toBeGreaterThan(0);
      expect(hit.snippet).toMatch(/<mark>repair(s|ed)<\/mark>/i);
    }
    expect(res.body.items[0].rank).toBeGreaterThanOrEqual(res.body.items[1].rank);
  });

  it('ranks by cover density normalised by quote length, each snippet marking the words', async () => {
    const res = await t.api().get('/v1/quotes').query({ q: 'harbour' }).expect(200);
    const ranks = res.body.items.map((q: { rank: number }) => q.rank);
    expect(new Set(ranks).size).toBeGreaterThan(1);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    for (const hit of res.body.items) {
      expect(hit.rank).toBeGreaterThan(0);
      expect(hit.rank).toBeLessThan(1);
      expect(hit.snippet).toContain('<mark>harbour</mark>');
    }
  });

  it('understands quoted phrases, OR and -word', async () => {
    expect(texts(await t.api().get('/v1/quotes').query({ q: '"harbour walls"' }).expect(200))).toEqual([
      'Repairs to the harbour walls are our first priority',
    ]);
    expect(
      texts(await t.api().get('/v1/quotes').query({ q: 'quotas OR insurance', sort: 'date' }).expect(200)),
    ).toEqual(['Insurance <claims> & payouts will take months', 'Fishing quotas will not change this year']);
    expect(texts(await t.api().get('/v1/quotes').query({ q: 'harbour -storm' }).expect(200))).toEqual([
      'Repairs to the harbour walls are our first priority',
    ]);
  });

  it('ignores accents and escapes the snippet', async () => {
    const res = await t.api().get('/v1/quotes').query({ q: 'cafe' }).expect(200);
    expect(texts(res)).toEqual(['The café owners near the pier were paid in full']);
    expect(res.body.items[0].snippet).toContain('<mark>café</mark>');
    const html = await t.api().get('/v1/quotes').query({ q: 'claims' }).expect(200);
    expect(html.body.items[0].snippet).toContain('&lt;<mark>claims</mark>&gt; &amp; payouts');
  });

  it('filters by speaker, speaker kind, outlet, date range and kind', async () => {
    const q = (query: Record<string, string>) => t.api().get('/v1/quotes').query(query).expect(200);
    expect(texts(await q({ q: 'harbour', speaker: 'Lindqvist' })).sort()).toEqual([
      'Repairs to the harbour walls are our first priority',
      'The harbour will reopen once the storm damage is repaired',
    ]);
    expect(texts(await q({ q: 'harbour', speakerKind: 'anonymous' }))).toEqual([
      'Nobody expected the storm to hit the harbour so hard',
    ]);
    expect(texts(await q({ outlet: 'Capital Times' })).sort()).toEqual([
      'Fishing quotas will not change this year',
      'The café owners near the pier were paid in full',
    ]);
    expect(texts(await q({ publishedFrom: '2024-03-02', publishedTo: '2024-03-03' }))).toEqual([
      'Fishing quotas will not change this year',
      'Repairs to the harbour walls are our first priority',
    ]);
    expect(texts(await q({ kind: 'partial' }))).toEqual(['Fishing quotas will not change this year']);
    expect(texts(await q({ q: 'the' }))).toEqual([]);
  });

  it('pages by relevance and by date without repeats, and stays stable when quotes arrive', async () => {
    let arrivals = 0;
    const collect = async (query: Record<string, string>) => {
      const seen: string[] = [];
      // Each arrival is newer than every quote before it, the previous arrival included.
      const arrivalDate = new Date(Date.UTC(2030, 0, 1 + arrivals++)).toISOString();
      const arrival = `The harbour fund grew again ${Math.random()}`;
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: request.Response = await t
          .api()
          .get('/v1/quotes')
          .query({ ...query, limit: '1', ...(cursor ? { cursor } : {}) })
          .expect(200);
        seen.push(...texts(res));
        cursor = res.body.nextCursor;
        if (pages++ === 0) {
          // A newer quote arrives while the client pages.
          await recordQuotes(t.app.db.prisma, [{ text: arrival, publishedAt: arrivalDate }]);
        }
      } while (cursor);
      return { seen, arrival };
    };
    const byRank = await collect({ q: 'harbour' });
    expect(new Set(byRank.seen).size).toBe(byRank.seen.length);
    expect(byRank.seen.length).toBeGreaterThanOrEqual(3);
    const byDate = await collect({ q: 'harbour', sort: 'date' });
    expect(new Set(byDate.seen).size).toBe(byDate.seen.length);
    // The newest quote arrived after the first page was served: it belongs before
    // the cursor, so later pages neither show it nor shift.
    expect(byDate.seen).not.toContain(byDate.arrival);
    // Three quotes from the start, and the one that arrived during the first listing.
    expect(byDate.seen).toContain(byRank.arrival);
    expect(byDate.seen).toHaveLength(4);
  });

  it('rejects bad search input with 400, never 500', async () => {
    for (const query of [
      { sort: 'relevance' },
      { sort: 'random' },
      { q: '' },
      { speakerKind: 'robot' },
      { status: 'maybe' },
      { publishedTo: '0000-12-31' },
      {
        q: 'harbour',
        cursor: Buffer.from(
          JSON.stringify(['d', '2024-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']),
        ).toString('base64url'),
      },
    ]) {
      const res = await t.api().get('/v1/quotes').query(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
    }
    for (const q of ["' OR 1=1 --", '!!! & | ( ) :* <->', '"unclosed', 'a\\b', '%_%']) {
      const res = await t.api().get('/v1/quotes').query({ q });
      expect(res.status, q).toBe(200);
    }
  });
});

describe('GET /v1/speakers/:id/quotes', () => {
  it("lists a speaker's quotes, newest first, and 404s for an unknown speaker", async () => {
    const id = speakers.get('Tomás Ferreira')!;
    const res = await t.api().get(`/v1/speakers/${id}/quotes`).expect(200);
    expect(texts(res)).toEqual([
      'The café owners near the pier were paid in full',
      'Fishing quotas will not change this year',
    ]);
    const searched = await t.api().get(`/v1/speakers/${id}/quotes`).query({ q: 'quota' }).expect(200);
    expect(texts(searched)).toEqual(['Fishing quotas will not change this year']);
    await t.api().get('/v1/speakers/00000000-0000-4000-8000-000000000000/quotes').expect(404);
  });
});

describe('GET /v1/speakers?q= (fuzzy)', () => {
  it('finds misspelled names, aliases and roles', async () => {
    const names = async (q: string) =>
      (await t.api().get('/v1/speakers').query({ q }).expect(200)).body.items.map((s: { name: string }) => s.name);
    expect(await names('lindqvst')).toContain('Mara Lindqvist');
    expect(await names('ferriera')).toContain('Tomás Ferreira');
    expect(await names('harbour master')).toEqual(['Mara Lindqvist']);
    expect(await names('fisheries')).toEqual(['Tomás Ferreira']);
    expect(await names('zzzzqqq')).toEqual([]);
  });
});

describe('the full-text index', () => {
  it('finds a quote as soon as it is stored, and keeps the pending list of a GIN index short for searches to read through', async () => {
    await recordQuotes(t.app.db.prisma, [
      {
        text: 'The lighthouse keepers voted to stay on strike',
        speaker: { name: 'Ines Varga' },
        outlet: 'Coast Herald',
        publishedAt: '2024-04-01T08:00:00Z',
      },
    ]);
    const res = await t.api().get('/v1/quotes').query({ q: 'lighthouse keepers' }).expect(200);
    expect(res.body.items.map((q: { text: string }) => q.text)).toEqual([
      'The lighthouse keepers voted to stay on strike',
    ]);
    const { rows } = await t.app.db.pool.query<{ method: string; reloptions: string[] | null }>(
      `SELECT am.amname AS method, c.reloptions FROM pg_class c JOIN pg_am am ON am.oid = c.relam
       WHERE c.relname = 'quotes_search_vector_idx'`,
    );
    // A RUM index (where the server has the extension) writes every entry in place: it has no pending list.
    expect(rows[0]!.reloptions).toEqual(rows[0]!.method === 'gin' ? ['gin_pending_list_limit=1024'] : null);
  });
});
