import { describe, expect, it } from 'vitest';
import { sampleArticle } from '../support/fixtures.js';
import { useTestApp } from '../support/app.js';

const t = useTestApp({ BATCH_BODY_LIMIT_BYTES: String(64 * 1024) });

const ndjson = (lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');
const postBatch = (body: string) =>
  t.api().post('/v1/articles:batch').set('content-type', 'application/x-ndjson').send(body);

describe('POST /v1/articles:batch', () => {
  it('finds or creates each speaker once for the batch, with every alias and the first role given', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const name = `Mara Quist${tag}`;
    const article = (body: string) => sampleArticle({ body: `${body} (${tag})` });
    const first = await postBatch(
      ndjson([
        article(`"The pier will reopen in May," said ${name}. Later, "the ferries will follow," Quist${tag} said.`),
        article(`"The tolls stay," ${name}, the harbour master, said.`),
        article(`"The tolls stay," ${name}, the port director, said.`),
      ]),
    ).expect(200);
    expect(first.body).toMatchObject({ created: 3, failed: 0 });
    const speakerIds = new Set<string>();
    for (const item of first.body.items) {
      const stored = await t.api().get(`/v1/articles/${item.id}`).expect(200);
      for (const q of stored.body.quotes) if (q.speaker) speakerIds.add(q.speaker.id);
    }
    expect(speakerIds.size).toBe(1);
    const [id] = [...speakerIds];
    const speaker = await t.api().get(`/v1/speakers/${id}`).expect(200);
    expect(speaker.body).toMatchObject({ name, kind: 'person', role: 'harbour master', aliases: [`Quist${tag}`] });

    // A later article giving another role leaves the known one.
    await postBatch(
      ndjson([article(`"Not this year," said ${name}, the port director. "Perhaps," M. Quist${tag} added.`)]),
    ).expect(200);
    const later = await t.api().get(`/v1/speakers/${id}`).expect(200);
    expect(later.body.role).toBe('harbour master');
    expect(later.body.quoteCount).toBe(6);
    expect(later.body.aliases).toEqual([`Quist${tag}`]);

    // A later article is linked to the stored speaker, which keeps its name, role and aliases as they are.
    const other = `Ivo Brandt${tag}`;
    const plain = await postBatch(ndjson([article(`"We are ready," said ${other}.`)])).expect(200);
    const plainArticle = await t.api().get(`/v1/articles/${plain.body.items[0].id}`).expect(200);
    const otherId = plainArticle.body.quotes[0].speaker.id;
    expect((await t.api().get(`/v1/speakers/${otherId}`).expect(200)).body).toMatchObject({ role: null, aliases: [] });
    const linked = await postBatch(
      ndjson([article(`"Ready now," ${other}, the dock foreman, said. "Truly," Brandt${tag} said.`)]),
    ).expect(200);
    const linkedArticle = await t.api().get(`/v1/articles/${linked.body.items[0].id}`).expect(200);
    expect(linkedArticle.body.quotes.map((q: { speaker: { id: string } }) => q.speaker.id)).toEqual([otherId, otherId]);
    expect((await t.api().get(`/v1/speakers/${otherId}`).expect(200)).body).toMatchObject({
      name: other,
      role: null,
      aliases: [],
      quoteCount: 3,
    });
  });

  it('stores every good line with its quotes, and answers one result per line', async () => {
    const articles = [sampleArticle(), sampleArticle(), sampleArticle()];
    const res = await postBatch(`${ndjson(articles)}\n`).expect(200);
    expect(res.body).toMatchObject({ created: 3, existing: 0, failed: 0 });
    expect(res.body.items.map((i: { index: number; status: number }) => [i.index, i.status])).toEqual([
      [0, 201],
      [1, 201],
      [2, 201],
    ]);
    for (const [i, item] of res.body.items.entries()) {
      const stored = await t.api().get(`/v1/articles/${item.id}`).expect(200);
      expect(stored.body.title).toBe(articles[i]!.title);
      expect(stored.body.quotes.length).toBeGreaterThan(0);
    }
    const again = await postBatch(ndjson(articles)).expect(200);
    expect(again.body).toMatchObject({ created: 0, existing: 3 });
    expect(again.body.items.map((i: { id: string }) => i.id)).toEqual(res.body.items.map((i: { id: string }) => i.id));
  });

  it('answers a bad JSON line and an invalid article with a problem each, and stores the others', async () => {
    const good = sampleArticle();
    const before = await t.app.db.prisma.article.count();
    const res = await postBatch(
      ndjson([good, '{"title": "cut off', { ...sampleArticle(), title: '' }, '', sampleArticle({ extra: 1 })]),
    ).expect(200);
    expect(res.body).toMatchObject({ created: 1, existing: 0, failed: 3 });
    const [first, badJson, invalid, unknownField] = res.body.items;
    expect(first).toMatchObject({ index: 0, status: 201 });
    expect(badJson).toMatchObject({
      index: 1,
      status: 400,
      error: { type: 'http://localhost:3000/problems/malformed-json', status: 400 },
    });
    expect(invalid).toMatchObject({
      index: 2,
      status: 400,
      error: { type: 'http://localhost:3000/problems/validation' },
    });
    expect(invalid.error.errors).toEqual([expect.objectContaining({ in: 'body', path: 'title' })]);
    expect(unknownField).toMatchObject({
      index: 4,
      status: 400,
      error: { type: 'http://localhost:3000/problems/validation' },
    });
    expect(await t.app.db.prisma.article.count()).toBe(before + 1);
  });

  it('numbers lines from 1, blank ones included, in each result and in the problems of bad lines', async () => {
    const res = await postBatch(
      ndjson([
        sampleArticle(),
        '',
        '{"title": "cut off',
        { ...sampleArticle(), title: '', publishedAt: 'soon' },
        '   ',
        sampleArticle({ colour: 'red' }),
        sampleArticle(),
      ]),
    ).expect(200);
    expect(res.body).toMatchObject({ created: 2, failed: 3 });
    expect(res.body.items.map((i: { line: number; index: number }) => [i.line, i.index])).toEqual([
      [1, 0],
      [3, 2],
      [4, 3],
      [6, 5],
      [7, 6],
    ]);
    const [, badJson, invalid, unknown] = res.body.items;
    expect(badJson.error.detail).toBe('Line 3 is not valid JSON.');
    expect(invalid.error.detail).toBe(
      'Line 4 is invalid: The field `title` must not be empty. The field `publishedAt` must be a date (YYYY-MM-DD) or a date-time (RFC 3339, e.g. 2026-03-04T10:00:00Z).',
    );
    expect(invalid.error.errors.map((e: { path: string }) => e.path)).toEqual(['title', 'publishedAt']);
    expect(unknown.error.detail).toBe('Line 6 is invalid: The field `colour` is not known here.');
    const notObject = await postBatch(ndjson([sampleArticle(), '[1, 2]'])).expect(200);
    expect(notObject.body.items[1]).toMatchObject({ line: 2, status: 400 });
    expect(notObject.body.items[1].error.detail).toBe('Line 2 is invalid: The line must be a JSON object.');
  });

  it('stores an article repeated within the batch once, and points the repeats at it', async () => {
    const article = sampleArticle();
    const sameBody = { ...article, url: 'https://mirror.example/copy-' + article.url.slice(-36) };
    const res = await postBatch(ndjson([article, article, sameBody])).expect(200);
    expect(res.body).toMatchObject({ created: 1, existing: 2, failed: 0 });
    const ids = new Set(res.body.items.map((i: { id: string }) => i.id));
    expect(ids.size).toBe(1);
    expect(res.body.items.map((i: { status: number }) => i.status)).toEqual([201, 200, 200]);
  });

  it('refuses more than 1,000 articles with 413 and stores none of them', async () => {
    const before = await t.app.db.prisma.article.count();
    const res = await postBatch(Array.from({ length: 1001 }, () => '{}').join('\n')).expect(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'http://localhost:3000/problems/payload-too-large', status: 413 });
    expect(await t.app.db.prisma.article.count()).toBe(before);
  });

  it('refuses a body over the configured batch limit with 413', async () => {
    const big = ndjson(
      Array.from({ length: 30 }, () => sampleArticle({ body: `"Words," she said. ${'x'.repeat(3000)}` })),
    );
    const res = await postBatch(big).expect(413);
    expect(res.body.type).toBe('http://localhost:3000/problems/payload-too-large');
  });

  it('refuses a body that is not valid UTF-8 with 400 naming the line, and stores none of it', async () => {
    const before = await t.app.db.prisma.article.count();
    const lines = [sampleArticle(), sampleArticle(), sampleArticle()].map((a) => Buffer.from(JSON.stringify(a)));
    // A lone continuation byte, then a truncated two-byte sequence, inside line 2's title.
    const broken = Buffer.concat([lines[1]!.subarray(0, 12), Buffer.from([0x80, 0x41, 0xc3]), lines[1]!.subarray(12)]);
    const body = Buffer.concat([lines[0]!, Buffer.from('\n'), broken, Buffer.from('\n'), lines[2]!]);
    const res = await t
      .api()
      .post('/v1/articles:batch')
      .set('content-type', 'application/x-ndjson')
      .send(body)
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'http://localhost:3000/problems/validation',
      detail: expect.stringMatching(/^Line 2 is not valid UTF-8/),
      errors: [{ in: 'body', path: 'line 2', message: 'is not valid UTF-8' }],
    });
    expect(await t.app.db.prisma.article.count()).toBe(before);
    // The same lines in UTF-8, with characters beyond ASCII, are stored as sent.
    const fine = sampleArticle({ title: 'Café “déjà vu” 東京 🚢' });
    const ok = await postBatch(ndjson([fine])).expect(200);
    const stored = await t.api().get(`/v1/articles/${ok.body.items[0].id}`).expect(200);
    expect(stored.body.title).toBe(fine.title);
  });

  it('refuses other media types with 415 and an empty body with 400', async () => {
    const res = await t.api().post('/v1/articles:batch').send([sampleArticle()]).expect(415);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.type).toBe('http://localhost:3000/problems/unsupported-media-type');
    const empty = await postBatch('\n\n').expect(400);
    expect(empty.body.type).toBe('http://localhost:3000/problems/validation');
  });
});

describe('POST /v1/articles:batch with an Idempotency-Key', () => {
  it('replays the first answer to a retry and refuses the key with another batch', async () => {
    const body = ndjson([sampleArticle(), sampleArticle()]);
    const key = `batch-${Math.random()}`;
    const first = await postBatch(body).set('idempotency-key', key).expect(200);
    expect(first.body.created).toBe(2);
    const retry = await postBatch(body).set('idempotency-key', key).expect(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    const other = await postBatch(ndjson([sampleArticle()]))
      .set('idempotency-key', key)
      .expect(422);
    expect(other.headers['content-type']).toMatch(/problem\+json/);
  });
});
