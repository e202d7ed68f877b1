import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * A statement prepared once per connection: node-postgres parses and plans it on a
 * connection's first use and then only binds values, and after a few executions
 * Postgres may keep one generic plan for it. The name is a hash of the text, so a
 * statement built from the same parts is the same prepared statement.
 */
export function prepared(statement: { text: string; values: unknown[] }): pg.QueryConfig {
  const name = `s_${createHash('sha1').update(statement.text).digest('base64url')}`;
  return { name, text: statement.text, values: statement.values };
}
