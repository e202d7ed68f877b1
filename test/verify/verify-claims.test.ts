import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { recordQuotes } from '../support/records.js';
import { harbourArticle } from './fixtures.js';

// The cases a fact-checker must never see called "verified", on an invented
// article ingested through the API, and on records written straight to the
// database where a case needs a record the extractor would not make.

let t: TestApp;
let recorded: Awaited<ReturnType<typeof recordQuotes>>;

beforeAll(async () => {
  t = await startTestApp({
    CLAIMREVIEW_AUTHOR_NAME: 'Harbour Fact Desk',
    CLAIMREVIEW_AUTHOR_URL: 'https://factdesk.example/',
  });
  await t.api().post('/v1/articles').send(harbourArticle).expect(201);
  recorded = await recordQuotes(t.app.db.prisma, [
    {
      // Only the surname is on record, and the article gives no first name.
      text: 'The ferry timetable has to change before the summer season starts',
      speaker: { name: 'Okonkwo' },
      title: 'Ferry row',
      publishedAt: '2025-03-01T10:00:00Z',
    },
    {
      // Only the surname is on record, but the article names her in full elsewhere.
      text: 'The lighthouse keepers deserve a pension that reflects their years of service',
      speaker: { name: 'Achterberg' },
      before: 'Lighthouse pensions. Marta Achterberg, who kept the north light for decades, spoke last. "',
      title: 'Lighthouse pensions',
      publishedAt: '2025-03-02T10:00:00Z',
    },
    {
      text: 'Every trawler in the fleet will be refitted with cleaner engines by next spring',
      speaker: { name: 'William Foyle', aliases: ['Captain Foyle'] },
      title: 'Fleet refit',
      publishedAt: '2025-03-03T10:00:00Z',
    },
    {
      text: 'The tide gauges along the estuary were installed without any public tender',
      speaker: null,
      title: 'Tide gauge contracts',
      outlet: 'Estuary Post',
      publishedAt: '2025-03-04T10:00:00Z',
    },
    {
      text: 'We are closing the fish market on Sundays for the whole of the winter',
      speaker: { name: 'Greta Lindqvist' },
      status: 'rejected',
      title: 'Market hours',
      publishedAt: '2025-03-05T10:00:00Z',
    },
    // The same words twice: an earlier machine-made attribution, a later confirmed one.
    {
      text: 'The harbour dredging contract was signed without a second quote',
      speaker: { name: 'Nadia Okafor' },
      title: 'Dredging, first report',
      url: 'https://wire.example/dredging-1',
      publishedAt: '2025-03-06T10:00:00Z',
    },
    {
      text: 'The harbour dredging contract was signed without a second quote',
      speaker: { name: 'Nadia Okafor' },
      status: 'confirmed',
      title: 'Dredging, follow-up',
      url: 'https://wire.example/dredging-2',
      publishedAt: '2025-03-07T10:00:00Z',
    },
  ]);
});
afterAll(() => t.close());

interface Match {
  text: string;
  match: string;
  speaker: { name: string } | null;
  speakerMatch: string;
  attribution: string;
  parts: { quoteId: string; text: string; start: number; end: number }[];
  differences: {
    kind: string;
    claim: { text: string; start: number; end: number } | null;
    record: { text: string; start: number; end: number } | null;
  }[];
  article: { url: string | null; title: string };
}

const verify = async (body: Record<string, unknown>, query: Record<string, string> = {}) =>
  (await t.api().post('/v1/verify').query(query).send(body).expect(200)).body as {
    verdict: string;
    explanation: string;
    saidBy: { name: string }[];
    firstSeen: Match | null;
    matches: Match[];
  };

