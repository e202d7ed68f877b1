import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startTestApp, useTestApp } from '../support/app.js';
import { newsPage, usePageServer } from '../support/pages.js';

// Articles from the web: pages sent as HTML or named by URL, read into the same
// articles as their text, one article per story, fetched within safe limits.

const pages = usePageServer();
const t = useTestApp({
  FETCH_ALLOW_PRIVATE: 'true',
  FETCH_TIMEOUT_MS: '1500',
  FETCH_MAX_BYTES: String(256 * 1024),
});

/** An invented story as HTML paragraphs (entities, names in links) and as the plain text they read as. */
function story() {
  const tag = randomUUID().slice(0, 8);
  const html = [
    `The harbour board of Port Ellery delayed its vote on the new ferry terminal on Tuesday (file ${tag}), saying it needed more time to read the engineers&rsquo; report.`,
    '&ldquo;We will not rush a decision that shapes the town for fifty years,&rdquo; said <a href="/people/ines-vasquez">Ines Vasquez</a>, the board&rsquo;s chair.',
    'Residents had asked for the delay. &ldquo;The report came out on Friday and nobody has read it,&rdquo; said <a href="/people/tomas-brandt">Tomas\nBrandt</a>, who runs a bakery near the pier.',
    'The ferry operator was less patient. &ldquo;Every month of delay costs us passengers &amp; money,&rdquo; its spokesman, <strong>Olu Adeyemi</strong>, told reporters.',
  ];
  const text = [
    `The harbour board of Port Ellery delayed its vote on the new ferry terminal on Tuesday (file ${tag}), saying it needed more time to read the engineers’ report.`,
    '“We will not rush a decision that shapes the town for fifty years,” said Ines Vasquez, the board’s chair.',
    'Residents had asked for the delay. “The report came out on Friday and nobody has read it,” said Tomas Brandt, who runs a bakery near the pier.',
    'The ferry operator was less patient. “Every month of delay costs us passengers & money,” its spokesman, Olu Adeyemi, told reporters.',
  ].join('\n\n');
  const page = (canonical?: string) =>
    newsPage({
      headline: `Harbour board delays ferry terminal vote ${tag}`,
      paragraphs: html,
      author: 'Mara Lindqvist',
      outlet: 'Coastline Courier',
      publishedAt: '2026-03-10T09:30:00+01:00',
      canonical,
    });
  return { tag, text, page, headline: `Harbour board delays ferry terminal vote ${tag}` };
}

type Quote = { text: string; start: number; end: number; kind: string; speaker: { name: string } | null };
const shapeOf = (quotes: Quote[]) =>
  quotes.map((q) => ({ text: q.text, start: q.start, end: q.end, kind: q.kind, speaker: q.speaker?.name ?? null }));

const countArticles = () => t.app.db.prisma.article.count();

