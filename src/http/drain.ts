import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

// On close, the requests in flight are answered before the server stops taking
// them: close waits (a preClose hook, run before the server closes) until every
// request that has begun is answered or its connection is gone, so that a request
// waiting on a worker thread or the database when the signal comes still gets its
// answer. New requests meanwhile get 503 (Fastify's return503OnClosing), and
// close-with-grace bounds the wait.
//
// A client may half-close its connection once its request is sent; it still gets
// the answer (Node's HTTP server would otherwise drop a request still being
// worked on when the client's side ends).

export default fp(
  async function drainOnClose(app: FastifyInstance) {
    (app.server as { httpAllowHalfOpen?: boolean }).httpAllowHalfOpen = true;
    let inFlight = 0;
    let drained: (() => void) | null = null;
    app.addHook('onRequest', (_request, reply, done) => {
      inFlight++;
      // Sent, or its connection closed: the request is over either way, once.
      reply.raw.once('close', () => {
        inFlight--;
        if (inFlight === 0) drained?.();
      });
      done();
    });
    app.addHook('preClose', async () => {
      if (inFlight === 0) return;
      await new Promise<void>((resolve) => (drained = resolve));
    });
  },
  { name: 'drain-on-close' },
);