describe('meaning-bearing differences are never a close variant', () => {
  it('a dropped negation: wording_differs, with the "not" shown where it is', async () => {
    const quote = 'The repair schedule is settled from our point of view';
    const res = await verify({ quote, speaker: 'a senior county official' });
    expect(res.verdict).toBe('wording_differs');
    const [first] = res.matches;
    expect(first!.match).toBe('similar');
    expect(first!.differences[0]).toMatchObject({ kind: 'negation', claim: null, record: { text: 'not' } });
    const record = first!.differences[0]!.record!;
    expect(first!.text.slice(record.start, record.end)).toBe('not');
    expect(res.explanation).toMatch(/negation/);
    expect(res.explanation).toContain('“not”');
  });

  it('an added negation, and a fragment cut right after one', async () => {
    const added = await verify({ quote: 'The county cannot ignore that figure any longer', speaker: 'Tomasz Kowal' });
    expect(added.verdict).toBe('verified');
    const negated = await verify({ quote: 'Nobody on this council wants to abandon', speaker: 'Elena Marsh' });
    expect(negated.verdict).toBe('verified');
    const flipped = await verify({
      quote: 'Somebody on this council wants to abandon the old quarter',
      speaker: 'Mayor Marsh',
    });
    expect(flipped.verdict).toBe('wording_differs');
    expect(flipped.matches[0]!.differences[0]).toMatchObject({ kind: 'negation', record: { text: 'Nobody' } });
    const cut = await verify({ quote: 'settled from our point of view', speaker: 'a senior county official' });
    expect(cut.verdict).toBe('wording_differs');
    expect(cut.matches[0]!.differences).toEqual([
      { kind: 'negation', claim: null, record: { text: 'not', start: 23, end: 26 } },
    ]);
  });

  it('a changed number: wording_differs, "30" on record and "20" claimed', async () => {
    const quote = 'We have waited 20 years for a proper defence on this coast';
    const res = await verify({ quote, speaker: 'Robert Whittle' });
    expect(res.verdict).toBe('wording_differs');
    const difference = res.matches[0]!.differences[0]!;
    expect(difference).toMatchObject({ kind: 'number', claim: { text: '20' }, record: { text: '30' } });
    expect(quote.slice(difference.claim!.start, difference.claim!.end)).toBe('20');
    expect(res.explanation).toContain('the record says “30” where the claim says “20”');
    // The same number in words is the same number.
    const words = await verify({
      quote: 'We have waited thirty years for a proper defence on this coast',
      speaker: 'Robert Whittle',
    });
    expect(words.verdict).toBe('verified');
  });

  it('a changed name and a flipped modal: wording_differs', async () => {
    const name = await verify({
      quote: 'The money will come from the Whittle families first',
      speaker: 'Jason Whittle',
    });
    expect(name.verdict).toBe('wording_differs');
    expect(name.matches[0]!.differences[0]).toMatchObject({
      kind: 'name',
      claim: { text: 'Whittle' },
      record: { text: 'fishing' },
    });
    const modal = await verify({
      quote: 'The money may come from the fishing families first',
      speaker: 'Jason Whittle',
    });
    expect(modal.verdict).toBe('wording_differs');
    expect(modal.matches[0]!.differences[0]).toMatchObject({
      kind: 'polarity',
      claim: { text: 'may' },
      record: { text: 'will' },
    });
  });

  it('case, punctuation, typographic quotes, hyphens, British spelling and a dropped "the" stay close variants', async () => {
    for (const quote of [
      'THE MONEY WILL COME FROM THE FISHING FAMILIES FIRST!',
      '“The money will come from the fishing families first”',
      'We will consult every house-hold before a single stone is moved',
      'The money will come from fishing families first',
      'We have waited 30 years for a proper defense on this coast',
    ]) {
      const speaker = quote.includes('30')
        ? 'Robert Whittle'
        : quote.includes('consult')
          ? 'Elena Marsh'
          : 'Jason Whittle';
      const res = await verify({ quote, speaker });
      expect(res.verdict, quote).toBe('verified');
      expect(
        res.matches[0]!.differences.every((d) => d.kind === 'word'),
        quote,
      ).toBe(true);
    }
  });
});

