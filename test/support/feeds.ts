import { randomUUID } from 'node:crypto';
import type { PageServer } from './pages.js';
import { newsPage } from './pages.js';

// Feeds the tests write: RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents listing
// items, and invented news pages for those items, each with its own text.

export interface FeedItem {
  /** guid (RSS), id (Atom, JSON Feed); the link stands for it when absent. */
  id?: string;
  link: string;
  title: string;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

export function rssFeed(items: FeedItem[], title = 'Coastline Courier: Harbour'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${escape(title)}</title><link>https://coastline-courier.example/</link>
<description>Harbour news</description>
${items
  .map(
    (i) =>
      `<item><title>${escape(i.title)}</title><link>${escape(i.link)}</link>${
        i.id ? `<guid isPermaLink="false">${escape(i.id)}</guid>` : ''
      }<pubDate>Tue, 10 Mar 2026 09:30:00 GMT</pubDate></item>`,
  )
  .join('\n')}
</channel></rss>
`;
}

export function atomFeed(items: FeedItem[], title = 'Coastline Courier: Harbour'): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${escape(title)}</title><id>urn:uuid:${randomUUID()}</id>
<updated>2026-03-10T09:30:00Z</updated>
${items
  .map(
    (i) => `<entry><title>${escape(i.title)}</title><id>${escape(i.id ?? i.link)}</id>
<link rel="alternate" type="text/html" href="${escape(i.link)}"/><updated>2026-03-10T09:30:00Z</updated></entry>`,
  )
  .join('\n')}
</feed>
`;
}

export function jsonFeed(items: FeedItem[], title = 'Coastline Courier: Harbour'): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title,
    items: items.map((i) => ({ id: i.id ?? i.link, url: i.link, title: i.title, content_text: i.title })),
  });
}

/** Serves `document` at `path` with `type`, replacing what was there. */
export function serveFeed(server: PageServer, path: string, document: string, type = 'application/rss+xml') {
  server.route(path, (_request, response) => response.writeHead(200, { 'content-type': type }).end(document));
}

/** Serves an invented story of its own at `path`; answers the feed item that links to it. */
export function serveStory(server: PageServer, path: string): FeedItem {
  const tag = randomUUID().slice(0, 8);
  const title = `Ferry timetable changes for the winter ${tag}`;
  server.page(
    path,
    newsPage({
      headline: title,
      paragraphs: [
        `The ferry company will run fewer crossings from November (notice ${tag}), the harbour office said on Monday.`,
        '&ldquo;We will keep the early boat for workers,&rdquo; said <a href="/people/ines-vasquez">Ines Vasquez</a>, who chairs the harbour board.',
      ],
      outlet: 'Coastline Courier',
    }),
  );
  return { id: `story-${tag}`, link: `${server.url}${path}`, title };
}
