import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createDatabase, type Database, type DatabaseOptions } from './client.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
}

export default fp(
  async function database(app: FastifyInstance, options: Omit<DatabaseOptions, 'onPoolError'>) {
    const db = createDatabase({
      ...options,
      onPoolError: (error) => app.log.warn({ err: error }, 'idle database connection failed'),
    });
    app.decorate('db', db);
    app.addHook('onClose', async () => {
      await db.close();
    });
  },
  { name: 'database' },
);
