import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { completeDocument, routeScope, withScope } from './openapi-contract.js';

// The OpenAPI document is generated from the routes' zod schemas; openapi.yaml at
// the repository root is the same document, written by `npm run openapi`.

export const openapiInfo = {
  title: 'Quote attribution service',
  version: '0.1.0',
  description:
    'Extracts quotes (direct, partial and indirect) from news articles, attributes each to its speaker, ' +
    'and answers who said what with the evidence. Errors are RFC 9457 problem details (application/problem+json) ' +
    'whose `type` URI resolves to a page describing the problem.',
  license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
};

export interface DocsOptions {
  /** The base URL clients reach the service at (PUBLIC_URL), when it is known. */
  publicUrl: string | undefined;
}

export default fp(
  async function docs(app: FastifyInstance, options: DocsOptions) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: openapiInfo,
        servers: [
          options.publicUrl
            ? { url: options.publicUrl, description: 'This service (PUBLIC_URL)' }
            : { url: '/', description: 'The host that serves this document (set PUBLIC_URL to name it)' },
        ],
        tags: [
          {
            name: 'articles',
            description: 'Articles: ingested one at a time or in NDJSON batches, listed, read and deleted.',
          },
          {
            name: 'feeds',
            description: 'RSS, Atom and JSON feeds followed: each new item is fetched and ingested once.',
          },
          {
            name: 'quotes',
            description: 'The quotes found in stored articles, their speakers, and corrections made by people.',
          },
          {
            name: 'speakers',
            description: 'The speaker registry: names, aliases, and merging two entries for one person.',
          },
          {
            name: 'verification',
            description: 'Checking a claimed quote against the record, as JSON or schema.org ClaimReview.',
          },
          { name: 'extraction', description: 'Extraction of quotes from a text without storing anything.' },
          {
            name: 'subscriptions',
            description:
              'Alerts: new quotes of a speaker, or with some words, posted to a callback URL as signed events; every ' +
              'operation needs the write scope.',
          },
          { name: 'keys', description: 'API keys and their scopes; every operation needs the admin scope.' },
          {
            name: 'health',
            description: 'Liveness and readiness, for load balancers and orchestrators; no key needed.',
          },
          { name: 'operations', description: 'Metrics for monitoring, in the Prometheus text format.' },
          { name: 'problems', description: 'The pages that problem `type` URIs resolve to; no key needed.' },
        ],
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              description:
                'An API key: `Authorization: Bearer <key>`. Each operation states the scope it needs (`x-required-scope`): ' +
                'GET operations, POST /v1/extract and POST /v1/verify need `read` (no key at all when the service runs with ' +
                'PUBLIC_READ=true); the other POST, PATCH and DELETE operations need `write`; every /v1/keys operation needs `admin`. ' +
                'Keys are created with `npm run --silent keys -- create --scopes read,write` run with the environment ' +
                'of the service, or with POST /v1/keys and an admin key.',
            },
          },
        },
        security: [{ bearerAuth: [] }],
      },
      transform: (input) => {
        const result = jsonSchemaTransform(input);
        if (!result.schema || result.schema.hide) return result;
        return { ...result, schema: withScope(result.schema, routeScope(input.route)) };
      },
      transformObject: (input) => completeDocument(jsonSchemaTransformObject(input)),
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      // Swagger UI's own policy instead of the API's, without upgrade-insecure-requests,
      // which would break the docs of a service reached over plain HTTP.
      staticCSP: true,
      transformStaticCSP: (policy) => policy.replace(/\s*upgrade-insecure-requests;?/, ''),
    });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'docs' },
);
