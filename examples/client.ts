// A client of the service written as a newsroom tool would write it: against the
// types openapi-typescript generates from openapi.yaml (examples/api.d.ts, made by
// `npm run client-types`) and with openapi-fetch, without a single cast.
//
//   QUOTES_URL=http://localhost:3000 QUOTES_KEY=... npx tsx examples/client.ts

import createClient from 'openapi-fetch';
import type { paths } from './api.js';

export interface ExampleRun {
  articleId: string;
  quotesFound: number;
  verdict: string;
  claimReviewRating: number;
  batchCreated: number;
  pages: number;
  errorType: string;
}

const article = {
  title: 'Lighthouse keepers vote to keep the night watch',
  body:
    'The lighthouse keepers\u2019 guild voted on Friday to keep a person on the night watch.\n\n' +
    '"No sensor has ever pulled a sailor out of the water," guild president Anselm Roque said after the vote.',
  url: 'https://tidewater-gazette.example/2025/06/night-watch',
  outlet: 'Tidewater Gazette',
  publishedAt: '2025-06-13T17:00:00Z',
};

/** Ingests, searches, verifies, pages and reads an error, as a client generated from openapi.yaml would. */
export async function runExample(baseUrl: string, apiKey: string): Promise<ExampleRun> {
  const options = { baseUrl, headers: { authorization: `Bearer ${apiKey}` } };
  // The media types this client reads: JSON answers and problem details. Verify
  // answers ClaimReview JSON-LD instead to a client that asks for it (below).
  const client = createClient<paths, 'application/json' | 'application/problem+json'>(options);
  const jsonLd = createClient<paths, 'application/ld+json' | 'application/problem+json'>(options);

  const ingested = await client.POST('/v1/articles', { body: article });
  if (!ingested.data) throw new Error(`ingest failed: ${ingested.error?.detail}`);
  const articleId = ingested.data.id;

  // NDJSON batches: one article per line, sent as text with their own media type.
  const lines = [1, 2, 3].map((n) =>
    JSON.stringify({
      title: `Harbour notice ${n}`,
      body: `"The quay closes at ${n + 5} pm," the harbour master said.`,
    }),
  );
  const batch = await client.POST('/v1/articles:batch', {
    body: `${lines.join('\n')}\n`,
    bodySerializer: (body) => body,
    headers: { 'content-type': 'application/x-ndjson' },
  });
  if (!batch.data) throw new Error(`batch failed: ${batch.error?.detail}`);

  const search = await client.GET('/v1/quotes', { params: { query: { q: 'sensor sailor', limit: 5 } } });
  if (!search.data) throw new Error(`search failed: ${search.error?.detail}`);

  const claim = { quote: 'No sensor has ever pulled a sailor out of the water', speaker: 'Anselm Roque' };
  const verified = await client.POST('/v1/verify', { body: claim });
  if (!verified.data) throw new Error(`verify failed: ${verified.error?.detail}`);
  const verdict = verified.data.verdict;

  const review = await jsonLd.POST('/v1/verify', { body: claim, headers: { accept: 'application/ld+json' } });
  if (!review.data) throw new Error(`ClaimReview failed: ${review.error?.detail}`);
  const claimReviewRating = review.data.reviewRating.ratingValue;

  // Every page, one article at a time, until nextCursor is null.
  let pages = 0;
  let cursor: string | undefined;
  do {
    const page = await client.GET('/v1/articles', { params: { query: { limit: 1, cursor } } });
    if (!page.data) throw new Error(`listing failed: ${page.error?.detail}`);
    pages += 1;
    cursor = page.data.nextCursor ?? undefined;
  } while (cursor !== undefined);

  const missing = await client.GET('/v1/articles/{id}', {
    params: { path: { id: '00000000-0000-4000-8000-000000000000' } },
  });
  if (!missing.error) throw new Error('expected a 404 problem');

  return {
    articleId,
    quotesFound: search.data.items.length,
    verdict,
    claimReviewRating,
    batchCreated: batch.data.created,
    pages,
    errorType: missing.error.type,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runExample(process.env.QUOTES_URL ?? 'http://localhost:3000', process.env.QUOTES_KEY ?? '');
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
