import { z } from 'zod';
import { isoDate, SpeakerKindSchema, storableText } from '../http/schemas.js';

export const INTERVALS = ['day', 'week', 'month', 'quarter', 'year'] as const;

/** The most outlets a speaker's timeline lists. */
export const OUTLETS_LISTED = 100;

export const StatsQuery = z.strictObject({
  outlet: storableText(200).trim().min(1).optional().describe('Outlet name, ignoring case; all outlets without it.'),
  from: isoDate.optional().describe("Earliest date of the quotes' articles (inclusive)."),
  to: isoDate.optional().describe("Latest date of the quotes' articles (inclusive)."),
  interval: z.enum(INTERVALS).default('month').describe('The length of a period; periods start on UTC boundaries.'),
  top: z.coerce.number().int().min(1).max(50).default(10).describe('How many of the most quoted speakers to list.'),
});

export type Stats = z.output<typeof StatsQuery>;

export const SpeakerTimelineQuery = StatsQuery.pick({ from: true, to: true, interval: true });

export type SpeakerTimelineOptions = z.output<typeof SpeakerTimelineQuery>;

const count = z.number().int().min(0);

const Counts = z
  .object({
    quotes: count,
    bySpeakerKind: z
      .object({ person: count, anonymous: count, group: count, organization: count, unattributed: count })
      .describe('Quotes by the kind of their speaker; unattributed: no speaker.'),
    anonymousShare: z.number().min(0).max(1).describe('The share of quotes from anonymous sources; 0 without quotes.'),
    topSpeakers: z
      .array(z.object({ id: z.uuid(), name: z.string(), kind: SpeakerKindSchema, quotes: count }))
      .describe('The most quoted named speakers (anonymous sources, each of one article, left out), most first.'),
  })
  .meta({ id: 'QuoteCounts' });

export const StatsSchema = z
  .object({
    outlet: z.string().nullable(),
    from: z.date().nullable(),
    to: z.date().nullable(),
    interval: z.enum(INTERVALS),
    totals: Counts,
    periods: z
      .array(Counts.extend({ start: z.date().describe('The first instant of the period (UTC).') }))
      .describe('The periods that have quotes, oldest first.'),
  })
  .meta({ id: 'QuoteStats' });

const KindCounts = z
  .object({
    quotes: count,
    direct: count,
    partial: count,
    indirect: count,
    relayed: count.describe('Of these quotes, those that reached the article through someone else (any kind).'),
  })
  .meta({ id: 'QuoteKindCounts' });

export const SpeakerTimelineSchema = z
  .object({
    speaker: z.uuid(),
    from: z.date().nullable(),
    to: z.date().nullable(),
    interval: z.enum(INTERVALS),
    totals: KindCounts,
    periods: z
      .array(KindCounts.extend({ start: z.date().describe('The first instant of the period (UTC).') }))
      .describe('The periods that have quotes of the speaker, oldest first.'),
    outlets: z
      .array(z.object({ outlet: z.string().nullable().describe('null: articles without an outlet.'), quotes: count }))
      .max(OUTLETS_LISTED)
      .describe(`Quotes per outlet, most first; at most ${OUTLETS_LISTED} outlets.`),
  })
  .meta({ id: 'SpeakerTimeline' });
