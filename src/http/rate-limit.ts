import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { HttpProblem } from './problem.js';

// Requests per API key (per client address when anonymous) in a fixed window.
// With Redis the counts are shared by every replica; without it each process
// counts on its own. The limiter runs between identifying and authorizing the
// caller (src/http/guard.ts), so failed key guesses count against the address.

export interface RateLimitingOptions {
  max: number;
  windowMs: number;
  redisUrl?: string;
  redisKeyPrefix: string;
}

export function rateLimitKey(request: FastifyRequest): string {
  return request.caller ? `key:${request.caller.keyId}` : `ip:${request.ip}`;
}

export default fp(
  async function rateLimiting(app: FastifyInstance, options: RateLimitingOptions) {
    let redis: Redis | undefined;
    if (options.redisUrl) {
      redis = new Redis(options.redisUrl, {
        // A slow or absent Redis must not hold requests: fail fast and let them through.
        connectTimeout: 2000,
        commandTimeout: 500,
        maxRetriesPerRequest: 1,
      });
      redis.on('error', (error: Error) =>
        app.log.warn({ err: { message: error.message } }, 'rate limit store unavailable'),
      );
      app.addHook('onClose', async () => {
        await redis!.quit().catch(() => redis!.disconnect());
      });
    }
    await app.register(rateLimit, {
      global: false,
      max: options.max,
      timeWindow: options.windowMs,
      ...(redis ? { redis, nameSpace: `${options.redisKeyPrefix}rate-limit:` } : {}),
      skipOnError: true,
      enableDraftSpec: true,
      keyGenerator: rateLimitKey,
      errorResponseBuilder: (_request, context) =>
        new HttpProblem(
          'rate-limited',
          `This client may send ${context.max} requests in ${Math.round(options.windowMs / 1000)} s; retry in ${context.after}.`,
        ),
    });
  },
  { name: 'rate-limiting' },
);
