import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { bearerToken, type Scope } from '../keys/key-material.js';
import { ChannelListener } from '../db/listen.js';
import { KeyCache } from '../keys/cache.js';
import { ApiKeyRepository } from '../keys/repository.js';
import { ApiKeyService, type Caller } from '../keys/service.js';
import { HttpProblem } from './problem.js';

// Who is calling, and may they? `identifyCaller` reads the bearer key; rate
// limits are counted per caller after it; `authorizeCaller` then checks the
// scope the route needs: `config.scope`, or read for GET and write otherwise.

declare module 'fastify' {
  interface FastifyInstance {
    apiKeys: ApiKeyService;
    /** onRequest hook: reads the bearer key into `request.caller`; refuses nothing. */
    identifyCaller: onRequestHookHandler;
    /** onRequest hook: 401 or 403 unless the caller has the scope the route needs. */
    authorizeCaller: onRequestHookHandler;
  }
  interface FastifyRequest {
    /** The key that sent the request; null when anonymous or the key is not valid. */
    caller: Caller | null;
    /** True when the request carried credentials that are malformed, unknown or revoked. */
    badCredentials: boolean;
  }
  interface FastifyContextConfig {
    /** The scope a route needs when it is not the one its method implies. */
    scope?: Scope;
  }
}

export interface AuthenticationOptions {
  /** GET routes answer without a key. */
  publicRead: boolean;
  /** A key with every scope, for setting up the first stored keys. */
  adminKey?: string;
  /** The database whose changes to the keys are listened for (src/keys/cache.ts). */
  databaseUrl: string;
}

/** Where the database announces changes to the keys (the trigger api_keys_changed). */
const API_KEYS_CHANNEL = 'api_keys';

const REALM = 'Bearer realm="quotes"';

/** Where keys come from, for whoever got a 401. */
const WHERE_KEYS_COME_FROM =
  'Keys are created with `npm run --silent keys -- create --scopes read,write` run with the environment of the service ' +
  '(it writes to the database the service uses: DATABASE_URL, or else its embedded server), ' +
  'or over HTTP with an admin key (POST /v1/keys).';

function unauthorized(request: FastifyRequest): HttpProblem {
  return request.badCredentials
    ? new HttpProblem(
        'unauthorized',
        `The API key is not valid: it is malformed, unknown or revoked. ${WHERE_KEYS_COME_FROM}`,
        { headers: { 'www-authenticate': `${REALM}, error="invalid_token"` } },
      )
    : new HttpProblem(
        'unauthorized',
        `This route needs an API key: send \`Authorization: Bearer <key>\`. ${WHERE_KEYS_COME_FROM}`,
        { headers: { 'www-authenticate': REALM } },
      );
}

/** The scope a route needs: the one it configures, or read for GET and write otherwise. */
export function scopeFor(method: string, configured: Scope | undefined): Scope {
  if (configured) return configured;
  return method === 'GET' || method === 'HEAD' ? 'read' : 'write';
}

export function requiredScope(request: FastifyRequest): Scope {
  return scopeFor(request.method, request.routeOptions.config.scope);
}

export default fp(
  async function authentication(app: FastifyInstance, options: AuthenticationOptions) {
    const cache = new KeyCache();
    const changes = new ChannelListener({
      databaseUrl: options.databaseUrl,
      channel: API_KEYS_CHANNEL,
      name: 'api-keys',
      log: app.log,
      onNotification: () => cache.forget(),
      onListening: () => cache.setTrusted(true),
      onLost: () => cache.setTrusted(false),
    });
    app.addHook('onReady', async () => changes.start());
    app.addHook('onClose', () => changes.stop());
    app.decorate('apiKeys', new ApiKeyService(new ApiKeyRepository(app.db.primary.prisma), options.adminKey, cache));
    app.decorateRequest('caller', null);
    app.decorateRequest('badCredentials', false);

    // Callback hooks, not async ones: a known key is settled at once, with no promise.
    const identify = (request: FastifyRequest, caller: Caller | null) => {
      request.caller = caller;
      request.badCredentials = caller === null;
    };
    app.decorate('identifyCaller', function identifyCaller(request, _reply, done) {
      const header = request.headers.authorization;
      if (header === undefined) return done();
      const key = bearerToken(header);
      const caller = key ? app.apiKeys.authenticate(key) : null;
      if (!(caller instanceof Promise)) {
        identify(request, caller);
        return done();
      }
      caller.then(
        (found) => {
          identify(request, found);
          done();
        },
        (error: Error) => done(error),
      );
    } satisfies onRequestHookHandler);

    app.decorate('authorizeCaller', function authorizeCaller(request, _reply, done) {
      const scope = requiredScope(request);
      if (request.badCredentials) return done(unauthorized(request));
      if (scope === 'read' && options.publicRead) return done();
      if (!request.caller) return done(unauthorized(request));
      if (!request.caller.scopes.has(scope)) {
        return done(
          new HttpProblem('forbidden', `This API key lacks the ${scope} scope that this route needs.`, {
            headers: { 'www-authenticate': `${REALM}, error="insufficient_scope", scope="${scope}"` },
          }),
        );
      }
      done();
    } satisfies onRequestHookHandler);
  },
  { name: 'authentication', dependencies: ['database'] },
);
