import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { randomAdminKey, startTestApp, useTestApp, withKey } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { sampleArticle } from '../support/fixtures.js';
import { useReceiver, type ReceivedRequest } from '../support/receiver.js';

const SECRET = 'a-shared-secret-of-the-receiver';

const receiver = useReceiver();
const ALERT_ENV = { FETCH_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_DELAY_SECONDS: '1', WEBHOOK_TIMEOUT_MS: '1000' };
const t = useTestApp({ JOB_WORKERS: '1', ...ALERT_ENV });

/** What a receiver does with Quotes-Signature (the README's check): true when the body is the sender's. */
function verifies(header: string, body: string, secret: string, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function subscribe(body: Record<string, unknown>) {
  const res = await t
    .api()
    .post('/v1/subscriptions')
    .send({ secret: SECRET, ...body })
    .expect(201);
  return res.body as { id: string };
}

/** An article whose only quote is `words`, said by `speaker`. */
function storyOf(speaker: string, words: string) {
  const tag = randomUUID();
  return sampleArticle({
    title: `Story ${tag}`,
    body: `A meeting was held on Monday (${tag}).\n\n"${words}," ${speaker} said after it.`,
    url: `https://news.example.org/story-${tag}`,
  });
}

const events = (requests: ReceivedRequest[]) => requests.map((r) => JSON.parse(r.body));

/** Waits until the relay has taken every new quote, so that nothing more is queued. */
async function relayed() {
  for (let i = 0; i < 100; i++) {
    if ((await t.app.db.prisma.newQuote.count()) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('new quotes still wait for the relay');
}

describe('alerts', () => {
  it('posts a signed event that a receiver failing twice gets on the third attempt, each attempt listed', async () => {
    receiver().script('/flaky', [500, 503]);
    const sub = await subscribe({ q: 'marmalade', callbackUrl: `${receiver().url}/flaky` });
    expect(sub).not.toHaveProperty('secret');
    const ingested = await t
      .api()
      .post('/v1/articles')
      .send(storyOf('Mayor Dana Whitfield', 'The marmalade factory stays open'))
      .expect(201);
    const quote = ingested.body.quotes[0];
    const requests = await receiver().waitFor('/flaky', 3, 25_000);
    expect(requests.map((r) => r.headers['content-type'])).toEqual(Array(3).fill('application/json'));
    for (const r of requests) {
      expect(verifies(String(r.headers['quotes-signature']), r.body, SECRET)).toBe(true);
      expect(verifies(String(r.headers['quotes-signature']), r.body, 'another-secret-of-someone')).toBe(false);
      expect(verifies(String(r.headers['quotes-signature']), r.body.replace('marmalade', 'Marmalade'), SECRET)).toBe(
        false,
      );
    }
    const [event] = events(requests);
    expect(new Set(events(requests).map((e) => e.id))).toEqual(new Set([event.id]));
    expect(event).toMatchObject({
      type: 'quote.created',
      quote: { id: quote.id, text: quote.text, start: quote.start, end: quote.end },
      speaker: { id: quote.speaker.id, name: quote.speaker.name, kind: 'person' },
      article: { id: ingested.body.id, title: ingested.body.title, url: ingested.body.url },
    });
    expect(Object.keys(event)).toEqual(['id', 'type', 'createdAt', 'quote', 'speaker', 'article']);
    expect(Number.isNaN(Date.parse(event.createdAt))).toBe(false);

    let deliveries = (await t.api().get(`/v1/subscriptions/${sub.id}/deliveries`).expect(200)).body.items;
    for (let i = 0; deliveries.length < 3 && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      deliveries = (await t.api().get(`/v1/subscriptions/${sub.id}/deliveries`).expect(200)).body.items;
    }
    expect(deliveries.map((d: { attempt: number; statusCode: number }) => [d.attempt, d.statusCode])).toEqual([
      [3, 200],
      [2, 503],
      [1, 500],
    ]);
    expect(deliveries.map((d: { eventId: string }) => d.eventId)).toEqual(Array(3).fill(event.id));
    expect(deliveries.map((d: { quoteId: string }) => d.quoteId)).toEqual(Array(3).fill(quote.id));
    expect(deliveries.map((d: { error: string | null }) => d.error)).toEqual([
      null,
      'the callback answered HTTP 503',
      'the callback answered HTTP 500',
    ]);
    const metrics = (await t.api().get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^quotes_alert_deliveries_total\{outcome="delivered"\} [1-9]/m);
    expect(metrics).toMatch(/^quotes_alert_deliveries_total\{outcome="failed"\} [2-9]/m);
    const page = await t.api().get(`/v1/subscriptions/${sub.id}/deliveries`).query({ limit: 2 }).expect(200);
    const next = await t
      .api()
      .get(`/v1/subscriptions/${sub.id}/deliveries`)
      .query({ limit: 2, cursor: page.body.nextCursor })
      .expect(200);
    expect(next.body.items.map((d: { attempt: number }) => d.attempt)).toEqual([1]);
  });

  it('matches new quotes by speaker (followed through a merge) and by words, and sends nothing for others', async () => {
    const first = await t
      .api()
      .post('/v1/articles')
      .send(storyOf('Harbour master Ilse Brandvold', 'The ferries run again on Friday'))
      .expect(201);
    const brandvold = first.body.quotes[0].speaker;
    const alias = await t.api().post('/v1/speakers').send({ name: 'Ilse K. Brandvold' }).expect(201);
    const bySpeaker = await subscribe({ speaker: alias.body.id, callbackUrl: `${receiver().url}/speaker` });
    const byName = await subscribe({ speaker: 'ilse brandvold', callbackUrl: `${receiver().url}/name` });
    expect(byName).toMatchObject({ speaker: { id: brandvold.id, name: brandvold.name }, q: null });
    await subscribe({ q: 'ferries', callbackUrl: `${receiver().url}/words` });
    const both = await subscribe({ speaker: brandvold.id, q: 'zeppelin', callbackUrl: `${receiver().url}/both` });
    const nothing = await subscribe({ q: 'zeppelin', callbackUrl: `${receiver().url}/nothing` });
    // The speaker the first subscription names is folded into the harbour master.
    await t
      .api()
      .post(`/v1/speakers/${alias.body.id}/merge`)
      .send({ into: brandvold.id, by: 'desk-editor', reason: 'One person.' })
      .expect(200);
    expect((await t.api().get(`/v1/subscriptions/${bySpeaker.id}`).expect(200)).body.speaker.id).toBe(brandvold.id);

    const second = await t
      .api()
      .post('/v1/articles')
      .send(storyOf('Ilse Brandvold', 'The ferries need new engines'))
      .expect(201);
    const other = await t
      .api()
      .post('/v1/articles')
      .send(storyOf('Councillor Ruud Maas', 'The ferries cost too much'))
      .expect(201);
    const quoteIds = (a: { body: { quotes: { id: string }[] } }) => a.body.quotes.map((q) => q.id);
    const [speakerEvent] = events(await receiver().waitFor('/speaker', 1));
    expect(speakerEvent.quote.id).toBe(quoteIds(second)[0]);
    expect(events(await receiver().waitFor('/name', 1)).map((e) => e.quote.id)).toEqual(quoteIds(second));
    const wordEvents = events(await receiver().waitFor('/words', 2));
    expect(new Set(wordEvents.map((e) => e.quote.id))).toEqual(new Set([...quoteIds(second), ...quoteIds(other)]));
    await relayed();
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver().received('/speaker')).toHaveLength(1);
    expect(receiver().received('/words')).toHaveLength(2);
    expect(receiver().received('/both')).toHaveLength(0);
    expect(receiver().received('/nothing')).toHaveLength(0);
    expect((await t.api().get(`/v1/subscriptions/${both.id}/deliveries`).expect(200)).body.items).toEqual([]);
    expect((await t.api().get(`/v1/subscriptions/${nothing.id}/deliveries`).expect(200)).body.items).toEqual([]);

    // A quote added by hand is a new quote too.
    const body: string = other.body.body;
    const words = 'A meeting was held on Monday';
    const start = body.indexOf(words);
    const added = await t
      .api()
      .post(`/v1/articles/${other.body.id}/quotes`)
      .send({
        start,
        end: start + words.length,
        kind: 'indirect',
        speaker: brandvold.id,
        by: 'desk-editor',
        reason: 'Missed.',
      })
      .expect(201);
    const [addedEvent] = events((await receiver().waitFor('/speaker', 2)).slice(1));
    expect(addedEvent).toMatchObject({
      quote: { id: added.body.id, status: 'confirmed' },
      article: { id: other.body.id },
    });
  });

  it('lists, shows and deletes subscriptions, never with their secret', async () => {
    const sub = await subscribe({ q: 'lighthouse keepers', callbackUrl: `${receiver().url}/listed` });
    const shown = await t.api().get(`/v1/subscriptions/${sub.id}`).expect(200);
    expect(shown.body).toEqual({
      id: sub.id,
      speaker: null,
      q: 'lighthouse keepers',
      callbackUrl: `${receiver().url}/listed`,
      createdAt: expect.any(String),
    });
    const listed = await t.api().get('/v1/subscriptions').expect(200);
    expect(listed.body.items[0]).toEqual(shown.body);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);
    await t.api().delete(`/v1/subscriptions/${sub.id}`).expect(204);
    for (const path of [`/v1/subscriptions/${sub.id}`, `/v1/subscriptions/${sub.id}/deliveries`]) {
      const gone = await t.api().get(path).expect(404);
      expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    await t.api().delete(`/v1/subscriptions/${sub.id}`).expect(404);
  });

  it('refuses bad bodies with 400 problems and stores nothing', async () => {
    const before = await t.app.db.prisma.subscription.count();
    const callbackUrl = `${receiver().url}/bad`;
    const bad: [Record<string, unknown>, string][] = [
      [{ callbackUrl, secret: SECRET }, 'speaker'],
      [{ q: 'tides', secret: SECRET }, 'callbackUrl'],
      [{ q: 'tides', callbackUrl }, 'secret'],
      [{ q: 'tides', callbackUrl, secret: 'short' }, 'secret'],
      [{ q: 'tides', callbackUrl: 'ftp://files.example/hook', secret: SECRET }, 'callbackUrl'],
      [{ q: 'tides', callbackUrl: 'not a url', secret: SECRET }, 'callbackUrl'],
      [{ q: 'tides', callbackUrl, secret: SECRET, extra: 1 }, ''],
      [{ q: '', callbackUrl, secret: SECRET }, 'q'],
      [{ q: 'the and of', callbackUrl, secret: SECRET }, 'q'],
      [{ speaker: 'Nobody Known Here', callbackUrl, secret: SECRET }, 'speaker'],
      [{ speaker: '00000000-0000-4000-8000-000000000000', callbackUrl, secret: SECRET }, 'speaker'],
    ];
    for (const [body, field] of bad) {
      const res = await t.api().post('/v1/subscriptions').send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (field) expect(JSON.stringify(res.body.errors), JSON.stringify(body)).toContain(field);
    }
    await t.api().post('/v1/subscriptions').set('content-type', 'application/json').send('{"q": ').expect(400);
    await t.api().get('/v1/subscriptions').query({ cursor: 'nonsense!' }).expect(400);
    expect(await t.app.db.prisma.subscription.count()).toBe(before);
  });
});

describe('delivery', () => {
  it('retries an attempt that got no answer in time, recorded without a status', async () => {
    receiver().script('/silent', [0]);
    const sub = await subscribe({ q: 'barnacles', callbackUrl: `${receiver().url}/silent` });
    await t.api().post('/v1/articles').send(storyOf('Skipper Joan Ferris', 'The barnacles are back')).expect(201);
    const [first, second] = await receiver().waitFor('/silent', 2);
    expect(JSON.parse(second!.body).id).toBe(JSON.parse(first!.body).id);
    let items: { attempt: number; statusCode: number | null; error: string | null }[] = [];
    for (let i = 0; items.length < 2 && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      items = (await t.api().get(`/v1/subscriptions/${sub.id}/deliveries`).expect(200)).body.items;
    }
    expect(items.map((d) => [d.attempt, d.statusCode, d.error])).toEqual([
      [2, 200, null],
      [1, null, 'no answer within 1000 ms'],
    ]);
  });

  it('delivers the quotes stored while no process relayed them once one starts', async () => {
    const db = await createTestDatabase();
    const adminKey = randomAdminKey();
    const start = async (workers: string) => {
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        QUOTES_ADMIN_KEY: adminKey,
        JOB_WORKERS: workers,
        ...ALERT_ENV,
      });
      const app = await buildApp({ config, databaseUrl: db.url, logger: false });
      await app.ready();
      return app;
    };
    const apps = [await start('0')];
    try {
      const api = () => withKey(apps[0]!, adminKey);
      await api()
        .post('/v1/subscriptions')
        .send({ q: 'seagulls', callbackUrl: `${receiver().url}/later`, secret: SECRET })
        .expect(201);
      const stored = await api()
        .post('/v1/articles')
        .send(storyOf('Warden Piet Hals', 'The seagulls are fed'))
        .expect(201);
      await new Promise((r) => setTimeout(r, 500));
      expect(receiver().received('/later')).toHaveLength(0);
      await apps[0]!.close();
      apps.push(await start('1'));
      const [delivered] = await receiver().waitFor('/later', 1);
      expect(JSON.parse(delivered!.body).quote.id).toBe(stored.body.quotes[0].id);
    } finally {
      for (const app of apps) await app.close();
      await db.drop();
    }
  });
});

