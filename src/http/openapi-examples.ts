// Examples in the OpenAPI document, for every request body and the main answers,
// all from one invented article (no real outlet, person or event).

const body =
  'Harbour board chair Ines Vasquez said on Monday that the vote on the new ferry terminal would wait until spring.\n\n' +
  '"We will not rush a decision that shapes the waterfront for fifty years," Vasquez told reporters.\n\n' +
  'Tomas Brandt, secretary of the dock workers\' union, called the delay "a gift to the developers."';

const article = {
  title: 'Harbour board delays ferry terminal vote to spring',
  body,
  url: 'https://coastline-courier.example/2025/03/harbour-vote',
  outlet: 'Coastline Courier',
  author: 'Mara Lindqvist',
  publishedAt: '2025-03-10T09:30:00Z',
  language: 'en',
};

const ids = {
  article: '01956f3a-7c10-7000-8000-000000000001',
  vasquez: '01956f3a-7c10-7000-8000-0000000000a1',
  brandt: '01956f3a-7c10-7000-8000-0000000000b2',
  quotes: [
    '01956f3a-7c10-7000-8000-000000000101',
    '01956f3a-7c10-7000-8000-000000000102',
    '01956f3a-7c10-7000-8000-000000000103',
  ],
};

const vasquez = { name: 'Ines Vasquez', kind: 'person' };
const brandt = { name: 'Tomas Brandt', kind: 'person' };

const extracted = [
  {
    text: 'the vote on the new ferry terminal would wait until spring',
    start: 53,
    end: 111,
    kind: 'indirect',
    speaker: { ...vasquez, mention: { text: 'Harbour board chair Ines Vasquez', start: 0, end: 32 } },
    cue: { text: 'said', start: 33, end: 37 },
    relayedBy: null,
    confidence: 0.6,
    sieve: 'reported-that',
  },
  {
    text: 'We will not rush a decision that shapes the waterfront for fifty years,',
    start: 115,
    end: 186,
    kind: 'direct',
    speaker: { ...vasquez, mention: { text: 'Vasquez', start: 188, end: 195 } },
    cue: { text: 'told reporters', start: 196, end: 210 },
    relayedBy: null,
    confidence: 0.92,
    sieve: 'trailing',
  },
  {
    text: 'a gift to the developers.',
    start: 283,
    end: 308,
    kind: 'partial',
    speaker: { ...brandt, mention: { text: 'Tomas Brandt', start: 213, end: 225 } },
    cue: { text: 'called', start: 265, end: 271 },
    relayedBy: null,
    confidence: 0.75,
    sieve: 'sentence',
  },
];

const storedQuotes = extracted.map((quote, i) => ({
  id: ids.quotes[i]!,
  ...quote,
  speaker: { id: quote.speaker.name === vasquez.name ? ids.vasquez : ids.brandt, ...quote.speaker },
  status: 'machine',
}));

const createdAt = '2025-03-10T09:41:07.512Z';

const summary = {
  id: ids.article,
  title: article.title,
  url: article.url,
  outlet: article.outlet,
  publishedAt: article.publishedAt,
};

const match = {
  quoteId: ids.quotes[1]!,
  text: extracted[1]!.text,
  parts: [{ quoteId: ids.quotes[1]!, text: extracted[1]!.text, start: 115, end: 186 }],
  similarity: 1,
  match: 'exact',
  speaker: { id: ids.vasquez, ...vasquez },
  relayedBy: null,
  speakerIsClaimed: true,
  speakerMatch: 'exact',
  differences: [],
  relayedByClaimed: false,
  attribution: 'machine',
  sieve: extracted[1]!.sieve,
  article: summary,
  start: 115,
  end: 186,
  context: { text: `"${extracted[1]!.text}" Vasquez told reporters.`, start: 114, end: 211 },
  seenAt: article.publishedAt,
};

