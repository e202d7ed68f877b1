import pg from 'pg';

// Timestamps as the service's statements read them. node-postgres parses each
// timestamptz with postgres-date: three regular expressions and six parseInts per
// value, about a microsecond, which a page of quotes pays forty times (the quote's
// date and its article's). Postgres writes them in one shape when the session's
// time zone is UTC (the database's default here): "2026-12-04 13:37:28.123456+00".
// That shape is read by position; any other (another zone, BC, infinity) goes to
// node-postgres's own parser, so every value reads as it did.

const TIMESTAMPTZ = 1184;
const defaultParser = pg.types.getTypeParser(TIMESTAMPTZ, 'text') as (text: string) => Date | number | null;

/** Digits at `at`..`at+n` of `text` as a number; -1 when one is not a digit. */
function digits(text: string, at: number, n: number): number {
  let value = 0;
  for (let i = at; i < at + n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** A timestamptz in Postgres's text form, as node-postgres would read it. */
export function parseTimestamptz(text: string): Date | number | null {
  // YYYY-MM-DD HH:MM:SS[.f{1,6}]+00, years 1000 to 9999.
  const n = text.length;
  if (
    n < 22 ||
    n > 29 ||
    text.charCodeAt(n - 3) !== 43 /* + */ ||
    text.charCodeAt(n - 2) !== 48 ||
    text.charCodeAt(n - 1) !== 48
  ) {
    return defaultParser(text);
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const fraction = n === 22 ? '' : text.slice(19, n - 3);
  if (
    year < 1000 ||
    month < 0 ||
    day < 0 ||
    hour < 0 ||
    minute < 0 ||
    second < 0 ||
    text[4] !== '-' ||
    text[7] !== '-' ||
    text[10] !== ' ' ||
    text[13] !== ':' ||
    text[16] !== ':' ||
    (fraction !== '' && (fraction.length < 2 || fraction[0] !== '.' || digits(fraction, 1, fraction.length - 1) < 0))
  ) {
    return defaultParser(text);
  }
  // The milliseconds as postgres-date finds them, so that every value is the same Date.
  const ms = fraction ? 1000 * parseFloat(fraction) : 0;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
}

/** Type parsers for a pool: node-postgres's, with timestamptz read by parseTimestamptz. */
export const poolTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ && format !== 'binary'
      ? parseTimestamptz
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};
