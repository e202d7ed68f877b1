import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';

// Properties of the write and query routes, whatever a client sends in any field
// (any JSON value, text with NUL or unpaired surrogates, huge numbers, deep
// nesting, any cursor): the answer is 2xx or 4xx, never 5xx, and a 4xx writes
// nothing.

const t = useTestApp({ RATE_LIMIT_MAX: '1000000' });
const RUNS = 60;

let ids: { article: string; quote: string; speaker: string; other: string };

beforeAll(async () => {
  const article = await t
    .api()
    .post('/v1/articles')
    .send({
      title: 'Properties seed',
      body: '"The dam holds," engineer Lea Marsh said. "We checked twice," said Tom Reyes.',
      url: 'https://news.example.org/properties-seed',
    })
    .expect(201);
  const other = await t.api().post('/v1/speakers').send({ name: 'Property Person', kind: 'person' }).expect(201);
  ids = {
    article: article.body.id,
    quote: article.body.quotes[0].id,
    speaker: article.body.quotes[0].speaker.id,
    other: other.body.id,
  };
});

/** Everything the write routes can change (idempotency records aside, which keep 4xx answers by design). */
async function snapshot(): Promise<string> {
  const [row] = await t.app.db.prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT (SELECT count(*) FROM articles)::int AS articles,
           (SELECT md5(coalesce(string_agg(id::text || title || coalesce(url, ''), ',' ORDER BY id), '')) FROM articles) AS article_rows,
           (SELECT md5(coalesce(string_agg(id::text || coalesce(speaker_id::text, '') || status::text, ',' ORDER BY id), '')) FROM quotes) AS quote_rows,
           (SELECT md5(coalesce(string_agg(id::text || name || array_to_string(aliases, '|') || coalesce(role, '') || coalesce(wikidata_id, ''), ',' ORDER BY id), '')) FROM speakers) AS speaker_rows,
           (SELECT count(*) FROM quote_revisions)::int AS revisions,
           (SELECT count(*) FROM speaker_merges)::int AS merges,
           (SELECT count(*) FROM api_keys)::int AS keys`;
  return JSON.stringify(row);
}

const hostileText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ maxLength: 30, unit: 'binary' }),
  fc
    .tuple(
      fc.string({ maxLength: 10 }),
      fc.constantFrom('\u0000', '\ud800', '\udfff', '\udc00\ud800', '\uffff', '\u202e'),
    )
    .map(([s, bad]) => `${s}${bad}${s}`),
  fc.constantFrom('', ' ', 'a'.repeat(5000), '1e308', '-0', '9'.repeat(400), '0000-01-01', '\u0000'),
);
const hugeNumber = fc.constantFrom(1e308, -1e308, 5e-324, 2 ** 53 + 2, -(2 ** 63), 2 ** 31, -1, 0, 0.5);

/** Arrays nested `depth` deep around a value. */
const deep = fc.tuple(fc.integer({ min: 20, max: 2000 }), fc.jsonValue({ maxDepth: 1 })).map(([depth, v]) => {
  let value: unknown = v;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { x: value };
  return value;
});

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  hugeNumber,
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileText, { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 4 }),
  deep,
);

/** A valid body with some fields (its own, or others) set to anything. */
function around(base: () => Record<string, unknown>, fields: string[]) {
  return fc
    .tuple(
      fc.dictionary(fc.constantFrom(...fields, 'extra', '__proto__'), anyValue, { maxKeys: 3 }),
      fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, anyValue),
    )
    .map(([changes, whole]) => (whole !== null ? whole : { ...base(), ...changes }));
}

let n = 0;
const unique = () => `${Date.now().toString(36)}-${n++}`;

const writes: { name: string; method: 'POST' | 'PATCH'; path: () => string; body: fc.Arbitrary<unknown> }[] = [
  {
    name: 'ingest an article',
    method: 'POST',
    path: () => '/v1/articles',
    body: around(
      () => ({ title: `T ${unique()}`, body: `"Yes ${unique()}," she said.`, url: `https://x.example/${unique()}` }),
      ['title', 'body', 'url', 'outlet', 'author', 'publishedAt', 'language'],
    ),
  },
  {
    name: 'create a speaker',
    method: 'POST',
    path: () => '/v1/speakers',
    body: around(
      () => ({ name: `Name ${unique()}`, kind: 'person' }),
      ['name', 'kind', 'role', 'affiliation', 'aliases', 'wikidataId'],
    ),
  },
  {
    name: 'change a speaker',
    method: 'PATCH',
    path: () => `/v1/speakers/${ids.other}`,
    body: around(
      () => ({ role: `role ${unique()}` }),
      ['name', 'kind', 'role', 'affiliation', 'aliases', 'wikidataId'],
    ),
  },
  {
    name: 'add aliases',
    method: 'POST',
    path: () => `/v1/speakers/${ids.other}/aliases`,
    body: around(() => ({ aliases: [`Alias ${unique()}`] }), ['aliases']),
  },
  {
    name: 'merge speakers',
    method: 'POST',
    path: () => `/v1/speakers/${ids.other}/merge`,
    // Into a speaker that does not exist, so that a valid body is a 404 and the seed stays.
    body: around(
      () => ({ into: '00000000-0000-4000-8000-000000000000', by: 'desk' }),
      ['into', 'by', 'reason', 'force'],
    ),
  },
  {
    name: 'correct a quote',
    method: 'PATCH',
    path: () => `/v1/quotes/${ids.quote}`,
    body: around(() => ({ status: 'confirmed', by: 'desk', reason: 'checked' }), ['speaker', 'status', 'by', 'reason']),
  },
  {
    name: 'create a key',
    method: 'POST',
    path: () => '/v1/keys',
    body: around(() => ({ scopes: ['read'], name: `k ${unique()}` }), ['scopes', 'name']),
  },
  {
    name: 'verify a claim',
    method: 'POST',
    path: () => '/v1/verify',
    body: around(() => ({ quote: 'The dam holds', speaker: 'Lea Marsh' }), ['quote', 'speaker', 'before']),
  },
  {
    name: 'extract',
    method: 'POST',
    path: () => '/v1/extract',
    body: around(() => ({ text: '"Yes," she said.' }), ['text', 'authors']),
  },
];