describe('speakers are compared as people', () => {
  it("the father's words claimed for the son: misattributed, to the father", async () => {
    const res = await verify({
      quote: 'We have waited 30 years for a proper defence on this coast',
      speaker: 'Jason Whittle',
    });
    expect(res.verdict).toBe('misattributed');
    expect(res.saidBy.map((s) => s.name)).toEqual(['Robert Whittle']);
    expect(res.matches[0]!.speakerMatch).toBe('none');
  });

  it('exact names, titles ignored, surnames, short forms and registry aliases', async () => {
    const marsh = 'We will consult every household before a single stone is moved';
    expect((await verify({ quote: marsh, speaker: 'Elena Marsh' })).matches[0]!.speakerMatch).toBe('exact');
    expect((await verify({ quote: marsh, speaker: 'Mayor Elena Marsh' })).matches[0]!.speakerMatch).toBe('exact');
    expect((await verify({ quote: marsh, speaker: 'Marsh' })).matches[0]!.speakerMatch).toBe('alias');
    const fleet = 'Every trawler in the fleet will be refitted with cleaner engines by next spring';
    for (const speaker of ['Bill Foyle', 'Will Foyle', 'W. Foyle', 'Captain Foyle']) {
      const res = await verify({ quote: fleet, speaker });
      expect(res.verdict, speaker).toBe('verified');
      expect(res.matches[0]!.speakerMatch, speaker).toBe('alias');
    }
    const other = await verify({ quote: fleet, speaker: 'Thomas Foyle' });
    expect(other.verdict).toBe('misattributed');
  });

  it('a surname-only record: the article decides, or the first name is unconfirmed', async () => {
    const unconfirmed = await verify({
      quote: 'The ferry timetable has to change before the summer season starts',
      speaker: 'Ada Okonkwo',
    });
    expect(unconfirmed.verdict).toBe('verified');
    expect(unconfirmed.matches[0]!.speakerMatch).toBe('surname_only');
    expect(unconfirmed.explanation).toMatch(/only as “Okonkwo”.*“Ada” is not confirmed/);
    const quote = 'The lighthouse keepers deserve a pension that reflects their years of service';
    const confirmed = await verify({ quote, speaker: 'Marta Achterberg' });
    expect(confirmed.verdict).toBe('verified');
    expect(confirmed.matches[0]!.speakerMatch).toBe('alias');
    const refuted = await verify({ quote, speaker: 'Hendrik Achterberg' });
    expect(refuted.verdict).toBe('misattributed');
    expect(refuted.matches[0]!.speakerMatch).toBe('none');
  });
});

describe('a statement is the unit', () => {
  it('a quotation split by its attribution, claimed whole: verified, with both parts as evidence', async () => {
    const quote =
      'We have waited 30 years for a proper defence on this coast, and it would be a mistake to patch it up once more';
    const res = await verify({ quote, speaker: 'Robert Whittle' });
    expect(res.verdict).toBe('verified');
    expect(res.firstSeen!.parts.map((p) => p.text)).toEqual([
      'We have waited 30 years for a proper defence on this coast,',
      'and it would be a mistake to patch it up once more.',
    ]);
    for (const part of res.firstSeen!.parts) expect(harbourArticle.body.slice(part.start, part.end)).toBe(part.text);
    // A part alone is a fragment of the statement.
    const part = await verify({ quote: 'it would be a mistake to patch it up once more', speaker: 'Robert Whittle' });
    expect(part.verdict).toBe('verified');
  });

  it('a quotation over two paragraphs, and two statements of one speaker kept apart', async () => {
    const res = await verify({
      quote:
        'Our survey found that the cliff path has lost four metres since the autumn. The county cannot ignore that figure any longer',
      speaker: 'Tomasz Kowal',
    });
    expect(res.verdict).toBe('verified');
    expect(res.firstSeen!.parts).toHaveLength(2);
    const marsh = await verify({
      quote: 'Nobody on this council wants to abandon the old quarter. We will consult every household',
      speaker: 'Elena Marsh',
    });
    expect(marsh.verdict).toBe('verified');
    expect(marsh.firstSeen!.parts).toHaveLength(2);
  });
});

