import { z } from 'zod';
import { PageQuery, pageOf } from '../http/pagination.js';
import { AttributionStatusSchema, QuoteKindSchema, SpanSchema, SpeakerKindSchema, storableText, Uuid } from '../http/schemas.js';

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
    status: AttributionStatusSchema,
    article: ArticleSummarySchema,
  })
  .meta({ id: 'Quote' });

/** A quote inside its own article, which is already given. */
export const ArticleQuoteSchema = QuoteSchema.omit({ article: true }).meta({ id: 'ArticleQuote' });

export const ListQuotesQuery = z.strictObject({
  speaker: storableText(300).trim().min(1).optional().describe('Speaker id, or a name or alias (exact, ignoring case).'),
  article: Uuid.optional(),
  kind: QuoteKindSchema.optional(),
  ...PageQuery,
});

export const QuotePage = pageOf(QuoteSchema).meta({ id: 'QuotePage' });

export type ListQuotes = z.output<typeof ListQuotesQuery>;
export type QuoteOut = z.output<typeof QuoteSchema>;
