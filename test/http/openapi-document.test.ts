import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderOpenApiYaml } from '../../src/http/openapi-document.js';
import { REPO_ROOT } from '../support/fixtures.js';
import { startTestApp } from '../support/app.js';

const committed = readFileSync(path.join(REPO_ROOT, 'openapi.yaml'), 'utf8');

describe('OpenAPI document', () => {
  it('openapi.yaml is what the routes generate (run `npm run openapi` after changing a route)', async () => {
    expect(await renderOpenApiYaml()).toBe(committed);
  });

  it('is a valid OpenAPI 3.1 document where every operation has tags and documented errors', async () => {
    const doc = parse(committed);
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    for (const [route, operations] of Object.entries(
      doc.paths as Record<string, Record<string, { tags?: string[]; responses: Record<string, unknown> }>>,
    )) {
      for (const [method, op] of Object.entries(operations)) {
        expect(op.tags?.length, `${method} ${route} has tags`).toBeGreaterThan(0);
        if (route.startsWith('/v1/')) {
          expect(
            Object.keys(op.responses).some((s) => s.startsWith('4')),
            `${method} ${route} documents its errors`,
          ).toBe(true);
        }
      }
    }
  });

  it('is served at /openapi.json, with interactive docs at /docs', async () => {
    const t = await startTestApp();
    try {
      const served = await request(t.app.server).get('/openapi.json').expect(200);
      expect(served.body).toEqual(parse(committed));
      const docs = await request(t.app.server).get('/docs/').expect(200);
      expect(docs.text).toMatch(/swagger/i);
    } finally {
      await t.close();
    }
  });
});
