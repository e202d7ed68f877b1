import { z } from 'zod';
import type { FieldError, FieldLocation } from './problem.js';

// Validation errors in plain English: each failing field is named with the part
// of the request it is in ("The query parameter `limit` must be at least 1."),
// and zod's own messages ("Too small: expected number to be >=1") are replaced,
// once for the whole process, wherever a schema does not give its own.

type ZodIssue = z.core.$ZodRawIssue;

function oneOf(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`;
}

const FORMATS: Record<string, string> = {
  uuid: 'a UUID',
  datetime: 'a date-time (RFC 3339, e.g. 2026-03-04T10:00:00Z)',
  date: 'a date (YYYY-MM-DD)',
  url: 'a URL',
  email: 'an email address',
};

const TYPES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a JSON object',
  array: 'an array',
};

function sizeLimit(issue: { origin?: string; inclusive?: boolean; exact?: boolean }, bound: number, more: boolean) {
  const words = more ? ['at least', 'more than'] : ['at most', 'less than'];
  const amount = issue.exact ? 'exactly' : issue.inclusive === false ? words[1] : words[0];
  if (issue.origin === 'string') {
    if (more && bound === 1 && issue.inclusive !== false) return 'must not be empty';
    return `must be ${amount} ${bound} character${bound === 1 ? '' : 's'} long`;
  }
  if (issue.origin === 'array' || issue.origin === 'set') {
    if (more && bound === 1 && issue.inclusive !== false) return 'must list at least one item';
    return `must list ${amount} ${bound} item${bound === 1 ? '' : 's'}`;
  }
  return `must be ${amount} ${bound}`;
}

/** The message of an issue whose schema gives none, as the end of a sentence naming the field. */
function plainMessage(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${TYPES[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `must be ${issue.values.length > 1 ? 'one of ' : ''}${oneOf(issue.values)}`;
    case 'too_small':
      return sizeLimit(issue, Number(issue.minimum), true);
    case 'too_big':
      return sizeLimit(issue, Number(issue.maximum), false);
    case 'invalid_format':
      if (issue.format === 'regex') return 'is not in the form expected';
      return `must be ${FORMATS[issue.format] ?? `a valid ${issue.format}`}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `holds unknown names: ${issue.keys.join(', ')}`;
    default:
      return 'is not valid';
  }
}

z.config({ customError: (issue) => plainMessage(issue) });

/** An issue as zod reports it, or as fastify-type-provider-zod passes it on to the error handler. */
export interface ValidationIssue {
  path?: readonly PropertyKey[];
  code?: string;
  keys?: readonly string[];
  instancePath?: string;
  keyword?: string;
  params?: { keys?: readonly string[] };
  message?: string;
}

/** Fastify's names for the parts of a request, in OpenAPI's words. */
const LOCATIONS: Record<string, FieldLocation> = {
  querystring: 'query',
  params: 'path',
  headers: 'header',
  body: 'body',
};

/** The failing fields of one part of a request; an unknown name is a failing field of its own. */
export function fieldErrors(fastifyPart: string, issues: readonly ValidationIssue[]): FieldError[] {
  const part = LOCATIONS[fastifyPart] ?? 'body';
  return issues.flatMap((issue) => {
    const path = (issue.path ?? (issue.instancePath ?? '').split('/').filter(Boolean)).map(String).join('.');
    const code = issue.code ?? issue.keyword;
    const unknown = issue.keys ?? issue.params?.keys;
    if (code === 'unrecognized_keys' && unknown) {
      return unknown.map((key) => ({ in: part, path: path ? `${path}.${key}` : key, message: 'is not known here' }));
    }
    return [{ in: part, path, message: issue.message ?? 'is not valid' }];
  });
}

const PART_NAMES: Record<string, { field: string; whole: string }> = {
  path: { field: 'path parameter', whole: 'the path' },
  query: { field: 'query parameter', whole: 'the query string' },
  body: { field: 'body field', whole: 'the request body' },
  header: { field: 'header', whole: 'the headers' },
};

function sentence(text: string): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/**
 * One sentence per failing field: "The path parameter `id` must be a UUID."
 * `names` words a part otherwise (a line of a batch is not the request body).
 */
export function describeFieldErrors(
  errors: readonly FieldError[],
  names: Record<string, { field: string; whole: string }> = PART_NAMES,
): string {
  return errors
    .map((e) => {
      const part = names[e.in] ?? { field: `${e.in} field`, whole: `the ${e.in}` };
      return sentence(e.path ? `the ${part.field} \`${e.path}\` ${e.message}` : `${part.whole} ${e.message}`);
    })
    .join(' ');
}
