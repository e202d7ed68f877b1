import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpProblem, ProblemSchema } from '../http/problem.js';
import { IdParams } from '../http/schemas.js';
import { admitLongExtraction, extractionKey } from '../extraction-pool/plugin.js';
import { ArticleDetailSchema, ArticlePage, CreateArticleBody, ListArticlesQuery } from './schemas.js';

const tags = ['articles'];

/** Media types POST /v1/articles takes as the article itself, besides JSON. */
export const RAW_ARTICLE_TYPES = ['text/html', 'application/xhtml+xml', 'text/plain'];

/** The request a raw body stands for: a page to read, or a text whose first line is its title. */
function rawArticle(contentType: string, raw: string): Record<string, unknown> {
  if (!contentType.startsWith('text/plain')) return { html: raw };
  const firstLine =
    raw
      .split('\n')
      .find((line) => line.trim())
      ?.trim() ?? '';
  return { title: firstLine.slice(0, 1000), body: raw };
}

const articleRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = app.services.articles;
  // Only this plugin's routes read pages and plain text; the string becomes a request before validation.
  app.addContentTypeParser(RAW_ARTICLE_TYPES, { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.post('/articles', {
    // Idempotency-Key makes retries safe (src/http/idempotency.ts).
    config: { idempotency: true },
    onRequest: admitLongExtraction,
    schema: {
      operationId: 'ingestArticle',
      tags,
      summary: 'Ingest an article',
      description:
        'Stores the article, extracts its quotes and attributes them to speakers, in one transaction. ' +
        'An article whose URL or body is already stored is not stored again: the answer is the existing article, with status 200.',
      consumes: ['application/json', ...RAW_ARTICLE_TYPES],
      body: CreateArticleBody,
      response: {
        200: ArticleDetailSchema.describe('The article was already stored.'),
        201: ArticleDetailSchema.describe('The article was stored.'),
        400: ProblemSchema,
        413: ProblemSchema,
        415: ProblemSchema,
        422: ProblemSchema,
        429: ProblemSchema.describe(
          'The API key already has as many extractions of long articles running as a key may; retry after Retry-After.',
        ),
        503: ProblemSchema.describe(
          'Every extraction worker is busy and the queue is full (or the database is unavailable); retry after Retry-After.',
        ),
      },
    },
    preValidation: async (request) => {
      const raw: unknown = request.body;
      const type = (request.headers['content-type'] ?? '').toLowerCase();
      // A JSON body that is a string is no article: validation refuses it.
      if (typeof raw !== 'string' || !RAW_ARTICLE_TYPES.some((accepted) => type.startsWith(accepted))) return;
      if (!raw.trim())
        throw new HttpProblem('validation', 'The body is empty; send the article.', {
          errors: [{ in: 'body', path: '', message: 'must not be empty' }],
        });
      request.body = rawArticle(type, raw) as typeof request.body;
    },
    handler: async (request, reply) => {
      const { created, article } = await app.extraction.forKey(
        extractionKey(request),
        [request.body.body ?? request.body.html ?? ''],
        () => service.create(request.body),
      );
      return reply
        .code(created ? 201 : 200)
        .header('location', `${app.prefix}/articles/${article.id}`)
        .send(article);
    },
  });

  app.get('/articles', {
    schema: {
      operationId: 'listArticles',
      tags,
      summary: 'List articles',
      description: 'Newest first. Filter by outlet and publication date range.',
      querystring: ListArticlesQuery,
      response: { 200: ArticlePage.describe('A page of articles, newest first.'), 400: ProblemSchema },
    },
    handler: (request) => service.list(request.query),
  });

  app.get('/articles/:id', {
    schema: {
      operationId: 'getArticle',
      tags,
      summary: 'Get an article with its quotes',
      params: IdParams,
      response: {
        200: ArticleDetailSchema.describe('The article with its quotes.'),
        400: ProblemSchema,
        404: ProblemSchema,
      },
    },
    handler: (request) => service.get(request.params.id),
  });

  app.delete('/articles/:id', {
    schema: {
      operationId: 'deleteArticle',
      tags,
      summary: 'Delete an article and its quotes',
      params: IdParams,
      response: {
        204: z.undefined().describe('The article and its quotes are deleted.'),
        400: ProblemSchema,
        404: ProblemSchema,
      },
    },
    handler: async (request, reply) => {
      await service.delete(request.params.id);
      return reply.code(204).send();
    },
  });
};

export default articleRoutes;
