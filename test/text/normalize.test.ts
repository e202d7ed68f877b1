import { describe, expect, it } from 'vitest';
import { normalizeName, normalizeQuoteText } from '../../src/text/normalize.js';

describe('normalizeQuoteText', () => {
  it.each([
    ['“It’s  a “Colossal” Mistake,”', "it's a colossal mistake"],
    ['De-escalate tensions', 'deescalate tensions'],
    ['Café — déjà vu!', 'cafe deja vu'],
    ["'quoted' words", 'quoted words'],
    ['30 years, 2 months', '30 years 2 months'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeQuoteText(input)).toBe(expected);
  });
});

describe('normalizeName', () => {
  it('folds case, accents and spacing but keeps punctuation', () => {
    expect(normalizeName('  José  Martí ')).toBe('jose marti');
    expect(normalizeName('O’Brien')).toBe("o'brien");
  });
});
