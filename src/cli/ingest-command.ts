import { readFile } from 'node:fs/promises';
import { migrate } from '../db/migrate.js';
import { resolveDatabase } from '../db/resolve.js';
import {
  EXIT_FAILURE,
  EXIT_OK,
  HELP_OPTION,
  parseCommandArgs,
  usageError,
  type CliCommand,
  type CliIO,
} from './command.js';
import { inProcessApp, inProcessConfig } from './in-process-app.js';
import { toJsonLine } from './json-line.js';

const USAGE = `Usage: quotes ingest URL|FILE.html|FILE.txt ...

Ingests each input into the service database, as POST /v1/articles would: a URL is
fetched (within the FETCH_* limits), an .html or .htm file is read as a page, any
other file as plain text whose first line is its title. On a terminal a progress
bar shows how far it got; otherwise it prints one JSON line per input, in order:
{"input", "status", "id", "title", "quotes"} or {"input", "status", "error"}.
The exit code is 1 when an input could not be ingested.

Options:
  -h, --help   show this help
`;

/** The request an input stands for: a URL to fetch, a page, or a text. */
async function requestOf(input: string): Promise<{ contentType: string; payload: string }> {
  if (/^https?:\/\//i.test(input)) return { contentType: 'application/json', payload: JSON.stringify({ url: input }) };
  const content = await readFile(input, 'utf8');
  return /\.x?html?$/i.test(input)
    ? { contentType: 'application/json', payload: JSON.stringify({ html: content }) }
    : { contentType: 'text/plain; charset=utf-8', payload: content };
}

function progressBar(done: number, total: number, failed: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}${failed ? ` (${failed} failed)` : ''}`;
}

export const ingestCommand: CliCommand = {
  name: 'ingest',
  summary: 'ingest articles from URLs, HTML files and text files',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    const parsed = parseCommandArgs(this, io, { args: argv, options: HELP_OPTION, allowPositionals: true });
    if (typeof parsed === 'number') return parsed;
    const inputs = parsed.positionals;
    if (inputs.length === 0) return usageError(this, io, 'name at least one URL or file');
    const tty = Boolean((io.stdout as NodeJS.WriteStream).isTTY);
    const { config } = inProcessConfig('ingest');
    const database = await resolveDatabase(config, (message) => io.stderr.write(`${message}\n`));
    let failed = 0;
    try {
      await migrate(database.url, { warn: (message) => io.stderr.write(`${message}\n`) });
      const { app, headers } = await inProcessApp('ingest', database.url);
      try {
        for (const [i, input] of inputs.entries()) {
          let line: Record<string, unknown>;
          try {
            const { contentType, payload } = await requestOf(input);
            const res = await app.inject({
              method: 'POST',
              url: '/v1/articles',
              headers: { ...headers, 'content-type': contentType },
              payload,
            });
            const body = res.json();
            line =
              res.statusCode < 300
                ? { input, status: res.statusCode, id: body.id, title: body.title, quotes: body.quotes.length }
                : { input, status: res.statusCode, error: body };
          } catch (error) {
            line = { input, status: 0, error: { detail: (error as Error).message } };
          }
          if (Number(line.status) < 200 || Number(line.status) >= 300) failed++;
          if (tty) io.stderr.write(progressBar(i + 1, inputs.length, failed));
          else io.stdout.write(toJsonLine(line));
        }
        if (tty) io.stderr.write('\n');
      } finally {
        await app.close();
      }
    } finally {
      await database.stop();
    }
    return failed > 0 ? EXIT_FAILURE : EXIT_OK;
  },
};
