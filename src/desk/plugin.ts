import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { securityPolicy } from '../http/security-headers.js';

// The desk: pages for fact-checkers and editors, served by the service at / from
// files of the project (src/desk/index.html and public/) and of npm packages (uPlot), nothing from
// elsewhere. They call the same /v1 API as any client. Their content security
// policy lets the pages load scripts, styles and data from this origin only, and
// no inline script; the API keeps its own policy, which allows nothing.
//
// Assets are served under a path named after their content (/desk/<version>/…),
// so that a browser keeps them for a year without asking again and a new release
// is a new path; the page at / names that path and is checked on every visit
// (ETag, 304 when unchanged). Assets go out compressed. All of this is the desk's
// own: its hooks do not reach the API's routes.

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
const UPLOT_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('uplot')), '..', 'dist');
/** The files of uPlot the pages use. */
const UPLOT_FILES = ['uPlot.iife.min.js', 'uPlot.min.css'];

export const DESK_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    formAction: ["'self'"],
    baseUri: ["'none'"],
    frameAncestors: ["'none'"],
  },
};

/** A short hash of every file the desk serves: the name of this release's asset path. */
function assetVersion(): string {
  const hash = createHash('sha256');
  const files = [
    ...readdirSync(PUBLIC_DIR)
      .sort()
      .map((f) => path.join(PUBLIC_DIR, f)),
    ...UPLOT_FILES.map((f) => path.join(UPLOT_DIR, f)),
  ];
  for (const file of files) hash.update(file.slice(file.lastIndexOf(path.sep))).update(readFileSync(file));
  return hash.digest('hex').slice(0, 12);
}

/** The desk's pages and assets; every route of this plugin answers with the desk's policy. */
export default async function desk(app: FastifyInstance) {
  // After the API's security headers (the root's hooks run first), for this plugin's routes only.
  app.addHook('onRequest', securityPolicy(DESK_POLICY));
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'], threshold: 1024 });

  const version = assetVersion();
  const assets = `/desk/${version}/`;
  const page = readFileSync(path.join(PUBLIC_DIR, '..', 'index.html'), 'utf8').replaceAll('/desk/', assets);
  const etag = `"${createHash('sha256').update(page).digest('hex').slice(0, 16)}"`;

  const forever = { maxAge: '365d', immutable: true };
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: assets, index: false, wildcard: false, ...forever });
  for (const file of UPLOT_FILES) {
    app.get(`${assets}vendor/${file}`, { schema: { hide: true } }, (_request, reply) =>
      reply.sendFile(file, UPLOT_DIR, forever),
    );
  }
  app.get('/', { schema: { hide: true } }, (request, reply) => {
    reply.header('cache-control', 'no-cache').header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('text/html; charset=utf-8').send(page);
  });
}
