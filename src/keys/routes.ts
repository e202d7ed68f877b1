import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../http/problem.js';
import { IdParams } from '../http/schemas.js';
import { ApiKeyPage, ApiKeySchema, CreateApiKeyBody, CreatedApiKeySchema, ListApiKeysQuery } from './schemas.js';

const tags = ['keys'];
// Every key route needs the admin scope, whatever its method.
const config = { scope: 'admin' as const };
const authErrors = { 401: ProblemSchema, 403: ProblemSchema };

const apiKeyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/keys', {
    config,
    schema: {
      operationId: 'createApiKey',
      tags,
      summary: 'Create an API key',
      description: 'The answer holds the key itself, which is shown this once: only its hash is stored.',
      body: CreateApiKeyBody,
      response: {
        201: CreatedApiKeySchema.describe('The key was created; the answer shows it this once.'),
        400: ProblemSchema,
        ...authErrors,
      },
    },
    handler: async (request, reply) => {
      const created = await app.apiKeys.create(request.body);
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .header('location', `${app.prefix}/keys/${created.id}`)
        .send(created);
    },
  });

  app.get('/keys', {
    config,
    schema: {
      operationId: 'listApiKeys',
      tags,
      summary: 'List API keys',
      description: 'Newest first, revoked keys included. Keys themselves are never shown again.',
      querystring: ListApiKeysQuery,
      response: { 200: ApiKeyPage.describe('A page of keys, newest first.'), 400: ProblemSchema, ...authErrors },
    },
    handler: (request) => app.apiKeys.list(request.query),
  });

  app.delete('/keys/:id', {
    config,
    schema: {
      operationId: 'revokeApiKey',
      tags,
      summary: 'Revoke an API key',
      description: 'The key stops working at once. Revoking a revoked key changes nothing.',
      params: IdParams,
      response: {
        200: ApiKeySchema.describe('The key, now revoked.'),
        400: ProblemSchema,
        404: ProblemSchema,
        ...authErrors,
      },
    },
    handler: (request) => app.apiKeys.revoke(request.params.id),
  });
};

export default apiKeyRoutes;
