import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/fixtures.js';

describe('loading embedded Postgres', () => {
  it('keeps the exit code of the process that loads it', () => {
    const script = `
      import { loadEmbeddedPostgres } from ${JSON.stringify(path.join(REPO_ROOT, 'src/db/embedded.ts'))};
      await loadEmbeddedPostgres();
      process.exitCode = 3;
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(3);
  });
});
