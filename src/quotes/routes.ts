import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../http/problem.js';
import { IdParams } from '../http/schemas.js';
import { CorrectQuoteBody, RevisionListSchema } from './corrections-schemas.js';
import { ListQuotesQuery, QuotePage, QuoteSchema, SpeakerQuotesQuery } from './schemas.js';

const tags = ['quotes'];

const quoteRoutes: FastifyPluginAsyncZod = async (app) => {
  const { quotes: service, corrections } = app.services;

  app.get('/quotes', {
    schema: {
      operationId: 'listQuotes',
      tags,
      summary: 'Search and list quotes',
      description:
        'Full-text search with `q` (web-search syntax, English stemming, accents ignored), ranked, with a highlighted snippet; ' +
        'filters by speaker, speaker kind, article, outlet, date range, kind and status. Without `q`, newest first.',
      querystring: ListQuotesQuery,
      response: { 200: QuotePage.describe('A page of quotes.'), 400: ProblemSchema },
    },
    handler: (request) => service.list(request.query),
  });

  app.get('/speakers/:id/quotes', {
    schema: {
      operationId: 'listSpeakerQuotes',
      tags: ['quotes', 'speakers'],
      summary: "A speaker's quotes",
      params: IdParams,
      querystring: SpeakerQuotesQuery,
      response: { 200: QuotePage.describe("A page of the speaker's quotes."), 400: ProblemSchema, 404: ProblemSchema },
    },
    handler: (request) => service.listBySpeaker(request.params.id, request.query),
  });

  app.get('/quotes/:id', {
    schema: {
      operationId: 'getQuote',
      tags,
      summary: 'Get a quote with its evidence',
      params: IdParams,
      response: {
        200: QuoteSchema.describe('The quote with its attribution.'),
        400: ProblemSchema,
        404: ProblemSchema,
      },
    },
    handler: (request) => service.get(request.params.id),
  });

  app.patch('/quotes/:id', {
    schema: {
      operationId: 'correctQuote',
      tags,
      summary: 'Correct an attribution',
      description:
        'Give the quote another speaker, or confirm or reject its attribution. Who made the change, why and when ' +
        'is kept in the history; a person-made change marks the attribution as confirmed (or rejected).',
      params: IdParams,
      body: CorrectQuoteBody,
      response: {
        200: QuoteSchema.describe('The corrected quote.'),
        400: ProblemSchema,
        404: ProblemSchema,
        409: ProblemSchema,
      },
    },
    handler: (request) => corrections.correct(request.params.id, request.body),
  });

  app.get('/quotes/:id/history', {
    schema: {
      operationId: 'getQuoteHistory',
      tags,
      summary: 'The audit trail of an attribution',
      params: IdParams,
      response: {
        200: RevisionListSchema.describe('The changes made to the quote, oldest first.'),
        400: ProblemSchema,
        404: ProblemSchema,
      },
    },
    handler: (request) => corrections.history(request.params.id),
  });
};

export default quoteRoutes;
