import { batteryCommand } from './battery-command.js';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from './command.js';
import { evalCommand } from './eval-command.js';
import { extractCommand } from './extract-command.js';
import { ingestCommand } from './ingest-command.js';
import { keysCommand } from './keys-command.js';
import { searchIndexCommand } from './search-index-command.js';

/** Every subcommand of `quotes`; a new one only needs an entry here. */
export const COMMANDS: readonly CliCommand[] = [
  extractCommand,
  evalCommand,
  batteryCommand,
  keysCommand,
  ingestCommand,
  searchIndexCommand,
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: quotes <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "quotes <command> --help" for a command's options.\n`;
}

/** Runs `quotes <command> ...argv` and resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(overview());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`quotes: unknown command ${JSON.stringify(name)}\n\n${overview()}`);
    return EXIT_USAGE;
  }
  return command.run(rest, io);
}
