import { z } from 'zod';
import { PageQuery, pageOf } from '../http/pagination.js';
import {
  AttributionStatusSchema,
  isoDate,
  QuoteKindSchema,
  SpanSchema,
  SpeakerKindSchema,
  storableText,
  Uuid,
} from '../http/schemas.js';

export const QuoteSpeakerSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: SpeakerKindSchema,
    mention: SpanSchema.nullable().describe('The words of the article that name the speaker for this quote.'),
  })
  .meta({ id: 'QuoteSpeaker' });

export const RelayedBySchema = z
  .object({ id: z.uuid(), name: z.string(), kind: SpeakerKindSchema })
  .meta({ id: 'RelayedBy' });

export const ArticleSummarySchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    url: z.string().nullable(),
    outlet: z.string().nullable(),
    publishedAt: z.date().nullable(),
  })
  .meta({ id: 'ArticleSummary' });

export const QuoteSchema = z
  .object({
    id: z.uuid(),
    text: z.string().describe('The quoted words as they stand in the article.'),
    kind: QuoteKindSchema,
    start: z.number().int().describe('UTF-16 offset of the quote in the article body.'),
    end: z.number().int(),
    speaker: QuoteSpeakerSchema.nullable(),
    cue: SpanSchema.nullable().describe('The reporting verb or phrase ("said", "according to").'),
    relayedBy: RelayedBySchema.nullable().describe('Who passed the words on, for relayed speech.'),
    confidence: z.number().min(0).max(1),
    sieve: z
      .string()
      .nullable()
      .describe(
        'The attribution rule that decided the quote, as `POST /v1/extract` names it (`trailing`, `reported-that`, ...); ' +
          '`editor` for a quote a person added; null for a quote stored before rules were kept.',
      ),
    status: AttributionStatusSchema,
    article: ArticleSummarySchema,
  })
  .meta({ id: 'Quote' });

/** A quote inside its own article, which is already given. */
export const ArticleQuoteSchema = QuoteSchema.omit({ article: true }).meta({ id: 'ArticleQuote' });

export const QuoteHitSchema = QuoteSchema.extend({
  snippet: z
    .string()
    .nullable()
    .describe(
      'With `q`: the quote (or its best part, for a long quote) HTML-escaped, with every word that matched inside <mark> tags, accented words too.',
    ),
  rank: z
    .number()
    .nullable()
    .describe(
      'With `q`: relevance between 0 and 1, higher is better: how closely the words stand together in the quote, ' +
        'divided by the log of its length, so a short quote about them ranks above a long one that mentions them once.',
    ),
}).meta({ id: 'QuoteHit' });

export const quoteFilters = {
  q: storableText(500)
    .trim()
    .min(1)
    .optional()
    .describe('Words to find, in web-search syntax: "exact phrase", OR, -word. English stemming; accents ignored.'),
  speakerKind: SpeakerKindSchema.optional(),
  article: Uuid.optional(),
  outlet: storableText(200).trim().min(1).optional().describe('Outlet name, ignoring case.'),
  publishedFrom: isoDate.optional().describe("Earliest date of the quote's article (inclusive)."),
  publishedTo: isoDate.optional().describe("Latest date of the quote's article (inclusive)."),
  kind: QuoteKindSchema.optional(),
  status: AttributionStatusSchema.optional(),
  sort: z
    .enum(['relevance', 'date'])
    .optional()
    .describe(
      'relevance (the default with `q`) or date, newest first (the default without). relevance needs `q`: without it the request is refused with 400.',
    ),
  ...PageQuery,
};

export const ListQuotesQuery = z.strictObject({
  speaker: storableText(300)
    .trim()
    .min(1)
    .optional()
    .describe('Speaker id, or a name or alias (exact, ignoring case).'),
  ...quoteFilters,
});

export const SpeakerQuotesQuery = z.strictObject(quoteFilters);

const { sort: _sort, limit: _limit, cursor: _cursor, ...exportFilters } = ListQuotesQuery.shape;

export const ExportQuotesQuery = z.strictObject({
  format: z
    .enum(['csv', 'ndjson'])
    .default('csv')
    .describe('csv: RFC 4180 with a header row; ndjson: one quote a line, as GET /v1/quotes/{id} answers it.'),
  ...exportFilters,
});

export type ExportQuotes = z.output<typeof ExportQuotesQuery>;

export const QuotePage = pageOf(QuoteHitSchema).meta({ id: 'QuotePage' });

export type ListQuotes = z.output<typeof ListQuotesQuery>;
export type QuoteOut = z.output<typeof QuoteSchema>;
