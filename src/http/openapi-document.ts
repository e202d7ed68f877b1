import { stringify } from 'yaml';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';

/**
 * The OpenAPI document as YAML, built from the routes without a database
 * connection (the pool connects lazily and is never used here).
 */
export async function renderOpenApiYaml(): Promise<string> {
  const config = loadConfig({ LOG_LEVEL: 'silent', JOB_WORKERS: '0' });
  const app = await buildApp({ config, databaseUrl: 'postgresql://openapi@127.0.0.1:1/none', logger: false });
  await app.ready();
  try {
    return `# Generated from the routes by \`npm run openapi\`; do not edit by hand.\n${stringify(app.swagger(), { lineWidth: 0, aliasDuplicateObjects: false })}`;
  } finally {
    await app.close();
  }
}
