import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp, loggerOptions } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { migrate } from './db/migrate.js';
import { resolveDatabase } from './db/resolve.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = pino(loggerOptions(config) as pino.LoggerOptions);

  const database = await resolveDatabase(config, (message) => log.info(message));
  log.info(`Database: ${database.description}`);
  const report = await migrate(database.url, { warn: (message) => log.warn(message) });
  if (report.applied.length > 0) log.info({ migrations: report.applied }, 'applied migrations');

  const app = await buildApp({ config, databaseUrl: database.url });

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down: finishing requests in flight');
    await app.close();
    await database.stop();
  });

  await app.listen({ host: config.host, port: config.port });
  app.log.info(`API docs at ${config.baseUrl}/docs (OpenAPI document at ${config.baseUrl}/openapi.json)`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The service could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