describe('POST /v1/articles with a page', () => {
  it('reads the same quotes from an HTML page as from its text sent plain', async () => {
    const s = story();
    const fromHtml = await t.api().post('/v1/articles').send({ html: s.page() }).expect(201);
    expect(fromHtml.body.body).toBe(s.text);
    expect(fromHtml.body).toMatchObject({
      title: s.headline,
      author: 'Mara Lindqvist',
      outlet: 'Coastline Courier',
      publishedAt: '2026-03-10T08:30:00.000Z',
      language: 'en',
      url: null,
      fetchedAt: null,
    });
    expect(fromHtml.body.quotes.length).toBeGreaterThanOrEqual(3);
    expect(fromHtml.body.quotes.map((q: Quote) => q.speaker?.name)).toEqual(
      expect.arrayContaining(['Ines Vasquez', 'Tomas Brandt', 'Olu Adeyemi']),
    );
    // Nothing from the caption, the related stories or the comments.
    expect(fromHtml.body.body).not.toMatch(/caption|Another story|First!|Subscribe|rights reserved/);

    await t.api().delete(`/v1/articles/${fromHtml.body.id}`).expect(204);
    const plain = await t.api().post('/v1/articles').set('content-type', 'text/plain').send(s.text).expect(201);
    expect(plain.body.body).toBe(s.text);
    expect(shapeOf(plain.body.quotes)).toEqual(shapeOf(fromHtml.body.quotes));
  });

  it('takes a page as a raw text/html body, and the request fields before those of the page', async () => {
    const s = story();
    const raw = await t.api().post('/v1/articles').set('content-type', 'text/html').send(s.page()).expect(201);
    expect(raw.body).toMatchObject({ title: s.headline, body: s.text });
    await t.api().delete(`/v1/articles/${raw.body.id}`).expect(204);
    const given = await t
      .api()
      .post('/v1/articles')
      .send({ html: s.page(), title: 'Given title', author: 'Given Author', language: 'en-GB' })
      .expect(201);
    expect(given.body).toMatchObject({ title: 'Given title', author: 'Given Author', language: 'en-GB' });
  });

  it('fetches a page by its URL, keeps its URL, canonical URL and fetch time, and answers a tracking-link repeat without fetching', async () => {
    const s = story();
    const path = `/news/${s.tag}`;
    pages().page(path, s.page(`${pages().url}${path}?ref=front`));
    const before = Date.now();
    const first = await t
      .api()
      .post('/v1/articles')
      .send({ url: `${pages().url}${path}` })
      .expect(201);
    expect(first.body).toMatchObject({
      url: `${pages().url}${path}`,
      canonicalUrl: `${pages().url}${path}?ref=front`,
      body: s.text,
      title: s.headline,
    });
    expect(new Date(first.body.fetchedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(first.headers.location).toBe(`/v1/articles/${first.body.id}`);
    expect(pages().hits(path)).toBe(1);

    const tracked = pages().url.replace('http://', 'HTTP://');
    const again = await t
      .api()
      .post('/v1/articles')
      .send({ url: `${tracked}${path}?ref=front&utm_source=newsletter&utm_medium=email&fbclid=abc&gclid=x#comments` })
      .expect(200);
    expect(again.body.id).toBe(first.body.id);
    expect(pages().hits(path)).toBe(1);
  });

  it('answers 200 with the stored article for a body that differs only in whitespace', async () => {
    const s = story();
    const first = await t.api().post('/v1/articles').send({ title: s.headline, body: s.text }).expect(201);
    const spaced = `  ${s.text.replace(/ /g, '  ').replace(/\n\n/g, '\r\n \r\n\t')}\n`;
    const again = await t.api().post('/v1/articles').send({ title: 'Another title', body: spaced }).expect(200);
    expect(again.body.id).toBe(first.body.id);
    const fromPage = await t.api().post('/v1/articles').send({ html: s.page() }).expect(200);
    expect(fromPage.body.id).toBe(first.body.id);
  });

  it('is one article for URLs that differ in scheme and host case, default port, fragment and tracking parameters', async () => {
    const s = story();
    const base = 'https://Coastline-Courier.example';
    const first = await t
      .api()
      .post('/v1/articles')
      .send({ title: s.headline, body: s.text, url: `${base}:443/2026/vote-${s.tag}?id=7&utm_campaign=spring#top` })
      .expect(201);
    expect(first.body.canonicalUrl).toBe(`https://coastline-courier.example/2026/vote-${s.tag}?id=7`);
    const other = `${s.text} An update: the vote is now set for March.`;
    const again = await t
      .api()
      .post('/v1/articles')
      .send({
        title: s.headline,
        body: other,
        url: `HTTPS://coastline-courier.EXAMPLE/2026/vote-${s.tag}?id=7&gclid=1`,
      })
      .expect(200);
    expect(again.body.id).toBe(first.body.id);
  });

  it('follows redirects up to five, and refuses a sixth with fetch-failed', async () => {
    const s = story();
    const hop = (n: number) => `/hop-${s.tag}-${n}`;
    for (let n = 0; n < 6; n++) {
      pages().route(hop(n), (_request, response) => response.writeHead(302, { location: hop(n + 1) }).end());
    }
    pages().page(hop(6), s.page());
    const tooMany = await t
      .api()
      .post('/v1/articles')
      .send({ url: `${pages().url}${hop(0)}` })
      .expect(422);
    expect(tooMany.body.type).toBe('http://localhost:3000/problems/fetch-failed');
    expect(tooMany.body.detail).toMatch(/more than 5 times/);
    const five = await t
      .api()
      .post('/v1/articles')
      .send({ url: `${pages().url}${hop(1)}` })
      .expect(201);
    expect(five.body.body).toBe(s.text);
    expect(five.body.canonicalUrl).toBe(`${pages().url}${hop(6)}`);
  });

  it('answers fetch-failed for a page that is missing, unreachable or too slow, storing nothing', async () => {
    const before = await countArticles();
    pages().route('/slow', (_request, response) => {
      setTimeout(() => response.writeHead(200, { 'content-type': 'text/html' }).end('<p>Late.</p>'), 4000).unref();
    });
    const cases: [string, RegExp][] = [
      [`${pages().url}/missing`, /answered HTTP 404/],
      ['http://127.0.0.1:9/closed', /connection was refused/],
      [`${pages().url}/slow`, /longer than 1500 ms|stopped answering/],
    ];
    for (const [url, detail] of cases) {
      const res = await t.api().post('/v1/articles').send({ url }).expect(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toBe('http://localhost:3000/problems/fetch-failed');
      expect(res.body.detail).toMatch(detail);
    }
    expect(await countArticles()).toBe(before);
  });

  it('answers 413 for a page over FETCH_MAX_BYTES and 415 for one that is not HTML, storing nothing', async () => {
    const before = await countArticles();
    pages().route('/huge', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<p>${'Words of a very long page. '.repeat(20_000)}</p>`);
    });
    pages().route('/huge-chunked', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html', 'transfer-encoding': 'chunked' });
      for (let i = 0; i < 40; i++) response.write(`<p>${'x'.repeat(10_000)}</p>`);
      response.end();
    });
    pages().route('/data.json', (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"said": "nothing"}'),
    );
    for (const path of ['/huge', '/huge-chunked']) {
      const res = await t
        .api()
        .post('/v1/articles')
        .send({ url: `${pages().url}${path}` })
        .expect(413);
      expect(res.body.type).toBe('http://localhost:3000/problems/fetch-too-large');
    }
    const json = await t
      .api()
      .post('/v1/articles')
      .send({ url: `${pages().url}/data.json` })
      .expect(415);
    expect(json.body.type).toBe('http://localhost:3000/problems/fetch-not-html');
    expect(json.body.detail).toMatch(/application\/json/);
    expect(await countArticles()).toBe(before);
  });

  it('answers 422 for a page with no text, and 400 for a request with neither body, html nor url, or with both body and html', async () => {
    const empty = await t.api().post('/v1/articles').send({ html: '<html><body><nav>Menu</nav></body></html>' });
    expect(empty.status).toBe(422);
    expect(empty.body.type).toBe('http://localhost:3000/problems/unprocessable');
    const nothing = await t.api().post('/v1/articles').send({ title: 'Only a title' }).expect(400);
    expect(nothing.body.errors).toEqual([expect.objectContaining({ path: 'body' })]);
    const both = await t
      .api()
      .post('/v1/articles')
      .send({ title: 'T', body: 'Text.', html: '<p>Text.</p>' })
      .expect(400);
    expect(both.body.errors).toEqual([expect.objectContaining({ path: 'html' })]);
    const blank = await t.api().post('/v1/articles').set('content-type', 'text/plain').send('  \n ').expect(400);
    expect(blank.body.type).toBe('http://localhost:3000/problems/validation');
  });

  it('reads a page with no element in it as its text, never a 500', async () => {
    const tag = randomUUID().slice(0, 8);
    const text = `"We start the works in May ${tag}," Governor Ana Ruiz said on Monday.`;
    for (const type of ['text/html', 'application/xhtml+xml']) {
      const page = await t.api().post('/v1/articles').set('content-type', type).send(`${text} ${type}`);
      expect(page.status).toBe(201);
      expect(page.body.body).toBe(`${text} ${type}`);
      expect(page.body.quotes[0].speaker.name).toBe('Ana Ruiz');
    }
    // Control characters are text like any other; a page whose text is longer than an article may be is refused.
    const control = await t.api().post('/v1/articles').set('content-type', 'text/html').send(`\u0001\u0002 ${tag}`);
    expect(control.status).toBe(201);
    const before = await countArticles();
    const long = await t.api().post('/v1/articles').set('content-type', 'text/html').send('x'.repeat(1_200_000));
    expect(long.status).toBe(422);
    expect(await countArticles()).toBe(before);
  });

  it('reads URL and HTML lines of a batch, each line with its own result', async () => {
    const [a, b] = [story(), story()];
    pages().page(`/batch/${a.tag}`, a.page());
    const lines = [
      { url: `${pages().url}/batch/${a.tag}` },
      { html: b.page(), url: `https://courier.example/${b.tag}?utm_source=x` },
      { url: `${pages().url}/batch-missing` },
      { url: `${pages().url}/batch/${a.tag}?utm_medium=social` },
    ];
    const res = await t
      .api()
      .post('/v1/articles:batch')
      .set('content-type', 'application/x-ndjson')
      .send(lines.map((l) => JSON.stringify(l)).join('\n'))
      .expect(200);
    expect(res.body.items.map((i: { status: number }) => i.status)).toEqual([201, 201, 422, 200]);
    expect(res.body.items[2].error.type).toBe('http://localhost:3000/problems/fetch-failed');
    expect(res.body.items[3].id).toBe(res.body.items[0].id);
    const stored = await t.api().get(`/v1/articles/${res.body.items[1].id}`).expect(200);
    expect(stored.body).toMatchObject({ body: b.text, canonicalUrl: `https://courier.example/${b.tag}` });
  });
});

describe('POST /v1/articles with a URL, by default', () => {
  it('refuses loopback addresses, by address and by a name that resolves to one, before connecting', async () => {
    const strict = await startTestApp();
    try {
      pages().page('/private', '<p>Inside the network.</p>');
      for (const host of ['127.0.0.1', 'localhost', '[::1]', '169.254.169.254', '10.1.2.3']) {
        const res = await strict
          .api()
          .post('/v1/articles')
          .send({ url: `http://${host}:${pages().port}/private` })
          .expect(422);
        expect(res.body.type).toBe('http://localhost:3000/problems/fetch-refused');
      }
      expect(pages().hits('/private')).toBe(0);
      expect(await strict.app.db.prisma.article.count()).toBe(0);
    } finally {
      await strict.close();
    }
  });
});
