import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../src/extraction/index.js';
import { contractProblems, expectValidResult } from '../support/result-invariants.js';

// Any string in, a result that keeps the contract out.

const NUM_RUNS = 400;

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Tokens of news prose with the characters quote finders trip on. */
const newsToken = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('"', '“', '”', '«', '»', "'", '‘', '’', '„', '‹', '›', '「', '」') },
  { weight: 3, arbitrary: fc.constantFrom(' ', ' ', '\n', '\n\n', '\r\n', '\t', '\u00a0', '\u2028') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'said',
      'says',
      'told',
      'told reporters',
      'according to',
      'added',
      'asked',
      'insisted',
      'wrote',
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'Ann Lee',
      'Lee',
      'Mr. Park',
      'Dr. Jo Müller',
      'the official',
      'a spokesperson',
      'He',
      'she',
      'they',
      'Acme Corp.',
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom(',', '.', ':', ';', '—', '–', '-', '...', '…', '?', '!', '(', ')') },
  { weight: 3, arbitrary: fc.constantFrom('we', 'will', 'win', 'the', 'vote', 'It', 'is', 'not', 'over', 'By') },
  { weight: 1, arbitrary: fc.constantFrom('\u{1F600}', '\ufeff', '\u0301', 'ǅ', 'İ', 'ß') },
  { weight: 1, arbitrary: loneSurrogate },
);

const newsLike = fc.array(newsToken, { maxLength: 120 }).map((tokens) => tokens.join(''));

/** Tokens glued with spaces: reads more like sentences, so more quotes get found. */
const sentenceLike = fc.array(newsToken, { maxLength: 80 }).map((tokens) => tokens.join(' '));

const authors = fc.option(fc.array(fc.constantFrom('Ann Lee', 'Jo Park', '', ' Lee '), { maxLength: 3 }), {
  nil: undefined,
});

function holdsFor(text: fc.Arbitrary<string>): void {
  fc.assert(
    fc.property(text, authors, (t, a) => {
      expectValidResult(t, extractQuotes(t, a === undefined ? {} : { authors: a }));
    }),
    { numRuns: NUM_RUNS },
  );
}

describe('extractQuotes on any input', () => {
  it('keeps the contract on strings', () => holdsFor(fc.string({ maxLength: 300 })));
  it('keeps the contract on full Unicode strings', () => holdsFor(fc.string({ unit: 'binary', maxLength: 300 })));
  it('keeps the contract on strings with lone surrogates', () =>
    holdsFor(
      fc.string({
        unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), loneSurrogate),
        maxLength: 200,
      }),
    ));
  it('keeps the contract on news-like text', () => holdsFor(newsLike));
  it('keeps the contract on sentence-like text', () => holdsFor(sentenceLike));

  it('gives the same result twice', () => {
    fc.assert(
      fc.property(sentenceLike, (t) => {
        const a = extractQuotes(t);
        const b = extractQuotes(t);
        return JSON.stringify(a) === JSON.stringify(b);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('the contract check itself', () => {
  const text = 'Ann said "yes" and "no".';
  const quote = (start: number, end: number) => ({
    text: text.slice(start, end),
    start,
    end,
    kind: 'direct' as const,
    speaker: null,
    cue: null,
    relayedBy: null,
    confidence: 0.5,
    sieve: 'trailing' as const,
  });

  it('rejects overlapping, misplaced and out-of-range quotes', () => {
    expect(contractProblems(text, { quotes: [quote(10, 13), quote(20, 22)], speakers: [] })).toEqual([]);
    expect(contractProblems(text, { quotes: [quote(10, 13), quote(11, 12)], speakers: [] })).toHaveLength(1);
    expect(contractProblems(text, { quotes: [{ ...quote(10, 13), text: 'yes!' }], speakers: [] })).toHaveLength(1);
    expect(contractProblems(text, { quotes: [{ ...quote(10, 13), end: 99 }], speakers: [] })).toHaveLength(1);
    expect(
      contractProblems(text, { quotes: [{ ...quote(10, 13), confidence: Number.NaN }], speakers: [] }),
    ).toHaveLength(1);
  });

  it('rejects a speaker that is not listed or whose mention is wrong', () => {
    const speaker = {
      entity: 1,
      name: 'Ann',
      kind: 'person' as const,
      mention: { text: 'Ann', start: 0, end: 3 },
      registryId: null,
    };
    const entity = { id: 1, name: 'Ann', kind: 'person' as const, role: null, aliases: [], registryId: null };
    expect(contractProblems(text, { quotes: [{ ...quote(10, 13), speaker }], speakers: [entity] })).toEqual([]);
    expect(contractProblems(text, { quotes: [{ ...quote(10, 13), speaker }], speakers: [] })).toHaveLength(1);
    const badMention = { ...speaker, mention: { text: 'Bob', start: 0, end: 3 } };
    expect(
      contractProblems(text, { quotes: [{ ...quote(10, 13), speaker: badMention }], speakers: [entity] }),
    ).toHaveLength(1);
  });
});
