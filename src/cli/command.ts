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
