import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { forAllTests } from './lifecycle.js';

// A local web server the tests start, serving pages they write: news pages with
// boilerplate around the story, redirects, a slow page, a huge page, and answers
// that are not HTML.

export type PageHandler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export interface PageServer {
  /** The server's base URL, http://127.0.0.1:<port>. */
  url: string;
  port: number;
  /** Serves `handler` at `path` (the path without its query), replacing what was there. */
  route(path: string, handler: PageHandler): void;
  /** Serves an HTML page at `path`. */
  page(path: string, html: string): void;
  /** How many requests reached `path`. */
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  const routes = new Map<string, PageHandler>();
  const hits = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const handler = routes.get(path);
    if (handler) return handler(request, response);
    response.writeHead(404, { 'content-type': 'text/html' }).end('<p>Not here.</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    route: (path, handler) => routes.set(path, handler),
    page: (path, html) =>
      routes.set(path, (_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html),
      ),
    hits: (path) => hits.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A page server for the tests of this file, started before them and closed after. */
export function usePageServer(): () => PageServer {
  return forAllTests('usePageServer()', startPageServer, (s) => s.close());
}

export interface NewsPageOptions {
  headline: string;
  /** Paragraphs as HTML: entities and links allowed. */
  paragraphs: string[];
  author?: string;
  outlet?: string;
  publishedAt?: string;
  canonical?: string;
  lang?: string;
}

/** An invented news page: navigation, a share bar, a photo caption, related stories and comments around the story. */
export function newsPage(o: NewsPageOptions): string {
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: o.headline,
    ...(o.author ? { author: [{ '@type': 'Person', name: o.author }] } : {}),
    ...(o.outlet ? { publisher: { '@type': 'Organization', name: o.outlet } } : {}),
    ...(o.publishedAt ? { datePublished: o.publishedAt } : {}),
  };
  const [first, ...rest] = o.paragraphs;
  return `<!doctype html>
<html lang="${o.lang ?? 'en-GB'}">
<head>
<meta charset="utf-8">
<title>${o.headline} | ${o.outlet ?? 'News'}</title>
${o.canonical ? `<link rel="canonical" href="${o.canonical}">` : ''}
<meta property="og:title" content="${o.headline}">
<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>
<script>window.analytics = { said: "nobody" };</script>
</head>
<body>
<header class="masthead"><a href="/">Front page</a> <a href="/subscribe">Subscribe today, readers said</a></header>
<nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main>
<article>
<h1>${o.headline}</h1>
<div class="share"><a href="#">Share on social media</a></div>
<p>${first}</p>
<figure><img src="/photo.jpg" alt=""><figcaption>&ldquo;A caption is not a quote,&rdquo; the photographer said.</figcaption></figure>
${rest.map((p) => `<p>${p}</p>`).join('\n')}
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">&ldquo;Another story,&rdquo; a reader said of the ferries</a></li>
<li><a href="/b">Council approves the budget after a long debate</a></li>
</ul></aside>
<section id="comments"><h2>Comments</h2><p>&ldquo;First!&rdquo; wrote a commenter.</p></section>
</main>
<footer><p>&copy; 2026 ${o.outlet ?? 'News'}. All rights reserved.</p></footer>
</body>
</html>
`;
}
