import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable, isDataException, isProgramLimitExceeded } from '../db/errors.js';
import { ExtractionBusyError, ExtractionKeyLimitError } from '../extraction-pool/pool.js';
import {
  ConflictError,
  DomainError,
  FetchError,
  InvalidCursorError,
  InvalidInputError,
  NotFoundError,
  UnprocessableError,
} from '../errors.js';
import { HttpProblem, PROBLEM_CONTENT_TYPE, toProblem, type Problem, type ProblemSlug } from './problem.js';
import { describeFieldErrors, fieldErrors, type ValidationIssue } from './validation.js';

// One place turns every failure into RFC 9457 problem+json. Clients never see
// stack traces, SQL or driver messages.

function sendProblem(reply: FastifyReply, problem: Problem, headers: Record<string, string> = {}): FastifyReply {
  return reply.code(problem.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(problem);
}

const FASTIFY_CODES: Record<string, ProblemSlug> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad-request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_EMPTY_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported-media-type',
};

const FETCH_PROBLEMS: Record<FetchError['reason'], ProblemSlug> = {
  failed: 'fetch-failed',
  refused: 'fetch-refused',
  'too-large': 'fetch-too-large',
  'not-html': 'fetch-not-html',
  'not-feed': 'fetch-not-feed',
};

/** The problem a service's error stands for. */
export function domainProblem(error: DomainError): { problem: Problem; headers?: Record<string, string> } {
  if (error instanceof NotFoundError) return { problem: toProblem('not-found', error.message) };
  if (error instanceof InvalidInputError) {
    const slug = error instanceof InvalidCursorError ? 'invalid-cursor' : 'validation';
    return { problem: toProblem(slug, error.message, { errors: error.errors }) };
  }
  if (error instanceof ConflictError) {
    return {
      problem: toProblem('conflict', error.message),
      headers: error.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(error.retryAfterSeconds) },
    };
  }
  if (error instanceof FetchError) return { problem: toProblem(FETCH_PROBLEMS[error.reason], error.message) };
  if (error instanceof UnprocessableError) return { problem: toProblem('unprocessable', error.message) };
  return { problem: toProblem('bad-request', error.message) };
}

/**
 * The problem a failure of the database stands for when it is not the service's
 * fault: the database is unavailable (503), or it refused a value the client sent
 * (400 for a value out of range or form, 413 for one too large to store or index).
 * Null for any other failure.
 */
export function storageProblem(error: unknown): { problem: Problem; headers?: Record<string, string> } | null {
  if (isDatabaseUnavailable(error)) {
    return {
      problem: toProblem('service-unavailable', 'The database is unavailable; retry shortly.'),
      headers: { 'retry-after': '5' },
    };
  }
  if (isDataException(error)) {
    return {
      problem: toProblem(
        'bad-request',
        'A value in the request is out of the range or form the service can store or compare.',
      ),
    };
  }
  if (isProgramLimitExceeded(error)) {
    return {
      problem: toProblem(
        'payload-too-large',
        'A text in the request is too large for the service to store or index (a quote of more than a megabyte of distinct words, say).',
      ),
    };
  }
  return null;
}

/** The problem of an extraction refused for want of capacity: 503 (the pool is full) or 429 (the key's share is); null otherwise. */
export function extractionProblem(error: unknown): { problem: Problem; headers?: Record<string, string> } | null {
  if (error instanceof ExtractionBusyError) {
    return {
      problem: toProblem('service-unavailable', error.message),
      headers: { 'retry-after': String(error.retryAfterSeconds) },
    };
  }
  if (error instanceof ExtractionKeyLimitError) {
    return {
      problem: toProblem('rate-limited', error.message),
      headers: { 'retry-after': String(error.retryAfterSeconds) },
    };
  }
  return null;
}

export function problemFor(
  error: FastifyError,
  request: FastifyRequest,
): { problem: Problem; headers?: Record<string, string> } {
  if (error instanceof HttpProblem) {
    const { headers, ...extensions } = error.extensions;
    return { problem: toProblem(error.slug, error.detail, extensions), headers };
  }
  if (error instanceof DomainError) return domainProblem(error);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = fieldErrors(error.validationContext ?? 'request', error.validation as ValidationIssue[]);
    return { problem: toProblem('validation', describeFieldErrors(errors), { errors }) };
  }
  if (error.code && FASTIFY_CODES[error.code]) {
    const slug = FASTIFY_CODES[error.code]!;
    const detail =
      slug === 'payload-too-large'
        ? 'The request body is larger than this service accepts.'
        : slug === 'unsupported-media-type'
          ? `Content-Type ${JSON.stringify(request.headers['content-type'] ?? '')} is not accepted here; send application/json.`
          : slug === 'malformed-json'
            ? 'The request body is not valid JSON.'
            : error.message;
    return { problem: toProblem(slug, detail) };
  }
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return { problem: toProblem('malformed-json', 'The request body is not valid JSON.') };
  }
  // A 4xx that Fastify gave an error is the client's, even when its code is one a lost
  // database connection has too (ECONNRESET: a client that closed mid-body).
  const status = error.statusCode ?? 500;
  const known = status >= 400 && status < 500 ? null : (storageProblem(error) ?? extractionProblem(error));
  if (known) return known;
  if (status >= 400 && status < 500) {
    const slug: ProblemSlug =
      status === 404
        ? 'not-found'
        : status === 405
          ? 'method-not-allowed'
          : status === 413
            ? 'payload-too-large'
            : status === 415
              ? 'unsupported-media-type'
              : status === 429
                ? 'rate-limited'
                : 'bad-request';
    return { problem: { ...toProblem(slug, error.message), status } };
  }
  return { problem: toProblem('internal', 'The service failed to handle this request; it has been logged.') };
}

/**
 * Errors Fastify meets before routing (a URL that is not valid percent-encoding, a
 * path parameter over maxParamLength); they bypass the error handler, so they are
 * turned into problems here (Fastify's `frameworkErrors` option).
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const instance = request.url.split('?')[0];
  const problem =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? toProblem('uri-too-long', 'A path segment of the URL is longer than this service accepts.', { instance })
      : error.code === 'FST_ERR_BAD_URL'
        ? toProblem('bad-request', 'The URL is not validly percent-encoded.', { instance })
        : toProblem('bad-request', 'The request cannot be routed.', { instance });
  return sendProblem(reply, problem);
}

export default fp(
  async function errorHandling(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const { problem, headers } = problemFor(error, request);
      if (problem.status >= 500) {
        if (isResponseSerializationError(error)) {
          request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
        } else {
          request.log.error({ err: error }, 'request failed');
        }
      } else {
        // The request line (onResponse) already records the status; details only when debugging.
        request.log.debug({ problem: problem.type, status: problem.status }, problem.detail);
      }
      return sendProblem(reply, { ...problem, instance: request.url.split('?')[0] }, headers);
    });

    app.setNotFoundHandler((request, reply) =>
      sendProblem(
        reply,
        toProblem('not-found', `No route ${request.method} ${request.url.split('?')[0]}.`, {
          instance: request.url.split('?')[0],
        }),
      ),
    );
  },
  { name: 'error-handling' },
);
