import { describe, expect, it } from 'vitest';
import { alignClaim, allowedCost } from '../../src/verify/align.js';
import { normalizeQuoteText } from '../../src/text/normalize.js';

const words = (s: string) => normalizeQuoteText(s).split(' ').filter(Boolean);
const align = (claim: string, quote: string) => alignClaim(words(claim), words(quote));

describe('alignClaim', () => {
  it('finds a fragment of a longer quote at no cost', () => {
    expect(align('colossal mistake', 'a colossal mistake that would entail grave consequences')).toEqual({
      cost: 0,
      similarity: 1,
    });
  });

  it('counts a changed spelling as a quarter of a word', () => {
    expect(align('the colour of money', 'the color of money').cost).toBe(0.25);
    expect(align('Biden urged Russia to deescalate', 'Biden urged Russia to de-escalate').cost).toBe(0);
  });

  it('counts missing, extra and different words as one each', () => {
    const a = align(
      'A lot of mistakes have been made in the past 30 years',
      'A lot of such mistakes have been made over the past 30 years',
    );
    expect(a.cost).toBe(2);
    expect(a.cost).toBeGreaterThan(allowedCost(12));
    expect(a.similarity).toBeCloseTo(1 - 2 / 12);
  });

  it('gives unrelated words a low similarity', () => {
    expect(
      align('We will invade Ukraine tomorrow', 'It is not entirely static from our perspective').similarity,
    ).toBeLessThan(0.5);
    expect(align('', 'anything').similarity).toBe(0);
  });
});
