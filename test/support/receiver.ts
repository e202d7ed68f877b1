import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { forAllTests } from './lifecycle.js';

// A local webhook receiver: it keeps every request it gets, and answers each path
// with the statuses a test scripts (200 once the script runs out), or not at all.

export interface ReceivedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

export interface Receiver {
  url: string;
  /** The requests to `path`, in the order they came. */
  received(path: string): ReceivedRequest[];
  /** Answers the next requests to `path` with these statuses (0: no answer at all), then 200. */
  script(path: string, statuses: number[]): void;
  /** Resolves with the requests to `path` once there are `count` of them; rejects after `ms`. */
  waitFor(path: string, count: number, ms?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const scripts = new Map<string, number[]>();
  const waiters = new Set<() => void>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = (request.url ?? '/').split('?')[0]!;
      requests.push({
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      });
      const status = scripts.get(path)?.shift() ?? 200;
      if (status !== 0)
        response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const received = (path: string) => requests.filter((r) => r.path === path);
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    script: (path, statuses) => scripts.set(path, [...statuses]),
    waitFor: (path, count, ms = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (received(path).length < count) return;
          cleanup();
          resolve(received(path));
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${path} got ${received(path).length} requests, not ${count}, within ${ms} ms`));
        }, ms);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A receiver for the tests of this file, started before them and closed after. */
export function useReceiver(): () => Receiver {
  return forAllTests('useReceiver()', startReceiver, (r) => r.close());
}
