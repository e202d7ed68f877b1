import { z } from 'zod';
import { PageQuery, pageOf } from '../http/pagination.js';
import { isoDate, storableText } from '../http/schemas.js';
import { ArticleQuoteSchema } from '../quotes/schemas.js';

export const MAX_BODY_CHARS = 1_000_000;

export const CreateArticleBody = z.strictObject({
  title: storableText(1000).trim().min(1, 'must not be empty'),
  body: storableText(MAX_BODY_CHARS).refine((s) => s.trim().length > 0, 'must not be empty'),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
    .max(2048)
    .optional(),
  outlet: storableText(200).trim().min(1).optional(),
  author: storableText(300).trim().min(1).optional(),
  publishedAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
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
    publishedAt: z.date().nullable(),
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
