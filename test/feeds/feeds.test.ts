import type request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startTestApp, useTestApp, withKey } from '../support/app.js';
import { ContractRecorder } from '../support/contract.js';
import { atomFeed, jsonFeed, rssFeed, serveFeed, serveStory, type FeedItem } from '../support/feeds.js';
import { usePageServer } from '../support/pages.js';

// Feeds: registered, read, polled on pg-boss; each item's page fetched and
// ingested once, whatever fails beside it and however many pollers run.

const pages = usePageServer();
const t = useTestApp({ JOB_WORKERS: '2', FETCH_ALLOW_PRIVATE: 'true', FEED_RETRY_SECONDS: '1' });

type Feed = Record<string, number | string | null>;

/** Reads the feed until `done(feed)` holds, for at most `ms`. */
async function waitForFeed(
  api: () => ReturnType<typeof request.agent>,
  id: string,
  done: (feed: Feed) => boolean,
  ms = 20_000,
): Promise<Feed> {
  const deadline = Date.now() + ms;
  for (;;) {
    const feed = (await api().get(`/v1/feeds/${id}`).expect(200)).body as Feed;
    if (done(feed)) return feed;
    if (Date.now() > deadline) throw new Error(`feed ${id} still ${JSON.stringify(feed)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `count` stories served under /<prefix>/story/<n>, as feed items. */
const stories = (prefix: string, from: number, count: number): FeedItem[] =>
  Array.from({ length: count }, (_, n) => serveStory(pages(), `/${prefix}/story/${from + n}`));

/** Registers the feed served at `path`; answers it as created. */
const register = async (path: string): Promise<Feed & { id: string }> =>
  (
    await t
      .api()
      .post('/v1/feeds')
      .send({ url: `${pages().url}${path}` })
      .expect(201)
  ).body;

const articlesAt = async (urls: string[]) =>
  (
    await t.app.db.pool.query<{ url: string; outlet: string | null }>(
      'SELECT url, outlet FROM articles WHERE url = ANY($1) ORDER BY url',
      [urls],
    )
  ).rows;

describe('POST /v1/feeds', () => {
  it('ingests the pages of an RSS feed, and a poll after the feed gains an item ingests only the new one', async () => {
    const first = stories('gains', 0, 2);
    serveFeed(pages(), '/gains/feed.xml', rssFeed(first));
    const url = `${pages().url}/gains/feed.xml`;
    const created = await t.api().post('/v1/feeds').send({ url, outlet: 'Harbour Desk' }).expect(201);
    expect(created.headers.location).toBe(`/v1/feeds/${created.body.id}`);
    expect(created.body).toMatchObject({
      url,
      outlet: 'Harbour Desk',
      intervalSeconds: 900,
      format: 'rss',
      title: 'Coastline Courier: Harbour',
      lastError: null,
      itemsSeen: 2,
    });
    expect(created.body.lastPolledAt).not.toBeNull();
    const id = created.body.id as string;
    await waitForFeed(t.api, id, (f) => f.itemsIngested === 2);
    expect(await articlesAt(first.map((i) => i.link))).toEqual(
      first.map((i) => ({ url: i.link, outlet: 'Harbour Desk' })).sort((a, b) => a.url.localeCompare(b.url)),
    );

    // The same URL again is the same feed.
    const again = await t.api().post('/v1/feeds').send({ url, intervalSeconds: 60 }).expect(200);
    expect(again.body).toMatchObject({ id, intervalSeconds: 900 });

    const [added] = stories('gains', 2, 1);
    serveFeed(pages(), '/gains/feed.xml', rssFeed([added!, ...first]));
    const polled = await t.api().post(`/v1/feeds/${id}/poll`).expect(202);
    expect(polled.body.id).toBe(id);
    const feed = await waitForFeed(t.api, id, (f) => f.itemsIngested === 3);
    expect(feed).toMatchObject({ itemsSeen: 3, itemsFailed: 0, itemsPending: 0, lastError: null });
    expect(await articlesAt([added!.link])).toHaveLength(1);
    expect([0, 1, 2].map((n) => pages().hits(`/gains/story/${n}`))).toEqual([1, 1, 1]);
    expect(pages().hits('/gains/feed.xml')).toBe(2);
  });

  it('reads Atom and JSON Feed, and a page stored already under its canonical URL is not stored again', async () => {
    const [entry] = stories('atom', 0, 1);
    serveFeed(pages(), '/atom/feed', atomFeed([entry!]), 'application/atom+xml');
    // The same story, listed with tracking parameters, and a new one.
    const [story] = stories('json', 0, 1);
    const tracked = { ...entry!, id: 'tracked', link: `${entry!.link}?utm_source=feed` };
    serveFeed(pages(), '/json/feed.json', jsonFeed([story!, tracked]), 'application/feed+json');

    const atom = await register('/atom/feed');
    expect(atom).toMatchObject({ format: 'atom', itemsSeen: 1 });
    await waitForFeed(t.api, atom.id, (f) => f.itemsIngested === 1);
    const json = await register('/json/feed.json');
    expect(json).toMatchObject({ format: 'json', itemsSeen: 2 });
    await waitForFeed(t.api, json.id, (f) => f.itemsIngested === 2);
    expect(await articlesAt([entry!.link, story!.link])).toHaveLength(2);
    expect(await articlesAt([tracked.link])).toHaveLength(0);
    expect(pages().hits('/atom/story/0')).toBe(1);
  });

  it('records why a broken feed failed, polls it again with backoff, and goes on once it is mended', async () => {
    const first = stories('broken', 0, 1);
    serveFeed(pages(), '/broken/feed.xml', rssFeed(first));
    const body = await register(`/broken/feed.xml`);
    pages().route('/broken/feed.xml', (_request, response) =>
      response.writeHead(500, { 'content-type': 'text/plain' }).end('down'),
    );
    await t.api().post(`/v1/feeds/${body.id}/poll`).expect(202);
    const failing = await waitForFeed(t.api, body.id, (f) => f.lastError !== null);
    expect(failing.lastError).toMatch(/answered HTTP 500/);
    const hits = pages().hits('/broken/feed.xml');
    // Polled again by itself, after 1 s, then 2 s.
    await waitForFeed(t.api, body.id, () => pages().hits('/broken/feed.xml') > hits);

    // Garbage is a failure too.
    serveFeed(pages(), '/broken/feed.xml', '<html><body>Maintenance</body></html>', 'text/html');
    await waitForFeed(t.api, body.id, (f) => /not an RSS, Atom or JSON feed/.test(String(f.lastError)), 15_000);

    const more = [...stories('broken', 1, 1), ...first];
    serveFeed(pages(), '/broken/feed.xml', rssFeed(more));
    const mended = await waitForFeed(t.api, body.id, (f) => f.lastError === null && f.itemsIngested === 2, 30_000);
    expect(mended.itemsSeen).toBe(2);
  });

  it('ingests the other items of a feed when the page of one fails', async () => {
    const good = stories('partial', 0, 2);
    pages().route('/partial/photo', (_request, response) =>
      response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47])),
    );
    const items = [
      good[0]!,
      { link: `${pages().url}/partial/photo`, title: 'A photo' },
      { link: `${pages().url}/partial/missing`, title: 'Gone' },
      good[1]!,
    ];
    serveFeed(pages(), '/partial/feed.xml', rssFeed(items));
    const body = await register(`/partial/feed.xml`);
    const feed = await waitForFeed(t.api, body.id, (f) => f.itemsIngested === 2 && f.itemsFailed === 1);
    // The photo is no page and fails at once; the missing page is tried again later.
    expect(feed).toMatchObject({ itemsSeen: 4, itemsPending: 1 });
    const notIngested = () =>
      t.app.db.pool.query(
        `SELECT url, status, attempts, error ->> 'type' AS type FROM feed_items WHERE feed_id = $1 AND status <> 'ingested' ORDER BY url`,
        [body.id],
      );
    // The missing page's first attempt may still be under way (counted, its error not yet recorded).
    let failed = await notIngested();
    for (const deadline = Date.now() + 10_000; failed.rows.some((r) => r.type === null) && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 100));
      failed = await notIngested();
    }
    expect(failed.rows).toEqual([
      {
        url: `${pages().url}/partial/missing`,
        status: 'pending',
        attempts: 1,
        type: expect.stringMatching(/fetch-failed$/),
      },
      {
        url: `${pages().url}/partial/photo`,
        status: 'failed',
        attempts: 1,
        type: expect.stringMatching(/fetch-not-html$/),
      },
    ]);
  });

  it('queues again, when a process starts, the poll of a feed and the pages of items whose jobs were lost', async () => {
    const items = stories('recover', 0, 2);
    serveFeed(pages(), '/recover/feed.xml', rssFeed(items));
    const body = await register(`/recover/feed.xml`);
    await waitForFeed(t.api, body.id, (f) => f.itemsIngested === 2);
    const { pool } = t.app.db;
    await pool.query(`UPDATE feed_items SET status = 'pending', article_id = NULL WHERE feed_id = $1 AND url = $2`, [
      body.id,
      items[0]!.link,
    ]);
    await pool.query(`DELETE FROM pgboss.job WHERE singleton_key = $1 OR data ->> 'feedId' = $1`, [body.id]);
    await t.app.services.feeds.recover();
    const polls = await pool.query(
      `SELECT start_after > now() + interval '800 seconds' AS later FROM pgboss.job
       WHERE name = 'feed-poll' AND singleton_key = $1 AND state = 'created'`,
      [body.id],
    );
    expect(polls.rows).toEqual([{ later: true }]);
    await waitForFeed(t.api, body.id, (f) => f.itemsIngested === 2);
    // Its page is stored already: it is not fetched again.
    expect(pages().hits('/recover/story/0')).toBe(1);
  });

  it('refuses a bad body with 400, a page that is no feed with 422, and stores nothing', async () => {
    pages().page('/refused/page.html', '<html><body><p>Just a page.</p></body></html>');
    const before = await t.app.db.prisma.feed.count();
    const bad = [
      {},
      { url: 'ftp://coastline-courier.example/feed' },
      { url: 'not a url' },
      { url: `${pages().url}/x`, intervalSeconds: 5 },
      { url: `${pages().url}/x`, intervalSeconds: 1.5 },
      { url: `${pages().url}/x`, extra: true },
      { url: `${pages().url}/x`, outlet: '' },
    ];
    for (const body of bad) {
      const res = await t.api().post('/v1/feeds').send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    await t.api().post('/v1/feeds').set('content-type', 'text/plain').send('https://x.example/feed').expect(415);
    for (const [path, problem] of [
      ['/refused/page.html', 'fetch-not-feed'],
      ['/refused/nowhere.xml', 'fetch-failed'],
    ]) {
      const res = await t
        .api()
        .post('/v1/feeds')
        .send({ url: `${pages().url}${path}` })
        .expect(422);
      expect(res.body.type).toBe(`http://localhost:3000/problems/${problem}`);
    }
    expect(await t.app.db.prisma.feed.count()).toBe(before);

    const unknown = '0190c0de-0000-7000-8000-000000000099';
    await t.api().get(`/v1/feeds/${unknown}`).expect(404);
    await t.api().post(`/v1/feeds/${unknown}/poll`).expect(404);
    await t.api().delete(`/v1/feeds/${unknown}`).expect(404);
    await t.api().get('/v1/feeds/not-an-id').expect(400);
    await t.api().get('/v1/feeds?cursor=nope').expect(400);

    const key = (
      await t
        .api()
        .post('/v1/keys')
        .send({ scopes: ['read'] })
        .expect(201)
    ).body.key as string;
    await withKey(t.app, key)
      .post('/v1/feeds')
      .send({ url: `${pages().url}/x` })
      .expect(403);
    await withKey(t.app, key).get('/v1/feeds').expect(200);
  });

  it('changes a feed: outlet and interval, and a paused feed is not polled until it is unpaused', async () => {
    serveFeed(pages(), '/patch/feed.xml', rssFeed(stories('patch', 0, 1)));
    const { id } = await register('/patch/feed.xml');
    await waitForFeed(t.api, id, (f) => f.itemsIngested === 1);
    const queuedPolls = async () =>
      (
        await t.app.db.pool.query<{ inSeconds: number }>(
          `SELECT round(extract(epoch FROM j.start_after - f.last_polled_at))::int AS "inSeconds"
           FROM pgboss.job j JOIN feeds f ON f.id::text = j.singleton_key
           WHERE j.name = 'feed-poll' AND j.singleton_key = $1 AND j.state = 'created'`,
          [id],
        )
      ).rows;
    expect(await queuedPolls()).toEqual([{ inSeconds: 900 }]);

    const changed = await t
      .api()
      .patch(`/v1/feeds/${id}`)
      .send({ outlet: 'Night Desk', intervalSeconds: 120 })
      .expect(200);
    expect(changed.body).toMatchObject({ id, outlet: 'Night Desk', intervalSeconds: 120, paused: false });
    // The queued poll moves to the new interval after the last poll (a second either way for rounding).
    const [moved] = await queuedPolls();
    expect(Math.abs(moved!.inSeconds - 120)).toBeLessThanOrEqual(1);

    const paused = await t.api().patch(`/v1/feeds/${id}`).send({ paused: true }).expect(200);
    expect(paused.body).toMatchObject({ outlet: 'Night Desk', intervalSeconds: 120, paused: true });
    const conflict = await t.api().post(`/v1/feeds/${id}/poll`).expect(409);
    expect(conflict.headers['content-type']).toMatch(/^application\/problem\+json/);
    // The poll job finds the feed paused: the feed is not fetched, and no next poll is queued.
    await t.app.db.pool.query(`DELETE FROM pgboss.job WHERE name = 'feed-poll' AND singleton_key = $1`, [id]);
    const hits = pages().hits('/patch/feed.xml');
    await t.app.services.feeds.poll({ feedId: id });
    expect(pages().hits('/patch/feed.xml')).toBe(hits);
    expect(await queuedPolls()).toEqual([]);
    expect((await t.api().get(`/v1/feeds/${id}`).expect(200)).body.paused).toBe(true);

    // Unpaused, its next poll is queued again at its interval; outlet null gives each page's own.
    const resumed = await t.api().patch(`/v1/feeds/${id}`).send({ paused: false, outlet: null }).expect(200);
    expect(resumed.body).toMatchObject({ outlet: null, intervalSeconds: 120, paused: false });
    const [next] = await queuedPolls();
    expect(Math.abs(next!.inSeconds - 120)).toBeLessThanOrEqual(1);
    await t.api().post(`/v1/feeds/${id}/poll`).expect(202);
    await waitForFeed(t.api, id, () => pages().hits('/patch/feed.xml') === hits + 1);
  });

  it('refuses a bad change with 400 and an unknown feed with 404, changing nothing', async () => {
    serveFeed(pages(), '/patch-bad/feed.xml', rssFeed([]));
    const { id } = await register('/patch-bad/feed.xml');
    const before = (await t.api().get(`/v1/feeds/${id}`).expect(200)).body;
    const bad = [
      {},
      { intervalSeconds: 5 },
      { intervalSeconds: 8 * 24 * 3600 },
      { intervalSeconds: 90.5 },
      { paused: 'yes' },
      { outlet: '' },
      { url: 'https://elsewhere.example/feed.xml' },
      { paused: true, extra: 1 },
    ];
    for (const body of bad) {
      const res = await t.api().patch(`/v1/feeds/${id}`).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.length, JSON.stringify(body)).toBeGreaterThan(0);
    }
    await t.api().patch(`/v1/feeds/${id}`).set('content-type', 'text/plain').send('paused').expect(415);
    await t.api().patch('/v1/feeds/not-an-id').send({ paused: true }).expect(400);
    const missing = await t.api().patch('/v1/feeds/0190c0de-0000-7000-8000-000000000098').send({ paused: true });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await t.api().get(`/v1/feeds/${id}`).expect(200)).body).toEqual(before);
  });

  it('refuses a feed at a private address unless FETCH_ALLOW_PRIVATE', async () => {
    serveFeed(pages(), '/private/feed.xml', rssFeed([]));
    const strict = await startTestApp();
    try {
      const res = await strict
        .api()
        .post('/v1/feeds')
        .send({ url: `${pages().url}/private/feed.xml` })
        .expect(422);
      expect(res.body.type).toBe('http://localhost:3000/problems/fetch-refused');
      expect(pages().hits('/private/feed.xml')).toBe(0);
      expect(await strict.app.db.prisma.feed.count()).toBe(0);
    } finally {
      await strict.close();
    }
  });

  it('lists feeds newest first a page at a time, and a deleted feed is gone while its articles stay', async () => {
    const ids: string[] = [];
    for (const n of [0, 1]) {
      const items = stories(`listed${n}`, 0, 1);
      serveFeed(pages(), `/listed${n}/feed.xml`, rssFeed(items));
      const body = await register(`/listed${n}/feed.xml`);
      ids.push(body.id);
      await waitForFeed(t.api, body.id, (f) => f.itemsIngested === 1);
    }
    const page1 = await t.api().get('/v1/feeds?limit=1').expect(200);
    expect(page1.body.items.map((f: Feed) => f.id)).toEqual([ids[1]]);
    const page2 = await t.api().get(`/v1/feeds?limit=1&cursor=${page1.body.nextCursor}`).expect(200);
    expect(page2.body.items.map((f: Feed) => f.id)).toEqual([ids[0]]);

    await t.api().delete(`/v1/feeds/${ids[1]}`).expect(204);
    await t.api().get(`/v1/feeds/${ids[1]}`).expect(404);
    const listed = await t.api().get('/v1/feeds?limit=100').expect(200);
    expect(listed.body.items.map((f: Feed) => f.id)).not.toContain(ids[1]);
    expect(await articlesAt([`${pages().url}/listed1/story/0`])).toHaveLength(1);
  });
});