const articleRecord = {
  id: ids.article,
  ...article,
  canonicalUrl: article.url,
  fetchedAt: null,
  publishedAt: '2025-03-10T09:30:00.000Z',
  createdAt,
};
const { body: _body, ...articleListed } = articleRecord;
const quoteWithArticle = { ...storedQuotes[1]!, article: summary };
const speakerRecord = {
  id: ids.vasquez,
  ...vasquez,
  role: 'Harbour board chair',
  affiliation: 'Harbour board',
  aliases: ['Vasquez'],
  wikidataId: null,
  createdAt,
  updatedAt: createdAt,
};
const editedAt = '2025-03-11T08:15:42.000Z';
const keyRecord = {
  id: '01956f3a-7c10-7000-8000-0000000000c3',
  name: 'newsroom-dashboard',
  prefix: 'qak_R2x7Jm4P',
  scopes: ['read'],
  createdAt,
  revokedAt: null,
};
const json = (example: unknown) => ({ 'application/json': example });

const subscription = {
  id: '01956f3a-7c10-7000-8000-0000000000d4',
  speaker: { id: ids.vasquez, ...vasquez },
  q: 'ferry terminal',
  callbackUrl: 'https://alerts.coastline-courier.example/hooks/quotes',
  createdAt: editedAt,
};

const delivery = (attempt: number, statusCode: number | null, error: string | null, attemptedAt: string) => ({
  id: `01956f3a-7c10-7000-8000-0000000000e${attempt}`,
  eventId: '3c5e1f0a-92b4-8d71-a6f0-5b2e9c4d7a18',
  quoteId: ids.quotes[0],
  attempt,
  statusCode,
  error,
  durationMs: statusCode === null ? 10000 : 84,
  attemptedAt,
});

/** An ingest job of two lines, as it stands when queued and once the page of its second line failed. */
const ingestJob = (status: 'queued' | 'running') => ({
  id: '01a236b2-37dd-7de0-a601-ca0682559ab3',
  status,
  total: 2,
  done: 0,
  failed: status === 'queued' ? 0 : 1,
  pending: status === 'queued' ? 2 : 1,
  createdAt,
  finishedAt: null,
  errors:
    status === 'queued'
      ? []
      : [
          {
            line: 2,
            status: 422,
            error: {
              type: 'http://localhost:3000/problems/fetch-failed',
              title: 'Page could not be fetched',
              status: 422,
              detail: 'https://coastline-courier.example/2025/03/ferry-operator-reply answered HTTP 404.',
            },
          },
        ],
});

/** A feed of the invented outlet, after its first poll: one page stored, one still to fetch. */
const feed = {
  id: '01a236b2-37dd-7de0-a601-ca0682559ac4',
  url: 'https://coastline-courier.example/feeds/harbour.xml',
  outlet: 'Coastline Courier',
  intervalSeconds: 900,
  paused: false,
  title: 'Coastline Courier: Harbour',
  format: 'rss',
  createdAt,
  lastPolledAt: createdAt,
  lastError: null,
  itemsSeen: 2,
  itemsIngested: 1,
  itemsFailed: 0,
  itemsPending: 1,
};

const claim = { quote: 'We will not rush a decision that shapes the waterfront', speaker: 'Ines Vasquez' };

