import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleArticle } from '../support/fixtures.js';
import { useTestApp } from '../support/app.js';

// REQUEST_TIMEOUT_MS bounds every request: one whose body never arrives (408), and one
// whose handling stalls (here on a database that sleeps inside the quote insert).

const t = useTestApp({ REQUEST_TIMEOUT_MS: '1000' });

beforeAll(async () => {
  await t.app.listen({ host: '127.0.0.1', port: 0 });
});

/** Sends raw bytes and resolves with everything the server sent back before closing. */
function rawExchange(bytes: string): Promise<string> {
  const { port } = t.app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('end', () => resolve(received));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

describe('request timeout', () => {
  it("ends a request whose body never arrives with 408, the client's doing, not a 5xx", async () => {
    for (const framing of [
      'Content-Length: 1000\r\n\r\n{"text": "',
      'Transfer-Encoding: chunked\r\n\r\na\r\n{"text": "\r\n',
    ]) {
      const answer = await rawExchange(
        'POST /v1/extract HTTP/1.1\r\nHost: x\r\n' +
          `Authorization: Bearer ${t.adminKey}\r\nContent-Type: application/json\r\n${framing}`,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer).toMatch(/content-type: application\/problem\+json/i);
      expect(answer).toMatch(/connection: close/i);
      expect(answer).toContain('http://localhost:3000/problems/request-timeout');
    }
  });

  it('answers 503 problem+json when handling takes too long, and the article lands whole or not at all', async () => {
    const prisma = t.app.db.prisma;
    await prisma.$executeRawUnsafe(
      'CREATE FUNCTION slow_quotes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(2); RETURN NULL; END $$',
    );
    await prisma.$executeRawUnsafe(
      'CREATE TRIGGER slow_quotes BEFORE INSERT ON quotes FOR EACH STATEMENT EXECUTE FUNCTION slow_quotes()',
    );
    const article = sampleArticle();
    try {
      const res = await t.api().post('/v1/articles').send(article);
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.type).toBe('http://localhost:3000/problems/service-unavailable');
    } finally {
      // Wait for the abandoned handler's transaction to end, however it ends.
      for (;;) {
        const busy = await prisma.$queryRaw<
          unknown[]
        >`SELECT 1 FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()`;
        if (busy.length === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await prisma.$executeRawUnsafe('DROP TRIGGER slow_quotes ON quotes');
      await prisma.$executeRawUnsafe('DROP FUNCTION slow_quotes');
    }
    const stored = await prisma.article.findFirst({
      where: { url: article.url },
      include: { _count: { select: { quotes: true } } },
    });
    if (stored) expect(stored._count.quotes).toBeGreaterThan(0);
  });
});
