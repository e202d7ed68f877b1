import { z } from 'zod';
import { PageQuery, pageOf } from '../http/pagination.js';
import { httpUrl, storableText } from '../http/schemas.js';

export const MIN_INTERVAL_SECONDS = 60;
export const MAX_INTERVAL_SECONDS = 7 * 24 * 3600;
export const DEFAULT_INTERVAL_SECONDS = 900;

export const CreateFeedBody = z.strictObject({
  url: httpUrl(2048).describe(
    'The http(s) URL of an RSS, Atom or JSON Feed document, fetched under the same rules as pages ' +
      '(public addresses only, at most 5 redirects, within the time and size limits).',
  ),
  outlet: storableText(200)
    .trim()
    .min(1)
    .optional()
    .describe("The outlet of the feed's articles; otherwise each page's own (JSON-LD, OpenGraph)."),
  intervalSeconds: z
    .number()
    .int()
    .min(MIN_INTERVAL_SECONDS)
    .max(MAX_INTERVAL_SECONDS)
    .default(DEFAULT_INTERVAL_SECONDS)
    .describe('Seconds between polls.'),
});

export const UpdateFeedBody = z
  .strictObject({
    outlet: storableText(200)
      .trim()
      .min(1)
      .nullable()
      .optional()
      .describe("The outlet of the feed's articles from now on; null for each page's own."),
    intervalSeconds: z
      .number()
      .int()
      .min(MIN_INTERVAL_SECONDS)
      .max(MAX_INTERVAL_SECONDS)
      .optional()
      .describe(
        "Seconds between polls; the next poll is due this long after the last one (or the feed's registration).",
      ),
    paused: z
      .boolean()
      .optional()
      .describe(
        'true: the feed is not polled until it is unpaused (pages of items already seen are still fetched); ' +
          'false: it is polled again, at once when its interval has passed since its last poll.',
      ),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'Give at least one of outlet, intervalSeconds and paused.',
  });

export const FeedSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    outlet: z.string().nullable(),
    intervalSeconds: z.number().int(),
    paused: z.boolean().describe('A paused feed is not polled until it is unpaused.'),
    title: z.string().nullable().describe('The title the feed gives itself.'),
    format: z.enum(['rss', 'atom', 'rdf', 'json']).nullable().describe('The format of the feed as last read.'),
    createdAt: z.date(),
    lastPolledAt: z.date().nullable().describe('When the feed was last fetched, whether or not that worked.'),
    lastError: z
      .string()
      .nullable()
      .describe(
        'Why the last poll failed; null when it worked. A failing feed is polled again sooner: after ' +
          'FEED_RETRY_SECONDS, then twice as long each time, never later than its interval.',
      ),
    itemsSeen: z.number().int().describe('Items the feed has listed since it was registered, each counted once.'),
    itemsIngested: z.number().int().describe('Items whose page is stored as an article (or was found stored already).'),
    itemsFailed: z.number().int().describe('Items whose page could not be fetched or read, after its retries.'),
    itemsPending: z.number().int().describe('Items whose page is still to be fetched, or to be tried again.'),
  })
  .meta({ id: 'Feed' });

export const ListFeedsQuery = z.strictObject({ ...PageQuery });

export const FeedPage = pageOf(FeedSchema).meta({ id: 'FeedPage' });

export type CreateFeed = z.output<typeof CreateFeedBody>;
export type UpdateFeed = z.output<typeof UpdateFeedBody>;
export type Feed = z.output<typeof FeedSchema>;
