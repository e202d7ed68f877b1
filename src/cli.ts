import { main } from './cli/main.js';

// exitCode rather than process.exit() so piped output is flushed first.
process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
