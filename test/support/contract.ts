import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parse } from 'yaml';
import type { ResponseObserver } from '../../src/app.js';
import { REPO_ROOT } from './fixtures.js';

// Every answer the test apps give is checked against openapi.yaml, as a client
// generated from it would read the answer: its status must be declared on the
// operation (500 only as `default`), its media type declared for that status,
// its body valid against the declared schema, every header it carries declared
// (except the ones below, which every HTTP answer may carry), and every header
// declared as required present. Answers to paths no operation has (an unknown
// route) must be problems.

/* eslint-disable @typescript-eslint/no-explicit-any -- the document is plain parsed YAML */
type Json = any;

/** Headers of HTTP itself and of the security and CORS layers, which no operation lists. */
const TRANSPORT_HEADERS = new Set([
  'content-type',
  'content-length',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'vary',
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
]);

export const openapiDocument: Json = parse(readFileSync(path.join(REPO_ROOT, 'openapi.yaml'), 'utf8'));

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats.default(ajv);
ajv.addSchema(openapiDocument, 'openapi');

const validators = new Map<string, ValidateFunction>();

/** The validator of the schema at `pointer` (a JSON pointer into openapi.yaml). */
function validatorAt(pointer: string): ValidateFunction {
  let validate = validators.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `openapi#${pointer}` });
    validators.set(pointer, validate);
  }
  return validate;
}

/** Why `value` breaks the schema at `pointer` in openapi.yaml (none when it holds). */
export function schemaViolations(pointer: string, value: unknown): string[] {
  const validate = validatorAt(pointer);
  return validate(value) ? [] : [describeErrors(validate)];
}

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
const pointerTo = (...segments: string[]) => `/${segments.map(escape).join('/')}`;

/** The OpenAPI path of a Fastify route: `:id` is `{id}` and `::` a literal colon. */
export function openapiPath(fastifyUrl: string): string {
  return fastifyUrl.replace(/::|:(\w+)/g, (match, name: string | undefined) => (name ? `{${name}}` : ':'));
}

function resolve(value: Json): Json {
  if (value && typeof value.$ref === 'string') {
    const [, ...parts] = value.$ref.replace(/^#/, '').split('/');
    return parts.reduce(
      (node: Json, part: string) => node[part.replace(/~1/g, '/').replace(/~0/g, '~')],
      openapiDocument,
    );
  }
  return value;
}

function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(root)'} ${e.message}`)
    .join('; ');
}

export interface SentResponse {
  method: string;
  /** The route's Fastify URL pattern, or undefined when no route matched. */
  route: string | undefined;
  url: string;
  status: number;
  headers: Record<string, unknown>;
  body: string | undefined;
}

/** What is wrong with one answer, as sentences; empty when openapi.yaml declares it all. */
export function contractViolations(sent: SentResponse): string[] {
  const where = `${sent.method} ${sent.url} → ${sent.status}`;
  const problems: string[] = [];
  const contentType = String(sent.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  const operationPath = sent.route === undefined ? undefined : openapiPath(sent.route);
  const method = sent.method === 'HEAD' ? 'get' : sent.method.toLowerCase();
  const operation = operationPath ? openapiDocument.paths[operationPath]?.[method] : undefined;
  if (sent.method === 'OPTIONS') return [];

  if (!operation) {
    // No operation: an unknown route, a URL refused before routing, or a hidden route.
    // Hidden routes (the docs and the document itself) are not part of the contract.
    if (operationPath && !openapiDocument.paths[operationPath]) return [];
    if (contentType !== 'application/problem+json') problems.push(`${where}: not a problem (${contentType})`);
    else {
      const validate = validatorAt('/components/schemas/Problem');
      if (!validate(JSON.parse(sent.body ?? 'null'))) problems.push(`${where}: ${describeErrors(validate)}`);
    }
    return problems;
  }

  const statusKey = String(sent.status);
  const responseKey = statusKey in operation.responses ? statusKey : sent.status === 500 ? 'default' : undefined;
  if (!responseKey)
    return [`${where}: status ${sent.status} is not declared for ${method.toUpperCase()} ${operationPath}`];
  const response = resolve(operation.responses[responseKey]);

  const declaredHeaders = Object.fromEntries(
    Object.entries((response.headers ?? {}) as Record<string, Json>).map(([name, header]) => [
      name.toLowerCase(),
      resolve(header),
    ]),
  );
  for (const [name, value] of Object.entries(sent.headers)) {
    const lower = name.toLowerCase();
    if (TRANSPORT_HEADERS.has(lower) || lower.startsWith('access-control-')) continue;
    const header = declaredHeaders[lower];
    if (!header) {
      problems.push(`${where}: header ${name} is not declared`);
      continue;
    }
    const text = String(value);
    const schema = header.schema ?? {};
    if (schema.type === 'integer' && !/^\d+$/.test(text)) problems.push(`${where}: header ${name} is not an integer`);
    if (schema.enum && !schema.enum.includes(text))
      problems.push(`${where}: header ${name} is not one of ${schema.enum}`);
  }
  for (const [name, header] of Object.entries(declaredHeaders)) {
    if (header.required && sent.headers[name] === undefined)
      problems.push(`${where}: required header ${name} is missing`);
  }

  const content = response.content as Record<string, Json> | undefined;
  const hasBody = sent.body !== undefined && sent.body !== '' && sent.method !== 'HEAD';
  if (!content) {
    if (hasBody) problems.push(`${where}: a body is sent but none is declared`);
    return problems;
  }
  if (!hasBody) return problems;
  if (!(contentType in content)) {
    problems.push(`${where}: media type ${contentType} is not declared (${Object.keys(content).join(', ')})`);
    return problems;
  }
  if (!content[contentType].schema) return problems;
  const json = /[/+]json$/.test(contentType);
  let body: unknown = sent.body;
  if (json) {
    try {
      body = JSON.parse(sent.body!);
    } catch {
      return [...problems, `${where}: the body is not JSON`];
    }
  }
  const validate = validatorAt(
    pointerTo('paths', operationPath!, method, 'responses', responseKey, 'content', contentType, 'schema'),
  );
  if (!validate(body)) problems.push(`${where}: ${describeErrors(validate)}`);
  return problems;
}

/** Records the violations of every answer of an app, to be taken by the test that caused them. */
export class ContractRecorder {
  private violations: string[] = [];

  readonly observe: ResponseObserver = (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    this.violations.push(
      ...contractViolations({
        method: request.method,
        route: request.routeOptions.url,
        url: request.url,
        status: reply.statusCode,
        headers: reply.getHeaders() as Record<string, unknown>,
        body: typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined,
      }),
    );
  };

  /** The violations recorded since the last call. */
  take(): string[] {
    const taken = this.violations;
    this.violations = [];
    return taken;
  }
}