/** Request body examples, by operationId. */
export const requestExamples: Record<string, unknown> = {
  ingestArticle: article,
  ingestArticleBatch:
    `${JSON.stringify(article)}\n` +
    `${JSON.stringify({ title: 'Ferry operator welcomes the delay', body: '"We can plan for a spring vote," the operator said.' })}\n`,
  createIngestJob:
    `${JSON.stringify(article)}\n` +
    `${JSON.stringify({ url: 'https://coastline-courier.example/2025/03/ferry-operator-reply' })}\n`,
  correctQuote: {
    status: 'confirmed',
    by: 'desk-editor',
    reason: 'Checked against the recording of the press briefing.',
  },
  addArticleQuote: {
    start: 283,
    end: 307,
    kind: 'partial',
    speaker: ids.brandt,
    by: 'desk-editor',
    reason: 'The union secretary is quoted; the extractor missed the words.',
  },
  deleteQuote: { by: 'desk-editor', reason: 'A headline in quotation marks, not speech.' },
  createSpeaker: {
    name: 'Ines Vasquez',
    kind: 'person',
    role: 'Harbour board chair',
    aliases: ['Vasquez'],
  },
  updateSpeaker: { role: 'Former harbour board chair' },
  addSpeakerAliases: { aliases: ['I. Vasquez', 'Chair Vasquez'] },
  mergeSpeaker: { into: ids.vasquez, by: 'desk-editor', reason: 'Both entries are the harbour board chair.' },
  extractQuotes: { text: body, authors: [article.author] },
  verifyClaim: { ...claim, reviewUrl: 'https://factcheck.example/ferry-terminal-vote' },
  createApiKey: { name: 'newsroom-dashboard', scopes: ['read'] },
  createFeed: { url: feed.url, outlet: feed.outlet, intervalSeconds: feed.intervalSeconds },
  updateFeed: { intervalSeconds: 3600, paused: true },
  createSubscription: {
    speaker: 'Ines Vasquez',
    q: 'ferry terminal',
    callbackUrl: subscription.callbackUrl,
    secret: 'whsec_8fJ2kQ9vL3mN7pR1tX5zB0cD4gH6',
  },
};

/** The counts of the statistics example: the invented article's month. */
const monthCounts = {
  quotes: 3,
  bySpeakerKind: { person: 3, anonymous: 0, group: 0, organization: 0, unattributed: 0 },
  anonymousShare: 0,
  topSpeakers: [
    { id: ids.vasquez, ...vasquez, quotes: 2 },
    { id: ids.brandt, ...brandt, quotes: 1 },
  ],
};

