import { describe, expect, it } from 'vitest';
import { problemSlugs, problemType, setProblemBaseUrl } from '../../src/http/problem.js';
import { contractViolations, openapiDocument, openapiPath, type SentResponse } from '../support/contract.js';
import { useTestApp } from '../support/app.js';

const t = useTestApp();

const problem = (status: number, slug = 'validation') =>
  JSON.stringify({ type: problemType(slug as never), title: 'x', status, detail: 'x', instance: '/v1/articles' });

const sent = (over: Partial<SentResponse>): SentResponse => ({
  method: 'GET',
  route: '/v1/articles/:id',
  url: '/v1/articles/x',
  status: 404,
  headers: { 'content-type': 'application/problem+json; charset=utf-8', 'x-request-id': 'r1' },
  body: problem(404, 'not-found'),
  ...over,
});

describe('the contract check', () => {
  it('passes an answer that openapi.yaml declares', () => {
    expect(contractViolations(sent({}))).toEqual([]);
  });

  it('fails an undeclared status, header or media type, a body off its schema, and a missing required header', () => {
    expect(contractViolations(sent({ status: 418 }))).toEqual([
      expect.stringMatching(/status 418 is not declared for GET \/v1\/articles\/\{id\}/),
    ]);
    expect(contractViolations(sent({ headers: { ...sent({}).headers, 'x-powered-by': 'x' } }))).toEqual([
      expect.stringMatching(/header x-powered-by is not declared/),
    ]);
    expect(contractViolations(sent({ headers: { 'content-type': 'application/json', 'x-request-id': 'r1' } }))).toEqual(
      [expect.stringMatching(/media type application\/json is not declared/)],
    );
    const offSchema = { type: problemType('not-found'), title: 'x', detail: 'x', status: 'four' };
    expect(contractViolations(sent({ body: JSON.stringify(offSchema) }))).toEqual([
      expect.stringMatching(/\/status must be integer/),
    ]);
    expect(contractViolations(sent({ status: 401, body: problem(401, 'unauthorized') }))).toEqual([
      expect.stringMatching(/required header www-authenticate is missing/),
    ]);
    expect(contractViolations(sent({ headers: { ...sent({}).headers, 'retry-after': 'soon' } }))).toEqual([
      expect.stringMatching(/header retry-after is not declared/),
    ]);
    expect(contractViolations(sent({ route: undefined, headers: { 'content-type': 'text/plain' } }))).toEqual([
      expect.stringMatching(/not a problem/),
    ]);
  });

  it('maps Fastify routes to OpenAPI paths', () => {
    expect(openapiPath('/v1/articles::batch')).toBe('/v1/articles:batch');
    expect(openapiPath('/v1/speakers/:id/quotes')).toBe('/v1/speakers/{id}/quotes');
  });
});

describe('problem types', () => {
  it('are absolute URIs that each answer a page describing the problem, and the spec lists them all', async () => {
    const listed = openapiDocument.components.schemas.Problem.properties.type.oneOf.map(
      (entry: { const: string }) => entry.const,
    );
    expect(listed).toEqual(problemSlugs.map((slug) => problemType(slug)));
    for (const slug of problemSlugs) {
      const uri = new URL(problemType(slug));
      expect(uri.href).toBe(`http://localhost:3000/problems/${slug}`);
      const page = await t.api().get(uri.pathname).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain(`<code>${uri.href}</code>`);
    }
    const unknown = await t.api().get('/problems/no-such-problem').expect(404);
    expect(unknown.body.type).toBe(problemType('not-found'));
  });

  it('are published under PUBLIC_URL when it is set', async () => {
    const { startTestApp } = await import('../support/app.js');
    const other = await startTestApp({ PUBLIC_URL: 'https://quotes.example.org/' });
    try {
      const res = await other.api().get('/v1/articles/not-an-id').expect(400);
      expect(res.body.type).toBe('https://quotes.example.org/problems/validation');
      const doc = await other.api().get('/openapi.json').expect(200);
      expect(doc.body.servers).toEqual([{ url: 'https://quotes.example.org', description: expect.any(String) }]);
    } finally {
      // Problem types are the process's: give them back to this file's app.
      setProblemBaseUrl(t.config.baseUrl);
      other.contractViolations();
      await other.close();
    }
  });
});