describe('two service instances', () => {
  it('ingest each item once when both poll at once, and take up jobs queued by an instance that works none', async () => {
    const start = async (workers: string) => {
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        QUOTES_ADMIN_KEY: t.adminKey,
        JOB_WORKERS: workers,
        FETCH_ALLOW_PRIVATE: 'true',
      });
      const contract = new ContractRecorder();
      const app = await buildApp({ config, databaseUrl: t.db.url, logger: false, observeResponse: contract.observe });
      await app.ready();
      return { app, contract, api: () => withKey(app, t.adminKey) };
    };
    const queuer = await start('0');
    const other = await start('2');
    try {
      const first = stories('twice', 0, 2);
      serveFeed(pages(), '/twice/feed.xml', rssFeed(first));
      const { body } = await queuer
        .api()
        .post('/v1/feeds')
        .send({ url: `${pages().url}/twice/feed.xml` })
        .expect(201);
      await waitForFeed(queuer.api, body.id, (f) => f.itemsIngested === 2);

      const added = stories('twice', 2, 6);
      serveFeed(pages(), '/twice/feed.xml', rssFeed([...added, ...first]));
      // Polls run side by side, outside the queue's one-poll-per-feed rule, and through it.
      await Promise.all([
        t.app.services.feeds.poll({ feedId: body.id }),
        other.app.services.feeds.poll({ feedId: body.id }),
        queuer.app.services.feeds.poll({ feedId: body.id }),
        t.api().post(`/v1/feeds/${body.id}/poll`).expect(202),
        other.api().post(`/v1/feeds/${body.id}/poll`).expect(202),
      ]);
      const feed = await waitForFeed(queuer.api, body.id, (f) => f.itemsIngested === 8);
      expect(feed).toMatchObject({ itemsSeen: 8, itemsPending: 0, itemsFailed: 0 });
      expect(Array.from({ length: 8 }, (_, n) => pages().hits(`/twice/story/${n}`))).toEqual(Array(8).fill(1));
      expect(await articlesAt([...first, ...added].map((i) => i.link))).toHaveLength(8);
      const jobs = await t.app.db.pool.query(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'feed-item' AND data ->> 'feedId' = $1`,
        [body.id],
      );
      expect(jobs.rows[0].n).toBe(8);
      // One poll stays queued for the feed.
      const polls = await t.app.db.pool.query(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'feed-poll' AND singleton_key = $1 AND state = 'created'`,
        [body.id],
      );
      expect(polls.rows[0].n).toBe(1);
      expect(queuer.contract.take()).toEqual([]);
      expect(other.contract.take()).toEqual([]);
    } finally {
      await queuer.app.close();
      await other.app.close();
    }
  });
});
