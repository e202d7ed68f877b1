import { extractQuotes } from '../extraction/index.js';
import { presentExtractedQuote } from '../extraction/present.js';
import { TextFileError, decodeTextLikePython, readTextFileLikePython } from '../text/text-file.js';
import type { CliCommand, CliIO } from './command.js';
import { EXIT_FAILURE, EXIT_OK, HELP_OPTION, parseCommandArgs, usageError } from './command.js';
import { toJsonLine } from './json-line.js';

const usage = `Usage: quotes extract [--authors "A,B"] FILE...

Prints one JSON line per file: {"file": FILE, "quotes": [...]}. Quote offsets are
UTF-16 offsets into the file's text as Python's open(encoding='utf-8') reads it:
strict UTF-8, a byte order mark kept as U+FEFF, \\r\\n and \\r read as \\n.
A FILE of - reads standard input. A file that cannot be read is reported on
standard error and the others are still processed; the exit code is then 1.

Options:
  --authors "A,B"  the article authors, comma separated (never taken as speakers)
  -h, --help       show this help
`;

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

export const extractCommand: CliCommand = {
  name: 'extract',
  summary: 'print the quotes of text files as JSON lines',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const parsed = parseCommandArgs(this, io, {
      args: argv,
      options: { authors: { type: 'string' }, ...HELP_OPTION },
      allowPositionals: true,
    });
    if (typeof parsed === 'number') return parsed;
    if (parsed.positionals.length === 0) return usageError(this, io, 'no file given');
    const authors = parsed.values.authors
      ?.split(',')
      .map((a) => a.trim())
      .filter((a) => a !== '');

    let stdinText: Promise<string> | undefined;
    const readText = (file: string): Promise<string> =>
      file === '-' ? (stdinText ??= readAll(io.stdin).then(decodeTextLikePython)) : readTextFileLikePython(file);

    let exitCode = EXIT_OK;
    for (const file of parsed.positionals) {
      let text: string;
      try {
        text = await readText(file);
      } catch (err) {
        const reason = err instanceof TextFileError ? err.message : String(err);
        io.stderr.write(`quotes extract: cannot read ${file}: ${reason}\n`);
        exitCode = EXIT_FAILURE;
        continue;
      }
      let quotes;
      try {
        quotes = extractQuotes(text, authors ? { authors } : {}).quotes.map(presentExtractedQuote);
      } catch (err) {
        io.stderr.write(`quotes extract: extraction failed on ${file}: ${(err as Error).stack ?? String(err)}\n`);
        exitCode = EXIT_FAILURE;
        continue;
      }
      io.stdout.write(toJsonLine({ file, quotes }));
    }
    return exitCode;
  },
};
