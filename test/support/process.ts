import { once } from 'node:events';
import { createServer } from 'node:net';

// For tests that run the service, or the embedded Postgres server, as real processes.

/** A TCP port nothing listens on at the moment. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  return port;
}

/** Resolves once what `stream` wrote (gathered in `seen.text`) matches `pattern`. */
export function waitForOutput(stream: NodeJS.ReadableStream, pattern: RegExp, seen: { text: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (pattern.test(seen.text)) {
        stream.off('data', onData);
        resolve();
      }
    };
    const onData = (chunk: Buffer) => {
      seen.text += chunk.toString('utf8');
      check();
    };
    stream.on('data', onData);
    stream.once('end', () => reject(new Error(`output ended before ${pattern}:\n${seen.text}`)));
    check();
  });
}
