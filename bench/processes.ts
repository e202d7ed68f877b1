import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';

// The processes a benchmark runs (the service as `npm start` runs it, the baseline)
// and what it reads of them.

const ROOT = path.resolve(import.meta.dirname, '..');

export const BENCH_KEY = `bench-${randomBytes(24).toString('base64url')}`;
export const AUTH = { authorization: `Bearer ${BENCH_KEY}` };
/** How every bench runs the service: a quiet log, the bench's key, and no rate limit in the load's way. */
export const SERVICE_ENV = {
  LOG_LEVEL: 'warn',
  LOG_PRETTY: 'false',
  QUOTES_ADMIN_KEY: BENCH_KEY,
  RATE_LIMIT_MAX: '1000000000',
} as const;

/** The service starts as `npm start` starts it: with the Node flags of package.json's start script. */
const START_FLAGS = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start
  .split(/\s+/)
  .filter((arg, i, args) => arg.startsWith('--max-') && args.indexOf('--import') > i);

/**
/**
 * Starts a script as `npm start` starts the service; `nodeFlags` are more flags for
 * Node (`--cpu-prof` and its directory, for a profile written when the process exits).
 * Its errors (stderr) go to this process's, or with 'pipe' its log and errors are
 * the child's `stdout` and `stderr` streams.
 */
export function start(
  script: string,
  env: Record<string, string>,
  nodeFlags: string[] = [],
  output: 'inherit' | 'pipe' = 'inherit',
): ChildProcess {
  const child = spawn(process.execPath, [...START_FLAGS, ...nodeFlags, '--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: output === 'pipe' ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

/** Ends a started process with SIGTERM (the service closes gracefully) and waits until it has exited. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

export async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** CPU time a process has used so far (user and system, all its threads), in milliseconds; 0 when it is gone. */
export function cpuMs(pid: number): number {
  try {
    // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses; in clock ticks of 10 ms.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** The machine's CPU time so far, busy and in all, in clock ticks (the first line of /proc/stat). */
export function machineTicks(): { busy: number; total: number } {
  try {
    const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = ticks.reduce((a, b) => a + b, 0);
    // idle and iowait are the fourth and fifth numbers.
    return { busy: total - ticks[3]! - ticks[4]!, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/**
 * The local ports of a process's TCP connections to `remotePort` (its database
 * pool's, for Postgres's port), from its socket descriptors and /proc/net/tcp{,6}.
 */
export function connectionPorts(pid: number, remotePort: number): number[] {
  const sockets = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode) sockets.add(inode);
    } catch {
      // closed meanwhile
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || !sockets.has(fields[9]!)) continue;
      const port = (address: string) => parseInt(address.split(':').pop()!, 16);
      if (port(fields[2]!) === remotePort) ports.push(port(fields[1]!));
    }
  }
  return ports;
}

export const cycle = <T>(xs: T[]) => {
  let i = 0;
  return () => xs[i++ % xs.length]!;
};

/** A TCP port nothing listens on at the moment. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  return port;
}
