import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNREAD_BODY_DRAIN_BYTES, UNREAD_BODY_DRAIN_MS, UNREAD_BODY_IDLE_MS } from '../../src/http/request-limits.js';
import { startTestApp, type TestApp } from '../support/app.js';

// A client that sends a body over the limit reads its 413, whether it declared the
// length or streamed the body in chunks: the service reads and discards the rest of
// the body (up to a bound) before it closes, so the client never meets a broken pipe.

const LIMIT = 64 * 1024;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ BODY_LIMIT_BYTES: String(LIMIT) });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await t?.close();
});

interface Outcome {
  status?: number;
  body?: string;
  error?: string;
}

/**
 * Sends a request with `size` bytes of JSON body to `path` as simple clients do
 * (curl, Python's requests): the whole body first, and only then the answer is
 * read. A write that fails is the broken pipe such a client reports.
 */
function sendOversized(
  path: string,
  size: number,
  { chunked = false, key = t.adminKey, contentType = 'application/json' } = {},
): Promise<Outcome> {
  const { port } = t.app.server.address() as AddressInfo;
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.pause();
    let received = '';
    let failure: string | undefined;
    socket.on('error', (err: NodeJS.ErrnoException) => (failure ??= `${err.code ?? ''} ${err.message}`));
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received)?.[1];
      const body = received.split('\r\n\r\n').slice(1).join('\r\n\r\n');
      resolve({ status: status ? Number(status) : undefined, body, error: failure });
    });
    const head = [
      `POST ${path} HTTP/1.1`,
      'host: 127.0.0.1',
      `authorization: Bearer ${key}`,
      `content-type: ${contentType}`,
      chunked ? 'transfer-encoding: chunked' : `content-length: ${size}`,
      'connection: close',
      '',
      '',
    ].join('\r\n');
    const piece = Buffer.alloc(64 * 1024, 'a');
    const frame = (data: Buffer) =>
      chunked ? Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]) : data;
    let sent = 0;
    const write = (): void => {
      while (sent < size && failure === undefined) {
        const data = piece.subarray(0, Math.min(piece.length, size - sent));
        sent += data.length;
        if (!socket.write(frame(data))) {
          socket.once('drain', write);
          return;
        }
      }
      if (chunked && failure === undefined) socket.write('0\r\n\r\n');
      // Only now does the client read the answer.
      socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
      socket.resume();
    };
    socket.once('connect', () => {
      socket.write(head);
      write();
    });
  });
}

describe('a body over the limit', () => {
  it.each([
    ['declared with Content-Length', false],
    ['sent in chunks', true],
  ])('gets its 413 problem, %s, every time', async (_name, chunked) => {
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 12; i++) outcomes.push(await sendOversized('/v1/extract', 4 * 1024 * 1024, { chunked }));
    for (const outcome of outcomes) {
      expect(outcome.error, JSON.stringify(outcome)).toBeUndefined();
      expect(outcome.status).toBe(413);
      expect(outcome.body).toContain('payload-too-large');
    }
  });

  it('gets its 401 when the key is wrong, before the body is read', async () => {
    const outcome = await sendOversized('/v1/extract', 4 * 1024 * 1024, { key: 'not-a-key-of-this-service' });
    expect(outcome.error, JSON.stringify(outcome)).toBeUndefined();
    expect(outcome.status).toBe(401);
  });

  it('gets its 415 when the media type is not accepted', async () => {
    const outcome = await sendOversized('/v1/extract', 4 * 1024 * 1024, { contentType: 'application/x-unknown' });
    expect(outcome.error, JSON.stringify(outcome)).toBeUndefined();
    expect(outcome.status).toBe(415);
  });

  it('is read no further than the bound, and the service goes on answering', async () => {
    const started = Date.now();
    const outcome = await sendOversized('/v1/extract', UNREAD_BODY_DRAIN_BYTES * 3);
    // The client may or may not read the answer past the bound; the connection ends either way.
    expect(outcome.status === 413 || outcome.error !== undefined, JSON.stringify(outcome)).toBe(true);
    expect(Date.now() - started).toBeLessThan(UNREAD_BODY_DRAIN_MS + 5_000);
    await t.api().get('/health/live').expect(200);
  });

  it('is not waited for when the client stops sending it', async () => {
    const { port } = t.app.server.address() as AddressInfo;
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.write(
          `POST /v1/extract HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${t.adminKey}\r\n` +
            `content-type: application/json\r\ncontent-length: ${4 * 1024 * 1024}\r\n\r\n`,
        );
        socket.write(Buffer.alloc(256 * 1024, 'a'));
      });
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
      socket.on('close', () => resolve(received));
      socket.on('error', () => undefined);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(Date.now() - started).toBeLessThan(UNREAD_BODY_IDLE_MS + 3_000);
  });
});
