import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { useTestDatabase } from '../support/database.js';
import { sampleArticle } from '../support/fixtures.js';
import { newsPage, usePageServer } from '../support/pages.js';

const db = useTestDatabase();
const pages = usePageServer();
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

async function run(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.resume();
  const code = await main(argv, { stdin: Readable.from([]), stdout, stderr });
  return {
    code,
    lines: Buffer.concat(out)
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  };
}

describe('quotes ingest', () => {
  it('ingests a URL, an HTML file and a text file, one JSON line per input, and fails for an input it cannot read', async () => {
    process.env.DATABASE_URL = db.url;
    process.env.FETCH_ALLOW_PRIVATE = 'true';
    const dir = mkdtempSync(join(tmpdir(), 'ingest-'));
    const [a, b, c] = [sampleArticle(), sampleArticle(), sampleArticle()];
    const paragraphs = (body: string) => body.split('\n\n');
    pages().page('/cli-story', newsPage({ headline: a.title, paragraphs: paragraphs(a.body) }));
    writeFileSync(join(dir, 'page.html'), newsPage({ headline: b.title, paragraphs: paragraphs(b.body) }));
    writeFileSync(join(dir, 'story.txt'), `${c.title}\n\n${c.body}`);
    const inputs = [
      `${pages().url}/cli-story`,
      join(dir, 'page.html'),
      join(dir, 'story.txt'),
      join(dir, 'missing.txt'),
    ];
    const { code, lines } = await run(['ingest', ...inputs]);
    expect(code).toBe(1);
    expect(lines.map((l) => [l.input, l.status])).toEqual([
      [inputs[0], 201],
      [inputs[1], 201],
      [inputs[2], 201],
      [inputs[3], 0],
    ]);
    expect(lines.map((l) => l.title).slice(0, 3)).toEqual([a.title, b.title, c.title]);
    expect(lines[0].quotes).toBeGreaterThan(0);
    const again = await run(['ingest', `${pages().url}/cli-story`]);
    expect(again).toMatchObject({ code: 0, lines: [{ status: 200, id: lines[0].id }] });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      expect((await client.query('SELECT count(*)::int AS n FROM articles')).rows[0].n).toBe(3);
    } finally {
      await client.end();
    }
  });
});
