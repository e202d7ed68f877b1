import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';

const t = useTestApp();

const names = async (q: string, extra: Record<string, string | number> = {}) =>
  (
    await t
      .api()
      .get('/v1/speakers')
      .query({ q, ...extra })
      .expect(200)
  ).body.items.map((s: { name: string }) => s.name);

describe('GET /v1/speakers?q= (look-up by word, typo and resemblance)', () => {
  beforeAll(async () => {
    const speakers = [
      { name: 'Yuri Ushakov', role: 'Kremlin aide' },
      { name: 'Jen Psaki', role: 'White House press secretary' },
      { name: 'Hans Andersen', role: 'harbour pilot' },
      { name: 'Lena Andersson', role: 'fisheries minister' },
      { name: 'a senior administration official', kind: 'anonymous' },
      { name: 'Дмитрий Песков', role: 'пресс-секретарь Кремля' },
    ];
    for (const s of speakers) await t.api().post('/v1/speakers').send(s).expect(201);
  });

  it('finds a name with one letter wrong, missing, extra or swapped', async () => {
    for (const q of ['ushakob', 'ushkov', 'ushakkov', 'uhsakov', 'Yuri Ushakob', 'yuri  USHAKOV']) {
      expect(await names(q), q).toEqual(['Yuri Ushakov']);
    }
  });

  it('finds names in any script, in any case', async () => {
    for (const q of ['песков', 'ПЕСКОВ', 'Дмитрий Пескв', 'кремля']) {
      expect(await names(q), q).toEqual(['Дмитрий Песков']);
    }
  });

  it('needs every word of the query, each whole or one typo away', async () => {
    expect(await names('lena anderson')).toEqual(['Lena Andersson']);
    expect(await names('hans andersen')).toEqual(['Hans Andersen']);
    // Both are one letter from "anderson".
    expect(await names('anderson')).toEqual(expect.arrayContaining(['Hans Andersen', 'Lena Andersson']));
  });

  it('leaves out names that merely look alike once a name matches by its words', async () => {
    // "andersson" shares two thirds of the trigrams of "andersen", but is two letters from it.
    expect(await names('andersen')).toEqual(['Hans Andersen']);
  });

  it('falls back to resemblance when no speaker matches by word', async () => {
    // "jennifer" is no word of Jen Psaki's; the whole query still resembles her name.
    expect(await names('Jennifer Psaki')).toEqual(['Jen Psaki']);
    // Anonymous sources are matched by their words as written, or by resemblance.
    expect(await names('senior administration')).toEqual(['a senior administration official']);
    expect(await names('senior administration oficial')).toEqual(['a senior administration official']);
    expect(await names('zzzzqqq')).toEqual([]);
  });

  it('keeps to the kind asked for, on every path', async () => {
    expect(await names('ushakob', { kind: 'organization' })).toEqual([]);
    expect(await names('senior administration oficial', { kind: 'person' })).toEqual([]);
    expect(await names('senior administration oficial', { kind: 'anonymous' })).toEqual([
      'a senior administration official',
    ]);
  });

  it('pages through matches of every kind, each once, best first', async () => {
    for (const name of ['Karin Holmberg', 'Erik Holmberg', 'Holmberg Institute']) {
      await t
        .api()
        .post('/v1/speakers')
        .send({ name, kind: name.endsWith('Institute') ? 'organization' : 'person' })
        .expect(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { name: string }[]; nextCursor: string | null } } = await t
        .api()
        .get('/v1/speakers')
        .query({ q: 'holmberg', limit: 2, ...(cursor ? { cursor } : {}) })
        .expect(200);
      seen.push(...res.body.items.map((s) => s.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(['Erik Holmberg', 'Holmberg Institute', 'Karin Holmberg']);
    // A typo: found by word, paged the same way.
    const typo = await names('holmbreg', { limit: 2 });
    expect(typo).toHaveLength(2);
  });

  it('answers a query of punctuation or of short words alone', async () => {
    expect(await names('%_%')).toEqual([]);
    expect(await names('yu')).toEqual(['Yuri Ushakov']);
    expect(await names('x;')).toEqual([]);
  });

  it('answers the longest queries: one long word, or many words', async () => {
    expect(await names('zq'.repeat(100))).toEqual([]);
    const many = Array.from({ length: 50 }, (_, i) => `w${String(i).padStart(2, '0')}`).join(' ');
    expect(many.length).toBeLessThanOrEqual(200);
    expect(await names(many)).toEqual([]);
    // Twelve words of the query are kept, the longest: these still need "ushakov".
    expect(await names(`yuri ushakov ${'ab '.repeat(60)}`.slice(0, 200))).toEqual(['Yuri Ushakov']);
  });
});
