import { parseFeed } from 'feedsmith';
import { FetchError } from '../errors.js';

// A feed's items as this service follows them: a key that names the item for good
// (RSS guid, Atom id, JSON Feed id; else its link) and the URL of its page. The
// formats are read by feedsmith, which also takes RSS 0.9x, RDF and the lenient
// feeds found in the wild.

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

export interface FeedEntry {
  key: string;
  /** The item's page: an absolute http(s) URL. */
  url: string;
}

export interface ReadFeed {
  format: FeedFormat;
  title: string | null;
  /** In the feed's order, each key once. */
  items: FeedEntry[];
}

/** Most items taken from one poll: feeds list their newest first. */
export const MAX_FEED_ITEMS = 200;

/** Longest item key or URL kept; an item with a longer one is skipped. */
const MAX_KEY_LENGTH = 2000;

/** A text field as feedsmith gives it: a string, or an object with its `value`. */
function text(value: unknown): string | undefined {
  const raw = typeof value === 'object' && value !== null ? (value as { value?: unknown }).value : value;
  return typeof raw === 'string' && raw.trim() ? raw.trim() : undefined;
}

/** `href` as an absolute http(s) URL, read against the feed's own URL. */
function pageUrl(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

interface RawItem {
  key?: string;
  link?: string;
}

function rawItems(format: FeedFormat, feed: Record<string, unknown>): RawItem[] {
  const list = (name: string) => (Array.isArray(feed[name]) ? (feed[name] as Record<string, unknown>[]) : []);
  switch (format) {
    case 'rss':
      return list('items').map((item) => {
        const guid = item.guid as { value?: string; isPermaLink?: boolean } | undefined;
        const permalink = guid?.isPermaLink !== false ? text(guid) : undefined;
        return { key: text(guid), link: text(item.link) ?? permalink };
      });
    case 'atom':
      return list('entries').map((entry) => {
        const links = Array.isArray(entry.links) ? (entry.links as { href?: string; rel?: string }[]) : [];
        const alternate = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
        return { key: text(entry.id), link: text(alternate?.href) };
      });
    case 'rdf':
      return list('items').map((item) => ({ key: text(item.link), link: text(item.link) }));
    case 'json':
      return list('items').map((item) => ({
        key: text(item.id),
        link: text(item.url) ?? text(item.external_url) ?? text(item.externalUrl),
      }));
  }
}

/** The items of a feed document; FetchError (not-feed) when it is not an RSS, Atom, RDF or JSON feed. */
export function readFeed(document: string, feedUrl: string): ReadFeed {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(document);
  } catch {
    throw new FetchError('not-feed', `${feedUrl} is not an RSS, Atom or JSON feed.`);
  }
  const format = parsed.format as FeedFormat;
  const feed = parsed.feed as unknown as Record<string, unknown>;
  const seen = new Set<string>();
  const items: FeedEntry[] = [];
  for (const raw of rawItems(format, feed)) {
    const url = pageUrl(raw.link, feedUrl);
    if (!url) continue;
    const key = raw.key ?? url;
    if (key.length > MAX_KEY_LENGTH || url.length > MAX_KEY_LENGTH || seen.has(key)) continue;
    seen.add(key);
    items.push({ key, url });
    if (items.length === MAX_FEED_ITEMS) break;
  }
  return { format, title: text(feed.title)?.slice(0, 1000) ?? null, items };
}
