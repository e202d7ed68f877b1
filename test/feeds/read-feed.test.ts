import { describe, expect, it } from 'vitest';
import { FetchError } from '../../src/errors.js';
import { MAX_FEED_ITEMS, readFeed } from '../../src/feeds/read-feed.js';
import { atomFeed, jsonFeed, rssFeed } from '../support/feeds.js';

const base = 'https://coastline-courier.example/feeds/harbour.xml';
const items = [
  { id: 'tag:coastline-courier.example,2026:1', link: 'https://coastline-courier.example/a', title: 'A & B' },
  { link: '/b?ref=feed', title: 'B' },
];

describe('readFeed', () => {
  it.each([
    ['rss', rssFeed(items)],
    ['atom', atomFeed(items)],
    ['json', jsonFeed(items)],
  ])('reads %s: items keyed by guid or id, else their link; relative links read against the feed', (format, doc) => {
    const read = readFeed(doc, base);
    expect(read.format).toBe(format);
    expect(read.title).toBe('Coastline Courier: Harbour');
    expect(read.items).toEqual([
      { key: 'tag:coastline-courier.example,2026:1', url: 'https://coastline-courier.example/a' },
      {
        key: format === 'rss' ? 'https://coastline-courier.example/b?ref=feed' : '/b?ref=feed',
        url: 'https://coastline-courier.example/b?ref=feed',
      },
    ]);
  });

  it('takes a permalink guid as the page of an RSS item without a link, and skips items with no http(s) page', () => {
    const doc = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
      <item><guid>https://coastline-courier.example/c</guid></item>
      <item><guid isPermaLink="false">no-page</guid></item>
      <item><link>mailto:desk@coastline-courier.example</link></item>
      <item><link>https://coastline-courier.example/c</link><guid>https://coastline-courier.example/c</guid></item>
      </channel></rss>`;
    expect(readFeed(doc, base).items).toEqual([
      { key: 'https://coastline-courier.example/c', url: 'https://coastline-courier.example/c' },
    ]);
  });

  it(`takes the first ${MAX_FEED_ITEMS} items of a long feed`, () => {
    const many = Array.from({ length: MAX_FEED_ITEMS + 5 }, (_, n) => ({ link: `/s/${n}`, title: `S${n}` }));
    const read = readFeed(rssFeed(many), base);
    expect(read.items).toHaveLength(MAX_FEED_ITEMS);
    expect(read.items[0]!.url).toBe('https://coastline-courier.example/s/0');
  });

  it.each([
    ['an HTML page', '<!doctype html><html><body><p>Not a feed</p></body></html>'],
    ['plain text', 'nothing to read here'],
    ['JSON that is not a feed', '{"items": "none"}'],
    ['an empty document', ''],
  ])('refuses %s as not a feed', (_what, doc) => {
    let error: unknown;
    try {
      readFeed(doc, base);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).reason).toBe('not-feed');
  });
});
