import { KEYS_USAGE, runKeysCommand } from '../keys/cli.js';
import type { CliCommand } from './command.js';

export const keysCommand: CliCommand = {
  name: 'keys',
  summary: 'create, list and revoke API keys in the service database',
  usage: KEYS_USAGE,
  run: (argv, io) => runKeysCommand(argv, io),
};
