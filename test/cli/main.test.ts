import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { extractQuotes } from '../../src/extraction/index.js';
import { presentExtractedQuote } from '../../src/extraction/present.js';
import { ann, writeBratFolder } from '../support/brat.js';

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], stdin = ''): Promise<RunResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await main(argv, { stdin: Readable.from([Buffer.from(stdin)]), stdout, stderr });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

const jsonLines = (s: string): { file: string; quotes: unknown[] }[] =>
  s
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { file: string; quotes: unknown[] });

/** What the command must print for a text: the engine's quotes in their public shape. */
const expectedQuotes = (text: string): unknown[] => extractQuotes(text).quotes.map(presentExtractedQuote);

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'quotes-cli-'));

const ARTICLE = 'Ann Lee said: "We will win the vote." Bob Stone disagreed.\n"It is close," he said.\n';

describe('quotes extract', () => {
  it('prints one JSON line per file, with the path as given', async () => {
    const dir = tempDir();
    const first = join(dir, 'first.txt');
    const second = join(dir, 'second.txt');
    writeFileSync(first, ARTICLE);
    writeFileSync(second, 'No quotes here.\n');
    const r = await run(['extract', first, second]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(jsonLines(r.stdout)).toEqual([
      { file: first, quotes: expectedQuotes(ARTICLE) },
      { file: second, quotes: expectedQuotes('No quotes here.\n') },
    ]);
  });

  it('gives offsets that index the file text', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.txt');
    writeFileSync(file, ARTICLE);
    const [line] = jsonLines((await run(['extract', file])).stdout);
    for (const q of line!.quotes as { text: string; start: number; end: number }[]) {
      expect(ARTICLE.slice(q.start, q.end)).toBe(q.text);
    }
  });

  it('reports a missing file, carries on with the others, and exits 1', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.txt');
    writeFileSync(file, ARTICLE);
    const missing = join(dir, 'missing.txt');
    const r = await run(['extract', missing, file, dir]);
    expect(r.code).toBe(1);
    expect(jsonLines(r.stdout).map((l) => l.file)).toEqual([file]);
    expect(r.stderr).toContain(`cannot read ${missing}: no such file`);
    expect(r.stderr).toContain(`cannot read ${dir}: is a directory`);
  });

  it('refuses a file that is not UTF-8, as the scorer would', async () => {
    const dir = tempDir();
    const file = join(dir, 'latin1.txt');
    writeFileSync(file, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const r = await run(['extract', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('not valid UTF-8');
  });

  it('reads standard input for -', async () => {
    const r = await run(['extract', '-'], ARTICLE);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)).toEqual([{ file: '-', quotes: expectedQuotes(ARTICLE) }]);
  });

  it('keeps a byte order mark and reads line endings as Python does', async () => {
    const dir = tempDir();
    const bom = join(dir, 'bom.txt');
    const crlf = join(dir, 'crlf.txt');
    writeFileSync(bom, `\ufeff${ARTICLE}`);
    writeFileSync(crlf, ARTICLE.replaceAll('\n', '\r\n') + 'Old Mac line.\rEnd.');
    const [bomLine, crlfLine] = jsonLines((await run(['extract', bom, crlf])).stdout);
    expect(bomLine!.quotes).toEqual(expectedQuotes(`\ufeff${ARTICLE}`));
    expect(crlfLine!.quotes).toEqual(expectedQuotes(`${ARTICLE}Old Mac line.\nEnd.`));
  });

  it('passes --authors to the engine', async () => {
    const text = 'By Ann Lee\n"We will win," said Bob Stone.\n';
    const r = await run(['extract', '--authors', 'Ann Lee, Kim Park', '-'], text);
    expect(r.code).toBe(0);
    const expected = extractQuotes(text, { authors: ['Ann Lee', 'Kim Park'] }).quotes.map(presentExtractedQuote);
    expect(jsonLines(r.stdout)[0]!.quotes).toEqual(expected);
  });

  it('escapes the line separators that split a line for Python', async () => {
    const text = '"One\u2028two\u0085three" she said.';
    const r = await run(['extract', '-'], text);
    expect(r.stdout.split('\n')).toHaveLength(2);
    expect(r.stdout).not.toMatch(/[\u2028\u2029\u0085]/);
    expect(jsonLines(r.stdout)[0]!.quotes).toEqual(expectedQuotes(text));
  });

  it('prints usage for --help and a usage error without files', async () => {
    const help = await run(['extract', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: quotes extract/);
    const none = await run(['extract']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no file given');
    const unknown = await run(['extract', '--nope', 'x.txt']);
    expect(unknown.code).toBe(2);
  });
});

describe('quotes', () => {
  it('lists its commands and rejects unknown ones', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/extract/);
    expect(help.stdout).toMatch(/eval/);
    const unknown = await run(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});

describe('quotes eval', () => {
  const dir = writeBratFolder(
    { a: ARTICLE },
    {
      'a_x.ann': ann(
        ['T1', 'Source 0 7', 'Ann Lee'],
        ['T2', 'Content 14 37', '"We will win the vote."'],
        ['E1', 'Content:T2 Source:T1'],
      ),
    },
  );

  it('prints the figures as JSON with the script keys', async () => {
    const r = await run(['eval', dir, '--json']);
    expect(r.code).toBe(0);
    const figures = JSON.parse(r.stdout) as Record<string, number>;
    expect(Object.keys(figures)).toEqual([
      'files',
      'gold_attributions',
      'gold_quoted',
      'predicted',
      'precision',
      'quoted_recall',
      'speaker_accuracy',
      'unquoted_recall',
      'e2e_quoted_f1',
      'missing_files',
      'bad_offsets',
    ]);
    expect(figures).toMatchObject({ files: 1, gold_attributions: 1, gold_quoted: 1, missing_files: 0 });
    expect(figures['predicted']).toBe(expectedQuotes(ARTICLE).length);
  });

  it('prints a table by default and checks its arguments', async () => {
    const table = await run(['eval', dir]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^files {14}1\n/);
    expect(table.stdout).toMatch(/\nprecision \d\.\d{3} {2}quoted_recall/);
    expect((await run(['eval', dir, '--limit', 'many'])).code).toBe(2);
    expect((await run(['eval'])).code).toBe(2);
    const missing = await run(['eval', join(dir, 'nope')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope');
  });

  it('prints per sieve how many quotes it decided, their precision and speaker accuracy', async () => {
    const text = 'Ann Lee said: "We will win the vote."\nThe mayor said the bridge would reopen in May.\n';
    const span = (part: string): string => `${text.indexOf(part)} ${text.indexOf(part) + part.length}`;
    const folder = writeBratFolder(
      { b: text },
      {
        'b_x.ann': ann(
          ['T1', `Source ${span('Ann Lee')}`, 'Ann Lee'],
          ['T2', `Content ${span('"We will win the vote."')}`, '"We will win the vote."'],
          ['E1', 'Content:T2 Source:T1'],
          ['T3', `Source ${span('The mayor')}`, 'The mayor'],
          ['T4', `Content ${span('the bridge would reopen in May')}`, 'the bridge would reopen in May'],
          ['E2', 'Content:T4 Source:T3'],
        ),
      },
    );
    const r = await run(['eval', folder, '--by-sieve']);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n\n')[1]!.trim().split('\n');
    expect(rows[0]).toMatch(/^sieve +quotes +precision +speaker$/);
    const sieves = expectedQuotes(text).map((q) => (q as { sieve: string }).sieve);
    expect(sieves).toContain('reported-bare');
    expect(rows.slice(1)).toHaveLength(new Set(sieves).size);
    expect(rows).toContainEqual(expect.stringMatching(/^reported-bare +1 +1\.000 +1\.000$/));
    const unscored = await run(['eval', folder]);
    expect(unscored.stdout).not.toContain('reported-bare');
  });
});
