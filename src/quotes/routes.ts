import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../http/problem.js';
import { IdParams } from '../http/schemas.js';
import { z } from 'zod';
import { AddQuoteBody, CorrectQuoteBody, DeleteQuoteBody, RevisionListSchema } from './corrections-schemas.js';
import { exportStream, EXPORT_TYPES } from './export.js';
import { ExportQuotesQuery, ListQuotesQuery, QuotePage, QuoteSchema, SpeakerQuotesQuery } from './schemas.js';

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
        'filters by speaker, speaker kind, article, outlet, date range, kind and status. Without `q`, newest first. ' +
        'Ranking weighs a bounded set of the matches, the same for every page: the first 2,000 the index finds, or the ' +
        '500 that hold the words most densely where the quotes have a RUM index; for one word alone that tens of ' +
        'thousands of quotes hold, with no filter, the 500 best ranked of all. Pages by relevance end with that set, ' +
        'and `sort=date` lists every match.',
      querystring: ListQuotesQuery,
      response: { 200: QuotePage.describe('A page of quotes.'), 400: ProblemSchema },
    },
    handler: (request) => service.list(request.query),
  });

  app.get('/quotes/export', {
    schema: {
      operationId: 'exportQuotes',
      tags,
      summary: 'Export quotes as CSV or NDJSON',
      description:
        'Every quote the filters select (those of GET /v1/quotes), newest first, with no row limit: streamed as it is ' +
        'read from the database, a batch at a time. In CSV, a field that starts with =, +, -, @, a tab or a carriage ' +
        'return gets a leading apostrophe, so that spreadsheets show it as text instead of running it as a formula.',
      querystring: ExportQuotesQuery,
      response: {
        200: {
          description: 'The quotes, as a download.',
          content: {
            [EXPORT_TYPES.csv]: { schema: z.string().describe('A header row, then one quote a row.') },
            [EXPORT_TYPES.ndjson]: { schema: z.string().describe('One quote a line, in the shape of Quote.') },
          },
        },
        400: ProblemSchema,
      },
    },
    handler: async (request, reply) => {
      const { format } = request.query;
      const batches = await service.exportRows(request.query);
      return (
        reply
          .type(`${EXPORT_TYPES[format]}; charset=utf-8`)
          .header('content-disposition', `attachment; filename="quotes.${format}"`)
          // Fastify streams a Readable as it is; the schema types the text it carries.
          .send(exportStream(batches, format) as unknown as string)
      );
    },
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
        'Give the quote another speaker, confirm or reject its attribution, or move its span (`start` and `end`, ' +
        'offsets in the article body; the quote takes the words between them). Who made the change, why and when ' +
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

  app.delete('/quotes/:id', {
    schema: {
      operationId: 'deleteQuote',
      tags,
      summary: 'Delete a wrong quote',
      description:
        'Deletes a quote that is not one (a title, a scare quote, words nobody said). The body says who deletes it and why. ' +
        'The quote is gone: reading it, correcting it or deleting it again answers 404, and it leaves searches, ' +
        'verification, exports and statistics. Its history stays readable at /v1/quotes/{id}/history, ending with ' +
        'the deletion, until its article is deleted.',
      params: IdParams,
      body: DeleteQuoteBody,
      response: {
        204: z.undefined().describe('The quote is deleted; its history keeps the deletion.'),
        400: ProblemSchema,
        404: ProblemSchema,
      },
    },
    handler: async (request, reply) => reply.code(204).send(await corrections.delete(request.params.id, request.body)),
  });

  app.post('/articles/:id/quotes', {
    schema: {
      operationId: 'addArticleQuote',
      tags: ['quotes', 'articles'],
      summary: 'Add a quote the extractor missed',
      description:
        'Adds a quote to a stored article by its offsets in the article body (the quote takes the words between them), ' +
        'with its kind and speaker. A quote added by a person is `confirmed`, with confidence 1, sieve `editor` and no speaker mention ' +
        'or cue; its addition, by whom and why, is the first row of its history.',
      params: IdParams,
      body: AddQuoteBody,
      response: {
        201: QuoteSchema.describe('The quote as stored.'),
        400: ProblemSchema,
        404: ProblemSchema,
      },
    },
    handler: async (request, reply) => {
      const quote = await corrections.add(request.params.id, request.body);
      return reply.code(201).header('location', `${app.prefix}/quotes/${quote.id}`).send(quote);
    },
  });

  app.get('/quotes/:id/history', {
    schema: {
      operationId: 'getQuoteHistory',
      tags,
      summary: 'The audit trail of a quote',
      description:
        'Every change people made to the quote, oldest first: additions, changes of speaker, status and span, merges ' +
        'of its speaker, and its deletion. The history of a deleted quote stays readable.',
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
