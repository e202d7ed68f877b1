// Runs `prisma generate` without network access.
// The Prisma CLI insists on locating a schema-engine binary before it generates,
// although generation never runs it; the binary cannot be downloaded on machines
// that only reach the npm registry. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any
// executable satisfies the check. Migrations are applied by the service itself.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
const result = spawnSync(process.execPath, [cli, 'generate', '--schema', 'prisma/schema.prisma'], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
