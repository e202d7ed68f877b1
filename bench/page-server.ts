import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ArticleFactory } from './articles.js';

// News pages for the `ingest-url` bench, served from the bench's own process: each
// URL is a page of its own (an article of the bench's generator inside a site's
// boilerplate: navigation, JSON-LD, a caption, related stories, comments), made
// when it is first asked for.

export const BENCH_PAGE_PATH = '/bench-page/';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function pageHtml(made: ReturnType<ArticleFactory>): string {
  const article = { title: made.title!, body: made.body!, outlet: made.outlet!, publishedAt: made.publishedAt! };
  const paragraphs = article.body.split('\n\n').map((p) => `<p>${escape(p)}</p>`);
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    datePublished: article.publishedAt,
    author: [{ '@type': 'Person', name: 'Bench Reporter' }],
    publisher: { '@type': 'Organization', name: article.outlet },
  };
  const links = Array.from({ length: 30 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(article.title)} | ${article.outlet}</title>
<meta property="og:title" content="${escape(article.title)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>
<script>window.dataLayer = [{ page: "article" }];</script>
<link rel="stylesheet" href="/site.css"></head>
<body><header class="masthead"><a href="/">${article.outlet}</a><a href="/subscribe">Subscribe</a></header>
<nav><ul>${links}</ul></nav>
<main><article><h1>${escape(article.title)}</h1><div class="byline">By Bench Reporter</div>
<div class="share"><a href="#">Share</a><a href="#">Post</a><a href="#">Mail</a></div>
${paragraphs[0] ?? ''}
<figure><img src="/photo.jpg" alt=""><figcaption>The harbour at dawn, a photographer said.</figcaption></figure>
${paragraphs.slice(1).join('\n')}
</article>
<aside class="related"><h2>Related stories</h2><ul>${links.slice(0, 600)}</ul></aside>
<section id="comments"><h2>Comments</h2><p>First, a reader wrote.</p><p>Well said, wrote another.</p></section></main>
<footer><p>&copy; 2026 ${article.outlet}</p><ul>${links}</ul></footer></body></html>
`;
}

export interface BenchPages {
  /** The URL of a page not asked for yet. */
  next(): string;
  /** Mean size of the pages served so far, in KB. */
  meanKb(): number;
  close(): Promise<void>;
}

export async function startBenchPages(article: ArticleFactory): Promise<BenchPages> {
  let served = 0;
  let bytes = 0;
  const server = http.createServer((request, response) => {
    if (!request.url?.startsWith(BENCH_PAGE_PATH)) return response.writeHead(404).end();
    const html = Buffer.from(pageHtml(article()));
    served++;
    bytes += html.length;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': html.length }).end(html);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let n = 0;
  return {
    next: () => `http://127.0.0.1:${port}${BENCH_PAGE_PATH}${Date.now().toString(36)}-${n++}`,
    meanKb: () => (served ? Math.round(bytes / served / 102.4) / 10 : 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
