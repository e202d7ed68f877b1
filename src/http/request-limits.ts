import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from './problem.js';

// Limits on a request: how long it may take, from its first byte to its answer;
// the length of its URL; and JSON bodies that are valid UTF-8 and not nested
// deeper than any body this API takes (BODY_LIMIT_BYTES bounds their size).

export const MAX_JSON_DEPTH = 32;

export interface RequestLimitsOptions {
  maxUrlLength: number;
  /** Longest a request may take, its body included, before it is answered 503. */
  timeoutMs: number;
}

/**
 * True when arrays and objects in `text` nest deeper than `limit`. A linear scan
 * that needs no parse, so that a body of 100 000 `[` never reaches a recursive parser.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  // Most bodies open fewer arrays and objects than the limit in all: counting the
  // brackets (a native search) settles those without the character-by-character pass.
  if (countOf(text, '[', limit + 1) + countOf(text, '{', limit + 1) <= limit) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return false;
}

/** Occurrences of `char` in `text`, counted up to `max`. */
function countOf(text: string, char: string, max: number): number {
  let count = 0;
  for (let i = text.indexOf(char); i !== -1 && count < max; i = text.indexOf(char, i + 1)) count++;
  return count;
}

export default fp(
  async function requestLimits(app: FastifyInstance, options: RequestLimitsOptions) {
    // Fastify's own handlerTimeout stops counting once a request body has been read
    // (it listens for the request's 'close'), so it cannot bound a slow handler of a POST.
    app.addHook('onRequest', async (request, reply) => {
      const deadline = setTimeout(() => {
        if (reply.sent || reply.raw.headersSent) return;
        request.log.warn({ timeoutMs: options.timeoutMs }, 'request timed out');
        // The body may be half read; the connection cannot carry another request.
        reply.header('connection', 'close');
        reply.send(
          new HttpProblem('service-unavailable', 'The request took longer than this service allows; retry shortly.', {
            headers: { 'retry-after': '5' },
          }),
        );
      }, options.timeoutMs);
      deadline.unref();
      reply.raw.once('close', () => clearTimeout(deadline));
    });

    app.addHook('onRequest', async (request) => {
      if (request.url.length > options.maxUrlLength) {
        throw new HttpProblem(
          'uri-too-long',
          `The URL is longer than the ${options.maxUrlLength} characters this service accepts.`,
        );
      }
    });

    const utf8 = new TextDecoder('utf-8', { fatal: true });
    // Fastify's own parser, which also refuses __proto__ and constructor keys.
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer' },
      (request: FastifyRequest, body: Buffer, done) => {
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
      },
    );
  },
  { name: 'request-limits' },
);
