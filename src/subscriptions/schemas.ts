import { z } from 'zod';
import { PageQuery, pageOf } from '../http/pagination.js';
import { SpeakerKindSchema, storableText } from '../http/schemas.js';
import { quoteFilters } from '../quotes/schemas.js';

export const CreateSubscriptionBody = z
  .strictObject({
    speaker: storableText(300)
      .trim()
      .min(1)
      .optional()
      .describe(
        'The speaker to follow: an id, or a name or alias (exact, ignoring case) that names one speaker. ' +
          'A speaker later merged into another is followed there.',
      ),
    q: quoteFilters.q.describe(
      'Words a new quote must match, as search reads them (GET /v1/quotes?q=): web-search syntax, ' +
        'English stemming, accents ignored. With `speaker` too, a quote must match both.',
    ),
    callbackUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(2048)
      .describe(
        'Where events are posted. It must resolve to public addresses (unless the service runs with ' +
          'FETCH_ALLOW_PRIVATE=true), as it is checked now and at each delivery.',
      ),
    secret: z
      .string()
      .min(16, 'must be at least 16 characters')
      .max(256)
      .describe(
        'Key of the HMAC-SHA256 signature of each event (the Quotes-Signature header). It is never shown back.',
      ),
  })
  .refine((b) => b.speaker !== undefined || b.q !== undefined, {
    message: 'give speaker, q or both',
    path: ['speaker'],
  })
  .meta({
    description: 'A speaker, words (q), or both; a quote must match all that is given.',
    anyOf: [{ required: ['speaker'] }, { required: ['q'] }],
  });

export type CreateSubscription = z.output<typeof CreateSubscriptionBody>;

export const SubscriptionSchema = z
  .object({
    id: z.uuid(),
    speaker: z
      .object({ id: z.uuid(), name: z.string(), kind: SpeakerKindSchema })
      .nullable()
      .describe('The speaker followed (the one it was merged into, if it was); null when only words are.'),
    q: z.string().nullable().describe('The words new quotes must match; null when only a speaker is followed.'),
    callbackUrl: z.string(),
    createdAt: z.date().describe('Quotes stored from this time on are matched.'),
  })
  .meta({ id: 'Subscription' });

export const SubscriptionPage = pageOf(SubscriptionSchema).meta({ id: 'SubscriptionPage' });

export const ListSubscriptionsQuery = z.strictObject({ ...PageQuery });

export const DeliverySchema = z
  .object({
    id: z.uuid(),
    eventId: z.uuid().describe('The id of the event posted; the same on every attempt to deliver it.'),
    quoteId: z.uuid(),
    attempt: z
      .number()
      .int()
      .min(1)
      .describe('1 for the first attempt to deliver the event, 2 for its first retry, ...'),
    statusCode: z.number().int().nullable().describe('The HTTP status the callback answered; null when none came.'),
    error: z.string().nullable().describe('Why the attempt failed; null when the callback answered 2xx.'),
    durationMs: z.number().int(),
    attemptedAt: z.date(),
  })
  .meta({ id: 'Delivery' });

export const DeliveryPage = pageOf(DeliverySchema).meta({ id: 'DeliveryPage' });

export const ListDeliveriesQuery = z.strictObject({ ...PageQuery });
