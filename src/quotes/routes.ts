import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../errors.js';
import { ProblemSchema } from '../http/problem.js';
import { IdParams } from '../http/schemas.js';
import { SpeakerRepository } from '../speakers/repository.js';
import { AttributionRepository } from './attribution-repository.js';
import { CorrectionService } from './corrections.js';
import { CorrectQuoteBody, RevisionListSchema } from './corrections-schemas.js';
import { QuoteRepository } from './repository.js';
import { ListQuotesQuery, QuotePage, QuoteSchema, SpeakerQuotesQuery } from './schemas.js';
import { QuoteService } from './service.js';

const tags = ['quotes'];

const quoteRoutes: FastifyPluginAsyncZod = async (app) => {
  const speakers = new SpeakerRepository(app.db.prisma, app.db.pool);
  const quotes = new QuoteRepository(app.db.pool);
  const service = new QuoteService(quotes, speakers);
  const corrections = new CorrectionService(new AttributionRepository(app.db.prisma), quotes);

  app.get('/quotes', {
    schema: {
      tags,
      summary: 'Search and list quotes',
      description:
        'Full-text search with `q` (web-search syntax, English stemming, accents ignored), ranked, with a highlighted snippet; ' +
        'filters by speaker, speaker kind, article, outlet, date range, kind and status. Without `q`, newest first.',
      querystring: ListQuotesQuery,
      response: { 200: QuotePage, 400: ProblemSchema },
    },
    handler: (request) => service.list(request.query),
  });

  app.get('/speakers/:id/quotes', {
    schema: {
      tags: ['quotes', 'speakers'],
      summary: "A speaker's quotes",
      params: IdParams,
      querystring: SpeakerQuotesQuery,
      response: { 200: QuotePage, 400: ProblemSchema, 404: ProblemSchema },
    },
    handler: async (request) => {
      const page = await service.list({ ...request.query, speaker: request.params.id });
      // A speaker with quotes exists; only an empty page needs the check.
      if (page.items.length === 0) await speakersExist(speakers, request.params.id);
      return page;
    },
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

  app.patch('/quotes/:id', {
    schema: {
      tags,
      summary: 'Correct an attribution',
      description:
        'Give the quote another speaker, or confirm or reject its attribution. Who made the change, why and when ' +
        'is kept in the history; a person-made change marks the attribution as confirmed (or rejected).',
      params: IdParams,
      body: CorrectQuoteBody,
      response: { 200: QuoteSchema, 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema },
    },
    handler: (request) => corrections.correct(request.params.id, request.body),
  });

  app.get('/quotes/:id/history', {
    schema: {
      tags,
      summary: 'The audit trail of an attribution',
      params: IdParams,
      response: { 200: RevisionListSchema, 400: ProblemSchema, 404: ProblemSchema },
    },
    handler: (request) => corrections.history(request.params.id),
  });
};

async function speakersExist(speakers: SpeakerRepository, id: string): Promise<void> {
  if (!(await speakers.exists(id))) throw new NotFoundError('speaker', id);
}

export default quoteRoutes;
