import { describe, expect, it } from 'vitest';
import { FetchError } from '../../src/errors.js';
import { canonicalUrl } from '../../src/web/canonical-url.js';
import { isPublicAddress, PageFetcher, type FetchPolicy } from '../../src/web/fetch.js';
import { usePageServer } from '../support/pages.js';

const pages = usePageServer();

const policy = (overrides: Partial<FetchPolicy> = {}): FetchPolicy => ({
  allowAddress: isPublicAddress,
  connectTimeoutMs: 1000,
  timeoutMs: 2000,
  maxBytes: 100_000,
  maxRedirects: 5,
  userAgent: 'test',
  ...overrides,
});

async function refusal(fetcher: PageFetcher, url: string): Promise<FetchError> {
  const error = await fetcher.fetch(url).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['2606:4700::1111', true],
    ['127.0.0.1', false],
    ['10.0.0.1', false],
    ['172.16.5.4', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.100.100.200', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fe80::1', false],
    ['fd00:ec2::254', false],
    ['::ffff:127.0.0.1', false],
    ['224.0.0.1', false],
    ['not an address', false],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('PageFetcher', () => {
  it('checks every redirect: a hop to a refused address is refused without connecting', async () => {
    const onlyThisServer = new PageFetcher(policy({ allowAddress: (a) => a === '127.0.0.1' }));
    try {
      pages().page('/inside', '<p>Inside.</p>');
      pages().route('/out', (_request, response) =>
        response.writeHead(301, { location: `http://127.0.0.2:${pages().port}/inside` }).end(),
      );
      pages().route('/out-by-name', (_request, response) =>
        response.writeHead(307, { location: `http://localhost:${pages().port}/inside` }).end(),
      );
      pages().route('/out-scheme', (_request, response) =>
        response.writeHead(302, { location: 'file:///etc/passwd' }).end(),
      );
      expect((await onlyThisServer.fetch(`${pages().url}/inside`)).html).toBe('<p>Inside.</p>');
      const hits = pages().hits('/inside');
      for (const path of ['/out', '/out-scheme']) {
        expect((await refusal(onlyThisServer, `${pages().url}${path}`)).reason).toBe('refused');
      }
      // localhost may resolve to ::1 as well as 127.0.0.1: any refused address refuses the name.
      const byName = await onlyThisServer.fetch(`${pages().url}/out-by-name`).then(
        (page) => page.url,
        (e: FetchError) => e.reason,
      );
      expect(['refused', `http://localhost:${pages().port}/inside`]).toContain(byName);
      expect(pages().hits('/inside')).toBe(hits + (byName === 'refused' ? 0 : 1));
    } finally {
      await onlyThisServer.close();
    }
  });

  it('refuses a name that resolves to a loopback address by default', async () => {
    const fetcher = new PageFetcher(policy());
    try {
      const error = await refusal(fetcher, `http://localhost:${pages().port}/inside`);
      expect(error.reason).toBe('refused');
      expect(error.message).toMatch(/not a public address/);
    } finally {
      await fetcher.close();
    }
  });

  it('decodes the charset the page names', async () => {
    const fetcher = new PageFetcher(policy({ allowAddress: () => true }));
    try {
      pages().route('/latin1', (_request, response) =>
        response
          .writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' })
          .end(Buffer.from('<p>Caf\u00e9 cr\u00e8me</p>', 'latin1')),
      );
      pages().route('/meta-charset', (_request, response) =>
        response
          .writeHead(200, { 'content-type': 'application/xhtml+xml' })
          .end(
            Buffer.concat([
              Buffer.from('<meta charset="iso-8859-2"><p>'),
              Buffer.from([0xa3, 0xf3, 0x64, 0xbc]),
              Buffer.from('</p>'),
            ]),
          ),
      );
      expect((await fetcher.fetch(`${pages().url}/latin1`)).html).toBe('<p>Café crème</p>');
      expect((await fetcher.fetch(`${pages().url}/meta-charset`)).html).toContain('<p>Łódź</p>');
    } finally {
      await fetcher.close();
    }
  });
});

describe('canonicalUrl', () => {
  it.each([
    ['HTTPS://News.Example.ORG:443/a/b?x=1#top', 'https://news.example.org/a/b?x=1'],
    ['http://news.example.org:80/a', 'http://news.example.org/a'],
    ['http://news.example.org:8080/a', 'http://news.example.org:8080/a'],
    [
      'https://news.example.org/a?utm_source=x&id=3&UTM_Medium=y&fbclid=1&gclid=2&msclkid=3',
      'https://news.example.org/a?id=3',
    ],
    ['https://news.example.org/a?', 'https://news.example.org/a'],
    ['https://user:pw@news.example.org./a', 'https://news.example.org/a'],
    ['https://bücher.example/Straße', 'https://xn--bcher-kva.example/Stra%C3%9Fe'],
    ['ftp://news.example.org/a', null],
    ['not a url', null],
  ])('%s is %s', (url, expected) => {
    expect(canonicalUrl(url)).toBe(expected);
  });
});
