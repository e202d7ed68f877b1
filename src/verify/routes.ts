import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import Negotiator from 'negotiator';
import { ProblemSchema } from '../http/problem.js';
import { toClaimReview } from './claimreview.js';
import { ClaimReviewSchema, VerifyBody, VerifyQuery, VerifyResultSchema } from './schemas.js';

export interface VerifyRoutesOptions {
  /** The organisation named as the author of ClaimReview answers. */
  claimReviewAuthor: { name: string; url: string | undefined };
}

const JSON_TYPE = 'application/json';
const JSON_LD = 'application/ld+json';

const verifyRoutes: FastifyPluginAsyncZod<VerifyRoutesOptions> = async (app, options) => {
  const service = app.services.verification;

  app.post('/verify', {
    // Verification only reads the record.
    config: { scope: 'read' },
    schema: {
      operationId: 'verifyClaim',
      tags: ['verification'],
      summary: 'Check a claimed quote against the record',
      description:
        'Normalizes case, punctuation, typographic quotes and whitespace, then looks for the wording in stored quotes. ' +
        'A negation, number, name or meaning-flipping word changed is never a close variant; each match lists its `differences` ' +
        'and how its speaker compares with the claimed one (`speakerMatch`). The parts of a quotation split by its attribution are judged as one statement. ' +
        'Answers a verdict with the evidence, strongest first (application/json). With `Accept: application/ld+json` ' +
        '(or `?format=claimreview`) it answers the verdict as schema.org ClaimReview JSON-LD, its `url` from `reviewUrl`.',
      querystring: VerifyQuery,
      body: VerifyBody,
      response: {
        200: {
          description: 'The verdict: with its evidence, or as ClaimReview when the client asks for JSON-LD.',
          content: { [JSON_TYPE]: { schema: VerifyResultSchema }, [JSON_LD]: { schema: ClaimReviewSchema } },
        },
        400: ProblemSchema,
      },
    },
    handler: async (request, reply) => {
      const result = await service.verify(request.body);
      const format =
        request.query.format ??
        (new Negotiator(request.raw).mediaType([JSON_TYPE, JSON_LD]) === JSON_LD ? 'claimreview' : 'json');
      if (format === 'claimreview') {
        const review = toClaimReview(result, {
          author: options.claimReviewAuthor,
          reviewUrl: request.body.reviewUrl,
          reviewedAt: new Date(),
        });
        return reply.type(JSON_LD).send(review);
      }
      return reply.type(JSON_TYPE).send(result);
    },
  });
};

export default verifyRoutes;
