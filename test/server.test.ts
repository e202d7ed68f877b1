import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/fixtures.js';
import { randomAdminKey } from './support/app.js';
import { useTestDatabase } from './support/database.js';
import { freePort, waitForOutput } from './support/process.js';

// The real server process: on SIGTERM it stops taking connections, finishes the
// requests in flight and exits 0. The request in flight is held open by sending
// its body only after the signal.

const db = useTestDatabase();
let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

describe('SIGTERM', () => {
  it('finishes the request in flight, then exits 0', async () => {
    const port = await freePort();
    const adminKey = randomAdminKey();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: db.url,
        HOST: '127.0.0.1',
        PORT: String(port),
        QUOTES_ADMIN_KEY: adminKey,
        LOG_LEVEL: 'info',
        LOG_PRETTY: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = { text: '' };
    const err = { text: '' };
    child.stderr!.on('data', (c: Buffer) => (err.text += c.toString('utf8')));
    const exited = once(child, 'exit');
    await waitForOutput(child.stdout!, /API docs at/, out);

    // A legitimate, large extraction whose body arrives in two parts.
    const body = Buffer.from(JSON.stringify({ text: '"We will not back down," the mayor said. '.repeat(20_000) }));
    const socket: Socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    let answer = '';
    socket.on('data', (c: Buffer) => (answer += c.toString('utf8')));
    const answered = once(socket, 'close');
    socket.write(
      'POST /v1/extract HTTP/1.1\r\nHost: localhost\r\n' +
        `Authorization: Bearer ${adminKey}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
    );
    socket.write(body.subarray(0, 1000));
    // The server has the request once it invites the rest of the body.
    while (!answer.includes('100 Continue')) await once(socket, 'data');

    child.kill('SIGTERM');
    await waitForOutput(child.stdout!, /finishing requests in flight/, out);
    socket.end(body.subarray(1000));
    await answered;

    const [code] = await exited;
    const final = answer.slice(answer.indexOf('\r\n\r\n') + 4);
    expect(final, err.text).toMatch(/^HTTP\/1\.1 200 /);
    expect(final).toContain('"quotes":[');
    expect(code, `${out.text}\n${err.text}`).toBe(0);
    // New connections are no longer taken.
    const late = connect(port, '127.0.0.1');
    const [outcome] = await Promise.race([
      once(late, 'error').then(([e]) => [(e as NodeJS.ErrnoException).code]),
      once(late, 'connect').then(() => ['connected']),
    ]);
    late.destroy();
    expect(outcome).toBe('ECONNREFUSED');
  });
});
