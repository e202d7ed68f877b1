import { z } from 'zod';
import { AttributionStatusSchema, httpUrl, isoDate, SpeakerKindSchema, storableText } from '../http/schemas.js';
import { ArticleSummarySchema } from '../quotes/schemas.js';

export const VerifyBody = z.strictObject({
  quote: storableText(5000)
    .trim()
    .min(1)
    .refine((s) => /[\p{L}\p{N}]/u.test(s), 'must contain words')
    .describe('The claimed wording.'),
  speaker: storableText(300).trim().min(1).optional().describe('Who is claimed to have said it (a name or alias).'),
  before: isoDate.optional().describe('Only consider articles published before this date.'),
  reviewUrl: httpUrl(2000)
    .optional()
    .describe(
      'Where the fact-check will be published: the `url` of the ClaimReview answered with `?format=claimreview`.',
    ),
});

export const VerifyQuery = z.strictObject({
  format: z
    .enum(['json', 'claimreview'])
    .optional()
    .describe(
      'Overrides the Accept header: claimreview answers schema.org ClaimReview (application/ld+json), json the verdict with its evidence.',
    ),
});

export const VerdictSchema = z
  .enum(['verified', 'wording_differs', 'misattributed', 'not_found'])
  .describe(
    'verified: the claimed speaker said these words (or a close variant); wording_differs: the speaker said something similar; ' +
      'misattributed: the words are on record from someone else; not_found: nothing on record comes close.',
  );

const SpeakerRef = z.object({ id: z.uuid(), name: z.string(), kind: SpeakerKindSchema });

const TextSpan = z.object({ text: z.string(), start: z.number().int(), end: z.number().int() });

export const DifferenceSchema = z
  .object({
    kind: z
      .enum(['negation', 'number', 'name', 'polarity', 'word'])
      .describe(
        'negation: a not, never, no ... added or dropped; number: a number or quantity changed; name: a capitalised word of one that the other lacks; ' +
          'polarity: a word that turns the meaning around (more/less, will/may, before/after); word: any other change, which alone keeps a close variant.',
      ),
    claim: TextSpan.nullable().describe(
      'The words in the claim (offsets into the claimed quote); null when the claim leaves out `record`.',
    ),
    record: TextSpan.nullable().describe(
      "The words on record (offsets into the match's `text`); null when the claim adds words.",
    ),
  })
  .meta({ id: 'Difference' });

export const SpeakerMatchSchema = z
  .enum(['exact', 'alias', 'surname_only', 'none'])
  .describe(
    'How the claimed speaker compares with the recorded one: exact: the same name (titles aside); alias: a registry alias, a short form of the first name (Bill for William), ' +
      'a surname alone, or a first name the article itself gives; surname_only: only the surname agrees, the claimed first name is not confirmed; none: another person, or no speaker claimed or known.',
  );

export const VerifyMatchSchema = z
  .object({
    quoteId: z.uuid(),
    text: z
      .string()
      .describe(
        'The stored wording, exactly as in the article; a statement split by its attribution is its parts joined by a space.',
      ),
    parts: z
      .array(z.object({ quoteId: z.uuid(), text: z.string(), start: z.number().int(), end: z.number().int() }))
      .describe(
        'The stored quotes that make up the statement: one, or the parts of a quotation split by its attribution or running over paragraphs.',
      ),
    similarity: z.number().min(0).max(1).describe('1 when the claimed words occur as they are.'),
    match: z.enum(['exact', 'close', 'similar']),
    speaker: SpeakerRef.nullable(),
    relayedBy: SpeakerRef.nullable(),
    speakerIsClaimed: z.boolean().describe('Whether the quote is attributed to the claimed speaker.'),
    speakerMatch: SpeakerMatchSchema,
    differences: z
      .array(DifferenceSchema)
      .describe(
        'What the claim changes in the stored wording, most serious first; empty when the words are as on record.',
      ),
    relayedByClaimed: z.boolean().describe('Whether the claimed speaker only passed the words on.'),
    attribution: AttributionStatusSchema,
    sieve: z
      .string()
      .nullable()
      .describe(
        'The attribution rule that decided the quote, as `POST /v1/extract` names it; `editor` for a quote a person added; ' +
          'null for a quote stored before rules were kept.',
      ),
    article: ArticleSummarySchema,
    start: z.number().int().describe('Offset of the first part in the article.'),
    end: z.number().int().describe('End of the last part in the article.'),
    context: TextSpan.describe('The article text around the quote.'),
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
    matches: z
      .array(VerifyMatchSchema)
      .describe(
        'The evidence behind the verdict first, then other similar quotes; within each, exact before close before similar wording, ' +
          'attributions confirmed by a person before machine-made ones, then earliest appearance first.',
      ),
  })
  .meta({ id: 'VerifyResult' });

const Organization = z.strictObject({
  '@type': z.literal('Organization'),
  name: z.string(),
  url: z.string().optional(),
});

const ClaimAuthor = z.strictObject({ '@type': z.enum(['Person', 'Organization']), name: z.string() });

const CreativeWork = z
  .strictObject({
    '@type': z.literal('CreativeWork'),
    url: z.string().optional().describe("The article's URL, when it has one."),
    headline: z.string(),
    datePublished: z.iso.datetime({ offset: true }),
    publisher: Organization.optional().describe("The article's outlet."),
  })
  .describe('An article where the words appear.');

export const ClaimReviewSchema = z
  .strictObject({
    '@context': z.literal('https://schema.org'),
    '@type': z.literal('ClaimReview'),
    url: z.string().optional().describe("Where the review is published: the request's `reviewUrl`."),
    claimReviewed: z.string().describe('The claimed wording.'),
    datePublished: z.iso.datetime({ offset: true }).describe('When the review was made.'),
    author: Organization.describe('Who publishes the review (CLAIMREVIEW_AUTHOR_NAME, CLAIMREVIEW_AUTHOR_URL).'),
    reviewBody: z.string().describe('The explanation of the verdict.'),
    reviewRating: z.strictObject({
      '@type': z.literal('Rating'),
      ratingValue: z
        .number()
        .int()
        .min(1)
        .max(5)
        .describe('5 verified, 3 wording differs, 2 not found, 1 misattributed.'),
      bestRating: z.literal(5),
      worstRating: z.literal(1),
      alternateName: z.string().describe('The verdict in words.'),
    }),
    itemReviewed: z.strictObject({
      '@type': z.literal('Claim'),
      author: ClaimAuthor.optional().describe('The claimed speaker, or else who said the words.'),
      datePublished: z.iso.datetime({ offset: true }).optional().describe('When the words first appeared.'),
      firstAppearance: CreativeWork.optional(),
      appearance: z.array(CreativeWork).optional().describe('The first appearance, then the others, earliest first.'),
    }),
  })
  .meta({ id: 'ClaimReview', description: 'The verdict as schema.org ClaimReview (JSON-LD).' });

export type VerifyInput = z.output<typeof VerifyBody>;
export type VerifyResult = z.output<typeof VerifyResultSchema>;
export type ClaimReview = z.output<typeof ClaimReviewSchema>;
export type VerifyMatch = z.output<typeof VerifyMatchSchema>;
export type Difference = z.output<typeof DifferenceSchema>;
export type SpeakerMatch = z.output<typeof SpeakerMatchSchema>;
