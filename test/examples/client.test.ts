import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { runExample } from '../../examples/client.js';
import { REPO_ROOT } from '../support/fixtures.js';
import { useTestApp } from '../support/app.js';

const t = useTestApp();

describe('examples/client.ts', () => {
  it('types are what openapi-typescript generates from openapi.yaml (run `npm run client-types` after `npm run openapi`)', async () => {
    const generated = astToString(await openapiTS(new URL(`file://${path.join(REPO_ROOT, 'openapi.yaml')}`)));
    const committed = readFileSync(path.join(REPO_ROOT, 'examples/api.d.ts'), 'utf8');
    // The CLI adds a header comment above the types the API generates.
    expect(committed.endsWith(generated)).toBe(true);
  });

  it('ingests, sends a batch, searches, verifies, reads ClaimReview, pages and reads an error through openapi-fetch', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    const run = await runExample(`http://127.0.0.1:${port}`, t.adminKey);
    expect(run).toMatchObject({
      quotesFound: 1,
      verdict: 'verified',
      claimReviewRating: 5,
      batchCreated: 3,
      pages: 4,
      errorType: 'http://localhost:3000/problems/not-found',
    });
    expect(run.articleId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
