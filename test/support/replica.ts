import path from 'node:path';
import { expect } from 'vitest';
import { findPostgresBinaries } from '../../bench/postgres-cluster.js';
import { REPO_ROOT } from './fixtures.js';

export { startReplicatedCluster, type ReplicatedCluster } from '../../bench/postgres-cluster.js';

/** The directory of PostgreSQL's server binaries, or null after printing one line saying what is missing. */
export function postgresBinaries(tests: string): string | null {
  const found = findPostgresBinaries();
  if (found) return found;
  const testFile = expect.getState().testPath;
  const where = testFile ? `${path.relative(REPO_ROOT, testFile)}: ` : '';
  process.stderr.write(
    `${where}skipping ${tests}: no PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) under /usr/lib/postgresql\n`,
  );
  return null;
}
