import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_BODY_CHARS } from '../articles/schemas.js';
import { SIEVES } from '../extraction/index.js';
import { admitLongExtraction, extractionKey } from '../extraction-pool/plugin.js';
import { ProblemSchema } from '../http/problem.js';
import { QuoteKindSchema, SpanSchema, SpeakerKindSchema, storableText } from '../http/schemas.js';

const ExtractBody = z.strictObject({
  text: storableText(MAX_BODY_CHARS).regex(/\S/, 'must not be empty'),
  authors: z.array(storableText(300)).max(20).optional().describe('Byline names, which are never speakers.'),
});

const ExtractedSpeaker = z
  .object({
    name: z
      .string()
      .nullable()
      .meta({ description: 'Null when the mention names no one: a pronoun with nothing before it to refer to.' }),
    kind: SpeakerKindSchema,
    mention: SpanSchema.nullable(),
  })
  .meta({ id: 'ExtractedSpeaker' });

const ExtractedQuote = z
  .object({
    text: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    kind: QuoteKindSchema,
    speaker: ExtractedSpeaker.nullable(),
    cue: SpanSchema.nullable(),
    relayedBy: ExtractedSpeaker.nullable(),
    confidence: z.number(),
    sieve: z
      .enum(SIEVES)
      .meta({ description: 'The attribution rule that decided, in the order the engine tries them.' }),
  })
  .meta({ id: 'ExtractedQuote' });

const ExtractResponse = z.object({
  quotes: z.array(ExtractedQuote),
  speakers: z.array(
    z.object({
      name: z.string(),
      kind: SpeakerKindSchema,
      role: z.string().nullable(),
      affiliation: z
        .string()
        .nullable()
        .meta({ description: 'The body a person speaks for, when the text says it ("Gary P. Smaby of Smaby Group").' }),
      aliases: z.array(z.string()),
    }),
  ),
});

const extractRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/extract', {
    // Stores nothing, so reading is all it needs.
    config: { scope: 'read' },
    onRequest: admitLongExtraction,
    schema: {
      operationId: 'extractQuotes',
      tags: ['extraction'],
      summary: 'Extract and attribute quotes without storing anything',
      description:
        'Texts longer than a short article are extracted in a pool of worker threads, so that other requests are not held up; ' +
        'when every worker is busy and the queue is full the answer is 503 with Retry-After, and one API key may have only so many ' +
        'such extractions at once (429 with Retry-After beyond that).',
      body: ExtractBody,
      response: {
        200: ExtractResponse.describe('The quotes found in the text, in reading order.'),
        400: ProblemSchema,
        413: ProblemSchema,
        415: ProblemSchema,
        429: ProblemSchema.describe(
          'The API key already has as many extractions of long texts running as a key may; retry after Retry-After.',
        ),
        503: ProblemSchema.describe(
          'Every extraction worker is busy and the queue is full (or the database is unavailable); retry after Retry-After.',
        ),
      },
    },
    handler: async (request, reply) => {
      const { text, authors = [] } = request.body;
      const answer = await app.extraction.forKey(extractionKey(request), [text], () =>
        app.extraction.extractAnswer(text, authors),
      );
      // JSON made in a worker is sent as it is; an object goes through the response serializer.
      if (Buffer.isBuffer(answer)) return reply.type('application/json; charset=utf-8').send(answer as never);
      return answer;
    },
  });
};

export default extractRoutes;
