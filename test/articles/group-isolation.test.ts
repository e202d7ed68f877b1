import { afterEach, describe, expect, it, vi } from 'vitest';
import { GroupWriter } from '../../src/articles/group-writer.js';
import type { PreparedArticle } from '../../src/articles/ingest.js';
import { ArticleRepository } from '../../src/articles/repository.js';
import { useTestApp } from '../support/app.js';
import { sampleArticle } from '../support/fixtures.js';

// Articles written in one group or one batch fail alone: one that the database
// refuses costs only its own answer, and the others of its group are stored.

const t = useTestApp();

const CYRILLIC = 'абвгдежзиклмнопрстуфхцчшщъыьэюя';

/** The nth word of nine Cyrillic letters (two bytes each in UTF-8): all distinct. */
function cyrillicWord(n: number): string {
  let word = '';
  for (let i = 0; i < 9; i++, n = Math.floor(n / CYRILLIC.length)) word += CYRILLIC[n % CYRILLIC.length];
  return word;
}

/**
 * An article within the body's length whose one quote holds over a megabyte of
 * distinct words: more than Postgres lets a search vector hold, so its write
 * fails inside the transaction ("string is too long for tsvector").
 */
function unindexableArticle() {
  const words = Array.from({ length: 70_000 }, (_, i) => cyrillicWord(i * 7919 + 12345));
  return sampleArticle({
    body: `The council met on Tuesday.\n\n"${words.join(' ')}," Mayor Jane Holt said after the vote.`,
  });
}

const countArticles = () => t.app.db.prisma.article.count();

afterEach(() => vi.restoreAllMocks());

describe('a group commit holding one article the database refuses', () => {
  it('stores the others of its group, and answers the bad one alone with 413', async () => {
    const bad = unindexableArticle();
    const good = Array.from({ length: 6 }, () => sampleArticle());
    const urls = new Set([bad, ...good].map((a) => a.url));
    // The first write is held until all seven articles have reached the writer, so
    // that the six others wait and are written as one group, however slowly the
    // machine takes them in.
    let waiting = 0;
    let allReached!: () => void;
    const allAtWriter = new Promise<void>((resolve) => (allReached = resolve));
    const submit = GroupWriter.prototype.submit;
    vi.spyOn(GroupWriter.prototype, 'submit').mockImplementation(function (this: GroupWriter<unknown, unknown>, item) {
      const url = (item as Partial<PreparedArticle>).article?.url;
      if (url && urls.has(url) && ++waiting === urls.size) allReached();
      return submit.call(this, item);
    });
    const groups: string[][] = [];
    const writeGroup = ArticleRepository.prototype.writeGroup;
    let held = false;
    vi.spyOn(ArticleRepository.prototype, 'writeGroup').mockImplementation(async function (
      this: ArticleRepository,
      group,
    ) {
      groups.push(group.articles.map((a) => a.url ?? ''));
      if (!held) {
        held = true;
        await allAtWriter;
      }
      return writeGroup.call(this, group);
    });
    const before = await countArticles();
    // The first goes to the idle writer alone; the others arrive while it is busy and are grouped.
    const responses = await Promise.all(
      [good[0]!, bad, ...good.slice(1)].map((a) => t.api().post('/v1/articles').send(a)),
    );
    const [first, badAnswer, ...rest] = responses;
    expect(badAnswer!.status).toBe(413);
    expect(badAnswer!.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(badAnswer!.body.detail).toMatch(/too large/);
    for (const r of [first!, ...rest]) expect(r.status).toBe(201);
    expect(await countArticles()).toBe(before + good.length);
    expect(await t.app.db.prisma.article.count({ where: { url: bad.url } })).toBe(0);
    // The bad article was tried in a group with others, then alone.
    expect(groups.some((g) => g.length > 1 && g.includes(bad.url))).toBe(true);
    expect(groups).toContainEqual([bad.url]);
  });

  it("keeps a batch line's failure that line's", async () => {
    const bad = unindexableArticle();
    const good = [sampleArticle(), sampleArticle()];
    const before = await countArticles();
    const res = await t
      .api()
      .post('/v1/articles:batch')
      .set('content-type', 'application/x-ndjson')
      .send([good[0], bad, good[1]].map((a) => JSON.stringify(a)).join('\n'))
      .expect(200);
    expect(res.body).toMatchObject({ created: 2, failed: 1 });
    expect(res.body.items.map((i: { status: number }) => i.status)).toEqual([201, 413, 201]);
    expect(res.body.items[1].error).toMatchObject({ status: 413, detail: expect.stringMatching(/^Line 2: /) });
    expect(await countArticles()).toBe(before + 2);
  });
});

describe('a long article, extracted in a worker thread', () => {
  it('is stored with its quotes linked to the registry, one by one and in a batch', async () => {
    const known = await t.api().post('/v1/speakers').send({ name: 'Oren Vasko', kind: 'person' }).expect(201);
    const longBody = (n: number) => {
      let body = '';
      for (let i = 0; body.length < 40_000; i++)
        body += `"The canal reopens in week ${n}-${i}," said Oren Vasko. Officials said the locks were ready.\n\n`;
      return body;
    };
    const single = await t
      .api()
      .post('/v1/articles')
      .send(sampleArticle({ body: longBody(1) }))
      .expect(201);
    const batch = await t
      .api()
      .post('/v1/articles:batch')
      .set('content-type', 'application/x-ndjson')
      .send(JSON.stringify(sampleArticle({ body: longBody(2) })))
      .expect(200);
    expect(batch.body.items[0].status).toBe(201);
    const batched = await t.api().get(`/v1/articles/${batch.body.items[0].id}`).expect(200);
    for (const article of [single.body, batched.body]) {
      expect(article.quotes.length).toBeGreaterThan(100);
      const direct = article.quotes.filter((q: { kind: string }) => q.kind === 'direct');
      expect(direct.every((q: { speaker: { id: string } | null }) => q.speaker?.id === known.body.id)).toBe(true);
    }
  });
});
