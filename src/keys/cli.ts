import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { createDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { resolveDatabase } from '../db/resolve.js';
import { NotFoundError } from '../errors.js';
import { SCOPES, type Scope } from './key-material.js';
import { ApiKeyRepository } from './repository.js';
import { ApiKeyService } from './service.js';

// `keys create --scopes read,write [--name NAME]`, `keys list`, `keys revoke ID`:
// managing API keys on the machine that runs the service, with its database:
// the environment is read as the service reads it (DATABASE_URL, or else the
// embedded server of EMBEDDED_PG_DIR), and every command says which database it used.

export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export const KEYS_USAGE = `usage:
  keys create --scopes read,write,admin [--name NAME]   prints the new key (shown only this once)
  keys list                                             one JSON line per key, newest first
  keys revoke ID                                        the key stops working at once
Through npm, put -- before the options: npm run --silent keys -- create --scopes read,write
Run it with the environment of the service (DATABASE_URL, EMBEDDED_PG_DIR): it writes to the same database.
`;

class UsageError extends Error {}

function parseScopes(value: string | undefined): Scope[] {
  const scopes = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `--scopes must list some of ${SCOPES.join(', ')}${unknown.length ? ` (not ${unknown.join(', ')})` : ''}`,
    );
  }
  return scopes as Scope[];
}

async function withKeyService<T>(
  env: NodeJS.ProcessEnv,
  io: CommandIo,
  use: (keys: ApiKeyService, database: string) => Promise<T>,
): Promise<T> {
  const config = loadConfig(env);
  const database = await resolveDatabase(config, (message) => io.stderr.write(`${message}\n`));
  try {
    await migrate(database.url, { warn: (message) => io.stderr.write(`${message}\n`) });
    const db = createDatabase({ url: database.url, ...config.db });
    try {
      return await use(new ApiKeyService(new ApiKeyRepository(db.prisma)), database.description);
    } catch (error) {
      // A key missing from one database may well be in another: say which was searched.
      if (error instanceof NotFoundError) {
        throw new NotFoundError(
          error.what,
          error.id,
          `${error.message} (searched the database ${database.description})`,
        );
      }
      throw error;
    } finally {
      await db.close();
    }
  } finally {
    await database.stop();
  }
}

/** Runs `keys <subcommand> ...`; returns the exit code. */
export async function runKeysCommand(
  argv: string[],
  io: CommandIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [subcommand, ...rest] = argv;
  try {
    switch (subcommand) {
      case 'create': {
        const { values } = parseArgs({
          args: rest,
          options: { scopes: { type: 'string' }, name: { type: 'string' } },
          strict: true,
        });
        const scopes = parseScopes(values.scopes);
        const { created, database } = await withKeyService(env, io, async (keys, database) => ({
          created: await keys.create({ name: values.name ?? null, scopes }),
          database,
        }));
        io.stdout.write(`${created.key}\n`);
        io.stderr.write(
          `Created key ${created.id} (${created.prefix}…) with scopes ${created.scopes.join(', ')} ` +
            `in the database ${database}. It is shown only this once.\n`,
        );
        return 0;
      }
      case 'list': {
        parseArgs({ args: rest, options: {}, strict: true });
        await withKeyService(env, io, async (keys, database) => {
          let cursor: string | undefined;
          let count = 0;
          do {
            const page = await keys.list({ limit: 100, cursor });
            for (const key of page.items) io.stdout.write(`${JSON.stringify(key)}\n`);
            count += page.items.length;
            cursor = page.nextCursor ?? undefined;
          } while (cursor);
          io.stderr.write(`${count} key${count === 1 ? '' : 's'} in the database ${database}.\n`);
        });
        return 0;
      }
      case 'revoke': {
        const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true, strict: true });
        const id = positionals[0];
        if (positionals.length !== 1 || !id || !/^[0-9a-f-]{36}$/i.test(id))
          throw new UsageError('revoke takes one key id');
        const { key, database } = await withKeyService(env, io, async (keys, database) => ({
          key: await keys.revoke(id),
          database,
        }));
        io.stderr.write(`Revoked key ${key.id} (${key.prefix}…) in the database ${database}.\n`);
        return 0;
      }
      default:
        throw new UsageError(
          subcommand ? `unknown subcommand ${JSON.stringify(subcommand)}` : 'a subcommand is needed',
        );
    }
  } catch (error) {
    if (error instanceof NotFoundError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`${(error as Error).message}\n${KEYS_USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
