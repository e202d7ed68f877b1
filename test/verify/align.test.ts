import { describe, expect, it } from 'vitest';
import { alignClaim, allowedCost } from '../../src/verify/align.js';
import { changesMeaning } from '../../src/verify/differences.js';
import { compatibleGivenNames } from '../../src/verify/given-names.js';
import { tokenize } from '../../src/verify/wording.js';

const align = (claim: string, quote: string) => alignClaim(tokenize(claim), tokenize(quote));

describe('alignClaim', () => {
  it('finds a fragment of a longer quote at no cost', () => {
    expect(align('colossal mistake', 'a colossal mistake that would entail grave consequences')).toMatchObject({
      cost: 0,
      similarity: 1,
      from: 1,
      to: 3,
      edits: [],
    });
  });

  it('counts a changed spelling as a quarter of a word', () => {
    expect(align('the colour of money', 'the color of money').cost).toBe(0.25);
    expect(align('the centre will hold', 'the center will hold').cost).toBe(0.25);
    expect(align('Biden urged Russia to deescalate', 'Biden urged Russia to de-escalate').cost).toBe(0);
  });

  it('reads contractions and numbers as what they say', () => {
    expect(align('it is not over', 'It isn’t over').cost).toBe(0);
    expect(align('we cannot wait', 'we can not wait').cost).toBe(0);
    expect(align('thirty years', '30 years').cost).toBe(0);
    expect(align('a 1,000 troops', 'a 1000 troops').cost).toBe(0);
  });

  it('counts a missing function word as half a word and other words as one', () => {
    const a = align(
      'A lot of mistakes have been made in the past 30 years',
      'A lot of such mistakes have been made over the past 30 years',
    );
    expect(a.cost).toBe(1.5);
    expect(a.cost).toBeGreaterThan(allowedCost(12));
    expect(a.similarity).toBeCloseTo(1 - 1.5 / 12);
    expect(a.edits).toEqual([
      { op: 'delete', quote: 3 },
      { op: 'substitute', claim: 7, quote: 8 },
    ]);
  });

  it('holds long words to the same spelling allowance as short ones', () => {
    // A fifth of the letters: one for "mistake", three for words of fifteen letters or more.
    expect(align('institutionalised', 'institutionalized').cost).toBe(0.25);
    expect(align('responsibilities', 'responsibility').cost).toBe(0.25);
    expect(align('responsibilities', 'irresponsibility').cost).toBe(1);
    expect(align('internationalism', 'intergovernmental').cost).toBe(1);
  });

  it('gives unrelated words a low similarity', () => {
    expect(
      align('We will invade Ukraine tomorrow', 'It is not entirely static from our perspective').similarity,
    ).toBeLessThan(0.5);
    expect(align('', 'anything').similarity).toBe(0);
  });
});

describe('tokenize', () => {
  it('reads plain words, capitals and the punctuation between words', () => {
    expect(
      tokenize('We will, he said. Never').map(({ word, capitalised, boundaryBefore }) => [
        word,
        capitalised,
        boundaryBefore,
      ]),
    ).toEqual([
      ['we', true, true],
      ['will', false, false],
      ['he', false, true],
      ['said', false, false],
      ['never', true, true],
    ]);
  });

  it('gives no number to words that name properties of objects', () => {
    expect(tokenize('the constructor of toString').map((t) => t.number)).toEqual([null, null, null, null]);
    expect(tokenize('thirty-two first').map((t) => t.number)).toEqual(['30-2', '1st']);
  });
});

describe('changesMeaning', () => {
  const changes = (claim: string, quote: string) => {
    const c = tokenize(claim);
    const q = tokenize(quote);
    return changesMeaning(c, q, alignClaim(c, q));
  };

  it('sees numbers inside words and compounds', () => {
    expect(changes('since the 1981s at least', 'since the 1980s at least')).toBe(true);
    expect(changes('it is not a three-way street', 'it is not a two-way street')).toBe(true);
    expect(changes('afraid of being third-guessed', 'afraid of being second-guessed')).toBe(true);
    expect(changes('it is not a two-way street', 'it is not a two-way street')).toBe(false);
  });

  it('sees a negation just outside a fragment, before or after it', () => {
    expect(changes('people who know more than those who do', 'people who know more than those who don’t')).toBe(true);
    expect(changes('entirely static from our perspective', 'It is not entirely static from our perspective')).toBe(
      true,
    );
    expect(changes('we will win, they said', 'We did not lose, and we will win, they said')).toBe(false);
  });
});

describe('compatibleGivenNames', () => {
  it('takes short forms and initials, and nothing else', () => {
    expect(compatibleGivenNames('bill', 'william')).toBe(true);
    expect(compatibleGivenNames('jen', 'jennifer')).toBe(true);
    expect(compatibleGivenNames('j.j.', 'james')).toBe(true);
    expect(compatibleGivenNames('reginald', 'j.j.')).toBe(false);
    expect(compatibleGivenNames('jason', 'robert')).toBe(false);
  });
});
