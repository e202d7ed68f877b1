import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrate } from '../src/db/migrate.js';
import { freePort } from './processes.js';

// A primary and a streaming replica of it, made by the tests and the bench from the machine's
// PostgreSQL binaries (initdb, pg_ctl, pg_basebackup) on loopback ports, in a
// directory of their own. PostgreSQL will not run as root: as root, the binaries
// run as the `postgres` user.

export interface ReplicatedCluster {
  primaryUrl: string;
  replicaUrl: string;
  /** Runs `sql` on the replica (pausing or resuming replay, reading pg_stat_activity). */
  onReplica<T extends pg.QueryResultRow>(sql: string): Promise<T[]>;
  stopReplica(): void;
  startReplica(): void;
  close(): void;
}

/** The directory of PostgreSQL's server binaries (initdb, pg_ctl, pg_basebackup), or null. */
export function findPostgresBinaries(): string | null {
  const candidates = ['/usr/lib/postgresql']
    .filter((root) => existsSync(root))
    .flatMap((root) =>
      readdirSync(root)
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => path.join(root, version, 'bin')),
    );
  const found = candidates.find((dir) =>
    ['initdb', 'pg_ctl', 'pg_basebackup'].every((b) => existsSync(path.join(dir, b))),
  );
  if (!found) return null;
  // As root the binaries run as the postgres user, which must exist.
  return process.getuid?.() !== 0 || spawnSync('id', ['-u', 'postgres']).status === 0 ? found : null;
}

export async function startReplicatedCluster(bin: string): Promise<ReplicatedCluster> {
  const root = process.getuid?.() === 0;
  const owner = root
    ? {
        uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
        gid: Number(execFileSync('id', ['-g', 'postgres']).toString()),
      }
    : undefined;
  const run = (program: string, args: string[]) => {
    const [command, commandArgs] = root
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args]]
      : [path.join(bin, program), args];
    const result = spawnSync(command, commandArgs, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0)
      throw new Error(`${program} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`);
  };

  const dir = mkdtempSync(path.join(tmpdir(), 'quotes-replica-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const primaryDir = path.join(dir, 'primary');
  const replicaDir = path.join(dir, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const options = (port: number) =>
    `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c full_page_writes=off`;

  run('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  writeFileSync(
    path.join(primaryDir, 'postgresql.auto.conf'),
    'wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\nwal_keep_size = 64MB\n',
  );
  if (owner) chownSync(path.join(primaryDir, 'postgresql.auto.conf'), owner.uid, owner.gid);
  const startPrimary = () =>
    run('pg_ctl', ['-D', primaryDir, '-o', options(primaryPort), '-l', path.join(dir, 'primary.log'), '-w', 'start']);
  const startReplica = () =>
    run('pg_ctl', ['-D', replicaDir, '-o', options(replicaPort), '-l', path.join(dir, 'replica.log'), '-w', 'start']);
  const stop = (dataDir: string) => {
    if (existsSync(path.join(dataDir, 'postmaster.pid')))
      run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
  };

  const close = () => {
    for (const dataDir of [replicaDir, primaryDir]) {
      try {
        stop(dataDir);
      } catch {
        // Stopped already.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    startPrimary();
    const primaryUrl = `postgresql://postgres@127.0.0.1:${primaryPort}/quotes`;
    const admin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${primaryPort}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE quotes');
    await admin.end();
    await migrate(primaryUrl);
    // The backup starts at a checkpoint: one now, rather than waiting for a spread one.
    const client = new pg.Client({ connectionString: primaryUrl });
    await client.connect();
    await client.query('CHECKPOINT');
    await client.end();
    run('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      replicaDir,
      '-R',
      '-X',
      'stream',
      '--no-sync',
    ]);
    startReplica();
    const replicaUrl = `postgresql://postgres@127.0.0.1:${replicaPort}/quotes`;
    return {
      primaryUrl,
      replicaUrl,
      async onReplica<T extends pg.QueryResultRow>(sql: string) {
        const client = new pg.Client({ connectionString: replicaUrl });
        await client.connect();
        try {
          return (await client.query<T>(sql)).rows;
        } finally {
          await client.end();
        }
      },
      stopReplica: () => stop(replicaDir),
      startReplica,
      close,
    };
  } catch (error) {
    close();
    throw error;
  }
}
