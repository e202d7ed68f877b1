import { beforeAll, describe, expect, it } from 'vitest';
import { extractQuotes } from '../../src/extraction/index.js';
import type { KnownSpeaker, QuoteSpeaker } from '../../src/extraction/index.js';
import { expectStagedLikeWhole, expectValidSpans, quoteStartingWith } from '../support/extraction.js';
import { SEED_ARTICLE, sharedText } from '../support/shared.js';

// The seed article lives beside the repository, in ../shared/seed; the articles in
// test/support/news cover the same ground where it is not there.
const seedText = sharedText(SEED_ARTICLE, 'the tests on the seed article');
const text = seedText ?? '';

describe.skipIf(seedText === null)('seed article: Biden-Putin call', () => {
  const result = extractQuotes(text);
  const q = (start: string) => quoteStartingWith(result, start);
  let official: QuoteSpeaker;
  beforeAll(() => {
    official = q('serious and substantive').speaker!;
  });

  it('keeps offsets valid', () => {
    expectValidSpans(text, result);
  });

  it('attributes "decisively" to Biden as a partial quote', () => {
    const d = q('decisively');
    expect(d.kind).toBe('partial');
    expect(d.speaker?.name).toMatch(/Biden$/);
  });

  it('gives both readout quotes to Psaki', () => {
    const first = q('Biden urged Russia');
    const second = q('President Biden reiterated that substantive progress');
    expect(first.kind).toBe('direct');
    expect(second.kind).toBe('direct');
    expect(first.speaker?.name).toMatch(/Psaki/);
    expect(first.speaker?.mention?.text).toBe('Psaki');
    expect(first.cue?.text).toBe('said');
    expect(second.speaker?.entity).toBe(first.speaker?.entity);
  });

  it('keeps one anonymous official through all their forms', () => {
    expect(official.kind).toBe('anonymous');
    expect(official.name).toBe('a senior administration official');
    for (const start of [
      'set the tone and tenor',
      'Biden laid out two paths',
      'serious costs and consequences',
      'Both leaders acknowledged',
      'It is not entirely static',
      'It remains a continuing source',
      'security meetings',
      'intensive period',
    ]) {
      expect(q(start).speaker?.entity, start).toBe(official.entity);
    }
    expect(q('set the tone and tenor').kind).toBe('partial');
    expect(q('Biden laid out two paths').kind).toBe('partial');
    expect(q('serious costs and consequences').kind).toBe('partial');
    expect(q('Both leaders acknowledged').kind).toBe('direct');
    expect(q('Both leaders acknowledged').speaker?.mention?.text).toBe('the official');
    expect(q('It is not entirely static').speaker?.mention?.text).toBe('the Biden official');
    expect(q('It is not entirely static').cue?.text).toBe('told reporters');
    expect(q('It remains a continuing source').kind).toBe('direct');
    expect(q('security meetings').speaker?.mention?.text).toBe('the administration official');
    const entity = result.speakers.find((s) => s.id === official.entity);
    expect(entity?.aliases).toEqual(
      expect.arrayContaining(['the official', 'the Biden official', 'the administration official']),
    );
  });

  it('gives "immediately responded" to the Kremlin aide', () => {
    const r = q('immediately responded');
    expect(r.kind).toBe('partial');
    expect(r.speaker?.name).toBe('the Kremlin aide');
    expect(r.speaker?.kind).toBe('anonymous');
  });

  it('gives Putin the words relayed by the Kremlin aide', () => {
    for (const start of ['colossal mistake', 'to a complete breakdown']) {
      const r = q(start);
      expect(r.kind).toBe('partial');
      expect(r.speaker?.name).toBe('Putin');
      expect(r.relayedBy?.name).toBe('the Kremlin aide');
    }
  });

  it('joins the halves of the quote Ushakov split', () => {
    const a = q('A lot of such mistakes');
    const b = q('and it is advisable');
    expect(a.kind).toBe('direct');
    expect(b.kind).toBe('direct');
    expect(a.speaker?.name).toBe('Ushakov');
    expect(b.speaker?.entity).toBe(a.speaker?.entity);
    expect(a.text.endsWith(',')).toBe(true);
  });

  it('gives "serious," to the U.S. and Russian officials as a group', () => {
    const s = q('serious,');
    expect(s.kind).toBe('partial');
    expect(s.speaker?.kind).toBe('group');
    expect(s.speaker?.name).toMatch(/U\.S\. and Russian officials/);
  });

  it('finds the reported speech', () => {
    const indirect = result.quotes.filter((x) => x.kind === 'indirect');
    const by = (start: string) => indirect.find((x) => x.text.startsWith(start));
    expect(by('the situation was fluid')?.speaker?.entity).toBe(official.entity);
    expect(by('sanctions threatened by Washington')?.speaker?.name).toBe('Putin');
    expect(by('the need to see Russia take steps')?.speaker?.name).toMatch(/Biden$/);
    expect(by('cutting ties with U.S.')?.speaker?.name).toBe('Putin');
  });

  it('never makes the author or "multiple reports" a speaker', () => {
    const names = [...result.speakers.map((s) => s.name), ...result.quotes.map((x) => x.speaker?.name ?? '')];
    expect(names.some((n) => /Salama/.test(n))).toBe(false);
    expect(names.some((n) => /reports/.test(n))).toBe(false);
    expect(result.quotes.some((x) => x.text.startsWith('ahead of the discussion'))).toBe(false);
  });

  const registry: KnownSpeaker[] = [
    {
      id: 'reg-psaki',
      name: 'Jen Psaki',
      kind: 'person',
      aliases: ['Psaki'],
      role: 'White House press secretary',
      affiliation: 'White House',
    },
    {
      id: 'reg-ushakov',
      name: 'Yuri Ushakov',
      kind: 'person',
      aliases: ['Ushakov'],
      role: 'Kremlin aide',
      affiliation: 'Kremlin',
    },
    {
      id: 'reg-biden',
      name: 'Joe Biden',
      kind: 'person',
      aliases: ['Biden', 'President Biden'],
      role: 'President of the United States',
      affiliation: null,
    },
  ];

  it('links speakers to the registry', () => {
    const linked = extractQuotes(text, { registry });
    const lq = (start: string) => quoteStartingWith(linked, start);
    expect(lq('Biden urged Russia').speaker?.registryId).toBe('reg-psaki');
    expect(lq('Biden urged Russia').speaker?.name).toBe('Jen Psaki');
    expect(lq('immediately responded').speaker?.registryId).toBe('reg-ushakov');
    expect(lq('immediately responded').speaker?.name).toBe('Yuri Ushakov');
    expect(lq('immediately responded').speaker?.mention?.text).toBe('the Kremlin aide');
    expect(lq('A lot of such mistakes').speaker?.registryId).toBe('reg-ushakov');
    expect(lq('A lot of such mistakes').speaker?.entity).toBe(lq('immediately responded').speaker?.entity);
    expect(lq('colossal mistake').relayedBy?.registryId).toBe('reg-ushakov');
    expect(lq('decisively').speaker?.name).toBe('Joe Biden');
    expect(lq('serious and substantive').speaker?.registryId).toBeNull();
    const psaki = linked.speakers.find((s) => s.registryId === 'reg-psaki');
    expect(psaki?.role).toBe('White House press secretary');
  });

  it('links a staged extraction as it links a whole one, without reading the text again', () => {
    const linked = expectStagedLikeWhole(text, registry);
    expect(linked.quotes.some((x) => x.speaker?.registryId === 'reg-ushakov')).toBe(true);
  });

  it('returns the same result on a second call', () => {
    expect(extractQuotes(text)).toEqual(result);
  });
});
