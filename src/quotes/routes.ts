import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../http/problem.js';
import { IdParams } from '../http/schemas.js';
import { SpeakerRepository } from '../speakers/repository.js';
import { QuoteRepository } from './repository.js';
import { ListQuotesQuery, QuotePage, QuoteSchema } from './schemas.js';
import { QuoteService } from './service.js';

const tags = ['quotes'];

const quoteRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = new QuoteService(new QuoteRepository(app.db.prisma), new SpeakerRepository(app.db.prisma));

  app.get('/quotes', {
    schema: {
      tags,
      summary: 'List quotes',
      description: 'Newest first. Filter by speaker (id, or exact name or alias), article and kind.',
      querystring: ListQuotesQuery,
      response: { 200: QuotePage, 400: ProblemSchema },
    },
    handler: (request) => service.list(request.query),
  });

  app.get('/quotes/:id', {
    schema: {
      tags,
      summary: 'Get a quote with its evidence',
      params: IdParams,
      response: { 200: QuoteSchema, 400: ProblemSchema, 404: ProblemSchema },
    },
    handler: (request) => service.get(request.params.id),
  });
};

export default quoteRoutes;
