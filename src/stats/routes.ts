import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../http/problem.js';
import { IdParams } from '../http/schemas.js';
import { SpeakerTimelineQuery, SpeakerTimelineSchema, StatsQuery, StatsSchema } from './schemas.js';

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

  app.get('/speakers/:id/timeline', {
    schema: {
      operationId: 'getSpeakerTimeline',
      summary: "A speaker's quotes over time",
      description:
        'How many quotes of the speaker each period has, by kind (direct, partial, indirect; relayed among them), ' +
        'in all, and per outlet: the whole record at once however many quotes it holds, for a chart. ' +
        'The quotes themselves come a page at a time from `GET /v1/speakers/{id}/quotes`.',
      tags: ['speakers', 'quotes'],
      params: IdParams,
      querystring: SpeakerTimelineQuery,
      response: {
        200: SpeakerTimelineSchema.describe('The counts, per period and in all, and per outlet.'),
        400: ProblemSchema,
        404: ProblemSchema,
      },
    },
    handler: (request) => stats.speakerTimeline(request.params.id, request.query),
  });
};

export default statsRoutes;
