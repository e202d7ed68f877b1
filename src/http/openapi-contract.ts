import type { FastifySchema, RouteOptions } from 'fastify';
import { CONSISTENCY_HEADER, READ_ONLY_OPERATIONS } from '../db/plugin.js';
import { scopeFor } from './auth.js';
import { requestExamples, responseExamples, validationProblemExample } from './openapi-examples.js';
import { PROBLEM_CONTENT_TYPE, problemSlugs, problemType, problemTypes } from './problem.js';

// What the OpenAPI document says beyond each route's own schemas, added in one
// place so that every operation says it alike: the problems any operation can
// answer (as application/problem+json), the headers the service sends, the scope
// each operation needs, and only the components that something refers to.

/* eslint-disable @typescript-eslint/no-explicit-any -- the document is plain JSON built by @fastify/swagger */
type Json = any;

const LSN_PATTERN = '^[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}$';

/** The request header of reads that must see an earlier write. */
const consistencyParameter = {
  in: 'header',
  name: CONSISTENCY_HEADER,
  required: false,
  description:
    'The Quotes-Consistency token of an earlier write: the answer reflects that write (it is read from a replica ' +
    'that has replayed it, or from the primary). A malformed token is refused with 400.',
  schema: { type: 'string', pattern: LSN_PATTERN },
};

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });

/** The response headers the service sends, by the name the document gives them. */
export const responseHeaders = {
  'X-Request-Id': {
    description:
      'The id of the request: the X-Request-Id it was sent with, or one the service made. The service logs it with the request.',
    required: true,
    schema: { type: 'string', maxLength: 200 },
  },
  'RateLimit-Limit': {
    description: 'Requests the caller may send in the current window.',
    schema: { type: 'integer', minimum: 1, maximum: 2147483647 },
  },
  'RateLimit-Remaining': {
    description: 'Requests the caller has left in the current window.',
    schema: { type: 'integer', minimum: 0, maximum: 2147483647 },
  },
  'RateLimit-Reset': {
    description: 'Seconds until the window starts again.',
    schema: { type: 'integer', minimum: 0, maximum: 2147483647 },
  },
  'Retry-After': {
    description: 'Seconds to wait before sending the request again.',
    schema: { type: 'integer', minimum: 0, maximum: 2147483647 },
  },
  'WWW-Authenticate': {
    description:
      'The Bearer challenge: `error="invalid_token"` when the key sent is not valid, `error="insufficient_scope"` with the `scope` needed.',
    required: true,
    schema: { type: 'string' },
  },
  Location: {
    description: 'The path of the resource.',
    required: true,
    schema: { type: 'string', format: 'uri-reference' },
  },
  'Idempotent-Replayed': {
    description: 'Present when the answer is the stored answer to an earlier request with the same Idempotency-Key.',
    schema: { type: 'string', enum: ['true'] },
  },
  'Quotes-Consistency': {
    description:
      'A consistency token: the WAL position of the primary database after this write. A read that sends it back in ' +
      'its own Quotes-Consistency header sees this write. Sent when the service reads from replicas.',
    schema: { type: 'string', pattern: LSN_PATTERN },
  },
  'Content-Disposition': {
    description: 'The answer is a file to save, with its name.',
    required: true,
    schema: { type: 'string' },
  },
  'Cache-Control': {
    description: 'The answer holds a secret and must not be stored.',
    schema: { type: 'string', enum: ['no-store'] },
  },
} as const;

export type ResponseHeader = keyof typeof responseHeaders;

/** Headers that some operations send on some of their answers, by operationId and status. */
const operationHeaders: Record<string, Record<string, ResponseHeader[]>> = {
  ingestArticle: { 200: ['Location'], 201: ['Location'] },
  createIngestJob: { 202: ['Location'] },
  createFeed: { 200: ['Location'], 201: ['Location'] },
  addArticleQuote: { 201: ['Location'] },
  exportQuotes: { 200: ['Content-Disposition'] },
  createApiKey: { 201: ['Location', 'Cache-Control'] },
  createSubscription: { 201: ['Location'] },
};

const ARTICLE_PAGE_EXAMPLE =
  '<!doctype html>\n<html lang="en"><head><title>Harbour board delays ferry terminal vote</title>\n' +
  '<link rel="canonical" href="https://coastal-herald.example/harbour-vote"></head>\n' +
  '<body><nav><a href="/">Home</a></nav><article><h1>Harbour board delays ferry terminal vote</h1>\n' +
  '<p>&ldquo;We need more time to read the report,&rdquo; said <a href="/people/ines-vasquez">Ines Vasquez</a>.</p>\n' +
  '</article></body></html>\n';

