import { describe, expect, it } from 'vitest';
import { leadingWords, nameKey, withoutArticle } from '../../src/text/names.js';

describe('withoutArticle', () => {
  it('drops one leading article in any case, with the spaces after it', () => {
    expect(withoutArticle('the Kremlin aide')).toBe('Kremlin aide');
    expect(withoutArticle('The  White House')).toBe('White House');
    expect(withoutArticle('A senior official')).toBe('senior official');
    expect(withoutArticle('an aide')).toBe('aide');
  });

  it('leaves words that only begin like an article, and articles elsewhere', () => {
    expect(withoutArticle('Theresa May')).toBe('Theresa May');
    expect(withoutArticle('Anthony Blinken')).toBe('Anthony Blinken');
    expect(withoutArticle('Secretary of the Treasury')).toBe('Secretary of the Treasury');
    expect(withoutArticle('the')).toBe('the');
  });
});

describe('nameKey', () => {
  it('folds case, accents and spacing, then drops the article', () => {
    expect(nameKey('  The  Élysée   Palace ')).toBe('elysee palace');
    expect(nameKey('An Official')).toBe('official');
  });
});

describe('leadingWords', () => {
  it('matches any of the words at the start, followed by whitespace', () => {
    const re = leadingWords(['two', 'several']);
    expect('Two officials'.replace(re, '')).toBe('officials');
    expect('several aides'.replace(re, '')).toBe('aides');
    expect('twofold'.replace(re, '')).toBe('twofold');
  });
});
