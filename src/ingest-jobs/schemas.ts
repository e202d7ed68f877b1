import { z } from 'zod';
import { ProblemSchema } from '../http/problem.js';
import { MAX_JOB_LINES } from './service.js';

export const IngestJobBody = z
  .string()
  .describe(
    `NDJSON (application/x-ndjson): one article per line, each a JSON object as POST /v1/articles takes it ` +
      `(text, \`html\`, or \`{"url": ...}\` alone); at most ${MAX_JOB_LINES} lines; blank lines are skipped.`,
  );

export const IngestJobSchema = z
  .object({
    id: z.uuid(),
    status: z
      .enum(['queued', 'running', 'done'])
      .describe('queued: no line is done yet; running: some are; done: every line has its result.'),
    total: z.number().int().describe('Non-blank lines of the body.'),
    done: z.number().int().describe('Lines stored, or found stored already.'),
    failed: z.number().int().describe('Lines that are invalid, or whose page could not be fetched or read.'),
    pending: z.number().int().describe('Lines not ingested yet.'),
    createdAt: z.date(),
    finishedAt: z.date().nullable().describe('When the last line got its result; null until then.'),
    errors: z
      .array(
        z.object({
          line: z.number().int().min(1).describe('The line of the body, counting from 1.'),
          status: z.number().int().describe('The status the line would have had sent alone to POST /v1/articles.'),
          error: ProblemSchema,
        }),
      )
      .describe('The failed lines so far, in body order (the first 1000).'),
  })
  .meta({ id: 'IngestJob' });
