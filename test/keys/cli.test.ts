import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/fixtures.js';
import { freePort, waitForOutput } from '../support/process.js';

// `npm run keys` and `npm start` with the same environment use the same database.
// Here the environment names no DATABASE_URL, as on a newcomer's machine: both
// use the embedded server with its data in EMBEDDED_PG_DIR, whichever starts it.

const processes: ChildProcess[] = [];
let dataDir: string | undefined;

afterAll(async () => {
  for (const child of processes) if (child.exitCode === null) child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function environment(): Promise<Record<string, string>> {
  dataDir = await mkdtemp(path.join(tmpdir(), 'quotes-keys-'));
  // Run as root, the server drops to a `postgres` user, which must reach the data directory.
  await chmod(dataDir, 0o755);
  return {
    PATH: process.env.PATH ?? '',
    EMBEDDED_PG_DIR: path.join(dataDir, 'postgres'),
    EMBEDDED_PG_PORT: String(await freePort()),
    LOG_PRETTY: 'false',
  };
}

/** `npm run keys -- ARGS`, as its script runs it. */
async function keys(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'keys', ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  processes.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const [code] = await once(child, 'exit');
  return { code: code as number, stdout, stderr };
}

/** `npm start`: resolves once it listens, with what it logged so far. */
async function startService(env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: REPO_ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  processes.push(child);
  const out = { text: '' };
  await waitForOutput(child.stdout!, /API docs at/, out);
  const get = (key?: string) =>
    fetch(`http://127.0.0.1:${port}/v1/articles`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  const stop = async () => {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  return { log: out.text, get, stop };
}

describe('the keys command with the environment of the service', () => {
  it('creates keys in the database the service uses, started by either, and says which', async () => {
    const env = await environment();

    // Before the service has ever run: the command starts the embedded server itself.
    const first = await keys(['create', '--scopes', 'read', '--name', 'before the service'], env);
    expect(first.code, first.stderr).toBe(0);
    const firstKey = first.stdout.trim();
    const database = `postgresql://postgres@127.0.0.1:${env.EMBEDDED_PG_PORT}/quotes (the embedded server, data in ${env.EMBEDDED_PG_DIR})`;
    expect(first.stderr).toContain(`in the database ${database}.`);
    expect(first.stderr).not.toContain(':postgres@');

    const service = await startService(env);
    try {
      expect(service.log).toContain(`"msg":"Database: ${database}"`);
      expect((await service.get(firstKey)).status).toBe(200);
      const refused = await service.get();
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { detail: string }).detail).toContain('npm run --silent keys -- create');

      // While the service runs: the command uses the embedded server the service started.
      const second = await keys(['create', '--scopes', 'read'], env);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).toContain(`in the database ${database}.`);
      expect((await service.get(second.stdout.trim())).status).toBe(200);

      const listed = await keys(['list'], env);
      expect(listed.stdout.trim().split('\n')).toHaveLength(2);
      expect(listed.stderr).toContain(`2 keys in the database ${database}.`);
      const { id } = JSON.parse(listed.stdout.trim().split('\n').at(-1)!);
      const revoked = await keys(['revoke', id], env);
      expect(revoked.code, revoked.stderr).toBe(0);
      expect((await service.get(firstKey)).status).toBe(401);
      expect((await service.get(second.stdout.trim())).status).toBe(200);
    } finally {
      await service.stop();
    }
  }, 180_000);
});
