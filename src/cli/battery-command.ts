import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../config.js';
import { inProcessApp } from './in-process-app.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { migrate } from '../db/migrate.js';
import { buildClaimBattery } from '../evaluation/claim-battery.js';
import { batteryTable, runClaimBattery, type Verdict } from '../evaluation/run-claim-battery.js';
import type { CliCommand, CliIO } from './command.js';
import { EXIT_FAILURE, EXIT_OK, HELP_OPTION, parseCommandArgs, usageError } from './command.js';

const usage = `Usage: quotes battery DIR [--json] [--limit N] [--misses]

Builds a battery of claims from a BRAT folder (DIR/text/*.txt and
DIR/attributions/<name>_<annotator>.ann): each annotated quote of a named person
as said, retyped, joined up when split by its attribution, with a negation
added or dropped, a number or a name changed, under a stranger's name and under
a namesake's. Ingests the articles into a scratch database (on DATABASE_URL's
server, or the embedded one), verifies every claim through the API, prints the
verdicts per kind and drops the database.

Options:
  --json       print the figures as one JSON object
  --limit N    use only the first N texts in name order (0: all)
  --misses     also print the claims that got the wrong verdict
  -h, --help   show this help
`;

async function withScratchDatabase<T>(io: CliIO, use: (url: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  let adminUrl = config.databaseUrl;
  let stop = async () => undefined as void;
  if (!adminUrl) {
    io.stderr.write(`No DATABASE_URL: starting the embedded Postgres server (data in ${config.embeddedPg.dir}).\n`);
    const server = await startEmbeddedPostgres({ dir: config.embeddedPg.dir, port: config.embeddedPg.port });
    adminUrl = server.adminUrl;
    stop = () => server.stop();
  }
  const name = `quotes_battery_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await admin(`CREATE DATABASE ${name}`);
  try {
    await migrate(url.toString(), { warn: (message) => io.stderr.write(`${message}\n`) });
    return await use(url.toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await stop();
  }
}

export const batteryCommand: CliCommand = {
  name: 'battery',
  summary: 'verify a battery of true and altered claims built from a BRAT folder',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const parsed = parseCommandArgs(this, io, {
      args: argv,
      options: { json: { type: 'boolean' }, limit: { type: 'string' }, misses: { type: 'boolean' }, ...HELP_OPTION },
      allowPositionals: true,
    });
    if (typeof parsed === 'number') return parsed;
    const [dir, ...extra] = parsed.positionals;
    if (dir === undefined || extra.length > 0) return usageError(this, io, 'expected exactly one DIR');
    const limitText = parsed.values.limit ?? '0';
    if (!/^\d+$/.test(limitText.trim()))
      return usageError(this, io, `--limit must be a whole number, not ${limitText}`);

    let battery;
    try {
      battery = await buildClaimBattery(dir, { limit: Number(limitText) });
    } catch (err) {
      io.stderr.write(`quotes battery: cannot read ${dir}: ${(err as Error).message}\n`);
      return EXIT_FAILURE;
    }
    const figures = await withScratchDatabase(io, async (databaseUrl) => {
      const { app, headers } = await inProcessApp('battery', databaseUrl);
      try {
        return await runClaimBattery(battery, {
          async ingest(article) {
            const res = await app.inject({
              method: 'POST',
              url: '/v1/articles',
              headers,
              payload: {
                ...article,
                name: undefined,
                url: `https://battery.example/${encodeURIComponent(article.name)}`,
              },
            });
            if (res.statusCode >= 300) throw new Error(`ingesting ${article.name}: ${res.statusCode} ${res.body}`);
          },
          async verify(claim) {
            const res = await app.inject({ method: 'POST', url: '/v1/verify', headers, payload: claim });
            if (res.statusCode !== 200)
              throw new Error(`verifying ${JSON.stringify(claim)}: ${res.statusCode} ${res.body}`);
            return (res.json() as { verdict: Verdict }).verdict;
          },
        });
      } finally {
        await app.close();
      }
    });
    if (parsed.values.json) io.stdout.write(`${JSON.stringify({ ...figures, misses: undefined })}\n`);
    else io.stdout.write(batteryTable(figures));
    if (parsed.values.misses) {
      for (const m of figures.misses) io.stdout.write(`${JSON.stringify(m)}\n`);
    }
    return EXIT_OK;
  },
};
