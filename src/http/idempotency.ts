import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { IdempotencyRepository } from '../idempotency/repository.js';
import { IDEMPOTENCY_KEY_PATTERN, IdempotencyService, requestFingerprint } from '../idempotency/service.js';
import { HttpProblem, ProblemSchema } from './problem.js';

// Routes opt in with `config: { idempotency: true }` and then honour an
// Idempotency-Key header: their first answer is kept (in Postgres, for
// IDEMPOTENCY_TTL_SECONDS) and replayed to retries with the same key from the
// same API key. Nothing else about the route changes.

declare module 'fastify' {
  interface FastifyContextConfig {
    idempotency?: boolean;
  }
  interface FastifyRequest {
    idempotencyClaim: { owner: string; key: string } | null;
  }
}

export interface IdempotencyOptions {
  ttlSeconds: number;
  /** How long a claimed key may go without an answer before another request may take it over. */
  staleSeconds: number;
}

const IdempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN, 'must be 1 to 255 visible ASCII characters')
    .optional()
    .describe('Makes retries safe: a retry with the same key gets the first answer, and the request runs once.'),
});

const CLEANUP_INTERVAL_MS = 10 * 60 * 1000;

/** A route's own hooks of one kind, as a list. */
function hooksOf<T>(hooks: T | T[] | undefined): T[] {
  if (hooks === undefined) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}

export default fp(
  async function idempotency(app: FastifyInstance, options: IdempotencyOptions) {
    const service = new IdempotencyService(
      new IdempotencyRepository(app.db.prisma),
      options.ttlSeconds,
      options.staleSeconds,
    );
    app.decorateRequest('idempotencyClaim', null);

    // The hooks of the routes that opt in, ahead of any of their own; other routes run none.
    app.addHook('onRoute', (route) => {
      if (!route.config?.idempotency) return;
      route.preHandler = [replayOrClaim, ...hooksOf(route.preHandler)];
      route.onSend = [recordAnswer, ...hooksOf(route.onSend)];
      route.schema ??= {};
      route.schema.headers ??= IdempotencyHeaders;
      const response = route.schema.response as Record<string, unknown> | undefined;
      if (response) {
        response[409] ??= ProblemSchema.describe('A request with this Idempotency-Key is still being handled.');
        response[422] ??= ProblemSchema.describe('This Idempotency-Key was used with a different request.');
      }
    });

    async function replayOrClaim(request: FastifyRequest, reply: FastifyReply) {
      const key = request.headers['idempotency-key'];
      if (key === undefined) return;
      if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
        throw new HttpProblem('validation', 'The Idempotency-Key header must be 1 to 255 visible ASCII characters.', {
          errors: [{ in: 'header', path: 'idempotency-key', message: 'must be 1 to 255 visible ASCII characters' }],
        });
      }
      const owner = request.caller?.keyId ?? `ip:${request.ip}`;
      const decision = await service.begin(owner, key, requestFingerprint(request.method, request.url, request.body));
      if (decision.kind === 'run') {
        request.idempotencyClaim = { owner, key };
        return;
      }
      const { response } = decision;
      reply.code(response.status).header('idempotent-replayed', 'true');
      if (response.contentType) reply.type(response.contentType);
      if (response.location) reply.header('location', response.location);
      return reply.send(response.body);
    }

    async function recordAnswer(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
      const claim = request.idempotencyClaim;
      if (!claim) return payload;
      request.idempotencyClaim = null;
      const response =
        typeof payload === 'string'
          ? {
              status: reply.statusCode,
              body: payload,
              contentType: (reply.getHeader('content-type') as string | undefined) ?? null,
              location: (reply.getHeader('location') as string | undefined) ?? null,
            }
          : null;
      try {
        await service.finish(claim.owner, claim.key, response);
      } catch (error) {
        // The answer itself stands; the claim goes stale and a retry may take it over.
        request.log.warn({ err: error }, 'could not record the answer to an idempotent request');
      }
      return payload;
    }

    const cleanup = setInterval(() => {
      service
        .deleteExpired()
        .catch((error: unknown) => app.log.debug({ err: error }, 'expired idempotency keys stay for now'));
    }, CLEANUP_INTERVAL_MS);
    cleanup.unref();
    app.addHook('onClose', async () => clearInterval(cleanup));
  },
  { name: 'idempotency', dependencies: ['database', 'authentication'] },
);
