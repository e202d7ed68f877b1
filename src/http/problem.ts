import { z } from 'zod';
import type { InputError } from '../errors.js';

// RFC 9457 problem details. `type` is a stable identifier per kind of problem,
// resolved against the service's base URL (GET /problems/{slug} documents it).

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problemTypes = {
  validation: { status: 400, title: 'Invalid request' },
  'malformed-json': { status: 400, title: 'Malformed JSON body' },
  'invalid-cursor': { status: 400, title: 'Invalid pagination cursor' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  'payload-too-large': { status: 413, title: 'Request body too large' },
  'uri-too-long': { status: 414, title: 'URI too long' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  unprocessable: { status: 422, title: 'Unprocessable request' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
  'bad-request': { status: 400, title: 'Bad request' },
} as const;

export type ProblemSlug = keyof typeof problemTypes;

/** A failing field: where it is (body, querystring, params or headers), its dotted path ("" for the part itself), and what is wrong. */
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

export const ProblemSchema = z
  .object({
    type: z.string().describe('Stable identifier of the kind of problem.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ in: z.string(), path: z.string(), message: z.string() }))
      .optional()
      .describe('The fields that failed validation.'),
  })
  .meta({ id: 'Problem' });

export function problemType(slug: ProblemSlug): string {
  return `/problems/${slug}`;
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