/** Operations that also take the resource itself as a raw body, by media type: its schema and example. */
const rawBodies: Record<string, Record<string, Json>> = {
  ingestArticle: Object.fromEntries([
    ...['text/html', 'application/xhtml+xml'].map((type) => [
      type,
      {
        schema: {
          type: 'string',
          description:
            'The HTML page of the article, read as the `html` field of a JSON request is (its title, author, outlet, date ' +
            'and canonical URL from the page).',
        },
        example: ARTICLE_PAGE_EXAMPLE,
      },
    ]),
    [
      'text/plain',
      {
        schema: { type: 'string', description: 'The text of the article; its first non-blank line is also its title.' },
        example:
          'Harbour board delays ferry terminal vote\n\n"We need more time to read the report," Ines Vasquez said.\n',
      },
    ],
  ]),
};

const ERROR_DESCRIPTIONS: Record<string, string> = {
  400: 'The request is invalid: a parameter, header or body field breaks the rules (listed in `errors`), or the body is not valid JSON.',
  401: 'No API key was sent, or the key is malformed, unknown or revoked.',
  403: 'The API key lacks the scope this operation needs.',
  404: 'Nothing has this id.',
  405: 'The path does not answer this method.',
  408: 'The request body did not arrive in full in the time a request may take.',
  409: 'The request clashes with what is stored.',
  413: 'The request body is larger than the service accepts.',
  414: 'The URL is longer than the service accepts.',
  415: 'The request body is not sent as a media type this operation takes.',
  422: 'The request cannot be carried out as asked.',
  429: 'The caller sent too many requests in the window; retry after Retry-After.',
  503: 'The service cannot answer now (its database is unreachable, or the request took too long); retry after Retry-After.',
  default: 'An unexpected error; the service has logged it.',
};

const SCOPE_WORDS: Record<string, string> = {
  read: 'Needs an API key with the `read` scope, or none when the service runs with PUBLIC_READ=true.',
  write: 'Needs an API key with the `write` scope.',
  admin: 'Needs an API key with the `admin` scope.',
};

/** The scope a route needs, as the `authorizeCaller` hook decides it; none outside /v1. */
export function routeScope(route: Pick<RouteOptions, 'url' | 'method' | 'config'>): string | undefined {
  if (!isGuarded(route.url)) return undefined;
  const method = Array.isArray(route.method) ? route.method[0]! : route.method;
  return scopeFor(method, route.config?.scope);
}

/** Operations behind the API key guard: the /v1 routes and the metrics. */
const isGuarded = (path: string) => path.startsWith('/v1/') || path === '/metrics';

/**
 * @fastify/swagger's `transform`, after the zod one: the operation states its scope
 * (`x-required-scope`, and in words in its description).
 */
export function withScope(schema: FastifySchema, scope: string | undefined): FastifySchema {
  if (!scope) return schema;
  const words = SCOPE_WORDS[scope]!;
  const description = typeof schema.description === 'string' ? `${schema.description}\n\n${words}` : words;
  return { ...schema, description, 'x-required-scope': scope } as FastifySchema;
}

function problemResponse(status: string, existing: Json | undefined, headers: ResponseHeader[]): Json {
  const described = existing?.description && existing.description !== 'Default Response';
  return {
    description: described ? existing.description : (ERROR_DESCRIPTIONS[status] ?? ERROR_DESCRIPTIONS.default),
    headers: Object.fromEntries(headers.map((h) => [h, headerRef(h)])),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: PROBLEM_REF } },
  };
}

/** Every place in `value` that refers to a component, as '#/components/<kind>/<name>'. */
function collectRefs(value: Json, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into);
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') into.add(child);
      else collectRefs(child, into);
    }
  }
}

/** Drops the schemas nothing refers to (zod's input twins of output schemas among them). */
function pruneComponents(doc: Json): void {
  const schemas = doc.components.schemas as Record<string, Json>;
  const used = new Set<string>();
  const roots = { ...doc, components: { ...doc.components, schemas: {} } };
  collectRefs(roots, used);
  const pending = [...used];
  while (pending.length > 0) {
    const ref = pending.pop()!;
    const name = ref.replace('#/components/schemas/', '');
    if (ref === name || !schemas[name]) continue;
    const inner = new Set<string>();
    collectRefs(schemas[name], inner);
    for (const r of inner) {
      if (used.has(r)) continue;
      used.add(r);
      pending.push(r);
    }
  }
  for (const name of Object.keys(schemas)) {
    if (!used.has(`#/components/schemas/${name}`)) delete schemas[name];
  }
}