/** Answer examples, by operationId, status and media type. */
export const responseExamples: Record<string, Record<string, Record<string, unknown>>> = {
  getMetrics: {
    200: {
      'text/plain':
        '# HELP http_requests_total HTTP requests answered, by method, route pattern and status.\n' +
        '# TYPE http_requests_total counter\n' +
        'http_requests_total{method="GET",route="/v1/quotes/:id",status_code="200"} 1042\n',
    },
  },
  checkLiveness: { 200: json({ status: 'ok' }) },
  checkReadiness: { 200: json({ status: 'ready' }) },
  getProblemType: {
    200: {
      'text/html':
        '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Invalid request</title></head>\n' +
        '<body>\n<h1>Invalid request</h1>\n<p>HTTP status 400.</p>\n</body>\n</html>\n',
    },
  },
  ingestArticle: {
    200: json({ ...articleRecord, quotes: storedQuotes }),
    201: json({ ...articleRecord, quotes: storedQuotes }),
  },
  listArticles: {
    200: json({
      items: [{ ...articleListed, quoteCount: 3 }],
      nextCursor: null,
    }),
  },
  getArticle: { 200: json({ ...articleRecord, quotes: storedQuotes }) },
  createIngestJob: { 202: json(ingestJob('queued')) },
  getIngestJob: { 200: json(ingestJob('running')) },
  createFeed: { 201: json({ ...feed, itemsIngested: 0, itemsPending: 2 }), 200: json(feed) },
  listFeeds: { 200: json({ items: [feed], nextCursor: null }) },
  getFeed: { 200: json(feed) },
  pollFeed: { 202: json(feed) },
  updateFeed: { 200: json({ ...feed, intervalSeconds: 3600, paused: true }) },
  ingestArticleBatch: {
    200: json({
      items: [
        { index: 0, line: 1, status: 200, id: ids.article },
        { index: 1, line: 2, status: 201, id: '01956f3a-7c10-7000-8000-000000000002' },
      ],
      created: 1,
      existing: 1,
      failed: 0,
    }),
  },
  listSpeakerQuotes: {
    200: json({
      items: storedQuotes
        .filter((quote) => quote.speaker.id === ids.vasquez)
        .map((quote) => ({ ...quote, article: summary, snippet: null, rank: null })),
      nextCursor: null,
    }),
  },
  getQuote: { 200: json(quoteWithArticle) },
  getQuoteStats: {
    200: json({
      outlet: article.outlet,
      from: '2025-03-01T00:00:00.000Z',
      to: '2025-03-31T23:59:59.999Z',
      interval: 'month',
      totals: monthCounts,
      periods: [{ start: '2025-03-01T00:00:00.000Z', ...monthCounts }],
    }),
  },

  getSpeakerTimeline: {
    200: json({
      speaker: ids.vasquez,
      from: null,
      to: null,
      interval: 'month',
      totals: { quotes: 14, direct: 9, partial: 1, indirect: 4, relayed: 2 },
      periods: [
        { start: '2025-02-01T00:00:00.000Z', quotes: 5, direct: 3, partial: 0, indirect: 2, relayed: 2 },
        { start: '2025-03-01T00:00:00.000Z', quotes: 9, direct: 6, partial: 1, indirect: 2, relayed: 0 },
      ],
      outlets: [
        { outlet: article.outlet, quotes: 11 },
        { outlet: null, quotes: 3 },
      ],
    }),
  },

  exportQuotes: {
    200: {
      'text/csv':
        'id,text,kind,start,end,status,confidence,sieve,speaker_id,speaker_name,speaker_kind,speaker_mention,cue,' +
        'relayed_by_id,relayed_by_name,article_id,article_title,article_url,outlet,published_at\r\n' +
        `${quoteWithArticle.id},"${quoteWithArticle.text}",direct,115,186,machine,0.92,trailing,${ids.vasquez},Ines Vasquez,person,` +
        `Vasquez,told reporters,,,${ids.article},${article.title},${article.url},${article.outlet},2025-03-10T09:30:00.000Z\r\n`,
      'application/x-ndjson': `${JSON.stringify(quoteWithArticle)}\n`,
    },
  },
  correctQuote: { 200: json({ ...quoteWithArticle, status: 'confirmed' }) },
  addArticleQuote: {
    201: json({
      ...quoteWithArticle,
      id: '01956f3a-7c10-7000-8000-000000000104',
      text: 'a gift to the developers',
      kind: 'partial',
      start: 283,
      end: 307,
      speaker: { id: ids.brandt, ...brandt, mention: null },
      cue: null,
      confidence: 1,
      sieve: 'editor',
      status: 'confirmed',
    }),
  },
  getQuoteHistory: {
    200: json({
      items: [
        {
          id: '01956f3a-7c10-7000-8000-000000000201',
          action: 'confirm',
          by: 'desk-editor',
          reason: 'Checked against the recording of the press briefing.',
          from: { speaker: { id: ids.vasquez, name: vasquez.name }, status: 'machine', start: 115, end: 186 },
          to: { speaker: { id: ids.vasquez, name: vasquez.name }, status: 'confirmed', start: 115, end: 186 },
          at: editedAt,
        },
      ],
    }),
  },
  listSpeakers: {
    200: json({
      items: [
        { ...speakerRecord, quoteCount: 2 },
        {
          ...speakerRecord,
          id: ids.brandt,
          ...brandt,
          role: 'Secretary',
          affiliation: "Dock workers' union",
          aliases: ['Brandt'],
          quoteCount: 1,
        },
      ],
      nextCursor: null,
    }),
  },
  createSpeaker: {
    201: json({
      ...speakerRecord,
      id: '01956f3a-7c10-7000-8000-0000000000a3',
      affiliation: null,
      possibleDuplicates: [
        { id: ids.vasquez, name: vasquez.name, kind: 'person', aliases: ['Vasquez'], quoteCount: 2 },
      ],
    }),
  },
  getSpeaker: { 200: json({ ...speakerRecord, quoteCount: 2 }) },
  updateSpeaker: {
    200: json({ ...speakerRecord, role: 'Former harbour board chair', updatedAt: editedAt, quoteCount: 2 }),
  },
  addSpeakerAliases: {
    200: json({
      ...speakerRecord,
      aliases: ['Vasquez', 'I. Vasquez', 'Chair Vasquez'],
      updatedAt: editedAt,
      quoteCount: 2,
    }),
  },
  mergeSpeaker: {
    200: json({ ...speakerRecord, aliases: ['Vasquez', 'I. Vasquez'], updatedAt: editedAt, quoteCount: 3 }),
  },
  createApiKey: { 201: json({ ...keyRecord, key: 'qak_R2x7Jm4PwL9sQe3TtYb8NcV1hK5uZa0DfXg6MiOp2rE' }) },
  listApiKeys: { 200: json({ items: [keyRecord], nextCursor: null }) },
  createSubscription: { 201: json(subscription) },
  listSubscriptions: { 200: json({ items: [subscription], nextCursor: null }) },
  getSubscription: { 200: json(subscription) },
  listSubscriptionDeliveries: {
    200: json({
      items: [
        delivery(2, 200, null, '2025-03-11T08:17:03.000Z'),
        delivery(1, null, 'no answer within 10000 ms', '2025-03-11T08:16:01.000Z'),
      ],
      nextCursor: null,
    }),
  },
  revokeApiKey: { 200: json({ ...keyRecord, revokedAt: editedAt }) },
  listQuotes: {
    200: {
      'application/json': {
        items: [{ ...storedQuotes[1], article: summary, snippet: null, rank: null }],
        nextCursor: null,
      },
    },
  },
  extractQuotes: {
    200: {
      'application/json': {
        quotes: extracted,
        speakers: [
          { ...vasquez, role: 'Harbour board chair', affiliation: null, aliases: ['Vasquez'] },
          { ...brandt, role: null, affiliation: null, aliases: [] },
        ],
      },
    },
  },
  verifyClaim: {
    200: {
      'application/json': {
        verdict: 'verified',
        explanation: 'Ines Vasquez said these words, in Coastline Courier on 10 March 2025.',
        claim,
        saidBy: [{ id: ids.vasquez, ...vasquez }],
        firstSeen: match,
        matches: [match],
      },
      'application/ld+json': {
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        url: 'https://factcheck.example/ferry-terminal-vote',
        claimReviewed: claim.quote,
        datePublished: '2025-03-12T14:02:00.000Z',
        author: { '@type': 'Organization', name: 'Quote attribution service' },
        reviewBody: 'Ines Vasquez said these words, in Coastline Courier on 10 March 2025.',
        reviewRating: {
          '@type': 'Rating',
          ratingValue: 5,
          bestRating: 5,
          worstRating: 1,
          alternateName: 'Verified: said as quoted',
        },
        itemReviewed: {
          '@type': 'Claim',
          author: { '@type': 'Person', name: 'Ines Vasquez' },
          datePublished: article.publishedAt,
          firstAppearance: {
            '@type': 'CreativeWork',
            url: article.url,
            headline: article.title,
            datePublished: article.publishedAt,
            publisher: { '@type': 'Organization', name: article.outlet },
          },
          appearance: [
            {
              '@type': 'CreativeWork',
              url: article.url,
              headline: article.title,
              datePublished: article.publishedAt,
              publisher: { '@type': 'Organization', name: article.outlet },
            },
          ],
        },
      },
    },
  },
};

/** An example problem: a body field that breaks its rule (`type` is the validation problem's URI). */
export function validationProblemExample(type: string) {
  return {
    type,
    title: 'Invalid request',
    status: 400,
    detail: 'body.body: must not be empty',
    instance: '/v1/articles',
    errors: [{ in: 'body', path: 'body', message: 'must not be empty' }],
  };
}
