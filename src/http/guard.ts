import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemSchema } from './problem.js';

// The checks every /v1 route passes, in order: who calls, how often, may they.
// Registered inside the /v1 scope, so health, docs and the OpenAPI document stay public.

export default fp(
  async function apiGuard(app: FastifyInstance) {
    app.addHook('onRequest', app.identifyCaller);
    app.addHook('onRequest', app.rateLimit());
    app.addHook('onRequest', app.authorizeCaller);
    // Every guarded route can answer these; say so in its documented responses.
    app.addHook('onRoute', (route) => {
      const response = route.schema?.response as Record<string, unknown> | undefined;
      if (!response) return;
      for (const status of [401, 403, 429]) response[status] ??= ProblemSchema;
    });
  },
  { name: 'api-guard', dependencies: ['authentication', 'rate-limiting'] },
);
