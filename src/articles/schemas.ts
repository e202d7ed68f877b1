import { z } from 'zod';
import { PageQuery, pageOf } from '../http/pagination.js';
import { ProblemSchema } from '../http/problem.js';
import { httpUrl, isoDate, storableText } from '../http/schemas.js';
import { ArticleQuoteSchema } from '../quotes/schemas.js';

export const MAX_BODY_CHARS = 1_000_000;

export const CreateArticleBody = z.strictObject({
  title: storableText(1000).trim().min(1, 'must not be empty'),
  body: storableText(MAX_BODY_CHARS).regex(/\S/, 'must not be empty'),
  url: httpUrl(2048)
    .optional()
    .describe('An http(s) URL without spaces; an international domain name is stored in punycode.'),
  outlet: storableText(200).trim().min(1).optional(),
  author: storableText(300).trim().min(1).optional(),
  publishedAt: isoDate
    .optional()
    .describe(
      'When the article was published: a date-time with an offset (RFC 3339), or a date alone (YYYY-MM-DD), ' +
        'kept as 00:00 UTC that day. Answers give it as a UTC date-time.',
    ),
  language: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a language tag such as en or en-US')
    .max(35)
    .default('en'),
});

export const ArticleSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    url: z.string().nullable(),
    outlet: z.string().nullable(),
    author: z.string().nullable(),
    publishedAt: z.date().nullable().describe('A UTC date-time; an article sent with a date alone has 00:00 that day.'),
    language: z.string(),
    createdAt: z.date(),
  })
  .meta({ id: 'Article' });

export const ArticleListItemSchema = ArticleSchema.extend({
  quoteCount: z.number().int(),
}).meta({ id: 'ArticleListItem' });

export const ArticleDetailSchema = ArticleSchema.extend({
  body: z.string(),
  quotes: z.array(ArticleQuoteSchema).describe('The quotes found in the body, in reading order.'),
}).meta({ id: 'ArticleDetail' });

export const ListArticlesQuery = z.strictObject({
  outlet: storableText(200).trim().min(1).optional(),
  publishedFrom: isoDate.optional().describe('Earliest publication date-time (inclusive).'),
  publishedTo: isoDate.optional().describe('Latest publication date-time (inclusive).'),
  ...PageQuery,
});

export const ArticlePage = pageOf(ArticleListItemSchema).meta({ id: 'ArticlePage' });

export type CreateArticle = z.output<typeof CreateArticleBody>;
export type ListArticles = z.output<typeof ListArticlesQuery>;

/** Most articles one POST /v1/articles:batch takes. */
export const MAX_BATCH_ARTICLES = 1000;

export const ArticleBatchBody = z
  .string()
  .describe(
    `NDJSON (application/x-ndjson): one article per line, each a JSON object with the fields of POST /v1/articles; ` +
      `at most ${MAX_BATCH_ARTICLES} articles; blank lines are skipped.`,
  );

export const BatchItemResultSchema = z
  .object({
    index: z.number().int().describe('The line of the body this result is for, counting from 0 (`line` - 1).'),
    line: z
      .number()
      .int()
      .min(1)
      .describe('The line of the body this result is for, counting from 1, as editors number lines.'),
    status: z
      .number()
      .int()
      .describe(
        '201: stored; 200: already stored, or the same as an earlier line; 400: the line is invalid; 413: a text of the line is too large to store or index; 503: the database is unavailable; 500: it could not be stored.',
      ),
    id: z.uuid().optional().describe('The id of the stored article (201 and 200).'),
    error: ProblemSchema.optional().describe('Why the line was not stored (400, 413, 500 and 503).'),
  })
  .meta({ id: 'ArticleBatchItem' });

export const ArticleBatchResultSchema = z
  .object({
    items: z.array(BatchItemResultSchema).describe('One result per non-blank line, in body order.'),
    created: z.number().int(),
    existing: z.number().int(),
    failed: z.number().int(),
  })
  .meta({ id: 'ArticleBatchResult' });

export type ArticleBatchResult = z.output<typeof ArticleBatchResultSchema>;
