import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../http/problem.js';
import { StatsQuery, StatsSchema } from './schemas.js';

const description =
  'For an outlet (or all) and a date range: quotes by speaker kind, the share of anonymous sources and the ' +
  'most quoted speakers, per day, week, month, quarter or year, and for the whole range.';

const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { stats } = app.services;

  app.get('/stats', {
    schema: {
      operationId: 'getQuoteStats',
      summary: 'Who an outlet quotes, per period',
      description,
      tags: ['quotes'],
      querystring: StatsQuery,
      response: { 200: StatsSchema.describe('The counts, in all and per period.'), 400: ProblemSchema },
    },
    handler: (request) => stats.get(request.query),
  });
};

export default statsRoutes;
