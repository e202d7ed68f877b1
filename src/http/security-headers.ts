import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { contentSecurityPolicy, type HelmetOptions } from 'helmet';

// Security headers on every answer, and cross-origin access for the configured
// origins only (none by default). Answers are JSON, so their content security
// policy allows nothing; /docs sets its own policy for Swagger UI (src/http/docs.ts),
// and the desk its own (securityPolicy, src/desk/plugin.ts).
//
// The headers are helmet's, found once when the service starts: helmet's
// middleware is run on a response that records what it sets, and each answer
// gets the recorded headers. The policies are fixed, so helmet would set the same
// values on every answer; running it per request rebuilt its middleware each time.

export interface SecurityHeadersOptions {
  corsOrigins: string[];
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** The headers a helmet middleware sets, by lower-case name, recorded from one run. */
export function recordedHeaders(middleware: Middleware): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string) {
      headers[name.toLowerCase()] = String(value);
    },
    // Helmet removes X-Powered-By, which Fastify never sets.
    removeHeader() {},
  };
  let finished = false;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('the security headers middleware did not finish at once');
  return headers;
}

/** An onRequest hook that gives each answer `headers`. */
function withHeaders(headers: Record<string, string>): onRequestHookHandler {
  const entries = Object.entries(headers);
  return function securityHeaders(_request: FastifyRequest, reply: FastifyReply, done: () => void) {
    for (const [name, value] of entries) reply.header(name, value);
    done();
  };
}

const API_HEADERS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
};

/**
 * An onRequest hook that replaces the API's content security policy with `policy`
 * (helmet's options), for the routes of the scope it is added to.
 */
export function securityPolicy(policy: Parameters<typeof contentSecurityPolicy>[0]): onRequestHookHandler {
  return withHeaders(recordedHeaders(contentSecurityPolicy(policy)));
}

export default fp(
  async function securityHeaders(app: FastifyInstance, options: SecurityHeadersOptions) {
    app.addHook('onRequest', withHeaders(recordedHeaders(helmet(API_HEADERS))));
    if (options.corsOrigins.length > 0) {
      await app.register(cors, {
        origin: options.corsOrigins,
        methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
        allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-request-id'],
        exposedHeaders: [
          'location',
          'retry-after',
          'x-request-id',
          'idempotent-replayed',
          'ratelimit-limit',
          'ratelimit-remaining',
          'ratelimit-reset',
        ],
        maxAge: 600,
      });
    }
  },
  { name: 'security-headers' },
);
