import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from './problem.js';

// Credentials never travel in URLs: proxies, logs and browser history keep URLs.
// A request that puts one in its query string is refused, and URLs are logged
// with the values of such parameters hidden.

/** Names of headers, query parameters and fields whose values are secrets. */
export const SECRET_NAMES = ['key', 'token', 'secret', 'password', 'api_key', 'access_token'] as const;

/** A query parameter that carries a credential: one of SECRET_NAMES or a usual variant (apikey, auth), or a name ending in one (x-api-key, auth_token). */
const SECRET_PARAM =
  /^(api[-_]?key|access[-_]?token|auth|authorization|bearer|key|token|secret|password|passwd)$|[-_.](key|token|secret|password)$/i;

const CENSOR = '[redacted]';

function queryParams(url: string): { path: string; params: URLSearchParams } | null {
  const q = url.indexOf('?');
  if (q === -1) return null;
  return { path: url.slice(0, q), params: new URLSearchParams(url.slice(q + 1)) };
}

/** The names of the query parameters of `url` that carry credentials. */
export function credentialParams(url: string): string[] {
  const parsed = queryParams(url);
  if (!parsed) return [];
  return [...new Set([...parsed.params.keys()].filter((name) => SECRET_PARAM.test(name)))];
}

/** `url` with the values of its credential parameters replaced, as it may be logged. */
export function redactUrl(url: string): string {
  const parsed = queryParams(url);
  if (!parsed || credentialParams(url).length === 0) return url;
  const kept = [...parsed.params.entries()].map(
    ([name, value]) => `${encodeURIComponent(name)}=${SECRET_PARAM.test(name) ? CENSOR : encodeURIComponent(value)}`,
  );
  return `${parsed.path}?${kept.join('&')}`;
}

export default fp(
  async function urlCredentials(app: FastifyInstance) {
    app.addHook('onRequest', (request, _reply, done) => {
      const names = credentialParams(request.url);
      if (names.length === 0) return done();
      done(
        new HttpProblem(
          'bad-request',
          'Credentials are not taken from the URL, where proxies and logs keep them: send the API key as `Authorization: Bearer <key>`.',
          { errors: names.map((name) => ({ in: 'query', path: name, message: 'must not carry a credential' })) },
        ),
      );
    });
  },
  { name: 'url-credentials' },
);
