/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { chromiumPath, describeInBrowser, openPage, screenshot, useBrowser } from '../support/browser.js';
import { seedArticleRequest } from '../support/fixtures.js';
import { recordQuotes } from '../support/records.js';
import { SEED_ARTICLE, sharedText } from '../support/shared.js';

// The desk in a real Chromium: the pages the service serves at /, driven as a
// fact-checker or an editor would, against the real API and database.

// Pages the desk ingests by address are served on this machine.
const t = useTestApp({ FETCH_ALLOW_PRIVATE: 'true' });
// Without Chromium the whole file skips, with its own line: no second one for the seed.
const seedText = chromiumPath ? sharedText(SEED_ARTICLE, 'verifying the seed cases in the desk') : null;

// An invented article: a mayor, an opposition leader, a direct quote, a partial one.
const ferryArticle = {
  title: 'Council approves river ferry subsidy',
  outlet: 'Riverside Courier',
  publishedAt: '2025-05-06T08:00:00Z',
  body:
    'Mayor Helena Brook said on Tuesday that the ferry would run every hour from June.\n\n' +
    '"We will keep the fare at two euros for every resident," Brook told reporters at the pier.\n\n' +
    'Opposition leader Tomas Varga called the plan "a costly gamble with public money."\n\n' +
    '"Nobody asked the boat crews what they think," Varga said. The crews\' union declined to comment on the timetable.',
};

let baseUrl = '';
let ferryId = '';

