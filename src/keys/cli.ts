import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { createDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { resolveDatabase } from '../db/resolve.js';
import { HttpProblem } from '../http/problem.js';
import { SCOPES, type Scope } from './key-material.js';
import { ApiKeyRepository } from './repository.js';
import { ApiKeyService } from './service.js';

// `keys create --scopes read,write [--name NAME]`, `keys list`, `keys revoke ID`:
// managing API keys on the machine that runs the service, with its database.

export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export const KEYS_USAGE = `usage:
  keys create --scopes read,write,admin [--name NAME]   prints the new key (shown only this once)
  keys list                                             one JSON line per key, newest first
  keys revoke ID                                        the key stops working at once
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
  use: (keys: ApiKeyService) => Promise<T>,
): Promise<T> {
  const config = loadConfig(env);
  const database = await resolveDatabase(config, (message) => io.stderr.write(`${message}\n`));
  try {
    await migrate(database.url, { warn: (message) => io.stderr.write(`${message}\n`) });
    const db = createDatabase({ url: database.url, ...config.db });
    try {
      return await use(new ApiKeyService(new ApiKeyRepository(db.prisma)));
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
        const created = await withKeyService(env, io, (keys) => keys.create({ name: values.name ?? null, scopes }));
        io.stdout.write(`${created.key}\n`);
        io.stderr.write(
          `Created key ${created.id} (${created.prefix}…) with scopes ${created.scopes.join(', ')}. It is shown only this once.\n`,
        );
        return 0;
      }
      case 'list': {
        parseArgs({ args: rest, options: {}, strict: true });
        await withKeyService(env, io, async (keys) => {
          let cursor: string | undefined;
          do {
            const page = await keys.list({ limit: 100, cursor });
            for (const key of page.items) io.stdout.write(`${JSON.stringify(key)}\n`);
            cursor = page.nextCursor ?? undefined;
          } while (cursor);
        });
        return 0;
      }
      case 'revoke': {
        const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true, strict: true });
        const id = positionals[0];
        if (positionals.length !== 1 || !id || !/^[0-9a-f-]{36}$/i.test(id))
          throw new UsageError('revoke takes one key id');
        const key = await withKeyService(env, io, (keys) => keys.revoke(id));
        io.stderr.write(`Revoked key ${key.id} (${key.prefix}…).\n`);
        return 0;
      }
      default:
        throw new UsageError(
          subcommand ? `unknown subcommand ${JSON.stringify(subcommand)}` : 'a subcommand is needed',
        );
    }
  } catch (error) {
    if (error instanceof HttpProblem && error.slug === 'not-found') {
      io.stderr.write(`${error.detail}\n`);
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
