import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-text.js';
import { HttpProblem } from './problem.js';

// Limits on a request: how long it may take, from its first byte to its answer;
// the length of its URL; and JSON bodies that are valid UTF-8 and not nested
// deeper than any body this API takes (BODY_LIMIT_BYTES bounds their size).

/**
 * An answer sent before the request's body has been read (413, 415, 401) waits
 * while up to this many bytes of the body are read and discarded, so that a client
 * that writes its whole body before it reads (curl, Python's requests) reads the
 * answer instead of meeting a broken pipe when the connection closes.
 */
export const UNREAD_BODY_DRAIN_BYTES = 16 * 1024 * 1024;
/** ...and waits at most this long for it, */
export const UNREAD_BODY_DRAIN_MS = 5_000;
/** ...or this long for the next bytes of it. */
export const UNREAD_BODY_IDLE_MS = 1_000;

/**
 * Reads and discards the rest of `request`'s body, up to `maxBytes` and `maxMs`,
 * and while bytes keep coming (`idleMs`). Resolves true when the body ended within
 * the bounds.
 */
export function drainBody(
  request: IncomingMessage,
  { maxBytes, maxMs, idleMs }: { maxBytes: number; maxMs: number; idleMs: number },
): Promise<boolean> {
  if (request.complete || request.readableEnded || request.destroyed) return Promise.resolve(request.complete);
  return new Promise((resolve) => {
    let discarded = 0;
    const finish = (ended: boolean) => {
      clearTimeout(timer);
      clearTimeout(idle);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('close', onClose);
      request.off('error', onClose);
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > maxBytes) finish(false);
      else idle.refresh();
    };
    const onEnd = () => finish(true);
    const onClose = () => finish(request.complete);
    const timer = setTimeout(() => finish(false), maxMs);
    timer.unref();
    const idle = setTimeout(() => finish(false), idleMs);
    idle.unref();
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('close', onClose);
    request.once('error', onClose);
    request.resume();
  });
}

/** True when the request says it carries a body (a length above zero, or chunks). */
function declaresBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return request.headers['transfer-encoding'] !== undefined;
}

export interface RequestLimitsOptions {
  maxUrlLength: number;
  /** Longest a request may take, its body included, before it is answered 503. */
  timeoutMs: number;
  /**
   * Reads JSON bodies of more than `minBytes` off the event loop (the body's value,
   * or undefined when it is not one the service takes: the event loop then reads
   * it, and says what is wrong with it); rejects with the error to answer when
   * there is no room to read it.
   */
  readLongJson?: { minBytes: number; read: (body: Buffer, request: FastifyRequest) => Promise<unknown> };
}

export default fp(
  async function requestLimits(app: FastifyInstance, options: RequestLimitsOptions) {
    // Fastify's own handlerTimeout stops counting once a request body has been read
    // (it listens for the request's 'close'), so it cannot bound a slow handler of a POST.
    // Hooks that run for every request take a callback: a promise would cost each a turn of the microtask queue.
    app.addHook('onRequest', (request, reply, done) => {
      const deadline = setTimeout(() => {
        if (reply.sent || reply.raw.headersSent) return;
        // The body may be half read; the connection cannot carry another request.
        reply.header('connection', 'close');
        // A body that has not come in full is the client's doing (408); a slow answer to a whole request is the service's (503).
        if (!request.raw.complete && declaresBody(request.raw)) {
          request.log.info({ timeoutMs: options.timeoutMs }, 'request body did not arrive in time');
          reply.send(
            new HttpProblem(
              'request-timeout',
              'The request body did not arrive in full in the time a request may take; send it again whole.',
            ),
          );
          return;
        }
        request.log.warn({ timeoutMs: options.timeoutMs }, 'request timed out');
        reply.send(
          new HttpProblem('service-unavailable', 'The request took longer than this service allows; retry shortly.', {
            headers: { 'retry-after': '5' },
          }),
        );
      }, options.timeoutMs);
      deadline.unref();
      reply.raw.once('close', () => clearTimeout(deadline));

      if (request.url.length > options.maxUrlLength) {
        done(
          new HttpProblem(
            'uri-too-long',
            `The URL is longer than the ${options.maxUrlLength} characters this service accepts.`,
          ),
        );
        return;
      }
      done();
    });

    app.addHook('onSend', (request, reply, payload, done) => {
      const raw = request.raw;
      // A request that ran out of time (408, 503) is not waited for any longer.
      if (raw.complete || !declaresBody(raw) || reply.statusCode === 408 || reply.statusCode === 503) {
        done(null, payload);
        return;
      }
      void drainBody(raw, {
        maxBytes: UNREAD_BODY_DRAIN_BYTES,
        maxMs: UNREAD_BODY_DRAIN_MS,
        idleMs: UNREAD_BODY_IDLE_MS,
      }).then((drained) => {
        // A body past the bounds is left unread: the connection cannot carry another request.
        if (!drained) reply.header('connection', 'close');
        done(null, payload);
      });
    });

    const utf8 = new TextDecoder('utf-8', { fatal: true });
    // Fastify's own parser, which also refuses __proto__ and constructor keys.
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer' },
      (request: FastifyRequest, body: Buffer, done) => {
        const offThread = options.readLongJson;
        if (offThread && body.length > offThread.minBytes) {
          offThread.read(body, request).then(
            (value) => (value === undefined ? readHere(request, body, done) : done(null, value)),
            (error: Error) => done(error),
          );
          return;
        }
        readHere(request, body, done);
      },
    );

    function readHere(request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void) {
      let text: string;
      try {
        text = utf8.decode(body);
      } catch {
        done(new HttpProblem('malformed-json', 'The request body is not valid UTF-8.'), undefined);
        return;
      }
      if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
        done(
          new HttpProblem(
            'malformed-json',
            `The request body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels.`,
          ),
          undefined,
        );
        return;
      }
      void parseJson(request, text, done);
    }
  },
  { name: 'request-limits' },
);
