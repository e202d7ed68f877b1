import { evaluateCorpus } from '../evaluation/evaluate-corpus.js';
import { figuresAsJson, figuresAsTable, sievesAsTable } from '../evaluation/report.js';
import { figuresOf, ratiosOf, type SieveTotals } from '../evaluation/score.js';
import type { CliCommand, CliIO } from './command.js';
import { EXIT_FAILURE, EXIT_OK, HELP_OPTION, parseCommandArgs, usageError } from './command.js';

const usage = `Usage: quotes eval DIR [--json] [--limit N] [--by-sieve]

Scores the extraction engine on a BRAT folder (DIR/text/*.txt and
DIR/attributions/<name>_<annotator>.ann) and prints the same figures, in the same
format, as shared/eval/score_attributions.py.

Options:
  --json       print the figures as one JSON object
  --limit N    score only the first N texts in name order (0: all)
  --by-sieve   then print, per attribution rule in the engine's order, how many
               quotes it decided, their precision and their speaker accuracy
  -h, --help   show this help
`;

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'score the engine on a BRAT attribution folder',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const parsed = parseCommandArgs(this, io, {
      args: argv,
      options: {
        json: { type: 'boolean' },
        limit: { type: 'string' },
        'by-sieve': { type: 'boolean' },
        ...HELP_OPTION,
      },
      allowPositionals: true,
    });
    if (typeof parsed === 'number') return parsed;
    const [dir, ...extra] = parsed.positionals;
    if (dir === undefined || extra.length > 0) return usageError(this, io, 'expected exactly one DIR');
    const limitText = parsed.values.limit ?? '0';
    if (!/^[+-]?\d+$/.test(limitText.trim()))
      return usageError(this, io, `--limit must be an integer, not ${limitText}`);
    const limit = Number(limitText);

    const bySieve: SieveTotals | undefined = parsed.values['by-sieve'] ? new Map() : undefined;
    let totals;
    try {
      totals = await evaluateCorpus(dir, limit, bySieve);
    } catch (err) {
      io.stderr.write(`quotes eval: ${(err as Error).message}\n`);
      return EXIT_FAILURE;
    }
    const figures = figuresOf(totals);
    io.stdout.write(parsed.values.json ? figuresAsJson(figures) : figuresAsTable(figures, ratiosOf(totals)));
    if (bySieve) io.stdout.write(`\n${sievesAsTable(bySieve)}`);
    return EXIT_OK;
  },
};
