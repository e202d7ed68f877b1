import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../errors.js';
import { ProblemSchema, problemSlugs, problemType, problemTypes, type ProblemSlug } from './problem.js';

// Each problem `type` is a URL that answers: GET /problems/{slug} describes the
// kind of problem in a short HTML page, so that a client or a person who meets
// one can follow it.

const ProblemTypeParams = z.strictObject({
  slug: z
    .string()
    .max(40)
    .describe('The last segment of a problem `type`.')
    .meta({ examples: ['validation'] }),
});

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/`([^`]+)`/g, '<code>$1</code>');

function page(slug: ProblemSlug): string {
  const { status, title, description } = problemTypes[slug];
  return [
    '<!doctype html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>HTTP status ${status}. Problem type <code>${escapeHtml(problemType(slug))}</code>.</p>`,
    `<p>${escapeHtml(description)}</p>`,
    '<p>The answer is an RFC 9457 problem detail (<code>application/problem+json</code>): <code>detail</code> says what went ' +
      'wrong with the request, <code>instance</code> is its path, and a validation problem lists the fields in <code>errors</code>.</p>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const problemPages: FastifyPluginAsyncZod = async (app) => {
  app.get('/problems/:slug', {
    schema: {
      operationId: 'getProblemType',
      tags: ['problems'],
      summary: 'Describe a kind of problem',
      description: 'The page a problem `type` URI resolves to: what the problem means and what to do about it.',
      security: [],
      params: ProblemTypeParams,
      produces: ['text/html'],
      response: {
        200: z.string().describe('A page describing the problem type.'),
        404: ProblemSchema.describe('No problem type has this name.'),
      },
    },
    handler: async (request, reply) => {
      const slug = request.params.slug as ProblemSlug;
      if (!problemSlugs.includes(slug)) throw new NotFoundError('problem type', request.params.slug);
      return reply.type('text/html; charset=utf-8').send(page(slug));
    },
  });
};

export default problemPages;
