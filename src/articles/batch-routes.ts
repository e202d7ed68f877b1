import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HttpProblem, ProblemSchema } from '../http/problem.js';
import { admitLongExtraction, extractionKey } from '../extraction-pool/plugin.js';
import { IdParams } from '../http/schemas.js';
import { IngestJobBody, IngestJobSchema } from '../ingest-jobs/schemas.js';
import { MAX_JOB_LINES } from '../ingest-jobs/service.js';
import { ingestBatch } from './batch.js';
import { ArticleBatchBody, ArticleBatchResultSchema, MAX_BATCH_ARTICLES } from './schemas.js';

const NDJSON = 'application/x-ndjson';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text; a 400 naming the first line that is not valid UTF-8. */
export function decodeUtf8Lines(body: Buffer): string {
  try {
    return strictUtf8.decode(body);
  } catch {
    let start = 0;
    for (let line = 1; ; line++) {
      const end = body.indexOf(0x0a, start);
      const bytes = body.subarray(start, end === -1 ? body.length : end);
      try {
        strictUtf8.decode(bytes);
      } catch {
        throw new HttpProblem('validation', `Line ${line} is not valid UTF-8; send the body in UTF-8.`, {
          errors: [{ in: 'body', path: `line ${line}`, message: 'is not valid UTF-8' }],
        });
      }
      if (end === -1) break;
      start = end + 1;
    }
    throw new HttpProblem('validation', 'The body is not valid UTF-8; send it in UTF-8.', {
      errors: [{ in: 'body', path: '', message: 'is not valid UTF-8' }],
    });
  }
}

/** Refuses other media types before a large body is read. */
async function ndjsonOnly(request: FastifyRequest) {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== NDJSON) {
    throw new HttpProblem(
      'unsupported-media-type',
      `Content-Type ${JSON.stringify(type)} is not accepted here; send ${NDJSON}.`,
    );
  }
}

export interface ArticleBatchOptions {
  bodyLimitBytes: number;
}

const articleBatchRoutes: FastifyPluginAsyncZod<ArticleBatchOptions> = async (app, options) => {
  // Only this plugin's routes read NDJSON; the body stays one string, split by line later.
  // It is decoded strictly: bytes that are not UTF-8 refuse the request rather than
  // being stored as U+FFFD.
  app.addContentTypeParser(NDJSON, { parseAs: 'buffer', bodyLimit: options.bodyLimitBytes }, (_request, body, done) => {
    try {
      done(null, decodeUtf8Lines(body as Buffer));
    } catch (error) {
      done(error as Error);
    }
  });

  // Fastify reads ':' as a parameter marker; '::' is a literal colon.
  app.post('/articles::batch', {
    bodyLimit: options.bodyLimitBytes,
    // Idempotency-Key makes retries of a whole batch safe (src/http/idempotency.ts).
    config: { idempotency: true },
    schema: {
      operationId: 'ingestArticleBatch',
      tags: ['articles'],
      summary: 'Ingest many articles',
      description:
        `Up to ${MAX_BATCH_ARTICLES} articles as NDJSON, one per line, each as in POST /v1/articles. Every line gets its own result: ` +
        'a bad line (not JSON, or invalid) does not stop the others, and each article is stored whole or not at all. ' +
        'An article already stored, or repeating an earlier line, answers 200 with its id. ' +
        'The body must be UTF-8: bytes that are not refuse the whole batch with 400 naming the line, and nothing is stored.',
      consumes: [NDJSON],
      body: ArticleBatchBody,
      response: {
        200: ArticleBatchResultSchema.describe('One result per line, and the counts.'),
        400: ProblemSchema,
        413: ProblemSchema,
        415: ProblemSchema,
        429: ProblemSchema.describe(
          'The API key already has as many extractions of long articles running as a key may; retry after Retry-After.',
        ),
      },
    },
    onRequest: [ndjsonOnly, admitLongExtraction],
    handler: (request) =>
      ingestBatch(request.body, app.services, request.log, (bodies, work) =>
        app.extraction.forKey(extractionKey(request), bodies, work),
      ),
  });

  app.post('/ingest-jobs', {
    bodyLimit: options.bodyLimitBytes,
    config: { idempotency: true },
    schema: {
      operationId: 'createIngestJob',
      tags: ['ingest jobs'],
      summary: 'Ingest many articles in the background',
      description:
        `Up to ${MAX_JOB_LINES} articles as NDJSON, each line as in POST /v1/articles (text, a page, or a URL to fetch). ` +
        'The lines are recorded and queued at once, and ingested by workers a few at a time; GET the job to follow it. ' +
        'A restart of the service loses no line and stores none twice.',
      consumes: [NDJSON],
      body: IngestJobBody,
      response: {
        202: IngestJobSchema.describe('The job is recorded and queued.'),
        400: ProblemSchema,
        413: ProblemSchema,
        415: ProblemSchema,
      },
    },
    onRequest: ndjsonOnly,
    handler: async (request, reply) => {
      const job = await app.services.ingestJobs.create(request.body);
      return reply.code(202).header('location', `${app.prefix}/ingest-jobs/${job.id}`).send(job);
    },
  });

  app.get('/ingest-jobs/:id', {
    schema: {
      operationId: 'getIngestJob',
      tags: ['ingest jobs'],
      summary: 'Follow an ingest job',
      description: 'Its status, the counts of lines done, failed and pending, and the problem of each failed line.',
      params: IdParams,
      response: { 200: IngestJobSchema.describe('The job as it stands.'), 400: ProblemSchema, 404: ProblemSchema },
    },
    handler: (request) => app.services.ingestJobs.get(request.params.id),
  });
};

export default articleBatchRoutes;
