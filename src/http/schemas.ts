import { domainToASCII } from 'node:url';
import { z } from 'zod';
import { QUOTE_KINDS, SPEAKER_KINDS } from '../extraction/types.js';

// Shapes shared by several resources.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `text` can be stored as it is: no NUL (Postgres refuses it) and no lone surrogate (UTF-8 cannot hold one). */
export function isStorable(text: string): boolean {
  // isWellFormed is a native scan, several times faster than the regular expression on a long text.
  return !text.includes('\u0000') && text.isWellFormed();
}

/** `text` without NUL characters and lone surrogates: what Postgres can store of it. */
export function storablePart(text: string): string {
  return text.replaceAll('\u0000', '').replace(new RegExp(LONE_SURROGATE.source, 'g'), '');
}

const NOT_STORABLE = 'must not contain NUL characters or unpaired surrogates';

/** Text that Postgres can store as it is. */
export const storableText = (max: number) => z.string().max(max).refine(isStorable, NOT_STORABLE);

/** The host of an http(s) URL in ASCII: an international domain name becomes punycode. */
function asciiHost(url: string): string {
  return url.replace(/^(https?:\/\/)([^/?#]*)/i, (_all, scheme: string, authority: string) => {
    const at = authority.lastIndexOf('@');
    const hostPort = authority.slice(at + 1);
    const host = hostPort.replace(/:\d*$/, '');
    if (host.startsWith('[')) return scheme + authority;
    return scheme + authority.slice(0, at + 1) + (domainToASCII(host) || host) + hostPort.slice(host.length);
  });
}

/**
 * An http(s) URL as the service stores it: no spaces or other whitespace, and an
 * international domain name converted to punycode (https://bücher.example/ is
 * stored as https://xn--bcher-kva.example/); everything else as sent.
 */
export const httpUrl = (max: number) =>
  z
    .string()
    .max(max)
    // Before the URL check, which would drop tabs and newlines instead of refusing them.
    .regex(/^https?:\/\/\S+$/i, 'must be an http or https URL without spaces')
    .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
    .refine(isStorable, NOT_STORABLE)
    .transform(asciiHost);

/** A UUID, in lower case: `5B0C…` and `5b0c…` are the same id. */
export const Uuid = z
  .uuid()
  .overwrite((s) => s.toLowerCase())
  .describe('A UUID.');

export const IdParams = z.object({ id: Uuid });

export const SpanSchema = z
  .object({
    text: z.string(),
    start: z.number().int().describe('UTF-16 offset of the first character in the article text.'),
    end: z.number().int().describe('UTF-16 offset just past the last character.'),
  })
  .meta({ id: 'Span' });

export const SpeakerKindSchema = z.enum(SPEAKER_KINDS);
export const QuoteKindSchema = z.enum(QUOTE_KINDS);
export const AttributionStatusSchema = z
  .enum(['machine', 'confirmed', 'rejected'])
  .describe('machine: made by the extractor; confirmed or rejected: checked by a person.');

// Postgres stores years 4713 BC to 294276 AD but ISO 8601 allows year 0000 and
// offsets that push a date past the range; keep to years 1 to 9999.
const inStorableRange = (value: string) => {
  const year = new Date(value).getUTCFullYear();
  return year >= 1 && year <= 9999;
};

/**
 * An ISO 8601 date-time with an offset, or a date alone: as a value or a lower
 * bound, that day at 00:00 UTC (what `new Date()` reads it as); as an upper bound,
 * the whole day (`upperBound`).
 */
export const isoDate = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: 'must be a date (YYYY-MM-DD) or a date-time (RFC 3339, e.g. 2026-03-04T10:00:00Z)',
  })
  .refine(inStorableRange, 'must be a date between the years 1 and 9999');

/** A bare date as an upper bound means the whole of that day. */
export function upperBound(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999Z`) : new Date(value);
}
