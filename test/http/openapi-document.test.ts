/* eslint-disable @typescript-eslint/no-explicit-any -- walks the parsed document */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderOpenApiYaml } from '../../src/http/openapi-document.js';
import { REPO_ROOT } from '../support/fixtures.js';
import { startTestApp } from '../support/app.js';
import { schemaViolations } from '../support/contract.js';

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

  it('declares every error as a problem, and names and scopes every operation', async () => {
    const doc = parse(committed);
    const ids = new Set<string>();
    for (const [route, operations] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(operations)) {
        expect(op.operationId, `${method} ${route}`).toMatch(/^[a-z][a-zA-Z]+$/);
        ids.add(op.operationId);
        if (route.startsWith('/v1/')) expect(['read', 'write', 'admin']).toContain(op['x-required-scope']);
        for (const [status, response] of Object.entries(op.responses as Record<string, any>)) {
          expect(response.description, `${method} ${route} ${status}`).not.toBe('Default Response');
          if (status === 'default' || Number(status) >= 400) {
            expect(Object.keys(response.content), `${method} ${route} ${status}`).toEqual(['application/problem+json']);
          }
        }
        for (const status of ['414', '503', 'default']) expect(op.responses).toHaveProperty(status);
        if (op.requestBody) for (const status of ['413', '415']) expect(op.responses).toHaveProperty(status);
      }
    }
    expect(ids.size).toBe(Object.values(doc.paths).flatMap((ops) => Object.keys(ops as object)).length);
  });

  it('gives an example for every request body and every answer with a body, each valid against its schema', () => {
    const doc = parse(committed);
    const missing: string[] = [];
    const invalid: string[] = [];
    const check = (where: string, pointer: string, media: any) => {
      if (media.example === undefined) missing.push(where);
      else if (!media.schema) return;
      else invalid.push(...schemaViolations(`${pointer}/schema`, media.example).map((v) => `${where}: ${v}`));
    };
    const at = (...segments: string[]) =>
      `/${segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
    for (const [route, operations] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(operations)) {
        for (const [type, media] of Object.entries((op.requestBody?.content ?? {}) as Record<string, any>)) {
          check(`${method} ${route} body ${type}`, at('paths', route, method, 'requestBody', 'content', type), media);
        }
        for (const [status, response] of Object.entries(op.responses as Record<string, any>)) {
          if (!status.startsWith('2')) continue;
          for (const [type, media] of Object.entries((response.content ?? {}) as Record<string, any>)) {
            check(
              `${method} ${route} ${status} ${type}`,
              at('paths', route, method, 'responses', status, 'content', type),
              media,
            );
          }
        }
      }
    }
    for (const [name, schema] of Object.entries(doc.components.schemas as Record<string, any>)) {
      for (const example of schema.examples ?? []) {
        invalid.push(...schemaViolations(at('components', 'schemas', name), example).map((v) => `${name}: ${v}`));
      }
    }
    expect(doc.components.schemas.Problem.examples).toHaveLength(1);
    expect(missing).toEqual([]);
    expect(invalid).toEqual([]);
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
