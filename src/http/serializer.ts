import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import fastJson, { type Schema } from 'fast-json-stringify';
import { z } from 'zod';

// Responses are written by fast-json-stringify from the JSON Schema of each route's
// zod response schema: as with zod's own encoder, only the declared fields reach the
// client, but the writer is compiled once per schema instead of walking the schema
// for every response, which took twice as long as JSON.stringify itself for an
// article with its quotes. A zod-only type (z.date()) is written as what
// JSON.stringify makes of it, an ISO date-time.

type ResponseSchema = z.ZodType | { properties: z.ZodType };

function zodSchemaOf(schema: ResponseSchema): z.ZodType {
  if (schema instanceof z.ZodType) return schema;
  if ('properties' in schema && schema.properties instanceof z.ZodType) return schema.properties;
  throw new Error(`not a zod response schema: ${JSON.stringify(schema)}`);
}

/**
 * The JSON Schema a response is written by: zod's output schema, with every part
 * inline and three changes that keep the writer from validating:
 * - dates are date-time strings;
 * - a nullable part is the part marked `nullable`, not an anyOf with null, which
 *   fast-json-stringify would settle by validating each branch at every response;
 * - objects do not refuse undeclared fields: the writer leaves them out anyway,
 *   and refusing them would make a branch of a union fail to match.
 */
export function responseJsonSchema(schema: z.ZodType): Schema {
  return z.toJSONSchema(schema, {
    io: 'output',
    target: 'draft-7',
    unrepresentable: 'any',
    metadata: z.registry(),
    override: ({ zodSchema, jsonSchema }) => {
      const def = zodSchema._zod.def;
      if (def.type === 'date') Object.assign(jsonSchema, { type: 'string', format: 'date-time' });
      if (jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
      const [part, nothing, ...more] = jsonSchema.anyOf ?? [];
      if (
        def.type === 'nullable' &&
        part &&
        typeof part === 'object' &&
        typeof nothing === 'object' &&
        nothing.type === 'null' &&
        more.length === 0
      ) {
        delete jsonSchema.anyOf;
        Object.assign(jsonSchema, part, { nullable: true });
      }
    },
  }) as Schema;
}

/** Compiles each route's writer on its first response, so that starting the service compiles none. */
export const serializerCompiler: FastifySerializerCompiler<ResponseSchema> = ({ schema }) => {
  let write: ((data: unknown) => string) | undefined;
  return (data) => {
    write ??= fastJson(responseJsonSchema(zodSchemaOf(schema)));
    return write(data);
  };
};
