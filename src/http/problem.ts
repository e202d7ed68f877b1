import { z } from 'zod';
import type { InputError } from '../errors.js';

// RFC 9457 problem details. Each kind of problem has a `type`: an absolute URI
// under the service's public base URL (PUBLIC_URL), where GET /problems/{slug}
// describes it (src/http/problem-pages.ts).

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problemTypes = {
  validation: {
    status: 400,
    title: 'Invalid request',
    description:
      'A parameter, header or body field breaks the rules of the operation. `errors` lists each field: where it is ' +
      '(`in`: query, path, header or body), its dotted `path` and what is wrong with it.',
  },
  'malformed-json': {
    status: 400,
    title: 'Malformed JSON body',
    description: 'The body is not valid UTF-8 JSON, or nests arrays and objects deeper than 32 levels.',
  },
  'invalid-cursor': {
    status: 400,
    title: 'Invalid pagination cursor',
    description: 'The `cursor` is not one this service issued; start the listing again without it.',
  },
  'bad-request': {
    status: 400,
    title: 'Bad request',
    description: 'The request cannot be understood, for instance a URL that is not validly percent-encoded.',
  },
  unauthorized: {
    status: 401,
    title: 'Authentication required',
    description:
      'The operation needs an API key (`Authorization: Bearer <key>`), or the key sent is malformed, unknown or revoked. ' +
      'WWW-Authenticate says which.',
  },
  forbidden: {
    status: 403,
    title: 'Not allowed',
    description: 'The API key lacks the scope the operation needs; WWW-Authenticate names the scope.',
  },
  'not-found': {
    status: 404,
    title: 'Not found',
    description: 'Nothing has the id in the path, or no operation answers this method and path.',
  },
  'method-not-allowed': {
    status: 405,
    title: 'Method not allowed',
    description: 'The path exists but does not answer this method.',
  },
  'request-timeout': {
    status: 408,
    title: 'Request timeout',
    description:
      'The request body did not arrive in full within the time a request may take (REQUEST_TIMEOUT_MS): fewer bytes came than ' +
      'its Content-Length says, or its chunks stopped. Nothing was stored; send it again whole.',
  },
  conflict: {
    status: 409,
    title: 'Conflict',
    description:
      'The request clashes with what is stored (a name already taken, a change made meanwhile), or a request with the ' +
      'same Idempotency-Key is still being handled: retry after Retry-After.',
  },
  'payload-too-large': {
    status: 413,
    title: 'Request body too large',
    description: 'The body is larger than the service accepts (BODY_LIMIT_BYTES; BATCH_BODY_LIMIT_BYTES for batches).',
  },
  'uri-too-long': {
    status: 414,
    title: 'URI too long',
    description: 'The URL, or one of its path segments, is longer than the service accepts (MAX_URL_LENGTH).',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported media type',
    description:
      'The body is not sent as a media type the operation takes: application/json (POST /v1/articles also takes text/html ' +
      'and text/plain), or application/x-ndjson for batches.',
  },
  unprocessable: {
    status: 422,
    title: 'Unprocessable request',
    description:
      'The request is well formed but cannot be carried out as asked, for instance an Idempotency-Key reused with another request.',
  },
  'fetch-failed': {
    status: 422,
    title: 'Page could not be fetched',
    description:
      'The service could not read the page at the URL given: its host does not resolve, the connection was refused or timed out ' +
      '(FETCH_CONNECT_TIMEOUT_MS, FETCH_TIMEOUT_MS), it redirects more than 5 times, or it answered an error status. ' +
      '`detail` says which. Nothing was stored; the request may succeed later.',
  },
  'fetch-refused': {
    status: 422,
    title: 'Page address refused',
    description:
      'The URL is not http or https, or its host (or a host it redirects to) resolves to an address that is not on the public ' +
      'internet: private, loopback, link-local, cloud metadata, multicast or reserved. The service does not fetch such ' +
      'addresses unless it runs with FETCH_ALLOW_PRIVATE=true. Nothing was stored.',
  },
  'fetch-too-large': {
    status: 413,
    title: 'Page too large',
    description: 'The page at the URL given is larger than the service reads (FETCH_MAX_BYTES). Nothing was stored.',
  },
  'fetch-not-html': {
    status: 415,
    title: 'Page is not HTML',
    description:
      'The URL given answers with a media type other than text/html or application/xhtml+xml; send the text itself instead. ' +
      'Nothing was stored.',
  },
  'fetch-not-feed': {
    status: 422,
    title: 'Not a feed',
    description:
      'The URL given for a feed answers with something that is not an RSS, Atom or JSON Feed document. Nothing was stored.',
  },
  'rate-limited': {
    status: 429,
    title: 'Too many requests',
    description:
      'The caller (its API key, or its address when anonymous) sent more requests than allowed in the window, or has as many extractions of long texts running as one caller may; retry after Retry-After.',
  },
  internal: {
    status: 500,
    title: 'Internal server error',
    description: 'The service failed to handle the request. It has been logged; nothing was half written.',
  },
  'service-unavailable': {
    status: 503,
    title: 'Service unavailable',
    description:
      'The service cannot answer now: its database is unreachable or busy, every extraction worker is busy with a full queue, or the request took longer than allowed. Retry after Retry-After.',
  },
} as const satisfies Record<string, { status: number; title: string; description: string }>;

export type ProblemSlug = keyof typeof problemTypes;

export const problemSlugs = Object.keys(problemTypes) as ProblemSlug[];

/** Where a field is, in OpenAPI's words for the parts of a request. */
export type FieldLocation = InputError['in'];

/** A failing field: where it is (query, path, header or body), its dotted path ("" for the part itself), and what is wrong. */
export type FieldError = InputError;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const FieldErrorSchema = z
  .object({
    in: z.enum(['query', 'path', 'header', 'body']).describe('The part of the request the field is in.'),
    path: z.string().describe('Dotted path of the field inside that part; empty for the part itself.'),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });

export const ProblemSchema = z
  .looseObject({
    type: z.string().describe('Identifies the kind of problem: a URI whose page describes it.'),
    title: z.string().describe('A short summary of the kind of problem.'),
    status: z.number().int().min(400).max(599).describe('The HTTP status code.'),
    detail: z.string().describe('What went wrong with this request.'),
    instance: z.string().optional().describe('The path of the request.'),
    errors: z.array(FieldErrorSchema).optional().describe('The fields that failed validation.'),
  })
  .meta({
    id: 'Problem',
    description: 'An RFC 9457 problem detail. Other members may be added to a problem of a given type.',
  });

let problemBase = 'http://localhost:3000';

/** The service's public base URL, under which problem types are published. */
export function setProblemBaseUrl(baseUrl: string): void {
  problemBase = baseUrl.replace(/\/+$/, '');
}

export function problemType(slug: ProblemSlug): string {
  return `${problemBase}/problems/${slug}`;
}

/** An error that the error handler turns into a problem response as it is. */
export class HttpProblem extends Error {
  readonly status: number;
  constructor(
    readonly slug: ProblemSlug,
    readonly detail: string,
    readonly extensions: { errors?: FieldError[]; headers?: Record<string, string>; [k: string]: unknown } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
    this.status = problemTypes[slug].status;
  }
}

export function toProblem(slug: ProblemSlug, detail: string, extra: Partial<Problem> = {}): Problem {
  const { status, title } = problemTypes[slug];
  return { type: problemType(slug), title, status, detail, ...extra };
}
