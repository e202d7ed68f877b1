import { z } from 'zod';
import { InvalidCursorError } from '../errors.js';
import { isoDate, storableText, Uuid } from './schemas.js';

// Opaque keyset cursors: base64url JSON of the sort key of the last row served.
// Clients never build them; anything that does not decode is rejected with 400.

export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Items per page (1-100).'),
  cursor: z.string().max(512).optional().describe('The `nextCursor` of the previous page.'),
};

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page.'),
  });

/**
 * The parts a cursor is made of, checked as closely as the SQL they reach: a
 * cursor is client input, and a value Postgres cannot compare must be a 400.
 */
export const CursorPart = {
  /** A row's time, as toISOString() writes it. */
  time: isoDate,
  /** A relevance or similarity score (Postgres `real`). */
  score: z.number().min(-1e6).max(1e6),
  /** A name, as stored. */
  text: storableText(1000),
  id: Uuid,
};

export function encodeCursor(key: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor<T extends z.ZodType>(cursor: string | undefined, shape: T): z.output<T> | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const result = shape.safeParse(parsed);
  if (!result.success) throw invalidCursor();
  return result.data;
}

function invalidCursor(): InvalidCursorError {
  return new InvalidCursorError(
    'The cursor is not one this service issued; start again without it.',
    'is not a valid cursor',
  );
}

/** Splits a page fetched with limit + 1 rows into items and the next cursor. */
export function paginate<Row>(rows: Row[], limit: number, keyOf: (row: Row) => (string | number | null)[]) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null;
  return { items, nextCursor };
}