describe('callback addresses', () => {
  it('refuses private, loopback, link-local and unresolvable callbacks without FETCH_ALLOW_PRIVATE', async () => {
    const app = await startTestApp();
    try {
      for (const callbackUrl of [
        `${receiver().url}/hook`,
        'http://localhost:9/hook',
        'http://169.254.169.254/latest/meta-data',
        'http://10.1.2.3/hook',
        'http://[::1]:8080/hook',
      ]) {
        const res = await app.api().post('/v1/subscriptions').send({ q: 'tides', callbackUrl, secret: SECRET });
        expect(res.status, callbackUrl).toBe(422);
        expect(res.body.type, callbackUrl).toBe('http://localhost:3000/problems/fetch-refused');
      }
      const unresolvable = await app
        .api()
        .post('/v1/subscriptions')
        .send({ q: 'tides', callbackUrl: 'http://no-such-host.invalid/hook', secret: SECRET });
      expect(unresolvable.status).toBe(422);
      expect(unresolvable.body.type).toBe('http://localhost:3000/problems/fetch-failed');
      expect(await app.app.db.prisma.subscription.count()).toBe(0);
      // Only the write scope manages subscriptions.
      const key = await app
        .api()
        .post('/v1/keys')
        .send({ scopes: ['read'] })
        .expect(201);
      await app.app
        .inject({ method: 'GET', url: '/v1/subscriptions', headers: { authorization: `Bearer ${key.body.key}` } })
        .then((r) => expect(r.statusCode).toBe(403));
    } finally {
      await app.close();
    }
  });
});
