import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeName, normalizeQuoteText } from '../../src/text/normalize.js';

// Normalized texts and names are stored and compared with stored ones: the fast
// paths must answer exactly what the plain regex folding answers, for any input.

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /[\u2018\u2019\u201b\u2032\u02bc`´]/g;
const NON_WORD = /[^\p{L}\p{N}']+/gu;
const INNER_HYPHEN = /(?<=[\p{L}\p{N}])[-\u2010\u2011](?=[\p{L}\p{N}])/gu;

function referenceQuoteText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(INNER_HYPHEN, '')
    .replace(NON_WORD, ' ')
    .replace(/(^|\s)'+|'+(?=\s|$)/g, '$1')
    .trim();
}

function referenceName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

const NUM_RUNS = 5000;

/** Pieces that meet at the fast paths' edges: case, apostrophes and hyphens of every kind, marks, spaces, and what forces the general path. */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'Z', 'it', 'De', 'US', '0', '42', 'x9', 'O', 'Brien') },
  { weight: 4, arbitrary: fc.constantFrom("'", '`', '‘', '’', '‛', '′', 'ʼ', '´', "''") },
  { weight: 3, arbitrary: fc.constantFrom('-', '‐', '‑', '--', '—', '–', '―') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2009', '\u202f', '\u3000', '\u000b', '\f'),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '"',
      '“',
      '”',
      '„',
      '‟',
      '«',
      '»',
      '…',
      '...',
      ',',
      '.',
      '!',
      '?',
      ':',
      ';',
      '(',
      ')',
      '_',
      '/',
      '&',
      '@',
      '#',
      '$',
      '%',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'é',
      'e\u0301',
      '\u0301',
      'Ç',
      'ß',
      'İ',
      'Σ',
      'ΟΔΟΣ',
      'ﬁ',
      '²',
      '½',
      'K',
      'Ａ',
      'ǅ',
      '\u2033',
      '\ufeff',
      '\u200b',
      '\u{1F600}',
      '\ud800',
      'ı',
      'ǈ',
    ),
  },
);

const pieces = (maxLength: number) => fc.array(piece, { maxLength }).map((ps) => ps.join(''));

describe('normalizeQuoteText', () => {
  it('answers what the regex folding answers, for composed strings', () => {
    fc.assert(
      fc.property(pieces(40), (s) => {
        expect(normalizeQuoteText(s)).toBe(referenceQuoteText(s));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('answers what the regex folding answers, for arbitrary strings', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.string({ maxLength: 60 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
    );
    fc.assert(
      fc.property(anyText, (s) => {
        expect(normalizeQuoteText(s)).toBe(referenceQuoteText(s));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('answers what the regex folding answers around every UTF-16 code unit', () => {
    const differing: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}b`, `A${ch}'`, `'${ch}-1`, `x ${ch} y`])
        if (normalizeQuoteText(s) !== referenceQuoteText(s)) differing.push(s);
    }
    expect(differing).toEqual([]);
  });

  it.each([
    "''",
    "a ' b",
    "a '' ' b",
    "'tis the season'",
    "rock 'n' roll",
    'co-op-ed',
    'a--b',
    '-a- -b-',
    'x-’y',
    'It’s “over”',
    '’’quoted’’',
    'a-é',
    'state-of-the-art—really…',
  ])('%j', (s) => {
    expect(normalizeQuoteText(s)).toBe(referenceQuoteText(s));
  });
});

describe('normalizeName', () => {
  it('answers what the regex folding answers around every ASCII character', () => {
    for (let c = 0; c < 128; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, ` A${ch}${ch}b `]) expect(normalizeName(s)).toBe(referenceName(s));
    }
  });

  it('answers what the regex folding answers', () => {
    const anyName = fc.oneof(pieces(12), fc.string({ unit: 'binary', maxLength: 30 }));
    fc.assert(
      fc.property(anyName, (s) => {
        expect(normalizeName(s)).toBe(referenceName(s));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
