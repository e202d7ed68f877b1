import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

// The desk: pages for fact-checkers and editors, served by the service at / from
// files of the project (src/desk/public) and of npm packages (uPlot), nothing from
// elsewhere. They call the same /v1 API as any client. Their content security
// policy lets the pages load scripts, styles and data from this origin only, and
// no inline script; the API keeps its own policy, which allows nothing.

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
const UPLOT_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('uplot')), '..', 'dist');

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

/** The desk's pages and assets; every route of this plugin answers with the desk's policy. */
export default async function desk(app: FastifyInstance) {
  // @fastify/helmet takes a route's own options from its config (its onRoute hook,
  // which runs before this one, copies `route.helmet` there).
  app.addHook('onRoute', (route) => {
    route.config = Object.assign(route.config ?? {}, { helmet: { contentSecurityPolicy: DESK_POLICY } });
  });
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/desk/',
    index: false,
    wildcard: false,
    maxAge: '5m',
  });
  // Only the two files of uPlot the pages use.
  for (const file of ['uPlot.iife.min.js', 'uPlot.min.css']) {
    app.get(`/desk/vendor/${file}`, { schema: { hide: true } }, (_request, reply) =>
      reply.sendFile(file, UPLOT_DIR, { maxAge: '1d' }),
    );
  }
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html', PUBLIC_DIR));
}