/**
 * zod bounds an integer with no stated range by ±(2^53 - 1). Every such integer the
 * service sends is an offset or a count, stored as a Postgres integer: say so.
 */
function boundIntegers(value: Json): void {
  if (Array.isArray(value)) {
    for (const item of value) boundIntegers(item);
  } else if (value && typeof value === 'object') {
    if (value.type === 'integer' && value.minimum === -Number.MAX_SAFE_INTEGER) value.minimum = 0;
    if (value.type === 'integer' && value.maximum === Number.MAX_SAFE_INTEGER) value.maximum = 2147483647;
    for (const child of Object.values(value)) boundIntegers(child);
  }
}

/** Examples from the invented article of src/http/openapi-examples.ts. */
function addExamples(op: Json): void {
  const request = requestExamples[op.operationId];
  if (op.requestBody) {
    if (request === undefined) throw new Error(`${op.operationId} has no request body example`);
    for (const media of Object.values(op.requestBody.content as Record<string, Json>)) media.example = request;
  }
  for (const [status, byType] of Object.entries(responseExamples[op.operationId] ?? {})) {
    for (const [type, example] of Object.entries(byType)) op.responses[status].content[type].example = example;
  }
}

/** The Problem schema lists every problem type the service sends, each with its page. */
function listProblemTypes(doc: Json): void {
  const problem = doc.components.schemas.Problem;
  problem.properties.type = {
    ...problem.properties.type,
    type: 'string',
    format: 'uri',
    oneOf: problemSlugs.map((slug) => ({
      const: problemType(slug),
      title: problemTypes[slug].title,
      description: `${problemTypes[slug].status}: ${problemTypes[slug].description}`,
    })),
  };
  delete problem.additionalProperties;
  problem.examples = [validationProblemExample(problemType('validation'))];
}

/**
 * @fastify/swagger's `transformObject`, after the zod one: declares on every
 * operation the problems and headers the service sends, and keeps only the
 * components in use.
 */
export function completeDocument(doc: Json): Json {
  doc.components.headers = responseHeaders;
  for (const [path, operations] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const [method, op] of Object.entries(operations as Record<string, Json>)) {
      if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const guarded = isGuarded(path);
      const idempotent = (op.parameters ?? []).some((p: Json) => p.in === 'header' && p.name === 'idempotency-key');
      const statuses = new Set(Object.keys(op.responses));
      // Any request may declare a body that never arrives in full (408).
      for (const status of ['408', '414', '503', 'default']) statuses.add(status);
      if (guarded) for (const status of ['400', '401', '403', '429']) statuses.add(status);
      // A DELETE may carry a body too, which is read (and refused) like any other.
      if (op.requestBody || method === 'delete') for (const status of ['400', '413', '415']) statuses.add(status);

      const common: ResponseHeader[] = ['X-Request-Id'];
      if (guarded) common.push('RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset');
      if (idempotent) common.push('Idempotent-Replayed');
      const reads = method === 'get' || method === 'head' || READ_ONLY_OPERATIONS.has(op.operationId);
      const versioned = path.startsWith('/v1/');
      if (versioned && reads) op.parameters = [...(op.parameters ?? []), consistencyParameter];

      const responses: Json = {};
      for (const status of [...statuses].sort()) {
        const existing = op.responses[status];
        const extra = operationHeaders[op.operationId]?.[status] ?? [];
        if (status === 'default' || Number(status) >= 400) {
          const retry = ['429', '503'].includes(status) || (idempotent && status === '409');
          const auth = ['401', '403'].includes(status);
          const headers = [...common, ...extra];
          if (retry) headers.push('Retry-After');
          if (auth) headers.push('WWW-Authenticate');
          responses[status] = problemResponse(status, existing, headers);
        } else {
          const headers = [...common, ...extra];
          if (versioned && !reads) headers.push('Quotes-Consistency');
          responses[status] = {
            ...existing,
            headers: { ...existing.headers, ...Object.fromEntries(headers.map((h) => [h, headerRef(h)])) },
          };
        }
      }
      op.responses = responses;
      addExamples(op);
      Object.assign(op.requestBody?.content ?? {}, rawBodies[op.operationId] ?? {});
      if ((op.parameters ?? []).some((p: Json) => p.in === 'query')) {
        op.description = `${op.description ?? op.summary}\n\nQuery parameters other than those listed are refused with 400.`;
      }
    }
  }
  listProblemTypes(doc);
  pruneComponents(doc);
  boundIntegers(doc);
  return doc;
}
