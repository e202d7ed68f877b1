import { runKeysCommand } from './cli.js';

// Entry of `npm run keys`, until the `keys` subcommand joins src/cli.ts.
process.exitCode = await runKeysCommand(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
