import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';

// Whatever a client sends, the answer is never a 5xx: random methods, paths,
// query strings, bodies and headers against every route.

const t = useTestApp({ RATE_LIMIT_MAX: '1000000' });
let knownIds: string[] = [];

beforeAll(async () => {
  const article = await t.api().post('/v1/articles').send({
    title: 'Fuzz seed',
    body: '"We start in May," Governor Ana Ruiz said. "Not before," she added.',
    url: 'https://news.example.org/fuzz-seed',
  });
  knownIds = [article.body.id, article.body.quotes[0]?.id, article.body.quotes[0]?.speaker?.id].filter(Boolean);
});

const printable = (maxLength = 40) =>
  fc.string({ maxLength, unit: fc.constantFrom(...' !"#$%&\'()*+,-./0123456789:;<=>?@AZaz[\\]^_`{|}~'.split('')) });
const anyText = (maxLength = 40) =>
  fc.oneof(fc.string({ maxLength }), fc.string({ maxLength, unit: 'binary' }), printable(maxLength));

const idSegment = fc.oneof(
  fc.uuid(),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', 'null', '..', '%00', '%', '%E0%A4%A', "'", '-1', '1e309'),
  printable(60).map(encodeURIComponent),
  fc.constant('KNOWN'),
);

const operations: [string, string][] = [
  ['GET', '/v1/articles'],
  ['POST', '/v1/articles'],
  ['GET', '/v1/articles/:id'],
  ['DELETE', '/v1/articles/:id'],
  ['GET', '/v1/quotes'],
  ['GET', '/v1/quotes/:id'],
  ['GET', '/v1/speakers'],
  ['POST', '/v1/speakers'],
  ['GET', '/v1/speakers/:id'],
  ['PATCH', '/v1/speakers/:id'],
  ['POST', '/v1/extract'],
  ['GET', '/v1/keys'],
  ['POST', '/v1/keys'],
  ['DELETE', '/v1/keys/:id'],
  ['GET', '/v1/speakers/:id/quotes'],
  ['POST', '/v1/speakers/:id/merge'],
  ['POST', '/v1/speakers/:id/aliases'],
  ['PATCH', '/v1/quotes/:id'],
  ['GET', '/v1/quotes/:id/history'],
  ['POST', '/v1/verify'],
  ['POST', '/v1/articles:batch'],
  ['GET', '/v1/feeds'],
  ['GET', '/v1/feeds/:id'],
  ['POST', '/v1/feeds/:id/poll'],
  ['DELETE', '/v1/feeds/:id'],
  ['GET', '/health/live'],
  ['GET', '/health/ready'],
  ['GET', '/openapi.json'],
  ['GET', '/docs'],
];
const anyMethod = fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'HEAD', 'OPTIONS');

const withId = (route: string, id: string, n: number) =>
  route.replace(':id', id === 'KNOWN' ? (knownIds[n % Math.max(1, knownIds.length)] ?? id) : id);

/** Mostly the routes as they are, sometimes another method or a path of no route. */
const operation = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.constantFrom(...operations), idSegment, fc.nat())
      .map(([[m, r], id, n]) => [m, withId(r, id, n)] as const),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(anyMethod, fc.constantFrom(...operations), idSegment, fc.nat())
      .map(([m, [, r], id, n]) => [m, withId(r, id, n)] as const),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(anyMethod, fc.array(printable(20).map(encodeURIComponent), { maxLength: 5 }))
      .map(([m, parts]) => [m, `/${parts.join('/')}`] as const),
  },
);

