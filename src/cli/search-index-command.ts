import { loadConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import { resolveDatabase } from '../db/resolve.js';
import { buildSearchIndex, SearchIndexError } from '../quotes/search-index.js';
import type { CliCommand, CliIO } from './command.js';
import { EXIT_FAILURE, EXIT_OK, HELP_OPTION, parseCommandArgs, usageError } from './command.js';

const usage = `Usage: quotes search-index rum|gin

Builds the quotes' full-text index as RUM or GIN in place of the other, while the
service keeps running (README, "Search at scale"). GIN, which the migrations
build, takes new quotes in bulk; RUM hands ranked search its best matches in order
but costs more on every quote stored. RUM needs the rum extension on the database
server (Debian and PGDG: postgresql-NN-rum). Run it with the environment of the
service (DATABASE_URL, EMBEDDED_PG_DIR).

Options:
  -h, --help  show this help
`;

export const searchIndexCommand: CliCommand = {
  name: 'search-index',
  summary: "build the quotes' search index as RUM or GIN, in place of the other",
  usage,
  run: (argv, io) => runSearchIndexCommand(argv, io),
};

/** The command, with the environment it reads as the service does (tests pass their own). */
export async function runSearchIndexCommand(
  argv: string[],
  io: CliIO,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const command = searchIndexCommand;
  const parsed = parseCommandArgs(command, io, { args: argv, options: { ...HELP_OPTION }, allowPositionals: true });
  if (typeof parsed === 'number') return parsed;
  const [target, ...extra] = parsed.positionals;
  if ((target !== 'rum' && target !== 'gin') || extra.length > 0) return usageError(command, io, 'say rum or gin');
  const say = (message: string) => io.stderr.write(`${message}\n`);
  const database = await resolveDatabase(loadConfig(env), say);
  try {
    await migrate(database.url, { warn: say });
    const built = await buildSearchIndex(database.url, target, say);
    if (!built) say(`the quotes' search index is already ${target.toUpperCase()} in ${database.description}`);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof SearchIndexError)) throw error;
    say(`quotes search-index: ${error.message}`);
    return EXIT_FAILURE;
  } finally {
    await database.stop();
  }
}
