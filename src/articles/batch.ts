import type { FastifyBaseLogger } from 'fastify';
import { extractionProblem, storageProblem } from '../http/errors.js';
import { HttpProblem, toProblem } from '../http/problem.js';
import { describeFieldErrors, fieldErrors } from '../http/validation.js';
import type { ArticleIngestion } from './ingest.js';
import { CreateArticleBody, MAX_BATCH_ARTICLES, type ArticleBatchResult, type CreateArticle } from './schemas.js';

// POST /v1/articles:batch: every line is checked on its own, and a bad line only
// costs its own result; the valid ones are ingested together.

type ItemResult = ArticleBatchResult['items'][number];

const LINE_NAMES = { body: { field: 'field', whole: 'the line' } };

/** Where a result is: `line` counts from 1, as editors do; `index` from 0. */
const at = (index: number) => ({ index, line: index + 1 });

function lineProblem(index: number, raw: string): { input?: CreateArticle; error?: ItemResult } {
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

export async function ingestBatch(
  ndjson: string,
  ingestion: ArticleIngestion,
  log: FastifyBaseLogger,
  /** Runs the ingestion of these article bodies within the caller's extraction limit. */
  withinLimit: <T>(bodies: string[], work: () => Promise<T>) => Promise<T> = (_bodies, work) => work(),
): Promise<ArticleBatchResult> {
  const lines = ndjson.split('\n').flatMap((line, index) => (line.trim() ? [{ index, raw: line }] : []));
  if (lines.length === 0) {
    throw new HttpProblem('validation', 'The body holds no articles; send one JSON object per line.', {
      errors: [{ in: 'body', path: '', message: 'no lines' }],
    });
  }
  if (lines.length > MAX_BATCH_ARTICLES) {
    throw new HttpProblem(
      'payload-too-large',
      `A batch holds at most ${MAX_BATCH_ARTICLES} articles; this one has ${lines.length}.`,
    );
  }
  const items: ItemResult[] = [];
  const valid: { index: number; input: CreateArticle }[] = [];
  for (const { index, raw } of lines) {
    const { input, error } = lineProblem(index, raw);
    if (error) items.push(error);
    else valid.push({ index, input: input! });
  }
  const inputs = valid.map((v) => v.input);
  const results = await withinLimit(
    inputs.map((i) => i.body),
    () => ingestion.ingestMany(inputs),
  );
  results.forEach((result, i) => {
    const index = valid[i]!.index;
    if ('ok' in result) {
      items.push({ ...at(index), status: result.ok.created ? 201 : 200, id: result.ok.id });
    } else {
      // A value the database refused, or the database being away, is this line's answer; anything else is logged.
      const known = (storageProblem(result.error) ?? extractionProblem(result.error))?.problem;
      if (!known) log.error({ err: result.error, line: index + 1 }, 'batch article could not be stored');
      const error = known
        ? { ...known, detail: `Line ${index + 1}: ${known.detail}` }
        : toProblem('internal', `Line ${index + 1} could not be stored; it has been logged.`);
      items.push({ ...at(index), status: error.status, error });
    }
  });
  items.sort((a, b) => a.index - b.index);
  return {
    items,
    created: items.filter((i) => i.status === 201).length,
    existing: items.filter((i) => i.status === 200).length,
    failed: items.filter((i) => i.status >= 400).length,
  };
}