const queryKeys = fc.constantFrom(
  'limit',
  'cursor',
  'q',
  'outlet',
  'publishedFrom',
  'publishedTo',
  'speaker',
  'speakerKind',
  'sort',
  'format',
  'article',
  'kind',
  'status',
  'x',
  '__proto__',
);
const queryValue = fc.oneof(
  anyText(30),
  fc.integer().map(String),
  fc.constantFrom(
    '0',
    '-1',
    '101',
    '1e3',
    'NaN',
    '2026-02-30',
    '275760-09-14',
    '0000-01-01',
    '2026-01-01T00:00:00+25:00',
    'direct',
    'person',
    '',
  ),
);
const query = fc.array(fc.tuple(queryKeys, queryValue), { maxLength: 5 }).map((pairs) => {
  const params = new URLSearchParams();
  for (const [k, v] of pairs) params.append(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
});

const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  anyText(50),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(anyText(10), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);
const shapedBody = fc.record(
  {
    title: fieldValue,
    body: fieldValue,
    text: fieldValue,
    url: fieldValue,
    outlet: fieldValue,
    author: fieldValue,
    publishedAt: fieldValue,
    language: fieldValue,
    name: fieldValue,
    kind: fieldValue,
    role: fieldValue,
    aliases: fieldValue,
    wikidataId: fieldValue,
    affiliation: fieldValue,
    scopes: fieldValue,
    authors: fieldValue,
  },
  { requiredKeys: [] },
);
/** Valid bodies with a few fields replaced: the inputs that get furthest in. */
const nearlyValid = fc
  .tuple(
    fc.constantFrom<Record<string, unknown>>(
      { title: 'T', body: '"Yes," she said.' },
      { name: 'Ana Ruiz', kind: 'person', aliases: ['Ruiz'] },
      { text: '"We start in May," the governor said.' },
      { scopes: ['read'] },
      { quote: 'We start in May', speaker: 'Ana Ruiz' },
      { status: 'confirmed', by: 'editor', reason: 'checked' },
      { into: '00000000-0000-4000-8000-000000000000', by: 'editor' },
    ),
    fc.dictionary(
      fc.constantFrom(
        'title',
        'body',
        'text',
        'url',
        'publishedAt',
        'language',
        'name',
        'kind',
        'aliases',
        'wikidataId',
        'scopes',
        'authors',
        'quote',
        'speaker',
        'before',
        'status',
        'by',
        'reason',
        'into',
        'force',
      ),
      fieldValue,
      { maxKeys: 2 },
    ),
  )
  .map(([base, changes]) => JSON.stringify({ ...base, ...changes }));

const body = fc.oneof(
  fc.constant(undefined),
  { weight: 3, arbitrary: nearlyValid },
  shapedBody.map((b) => JSON.stringify(b)),
  fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
  anyText(200),
  fc.constantFrom('', '{', '[', 'null', '"x"', '{"a":1}{"b":2}', '\uFEFF{}', '{"title":"\\ud800"}'),
);

const headers = fc.record(
  {
    'content-type': fc.oneof(
      { weight: 6, arbitrary: fc.constant('application/json') },
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'application/json; charset=latin1',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/problem+json',
      ),
      printable(30),
    ),
    authorization: fc.oneof({ weight: 4, arbitrary: fc.constant('ADMIN') }, { weight: 1, arbitrary: printable(60) }),
    'idempotency-key': printable(40),
    'x-request-id': printable(40),
    accept: fc.constantFrom('application/json', 'text/html', '*/*', 'application/xml'),
    origin: fc.constantFrom('https://evil.example', 'null'),
  },
  { requiredKeys: [] },
);

describe('fuzz', () => {
  it('no request gets a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(operation, query, body, headers, async ([m, p], q, b, h) => {
        const sent: Record<string, string> = {};
        for (const [k, v] of Object.entries(h))
          if (v !== undefined) sent[k] = k === 'authorization' && v === 'ADMIN' ? `Bearer ${t.adminKey}` : String(v);
        const res = await t.app.inject({
          method: m as 'GET',
          url: `${p}${q}`,
          headers: sent,
          ...(b !== undefined && m !== 'GET' && m !== 'HEAD' ? { payload: b } : {}),
        });
        expect(
          res.statusCode,
          `${m} ${p}${q} ${JSON.stringify(sent)} ${String(b).slice(0, 300)}\n-> ${res.body.slice(0, 300)}`,
        ).toBeLessThan(500);
        if (res.statusCode >= 400 && m !== 'HEAD')
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: 600 },
    );
  }, 120_000);
});