async function send(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: string, contentType?: string) {
  return t.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${t.adminKey}`,
      ...(payload !== undefined ? { 'content-type': contentType ?? 'application/json' } : {}),
    },
    ...(payload !== undefined ? { payload } : {}),
  });
}

/** Sends, and checks: never 5xx; a 4xx is a problem and leaves the database as it was. */
async function checkWrite(method: 'POST' | 'PATCH', url: string, payload: string, contentType?: string) {
  const before = await snapshot();
  const res = await send(method, url, payload, contentType);
  const what = `${method} ${url} ${payload.slice(0, 300)}\n-> ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, what).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
    expect(await snapshot(), what).toBe(before);
  }
}

describe('write routes, any value in any field', () => {
  for (const w of writes) {
    it(`${w.name}: 2xx or 4xx, and nothing written on 4xx`, async () => {
      await fc.assert(
        fc.asyncProperty(w.body, async (body) => {
          await checkWrite(w.method, w.path(), JSON.stringify(body) ?? 'null');
        }),
        { numRuns: RUNS },
      );
    }, 60_000);
  }

  it('ingest a batch: every line anything; 2xx or 4xx, and nothing written on 4xx', async () => {
    const line = fc.oneof(
      anyValue.map((v) => JSON.stringify(v) ?? 'null'),
      writes[0]!.body.map((v) => JSON.stringify(v) ?? 'null'),
      hostileText,
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 4 }), async (lines) => {
        await checkWrite('POST', '/v1/articles:batch', lines.join('\n'), 'application/x-ndjson');
      }),
      { numRuns: RUNS },
    );
  }, 60_000);
});

/** Cursors: any string, and base64url JSON of any key, the shapes the service makes with any values in them. */
const cursor = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.base64String({ maxLength: 60 }),
  fc
    .oneof(
      fc.tuple(fc.constantFrom('r', 'd', 'n', 's', 'x'), anyValue, anyValue),
      fc.tuple(fc.constantFrom('r', 's'), hugeNumber, fc.uuid()),
      fc.tuple(fc.constant('d'), fc.constantFrom('0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', 'x'), fc.uuid()),
      fc.tuple(fc.constant('n'), hostileText, fc.uuid()),
      fc.jsonValue({ maxDepth: 3 }),
    )
    .map((key) => Buffer.from(JSON.stringify(key) ?? 'null', 'utf8').toString('base64url')),
);

const queryValue = fc.oneof(
  hostileText,
  hugeNumber.map(String),
  fc.constantFrom('relevance', 'date', 'person', 'direct', 'confirmed', '2026-02-30', '-1', '101'),
);

describe('query routes, any cursor and any parameter', () => {
  const lists = [
    () => '/v1/quotes',
    () => '/v1/speakers',
    () => '/v1/articles',
    () => `/v1/speakers/${ids.speaker}/quotes`,
  ];
  it('answer 2xx or 4xx, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...lists),
        fc.option(cursor, { nil: undefined }),
        fc.array(
          fc.tuple(
            fc.constantFrom(
              'q',
              'limit',
              'sort',
              'speaker',
              'speakerKind',
              'kind',
              'status',
              'outlet',
              'publishedFrom',
              'publishedTo',
              'article',
            ),
            queryValue,
          ),
          { maxLength: 3 },
        ),
        async (list, c, pairs) => {
          const params = new URLSearchParams();
          if (c !== undefined) params.append('cursor', c);
          for (const [k, v] of pairs) params.append(k, v);
          const url = `${list()}?${params.toString()}`;
          const res = await send('GET', url);
          expect(res.statusCode, `${url}\n-> ${res.body.slice(0, 300)}`).toBeLessThan(500);
        },
      ),
      { numRuns: 100 },
    );
  }, 60_000);
});
