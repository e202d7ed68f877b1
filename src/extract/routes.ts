import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_BODY_CHARS } from '../articles/schemas.js';
import { extractQuotes, SIEVES } from '../extraction/index.js';
import { presentExtractedQuote } from '../extraction/present.js';
import { ProblemSchema } from '../http/problem.js';
import { QuoteKindSchema, SpanSchema, SpeakerKindSchema, storableText } from '../http/schemas.js';

const ExtractBody = z.strictObject({
  text: storableText(MAX_BODY_CHARS).regex(/\S/, 'must not be empty'),
  authors: z.array(storableText(300)).max(20).optional().describe('Byline names, which are never speakers.'),
});

const ExtractedSpeaker = z
  .object({ name: z.string(), kind: SpeakerKindSchema, mention: SpanSchema.nullable() })
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
    z.object({ name: z.string(), kind: SpeakerKindSchema, role: z.string().nullable(), aliases: z.array(z.string()) }),
  ),
});

const extractRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/extract', {
    // Stores nothing, so reading is all it needs.
    config: { scope: 'read' },
    schema: {
      operationId: 'extractQuotes',
      tags: ['extraction'],
      summary: 'Extract and attribute quotes without storing anything',
      body: ExtractBody,
      response: {
        200: ExtractResponse.describe('The quotes found in the text, in reading order.'),
        400: ProblemSchema,
        413: ProblemSchema,
        415: ProblemSchema,
      },
    },
    handler: (request) => {
      const result = extractQuotes(request.body.text, { authors: request.body.authors ?? [] });
      return {
        quotes: result.quotes.map(presentExtractedQuote),
        speakers: result.speakers.map(({ name, kind, role, aliases }) => ({ name, kind, role, aliases })),
      };
    },
  });
};

export default extractRoutes;
