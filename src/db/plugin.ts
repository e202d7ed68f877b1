import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../http/problem.js';
import { createDatabase, type Database, type DatabaseOptions } from './client.js';
import { formatLsn, parseLsn } from './replicas.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
}

/** The header that carries a consistency token: in the answer to a write, and in a read that must see it. */
export const CONSISTENCY_HEADER = 'quotes-consistency';

/** Operations sent with POST that only read, and may be answered from a replica. */
export const READ_ONLY_OPERATIONS = new Set(['verifyClaim', 'extractQuotes']);

export function isReadOnly(request: FastifyRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  const operationId = (request.routeOptions.schema as { operationId?: string } | undefined)?.operationId;
  return operationId !== undefined && READ_ONLY_OPERATIONS.has(operationId);
}

/** The token a read was sent with (undefined when none); a malformed one is a 400. */
function consistencyToken(request: FastifyRequest): bigint | undefined {
  const header = request.headers[CONSISTENCY_HEADER];
  if (header === undefined) return undefined;
  const lsn = typeof header === 'string' ? parseLsn(header) : null;
  if (lsn === null) {
    throw new HttpProblem(
      'bad-request',
      `The ${CONSISTENCY_HEADER} header must be a token from the answer to a write, such as "0/1A2B3C4".`,
    );
  }
  return lsn;
}

export default fp(
  async function database(app: FastifyInstance, options: Omit<DatabaseOptions, 'onPoolError'>) {
    const db = createDatabase({
      ...options,
      onPoolError: (error) => app.log.warn({ err: error }, 'idle database connection failed'),
      replicas: options.replicas && {
        ...options.replicas,
        onStateChange: (replica) =>
          app.log.warn(
            { replica: replica.name, lagMs: replica.lagMs },
            replica.healthy ? 'replica in use' : 'replica left out',
          ),
      },
    });
    app.decorate('db', db);
    app.addHook('onClose', async () => {
      await db.close();
    });

    // A malformed token is refused whether or not there are replicas.
    app.addHook('preValidation', (request, _reply, done) => {
      if (request.routeOptions.url?.startsWith('/v1/')) {
        try {
          consistencyToken(request);
        } catch (error) {
          return done(error as Error);
        }
      }
      done();
    });

    const routing = db.routing;
    if (!routing) return;
    await routing.start();
    app.log.info(
      { replicas: routing.states().map((r) => ({ name: r.name, healthy: r.healthy })) },
      'reading from replicas',
    );

    // The request's handler runs as a read, on a replica that has replayed its token.
    app.addHook('preHandler', (request, _reply, done) => {
      if (!isReadOnly(request)) return done();
      routing.runAsRead(done, consistencyToken(request));
    });

    // The answer to a write carries the primary's WAL position, to be sent back with reads.
    app.addHook('onSend', async (request, reply) => {
      if (isReadOnly(request) || reply.statusCode >= 300 || !request.routeOptions.url?.startsWith('/v1/')) return;
      try {
        const { rows } = await db.primary.pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
        const lsn = parseLsn(rows[0]!.lsn);
        if (lsn !== null) reply.header(CONSISTENCY_HEADER, formatLsn(lsn));
      } catch (error) {
        request.log.warn({ err: error }, 'no consistency token: the primary did not give its WAL position');
      }
    });
  },
  { name: 'database' },
);
