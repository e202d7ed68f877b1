import { z } from 'zod';
import { PageQuery, pageOf } from '../http/pagination.js';
import { ProblemSchema } from '../http/problem.js';
import { httpUrl, isoDate, storableText } from '../http/schemas.js';
import { ArticleQuoteSchema } from '../quotes/schemas.js';

export const MAX_BODY_CHARS = 1_000_000;

/** Longest HTML page taken in a request body (BODY_LIMIT_BYTES bounds it first). */
export const MAX_HTML_CHARS = 10_000_000;

export const CreateArticleBody = z
  .strictObject({
    title: storableText(1000)
      .trim()
      .min(1, 'must not be empty')
      .optional()
      .describe("Required with `body`; with `html` or `url` alone, the page's headline is taken when it is missing."),
    body: storableText(MAX_BODY_CHARS)
      .regex(/\S/, 'must not be empty')
      .optional()
      .describe('The text of the article. Give `body`, or `html`, or `url` alone.'),
    html: storableText(MAX_HTML_CHARS)
      .regex(/\S/, 'must not be empty')
      .optional()
      .describe(
        'The HTML page of the article, instead of `body`: its main text is read with Readability (paragraphs kept, ' +
          'entities decoded, navigation, captions, related stories and comments left out), and title, author, outlet, ' +
          'date and canonical URL come from its JSON-LD, OpenGraph and meta tags when the request does not give them.',
      ),
    url: httpUrl(2048)
      .optional()
      .describe(
        'An http(s) URL without spaces; an international domain name is stored in punycode. Alone, without `body` or ' +
          '`html`, the service fetches the page (public addresses only, HTML only, at most 5 redirects).',
      ),
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
      .optional()
      .describe("The article's language; `en` when neither the request nor the page says."),
  })
  .superRefine((article, context) => {
    if (article.body !== undefined && article.html !== undefined) {
      context.addIssue({ code: 'custom', path: ['html'], message: 'give either body or html, not both' });
    } else if (article.body === undefined && article.html === undefined && article.url === undefined) {
      context.addIssue({ code: 'custom', path: ['body'], message: 'give body, html or url' });
    } else if (article.body !== undefined && article.title === undefined) {
      context.addIssue({ code: 'custom', path: ['title'], message: 'is required with body' });
    }
  })
  .meta({
    description:
      'An article as its text (`title` and `body`), its HTML page (`html`, not with `body`), or its `url` alone.',
    anyOf: [{ required: ['title', 'body'] }, { required: ['html'] }, { required: ['url'] }],
  });

export const ArticleSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    url: z.string().nullable(),
    canonicalUrl: z
      .string()
      .nullable()
      .describe(
        "The URL that identifies the story: the page's rel=canonical link, or its URL, without tracking parameters, " +
          'fragment or default port. One canonical URL, one article.',
      ),
    fetchedAt: z
      .date()
      .nullable()
      .describe('When the service fetched the page; null for an article sent by the client.'),
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
  outlet: storableText(200).trim().min(1).optional().describe('Outlet name, ignoring case.'),
  publishedFrom: isoDate.optional().describe('Earliest publication date-time (inclusive).'),
  publishedTo: isoDate.optional().describe('Latest publication date-time (inclusive).'),
  ...PageQuery,
});

export const ArticlePage = pageOf(ArticleListItemSchema).meta({ id: 'ArticlePage' });

/** An article as a request gives it: its text, its HTML page, or its URL alone. */
export type CreateArticle = z.output<typeof CreateArticleBody>;

/** An article as ingestion stores it: its text and metadata, the page read and fetched already. */
export interface TextArticle {
  title: string;
  body: string;
  url?: string;
  /** The canonical URL of the story (see src/web/canonical-url.ts). */
  canonicalUrl?: string;
  /** When the service fetched its page. */
  fetchedAt?: Date;
  outlet?: string;
  author?: string;
  publishedAt?: string;
  language: string;
}
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
        '201: stored; 200: already stored, or the same as an earlier line; 400: the line is invalid; 413: a text of the line ' +
          'is too large to store or index, or its page too large to fetch; 415 or 422: its page could not be fetched or read ' +
          '(see `error`); 503: the database is unavailable; 500: it could not be stored.',
      ),
    id: z.uuid().optional().describe('The id of the stored article (201 and 200).'),
    error: ProblemSchema.optional().describe('Why the line was not stored (every status from 400).'),
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
