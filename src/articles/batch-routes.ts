import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HttpProblem, ProblemSchema } from '../http/problem.js';
import { ingestBatch } from './batch.js';
import { ArticleBatchBody, ArticleBatchResultSchema, MAX_BATCH_ARTICLES } from './schemas.js';

const NDJSON = 'application/x-ndjson';

export interface ArticleBatchOptions {
  bodyLimitBytes: number;
}

const articleBatchRoutes: FastifyPluginAsyncZod<ArticleBatchOptions> = async (app, options) => {
  // Only this plugin's routes read NDJSON; the body stays one string, split by line later.
  app.addContentTypeParser(NDJSON, { parseAs: 'string', bodyLimit: options.bodyLimitBytes }, (_request, body, done) =>
    done(null, body),
  );

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
        'An article already stored, or repeating an earlier line, answers 200 with its id.',
      consumes: [NDJSON],
      body: ArticleBatchBody,
      response: {
        200: ArticleBatchResultSchema.describe('One result per line, and the counts.'),
        400: ProblemSchema,
        413: ProblemSchema,
        415: ProblemSchema,
      },
    },
    // Refuse other media types before reading a large body.
    onRequest: async (request) => {
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== NDJSON) {
        throw new HttpProblem(
          'unsupported-media-type',
          `Content-Type ${JSON.stringify(type)} is not accepted here; send ${NDJSON}.`,
        );
      }
    },
    handler: (request) => ingestBatch(request.body, app.services.ingestion, request.log),
  });
};

export default articleBatchRoutes;