describeInBrowser('the desk in Chromium', () => {
  const browser = useBrowser();

  beforeAll(async () => {
    const stored = await t.api().post('/v1/articles').send(ferryArticle).expect(201);
    ferryId = stored.body.id;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('the test app does not listen on a port');
    baseUrl = `http://127.0.0.1:${address.port}`;
  });

  /** A page of the desk with the API key given once, as a person would. */
  async function desk(hash: string, width?: number) {
    const opened = await openPage(browser(), baseUrl, width);
    await opened.page.goto('/');
    await opened.page.getByLabel('API key').fill(t.adminKey);
    await opened.page.getByRole('button', { name: 'Use key' }).click();
    await opened.page.goto(`/${hash}`);
    return opened;
  }

  async function verify(page: Page, quote: string, speaker?: string) {
    await page.getByLabel('Claimed quote').fill(quote);
    await page.getByLabel('Claimed speaker (optional)').fill(speaker ?? '');
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.locator('.verdict').waitFor();
    return page.locator('.verdict').getAttribute('data-verdict');
  }

  it('serves the pages with a strict policy from this origin, and leaves the API policy as it was', async () => {
    const res = await fetch(`${baseUrl}/`);
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/https?:\/\//);
    const apiPolicy = (await fetch(`${baseUrl}/health/live`)).headers.get('content-security-policy');
    expect(apiPolicy).toBe("default-src 'none';frame-ancestors 'none'");
  });

  it('verifies claims and shows the verdict and the words highlighted in their article', async () => {
    const { page, errors, close } = await desk('#/verify');
    expect(await verify(page, 'We will keep the fare at two euros for every resident', 'Helena Brook')).toBe(
      'verified',
    );
    await expect
      .poll(() => page.locator('mark.evidence').first().textContent())
      .toContain('two euros for every resident');
    expect(await page.locator('.results a[href^="#/article/"]').first().getAttribute('href')).toBe(
      `#/article/${ferryId}`,
    );
    await screenshot(page, 'verify-verified');

    expect(await verify(page, 'We will keep the fare at three euros for every resident', 'Helena Brook')).toBe(
      'wording_differs',
    );
    expect(await page.locator('.claim mark.diff').first().textContent()).toBe('three');
    expect(await page.locator('.record mark.diff').first().textContent()).toBe('two');
    await screenshot(page, 'verify-wording-differs');

    expect(await verify(page, 'Nobody asked the boat crews what they think', 'Helena Brook')).toBe('misattributed');
    expect(await page.locator('.results').textContent()).toContain('Tomas Varga');
    expect(await verify(page, 'The old bridge will be painted green next spring')).toBe('not_found');
    expect(errors).toEqual([]);
    await close();
  });

  it('verifies with the keyboard alone, with focus visible', async () => {
    const { page, errors, close } = await desk('#/verify');
    await page.locator('body').focus();
    let focused = '';
    for (let i = 0; i < 30 && focused !== 'Claimed quote'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el?.id ? (document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '') : '';
      });
    }
    expect(focused).toBe('Claimed quote');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.type('a costly gamble with public money');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Tomas Varga');
    await page.keyboard.press('Enter');
    await page.locator('.verdict').waitFor();
    expect(await page.locator('.verdict').getAttribute('data-verdict')).toBe('verified');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('verdict'))).toBe(true);
    await screenshot(page, 'verify-keyboard');
    expect(errors).toEqual([]);
    await close();
  });

  it('searches with a filter and pages on', async () => {
    await recordQuotes(
      t.app.db.prisma,
      Array.from({ length: 25 }, (_, i) => ({
        text: `The lighthouse budget line ${i + 1} stays open`,
        speaker: { name: 'Ada Lumen' },
        outlet: 'Harbour Wire',
        publishedAt: new Date(Date.UTC(2025, 0, i + 1)).toISOString(),
      })),
    );
    const { page, errors, close } = await desk('#/search');
    await page.getByLabel('Words').fill('lighthouse');
    await page.getByLabel('Outlet').fill('harbour wire');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.locator('#search-results > li').count()).toBe(20);
    expect(await page.locator('#search-results mark').first().textContent()).toBe('lighthouse');
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => page.locator('#search-results > li').count()).toBe(25);
    expect(await page.getByRole('button', { name: 'Next page' }).isHidden()).toBe(true);
    await screenshot(page, 'search');
    expect(errors).toEqual([]);
    await close();
  });

  it('adds a missed quote by selecting its words, then finds it in search and in its history', async () => {
    const { page, errors, close } = await desk(`#/article/${ferryId}`);
    await page.locator('#article-body').waitFor();
    await page.locator('#article-body mark', { hasText: 'two euros' }).click();
    expect(await page.locator('#quote-panel .sieve').textContent()).toMatch(/^[a-z-]+$/);
    await screenshot(page, 'article');
    const words = "The crews' union declined to comment on the timetable";
    await page.evaluate((target) => {
      const body = document.getElementById('article-body')!;
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(target);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + target.length);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        return;
      }
      throw new Error('the words are not in the article');
    }, words);
    const form = page.getByRole('form', { name: 'Add a missed quote' });
    await form.getByRole('button', { name: 'Take the selected text' }).click();
    await form.getByLabel('Kind').selectOption('indirect');
    await form.getByLabel('Speaker: name or id').fill('Varga');
    await form.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => form.getByLabel('Speaker', { exact: true }).locator('option').count()).toBeGreaterThan(1);
    await form.getByLabel('Who makes the change').fill('desk-editor');
    await form.getByLabel('Why (the evidence)').fill('The union is quoted, by way of Varga, in the last paragraph.');
    await form.getByRole('button', { name: 'Add a missed quote' }).click();
    const added = page.locator('#article-body mark.kind-indirect', { hasText: 'declined to comment' });
    await added.waitFor();
    expect(await added.textContent()).toBe(words);

    await page.goto('/#/search?q=timetable');
    await expect.poll(() => page.locator('#search-results > li').count()).toBe(1);
    expect(await page.locator('#search-results .quote-text').textContent()).toBe(words);
    await page.locator('#search-results a[href^="#/article/"]').click();
    await page.locator('#quote-panel .history li').waitFor();
    const history = await page.locator('#quote-panel .history').textContent();
    expect(history).toContain('add by desk-editor');
    expect(history).toContain('The union is quoted');
    expect(await page.locator('#quote-panel .sieve').textContent()).toBe('editor');
    await screenshot(page, 'article-added-quote');
    expect(errors).toEqual([]);
    await close();
  });

  it('shows hostile stored text as text', async () => {
    const hostile = '<script>window.hacked = 1</script><img src=x onerror="window.hacked = 2">';
    const { quotes } = await recordQuotes(t.app.db.prisma, [
      {
        text: `Read this ${hostile} now`,
        speaker: { name: `<img src=y onerror="window.hacked = 3">` },
        title: `<b onmouseover="window.hacked = 4">Hostile</b>`,
        outlet: 'Trap Gazette',
      },
    ]);
    const { page, errors, close } = await desk(`#/article/${quotes[0]!.article.id}`);
    await page.locator('#article-body mark').click();
    await page.locator('#quote-panel').waitFor();
    expect(await page.locator('h1').textContent()).toBe(`<b onmouseover="window.hacked = 4">Hostile</b>`);
    expect(await page.locator('#quote-panel .quote-text').textContent()).toBe(`Read this ${hostile} now`);
    expect(await page.locator('#quote-panel .speaker').textContent()).toBe(`<img src=y onerror="window.hacked = 3">`);
    await page.goto('/#/search?q=read');
    await page.locator('#search-results > li').first().waitFor();
    expect(await page.locator('#search-results .quote-text').first().textContent()).toContain('<script>');
    expect(await page.locator('main img, main script, main b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
    await screenshot(page, 'hostile');
    expect(errors).toEqual([]);
    await close();
  });

  it("shows all of a speaker's quotes: counted over time and per outlet, listed a page at a time", async () => {
    const { speakers } = await recordQuotes(
      t.app.db.prisma,
      Array.from({ length: 60 }, (_, i) => ({
        text: `The tide tables for week ${i + 1} are ready`,
        speaker: { name: 'Rhea Marsh' },
        kind: i % 3 === 0 ? ('partial' as const) : ('direct' as const),
        outlet: i % 4 === 0 ? 'Estuary News' : 'Harbour Wire',
        publishedAt: new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString(),
      })),
    );
    const { page, errors, close } = await desk(`#/speaker/${speakers.get('Rhea Marsh')}`);
    const quotes = page.locator('#speaker-quotes .quote-hit');
    await expect.poll(() => quotes.count()).toBe(50);
    expect(await page.locator('#speaker-quotes time').first().textContent()).toBe('2025-02-17');
    // The counts come in an answer of their own, which may follow the list.
    await expect
      .poll(() => page.locator('#outlet-table tbody tr').first().locator('td').allTextContents())
      .toEqual(['Harbour Wire', '45']);
    await page.locator('.chart canvas').waitFor();
    expect(await page.locator('#timeline-table tbody tr').last().locator('th, td').allTextContents()).toEqual([
      'All',
      '60',
      '40',
      '20',
      '0',
      '0',
    ]);
    await page.getByRole('button', { name: 'More quotes' }).click();
    await expect.poll(() => quotes.count()).toBe(60);
    expect(await page.getByRole('button', { name: 'More quotes' }).isHidden()).toBe(true);
    expect(await page.locator('#speaker-quotes time').last().textContent()).toBe('2024-01-01');
    await page.getByLabel('Per', { exact: true }).selectOption('year');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect.poll(() => page.locator('#timeline-table tbody tr').count()).toBe(3);
    await screenshot(page, 'speaker');
    expect(errors).toEqual([]);
    await close();
  });

  it('shows the speaker, ingest and sources pages, also at phone width', async () => {
    const { page, errors, close } = await desk('#/sources', 390);
    await page.locator('#stats-table').waitFor();
    await page.locator('.chart canvas').waitFor();
    expect(await page.locator('#stats-table tbody tr').count()).toBeGreaterThan(1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'sources-phone');
    const varga = (await t.api().get('/v1/speakers').query({ q: 'Tomas Varga' }).expect(200)).body.items[0];
    await page.goto(`/#/speaker/${varga.id}`);
    await page.locator('.timeline .quote-hit').first().waitFor();
    expect(await page.locator('h1').textContent()).toBe('Tomas Varga');
    await screenshot(page, 'speaker-phone');
    await page.goto('/#/ingest');
    await page.getByLabel('Title').fill('Pier lights switched on');
    await page.getByLabel('Text').fill('"The lights make the pier safe at night," harbour master Ines Dahl said.');
    await page.getByRole('button', { name: 'Preview quotes' }).click();
    await page.locator('#ingest-result mark').waitFor();
    await page.getByRole('button', { name: 'Store article' }).click();
    await page.locator('#ingest-result a[href^="#/article/"]').waitFor();
    await screenshot(page, 'ingest-phone');
    expect(errors).toEqual([]);
    await close();
  });

  it('stores a page by its address, with the quotes of its text marked', async () => {
    const html =
      '<!doctype html><html><head><title>Lock gates reopen after repairs | Canal Herald</title>' +
      '<meta property="og:site_name" content="Canal Herald"></head><body><nav><a href="/">Home</a></nav>' +
      '<article><h1>Lock gates reopen after repairs</h1>' +
      '<p>The canal lock reopened on Monday after three weeks of repairs.</p>' +
      '<p>&ldquo;The gates will hold for another fifty years,&rdquo; lock keeper <a href="/people/orla-finn">Orla Finn</a> said.</p>' +
      '<p>Boat owners had waited at both ends of the canal since the start of the month.</p></article></body></html>';
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { page, errors, close } = await desk('#/ingest');
    try {
      await page
        .getByLabel('Page address (URL)')
        .fill(`http://127.0.0.1:${(server.address() as AddressInfo).port}/lock`);
      await page.getByRole('button', { name: 'Fetch and store page' }).click();
      await page.locator('#ingest-result a[href^="#/article/"]').waitFor();
      expect(await page.locator('#ingest-result h2').textContent()).toMatch(
        /^Stored: 1 quote from “Lock gates reopen after repairs/,
      );
      expect(await page.locator('#ingest-result mark').first().textContent()).toContain('The gates will hold');
      expect(errors).toEqual([]);
    } finally {
      await close();
      server.close();
    }
  });

  /** What axe finds against WCAG 2.1 A and AA on the page as it stands: rule and elements, one line each. */
  async function accessibilityFaults(page: Page) {
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  }

  it('meets WCAG 2.1 AA as axe checks it (labels, names, contrast) on every page, wide and at phone width, without sideways scrolling', async () => {
    const varga = (await t.api().get('/v1/speakers').query({ q: 'Tomas Varga' }).expect(200)).body.items[0];
    const pages: [string, (page: Page) => Promise<unknown>][] = [
      ['#/verify', async (page) => verify(page, 'a costly gamble with public money', 'Tomas Varga')],
      ['#/search?q=fare', (page) => page.locator('#search-results > li').first().waitFor()],
      [
        `#/speaker/${varga.id}`,
        async (page) => {
          await page.locator('.chart canvas').waitFor();
          await page.getByText('Figures').click();
        },
      ],
      [
        `#/article/${ferryId}`,
        async (page) => {
          await page.locator('#article-body mark').first().click();
          await page.locator('#quote-panel').waitFor();
          await page.waitForFunction(() => !document.getElementById('quote-panel')!.textContent!.includes('Loading'));
        },
      ],
      [
        '#/ingest',
        async (page) => {
          await page.getByLabel('Title').fill('Ferry timetable');
          await page.getByLabel('Text').fill('"The ferry leaves at nine," the harbour master said.');
          await page.getByRole('button', { name: 'Preview quotes' }).click();
          await page.locator('#ingest-result mark').waitFor();
        },
      ],
      ['#/sources', (page) => page.locator('.chart canvas').waitFor()],
    ];
    const faults: string[] = [];
    for (const width of [1200, 390]) {
      const { page, errors, close } = await desk('', width);
      for (const [hash, ready] of pages) {
        await page.goto(`/${hash}`);
        await page.locator('#view h1').waitFor();
        await ready(page);
        faults.push(...(await accessibilityFaults(page)).map((f) => `${hash} at ${width}px: ${f}`));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) faults.push(`${hash} at ${width}px: the page is ${overflow}px wider than the screen`);
      }
      expect(errors).toEqual([]);
      await close();
    }
    expect(faults).toEqual([]);
  }, 120_000);

  it.skipIf(seedText === null)('verifies each seed case and shows its verdict and evidence', async () => {
    await t.api().post('/v1/articles').send(seedArticleRequest(seedText!)).expect(201);
    const { page, errors, close } = await desk('#/verify');
    const evidence = () => page.locator('mark.evidence').first().textContent();
    const results = () => page.locator('.results').textContent();

    expect(await verify(page, 'colossal mistake', 'Vladimir Putin')).toBe('verified');
    expect(await evidence()).toContain('colossal mistake');
    expect(await results()).toMatch(/relayed by (the Kremlin aide|Yuri Ushakov|Ushakov)/);
    expect(await results()).toContain('The Floridian');

    expect(await verify(page, 'It is not entirely static from our perspective', 'Jen Psaki')).toBe('misattributed');
    expect(await evidence()).toContain('It is not entirely static from our perspective');
    expect(await results()).toMatch(/Said by [^·]*official/);

    expect(await verify(page, 'Biden urged Russia to deescalate tensions with Ukraine', 'Psaki')).toBe('verified');
    expect(await evidence()).toContain('Biden urged Russia to de-escalate tensions with Ukraine');

    expect(await verify(page, 'A lot of mistakes have been made in the past 30 years', 'Ushakov')).toBe(
      'wording_differs',
    );
    expect(await page.locator('.record').textContent()).toContain(
      'A lot of such mistakes have been made over the past 30 years',
    );
    expect(await page.locator('.record mark.diff').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/such|over/)]),
    );
    await screenshot(page, 'verify-seed-wording-differs');

    expect(await verify(page, 'We will invade Ukraine tomorrow', 'Putin')).toBe('not_found');
    expect(await page.locator('.verdict').textContent()).toBe('Not found on record');
    expect(errors).toEqual([]);
    await close();
  });
});
