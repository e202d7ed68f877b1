import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../http/problem.js';
import { openapiInfo } from '../http/docs.js';
import { toClaimReview } from './claimreview.js';
import { VerifyRepository } from './repository.js';
import { ClaimReviewSchema, VerifyBody, VerifyQuery, VerifyResultSchema } from './schemas.js';
import { VerifyService } from './service.js';

const verifyRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = new VerifyService(new VerifyRepository(app.db.pool));

  app.post('/verify', {
    // Verification only reads the record.
    config: { scope: 'read' },
    schema: {
      tags: ['verification'],
      summary: 'Check a claimed quote against the record',
      description:
        'Normalizes case, punctuation, typographic quotes and whitespace, then looks for the wording in stored quotes. ' +
        'Answers a verdict with the evidence, earliest appearance first. `?format=claimreview` answers schema.org ClaimReview JSON-LD.',
      querystring: VerifyQuery,
      body: VerifyBody,
      response: { 200: VerifyResultSchema.or(ClaimReviewSchema), 400: ProblemSchema },
    },
    handler: async (request, reply) => {
      const result = await service.verify(request.body);
      if (request.query.format === 'claimreview') {
        return reply.type('application/ld+json').send(toClaimReview(result, new Date(), openapiInfo.title));
      }
      return result;
    },
  });
};

export default verifyRoutes;
