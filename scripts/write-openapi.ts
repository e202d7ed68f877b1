import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderOpenApiYaml } from '../src/http/openapi-document.js';

const target = path.resolve(import.meta.dirname, '../openapi.yaml');
await writeFile(target, await renderOpenApiYaml());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
