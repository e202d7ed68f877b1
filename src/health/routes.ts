import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpProblem, ProblemSchema } from '../http/problem.js';

const Status = z.object({ status: z.string() });

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health/live', {
    logLevel: 'warn',
    schema: {
      operationId: 'checkLiveness',
      tags: ['health'],
      summary: 'The process is up',
      security: [],
      response: { 200: Status.describe('The process is up.') },
    },
    handler: async () => ({ status: 'ok' }),
  });

  app.get('/health/ready', {
    logLevel: 'warn',
    schema: {
      operationId: 'checkReadiness',
      tags: ['health'],
      summary: 'The service can answer: its database is reachable',
      security: [],
      response: { 200: Status.describe('The database answers.'), 503: ProblemSchema },
    },
    handler: async () => {
      if (!(await app.db.ping())) {
        throw new HttpProblem('service-unavailable', 'The database is unreachable.', {
          headers: { 'retry-after': '5' },
        });
      }
      return { status: 'ready' };
    },
  });
};

export default healthRoutes;
