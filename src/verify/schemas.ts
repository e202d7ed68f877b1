import { z } from 'zod';
import { AttributionStatusSchema, isoDate, SpeakerKindSchema, storableText } from '../http/schemas.js';
import { ArticleSummarySchema } from '../quotes/schemas.js';

export const VerifyBody = z.strictObject({
  quote: storableText(5000)
    .trim()
    .min(1)
    .refine((s) => /[\p{L}\p{N}]/u.test(s), 'must contain words')
    .describe('The claimed wording.'),
  speaker: storableText(300).trim().min(1).optional().describe('Who is claimed to have said it (a name or alias).'),
  before: isoDate.optional().describe('Only consider articles published before this date.'),
});

export const VerifyQuery = z.strictObject({
  format: z.enum(['json', 'claimreview']).default('json').describe('claimreview: schema.org ClaimReview JSON-LD.'),
});

export const VerdictSchema = z
  .enum(['verified', 'wording_differs', 'misattributed', 'not_found'])
  .describe(
    'verified: the claimed speaker said these words (or a close variant); wording_differs: the speaker said something similar; ' +
      'misattributed: the words are on record from someone else; not_found: nothing on record comes close.',
  );

const SpeakerRef = z.object({ id: z.uuid(), name: z.string(), kind: SpeakerKindSchema });

export const VerifyMatchSchema = z
  .object({
    quoteId: z.uuid(),
    text: z.string().describe('The stored wording, exactly as in the article.'),
    similarity: z.number().min(0).max(1).describe('1 when the claimed words occur as they are.'),
    match: z.enum(['exact', 'close', 'similar']),
    speaker: SpeakerRef.nullable(),
    relayedBy: SpeakerRef.nullable(),
    speakerIsClaimed: z.boolean().describe('Whether the quote is attributed to the claimed speaker.'),
    relayedByClaimed: z.boolean().describe('Whether the claimed speaker only passed the words on.'),
    attribution: AttributionStatusSchema,
    article: ArticleSummarySchema,
    start: z.number().int(),
    end: z.number().int(),
    context: z
      .object({ text: z.string(), start: z.number().int(), end: z.number().int() })
      .describe('The article text around the quote.'),
    seenAt: z.date().describe("The article's publication date, or when it was stored if it has none."),
  })
  .meta({ id: 'VerifyMatch' });

export const VerifyResultSchema = z
  .object({
    verdict: VerdictSchema,
    explanation: z.string(),
    claim: z.object({ quote: z.string(), speaker: z.string().nullable() }),
    saidBy: z.array(SpeakerRef).describe('Who said the words, per the matches behind the verdict.'),
    firstSeen: VerifyMatchSchema.nullable().describe('The earliest appearance behind the verdict.'),
    matches: z.array(VerifyMatchSchema).describe('Earliest appearance first.'),
  })
  .meta({ id: 'VerifyResult' });

export const ClaimReviewSchema = z
  .looseObject({
    '@context': z.literal('https://schema.org'),
    '@type': z.literal('ClaimReview'),
    claimReviewed: z.string(),
  })
  .meta({ id: 'ClaimReview', description: 'schema.org ClaimReview (JSON-LD).' });

export type VerifyInput = z.output<typeof VerifyBody>;
export type VerifyResult = z.output<typeof VerifyResultSchema>;
export type VerifyMatch = z.output<typeof VerifyMatchSchema>;