describe('what a person rejected supports nothing', () => {
  it('a rejected attribution never verifies, named or not', async () => {
    const quote = 'We are closing the fish market on Sundays for the whole of the winter';
    const named = await verify({ quote, speaker: 'Greta Lindqvist' });
    expect(named.verdict).toBe('not_found');
    expect(named.explanation).toMatch(/no speaker is known.*rejected.*“Market hours”/);
    const unnamed = await verify({ quote });
    expect(unnamed.verdict).not.toBe('verified');
    expect(unnamed.matches[0]!.attribution).toBe('rejected');
  });

  it('a quote with no known speaker never verifies a named claim, and names the article', async () => {
    const quote = 'The tide gauges along the estuary were installed without any public tender';
    const res = await verify({ quote, speaker: 'Greta Lindqvist' });
    expect(res.verdict).toBe('not_found');
    expect(res.explanation).toBe(
      'On record, but no speaker is known: in “Tide gauge contracts” (Estuary Post, 2025-03-04).',
    );
    expect(res.firstSeen!.article.title).toBe('Tide gauge contracts');
  });

  it('confirmed attributions rank first among equal matches; firstSeen stays the earliest', async () => {
    const res = await verify({
      quote: 'The harbour dredging contract was signed without a second quote',
      speaker: 'Nadia Okafor',
    });
    expect(res.verdict).toBe('verified');
    expect(res.matches.map((m) => [m.article.url, m.attribution])).toEqual([
      ['https://wire.example/dredging-2', 'confirmed'],
      ['https://wire.example/dredging-1', 'machine'],
    ]);
    expect(res.firstSeen!.article.url).toBe('https://wire.example/dredging-1');
    expect(recorded.quotes).toHaveLength(7);
  });
});

describe('ClaimReview as publishers need it', () => {
  it('names the configured author, the review URL, the claim and its first appearance', async () => {
    const res = await t
      .api()
      .post('/v1/verify')
      .query({ format: 'claimreview' })
      .send({
        quote: 'We have waited 20 years for a proper defence on this coast',
        speaker: 'Robert Whittle',
        reviewUrl: 'https://factdesk.example/checks/sea-wall',
      })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(res.body).toMatchObject({
      '@type': 'ClaimReview',
      url: 'https://factdesk.example/checks/sea-wall',
      author: { '@type': 'Organization', name: 'Harbour Fact Desk', url: 'https://factdesk.example/' },
      reviewRating: { ratingValue: 3, bestRating: 5, worstRating: 1, alternateName: 'Wording differs from the record' },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'Robert Whittle' },
        datePublished: '2025-02-14T09:00:00.000Z',
        firstAppearance: { url: harbourArticle.url, datePublished: '2025-02-14T09:00:00.000Z' },
      },
    });
    expect(res.body.itemReviewed.appearance[0].url).toBe(harbourArticle.url);
  });

  it('refuses a review URL that is not an http(s) URL', async () => {
    const res = await t.api().post('/v1/verify').send({ quote: 'x', reviewUrl: 'javascript:alert(1)' });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('http://localhost:3000/problems/validation');
    expect(res.body.errors[0].path).toBe('reviewUrl');
  });
});

describe('evidence names the rule that attributed it', () => {
  it('gives each match the sieve stored with its quote', async () => {
    const res = await verify({ quote: 'The county cannot ignore that figure any longer', speaker: 'Tomasz Kowal' });
    const first = res.matches[0]! as Match & { sieve: string | null; parts: { quoteId: string }[] };
    expect(first.sieve).toMatch(/^[a-z-]+$/);
    const stored = await t.api().get(`/v1/quotes/${first.parts[0]!.quoteId}`).expect(200);
    expect(stored.body.sieve).toBe(first.sieve);
  });
});
