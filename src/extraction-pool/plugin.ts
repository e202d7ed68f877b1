import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ExtractionPool, type ExtractionPoolOptions } from './pool.js';

// The extraction pool as a dependency of the app: one per app, ended when the app
// closes. Fastify runs onClose hooks after the requests in flight are answered,
// and the pool waits for its own extractions under way before it ends its workers.

declare module 'fastify' {
  interface FastifyInstance {
    extraction: ExtractionPool;
  }
}

/** Whom per-key extraction limits count against: the API key, or the address of an anonymous caller. */
export function extractionKey(request: FastifyRequest): string {
  return request.caller ? `key:${request.caller.keyId}` : `ip:${request.ip}`;
}

/**
 * onRequest hook of a route that extracts the texts of its body (POST /v1/extract,
 * /v1/articles, /v1/articles:batch): a body longer than any short text (by its
 * Content-Length) is refused before it is read when the pool would refuse it
 * anyway, or when its key holds all of its extraction slots already.
 */
export async function admitLongExtraction(this: FastifyInstance, request: FastifyRequest): Promise<void> {
  const length = Number(request.headers['content-length']);
  if (length > this.extraction.options.inlineChars) await this.extraction.admit(extractionKey(request));
  admitted.add(request);
}

/** Requests admitted to a route that extracts the texts of its body. */
const admitted = new WeakSet<FastifyRequest>();

/**
 * Whether the request is to a route that extracts the texts of its body: when the
 * pool has no room to read a long body of it, it is refused (503) as its
 * extraction would be, rather than read on the event loop.
 */
export function extractsLongText(request: FastifyRequest): boolean {
  return admitted.has(request);
}

export default fp(
  async function extractionPool(app: FastifyInstance, options: ExtractionPoolOptions) {
    const pool = new ExtractionPool(options);
    app.decorate('extraction', pool);
    app.addHook('onClose', () => pool.close());
  },
  { name: 'extraction-pool' },
);
