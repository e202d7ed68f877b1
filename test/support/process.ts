// For tests that run the service, or the embedded Postgres server, as real processes.

export { freePort } from '../../bench/processes.js';

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
