import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Where a command reads and writes; tests pass their own streams. */
export interface CliIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Exit codes shared by every subcommand. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full usage text printed by `--help`. */
  usage: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Reports a usage error in the same words for every command. */
export function usageError(command: CliCommand, io: CliIO, message: string): number {
  io.stderr.write(`quotes ${command.name}: ${message}\n\n${command.usage}`);
  return EXIT_USAGE;
}

/** The -h/--help option every command takes. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Parses a command's arguments (its options should include HELP_OPTION): the
 * parsed arguments, or the exit code when the command has nothing more to do
 * (help printed, or a usage error reported).
 */
export function parseCommandArgs<const T extends ParseArgsConfig>(
  command: CliCommand,
  io: CliIO,
  config: T,
): ReturnType<typeof parseArgs<T>> | number {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (err) {
    return usageError(command, io, (err as Error).message);
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout.write(command.usage);
    return EXIT_OK;
  }
  return parsed;
}
