import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

// The OpenAPI document is generated from the routes' zod schemas; openapi.yaml at
// the repository root is the same document, written by `npm run openapi`.

export const openapiInfo = {
  title: 'Quote attribution service',
  version: '0.1.0',
  description:
    'Extracts quotes (direct, partial and indirect) from news articles, attributes each to its speaker, ' +
    'and answers who said what with the evidence. Errors are RFC 9457 problem details (application/problem+json).',
};

export default fp(
  async function docs(app: FastifyInstance) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: openapiInfo,
        tags: [
          { name: 'articles', description: 'Articles and their ingestion' },
          { name: 'quotes', description: 'Quotes and their attribution' },
          { name: 'speakers', description: 'The speaker registry' },
          { name: 'verification', description: 'Checking claimed quotes against the record' },
          { name: 'extraction', description: 'Extraction without storage' },
          { name: 'health', description: 'Liveness and readiness' },
          { name: 'operations', description: 'Metrics for monitoring' },
          { name: 'keys', description: 'API keys (admin scope)' },
        ],
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              description:
                'An API key: `Authorization: Bearer <key>`. GET routes need the read scope (none when the service runs ' +
                'with PUBLIC_READ=true), POST, PATCH and DELETE the write scope, /v1/keys the admin scope. ' +
                'Keys are created with `npm run --silent keys -- create --scopes read,write` run with the environment ' +
                'of the service, or with POST /v1/keys and an admin key.',
            },
          },
        },
        security: [{ bearerAuth: [] }],
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
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
