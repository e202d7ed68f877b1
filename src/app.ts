import { randomUUID } from 'node:crypto';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import articleBatchRoutes from './articles/batch-routes.js';
import articleRoutes from './articles/routes.js';
import type { Config } from './config.js';
import authentication from './http/auth.js';
import apiGuard from './http/guard.js';
import idempotency from './http/idempotency.js';
import rateLimiting from './http/rate-limit.js';
import requestLimits from './http/request-limits.js';
import { serializerCompiler } from './http/serializer.js';
import securityHeaders from './http/security-headers.js';
import apiKeyRoutes from './keys/routes.js';
import databasePlugin from './db/plugin.js';
import extractRoutes from './extract/routes.js';
import feedRoutes from './feeds/routes.js';
import healthRoutes from './health/routes.js';
import metrics from './metrics/plugin.js';
import desk from './desk/plugin.js';
import docs from './http/docs.js';
import errorHandling, { frameworkErrors } from './http/errors.js';
import { setProblemBaseUrl } from './http/problem.js';
import problemPages from './http/problem-pages.js';
import urlCredentials, { redactUrl, SECRET_NAMES } from './http/url-credentials.js';
import quoteRoutes from './quotes/routes.js';
import speakerRoutes from './speakers/routes.js';
import services from './services.js';
import drainOnClose from './http/drain.js';
import extractionPool, { extractsLongText } from './extraction-pool/plugin.js';
import jobQueue from './ingest-jobs/queue.js';
import statsRoutes from './stats/routes.js';
import alerts from './subscriptions/plugin.js';
import subscriptionRoutes from './subscriptions/routes.js';
import verifyRoutes from './verify/routes.js';

export interface AppOptions {
  config: Config;
  /** The migrated database to use. */
  databaseUrl: string;
  /** Pino options or `false`; defaults to the configured level. */
  logger?: FastifyServerOptions['logger'];
  /** Sees every answer as it is sent (the tests check each against openapi.yaml). */
  observeResponse?: ResponseObserver;
}

export type ResponseObserver = (request: FastifyRequest, reply: FastifyReply, payload: unknown) => void;

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.log.level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        // Headers, query parameters and fields named as secrets, wherever a log line puts them.
        ...SECRET_NAMES.flatMap((name) => {
          const header = `x-${name.replace('_', '-')}`;
          return [
            ...['req.headers', 'headers'].flatMap((at) => [`${at}["${name}"]`, `${at}["${header}"]`]),
            `req.query["${name}"]`,
            `query["${name}"]`,
            name,
            `*["${name}"]`,
          ];
        }),
      ],
      censor: '[redacted]',
    },
    ...(config.log.pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } } : {}),
  };
}

/** Whether a log writes info lines; Fastify's logger when logging is off has no levels and writes nothing anyway. */
function logsInfo(log: FastifyBaseLogger): boolean {
  const { isLevelEnabled } = log as { isLevelEnabled?: (level: string) => boolean };
  return isLevelEnabled ? isLevelEnabled.call(log, 'info') : true;
}

/**
 * JSON bodies longer than this are decoded and parsed in a worker of the extraction
 * pool: a megabyte takes the event loop several milliseconds, far more than the hop.
 */
const LONG_JSON_BYTES = 256 * 1024;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  setProblemBaseUrl(config.baseUrl);
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config),
    bodyLimit: config.bodyLimitBytes,
    // Requests get a 503 at REQUEST_TIMEOUT_MS (src/http/request-limits.ts); a socket
    // that stays silent for twice that, in whatever state, is closed.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: 2 * config.requestTimeoutMs,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // One log line per request, written in onResponse below.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    frameworkErrors,
    // The client address (anonymous rate limits) as the configured proxies report it.
    trustProxy: (_address: string, hop: number) => hop < config.trustProxyHops,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON bodies are accepted; anything else is a 415.
  app.removeContentTypeParser('text/plain');

  // Hooks that run for every request take a callback rather than return a promise:
  // each promise would cost every request a turn of the microtask queue.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
  const observe = options.observeResponse;
  if (observe) {
    app.addHook('onSend', async (request, reply, payload) => {
      observe(request, reply, payload);
      return payload;
    });
  }
  app.addHook('onResponse', (request, reply, done) => {
    // The line is built only when it is written (LOG_LEVEL, or a route's own logLevel).
    if (logsInfo(request.log)) {
      request.log.info(
        {
          method: request.method,
          url: redactUrl(request.url),
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request',
      );
    }
    done();
  });

  await app.register(drainOnClose);
  await app.register(errorHandling);
  await app.register(urlCredentials);
  await app.register(securityHeaders, { corsOrigins: config.corsOrigins });
  // Before the request limits, which read long JSON bodies in its workers.
  await app.register(extractionPool, config.extraction);
  await app.register(requestLimits, {
    maxUrlLength: config.maxUrlLength,
    timeoutMs: config.requestTimeoutMs,
    readLongJson: {
      minBytes: LONG_JSON_BYTES,
      read: (body, request) => app.extraction.readJson(body, { refuseWhenBusy: extractsLongText(request) }),
    },
  });
  await app.register(databasePlugin, {
    url: options.databaseUrl,
    poolSize: config.db.poolSize,
    statementTimeoutMs: config.db.statementTimeoutMs,
    connectTimeoutMs: config.db.connectTimeoutMs,
    replicas: config.replicas.urls.length > 0 ? config.replicas : undefined,
  });
  await app.register(authentication, {
    publicRead: config.auth.publicRead,
    adminKey: config.auth.adminKey,
    databaseUrl: options.databaseUrl,
  });
  await app.register(rateLimiting, {
    max: config.rateLimit.max,
    windowMs: config.rateLimit.windowMs,
    redisUrl: config.redis.url,
    redisKeyPrefix: config.redis.keyPrefix,
  });
  await app.register(idempotency, {
    ttlSeconds: config.idempotencyTtlSeconds,
    staleSeconds: Math.ceil((2 * config.requestTimeoutMs) / 1000),
  });
  await app.register(docs, { publicUrl: config.publicUrl });
  // After docs, so that its route is documented; before the routes it counts.
  await app.register(metrics, { public: config.metrics.public });
  await app.register(jobQueue, { databaseUrl: options.databaseUrl, worker: config.jobs.workers > 0 });
  await app.register(services, {
    fetch: config.fetch,
    jobWorkers: config.jobs.workers,
    feedRetrySeconds: config.feedRetrySeconds,
    searchIndex: config.searchIndex,
  });
  await app.register(alerts, { databaseUrl: options.databaseUrl, alerts: config.alerts, fetch: config.fetch });
  await app.register(healthRoutes);
  await app.register(problemPages);
  await app.register(desk);
  await app.register(
    async (v1) => {
      await v1.register(apiGuard);
      await v1.register(articleRoutes);
      await v1.register(articleBatchRoutes, { bodyLimitBytes: config.batchBodyLimitBytes });
      await v1.register(quoteRoutes);
      await v1.register(speakerRoutes);
      await v1.register(statsRoutes);
      await v1.register(extractRoutes);
      await v1.register(verifyRoutes, { claimReviewAuthor: config.claimReviewAuthor });
      await v1.register(feedRoutes);
      await v1.register(subscriptionRoutes);
      await v1.register(apiKeyRoutes);
    },
    { prefix: '/v1' },
  );
  return app;
}
