import type { FastifyBaseLogger } from 'fastify';
import { DomainError } from '../errors.js';
import { domainProblem, extractionProblem, storageProblem } from '../http/errors.js';
import { HttpProblem, toProblem } from '../http/problem.js';
import { describeFieldErrors, fieldErrors } from '../http/validation.js';
import type { ArticleIngestion } from './ingest.js';
import {
  CreateArticleBody,
  MAX_BATCH_ARTICLES,
  type ArticleBatchResult,
  type CreateArticle,
  type TextArticle,
} from './schemas.js';
import type { ArticleSources } from './sources.js';

// POST /v1/articles:batch: every line is checked on its own, and a bad line only
// costs its own result; the valid ones are ingested together.

export type ItemResult = ArticleBatchResult['items'][number];

const LINE_NAMES = { body: { field: 'field', whole: 'the line' } };

/** Where a result is: `line` counts from 1, as editors do; `index` from 0. */
const at = (index: number) => ({ index, line: index + 1 });

export function parseLine(index: number, raw: string): { input?: CreateArticle; error?: ItemResult } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    const detail = `Line ${index + 1} is not valid JSON.`;
    return { error: { ...at(index), status: 400, error: toProblem('malformed-json', detail) } };
  }
  const parsed = CreateArticleBody.safeParse(value);
  if (parsed.success) return { input: parsed.data };
  const errors = fieldErrors('body', parsed.error.issues);
  const detail = `Line ${index + 1} is invalid: ${describeFieldErrors(errors, LINE_NAMES)}`;
  return { error: { ...at(index), status: 400, error: toProblem('validation', detail, { errors }) } };
}

/** Pages fetched at once for the URL lines of one batch. */
const FETCHES_AT_ONCE = 8;

/** `work` over `items`, at most `limit` at a time, the answers in the items' order. */
export async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The result of a line that could not be read or stored: its problem, logged when it is the service's fault. */
export function failedLine(index: number, error: unknown, log: FastifyBaseLogger): ItemResult {
  if (error instanceof DomainError) {
    const { problem } = domainProblem(error);
    return { ...at(index), status: problem.status, error: problem };
  }
  // A value the database refused, or the database being away, is this line's answer; anything else is logged.
  const known = (storageProblem(error) ?? extractionProblem(error))?.problem;
  if (known) {
    return { ...at(index), status: known.status, error: { ...known, detail: `Line ${index + 1}: ${known.detail}` } };
  }
  log.error({ err: error, line: index + 1 }, 'batch article could not be stored');
  return {
    ...at(index),
    status: 500,
    error: toProblem('internal', `Line ${index + 1} could not be stored; it has been logged.`),
  };
}

/**
 * Ingests valid lines: their pages are read (and fetched, for URL lines) first, so
 * that a line whose page fails costs only its own result; then the texts are
 * ingested together. One result per line, in no particular order.
 */
export async function ingestLines(
  valid: { index: number; input: CreateArticle }[],
  services: { ingestion: ArticleIngestion; sources: ArticleSources },
  log: FastifyBaseLogger,
  /** Runs the ingestion of these article bodies within the caller's extraction limit. */
  withinLimit: <T>(bodies: string[], work: () => Promise<T>) => Promise<T> = (_bodies, work) => work(),
): Promise<ItemResult[]> {
  const items: ItemResult[] = [];
  const texts: { index: number; article: TextArticle }[] = [];
  const resolved = await mapLimited(valid, FETCHES_AT_ONCE, ({ index, input }) =>
    services.sources.resolve(input).then(
      (resolution) => ({ index, resolution }),
      (error: unknown) => ({ index, error }),
    ),
  );
  for (const r of resolved) {
    if ('error' in r) items.push(failedLine(r.index, r.error, log));
    else if ('existing' in r.resolution) items.push({ ...at(r.index), status: 200, id: r.resolution.existing });
    else texts.push({ index: r.index, article: r.resolution.article });
  }
  const results = await withinLimit(
    texts.map((t) => t.article.body),
    () => services.ingestion.ingestMany(texts.map((t) => t.article)),
  );
  results.forEach((result, i) => {
    const index = texts[i]!.index;
    if ('ok' in result) items.push({ ...at(index), status: result.ok.created ? 201 : 200, id: result.ok.id });
    else items.push(failedLine(index, result.error, log));
  });
  return items;
}

/** The lines of an NDJSON body: results for those that are not valid, and the valid ones' requests. */
export function readLines(ndjson: string, max: number, what: string) {
  const lines = ndjson.split('\n').flatMap((line, index) => (line.trim() ? [{ index, raw: line }] : []));
  if (lines.length === 0) {
    throw new HttpProblem('validation', 'The body holds no articles; send one JSON object per line.', {
      errors: [{ in: 'body', path: '', message: 'no lines' }],
    });
  }
  if (lines.length > max) {
    throw new HttpProblem(
      'payload-too-large',
      `A ${what} holds at most ${max} articles; this one has ${lines.length}.`,
    );
  }
  const invalid: ItemResult[] = [];
  const valid: { index: number; input: CreateArticle }[] = [];
  for (const { index, raw } of lines) {
    const { input, error } = parseLine(index, raw);
    if (error) invalid.push(error);
    else valid.push({ index, input: input! });
  }
  return { invalid, valid, total: lines.length };
}

export async function ingestBatch(
  ndjson: string,
  services: { ingestion: ArticleIngestion; sources: ArticleSources },
  log: FastifyBaseLogger,
  /** Runs the ingestion of these article bodies within the caller's extraction limit. */
  withinLimit?: <T>(bodies: string[], work: () => Promise<T>) => Promise<T>,
): Promise<ArticleBatchResult> {
  const { invalid, valid } = readLines(ndjson, MAX_BATCH_ARTICLES, 'batch');
  const items = [...invalid, ...(await ingestLines(valid, services, log, withinLimit))];
  items.sort((a, b) => a.index - b.index);
  return {
    items,
    created: items.filter((i) => i.status === 201).length,
    existing: items.filter((i) => i.status === 200).length,
    failed: items.filter((i) => i.status >= 400).length,
  };
}
