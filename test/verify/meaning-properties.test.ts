import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alignClaim } from '../../src/verify/align.js';
import { changesMeaning } from '../../src/verify/differences.js';
import { tokenize } from '../../src/verify/wording.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { recordQuotes } from '../support/records.js';

// For any stored quote, a claim that adds or removes its negation, or changes a
// number in it, is never "verified", whatever else it keeps.

const WORDS = [
  'harbour',
  'council',
  'budget',
  'ferry',
  'school',
  'bridge',
  'river',
  'families',
  'workers',
  'market',
  'report',
  'money',
  'project',
  'station',
  'repairs',
  'the',
  'of',
  'for',
  'to',
  'and',
  'in',
  'every',
  'new',
  'old',
  'town',
];
const AUXILIARIES: Record<string, string> = {
  is: "isn't",
  was: "wasn't",
  will: "won't",
  can: "can't",
  should: "shouldn't",
  did: "didn't",
  has: "hasn't",
  would: "wouldn't",
};
const NUMBER_WORDS = ['two', 'three', 'ten', 'twelve', 'thirty', 'hundred', 'million', 'first', 'second'];

interface Sentence {
  before: string[];
  auxiliary: string;
  negation: 'none' | 'not' | "n't" | 'never';
  after: string[];
  number: string | null;
  end: string[];
}

const words = (min: number, max: number) => fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max });
const numberArb = fc.oneof(
  fc.integer({ min: 0, max: 100_000 }).map(String),
  fc.constantFrom(...NUMBER_WORDS),
  fc.integer({ min: 1, max: 99 }).map((n) => `${n}%`),
);
const sentenceArb: fc.Arbitrary<Sentence> = fc.record({
  before: words(1, 5),
  auxiliary: fc.constantFrom(...Object.keys(AUXILIARIES)),
  negation: fc.constantFrom('none', 'not', "n't", 'never'),
  after: words(2, 8),
  number: fc.option(numberArb, { nil: null }),
  end: words(0, 5),
});

function write(s: Sentence): string {
  const aux = s.negation === "n't" ? AUXILIARIES[s.auxiliary]! : s.auxiliary;
  const negation = s.negation === 'not' || s.negation === 'never' ? [s.negation] : [];
  const text = [...s.before, aux, ...negation, ...s.after, ...(s.number ? [s.number] : []), ...s.end].join(' ');
  return text[0]!.toUpperCase() + text.slice(1);
}

/** The same sentence with its negation turned over: removed if it had one, added if not. */
const negationTurned = (s: Sentence, added: 'not' | "n't" | 'never'): Sentence => ({
  ...s,
  negation: s.negation === 'none' ? added : 'none',
});

const valueOf = (n: string) => tokenize(n)[0]!.number;

/** A number of another value for the sentence's number. */
function numberChanged(s: Sentence, replacement: string): Sentence | null {
  if (s.number === null || valueOf(replacement) === valueOf(s.number)) return null;
  return { ...s, number: replacement };
}

const verifiedWording = (claim: string, quote: string) => {
  const c = tokenize(claim);
  const q = tokenize(quote);
  return !changesMeaning(c, q, alignClaim(c, q));
};

describe('negations and numbers, word by word', () => {
  it('a claim with the negation turned over always changes the meaning', () => {
    fc.assert(
      fc.property(sentenceArb, fc.constantFrom('not' as const, "n't" as const, 'never' as const), (s, added) => {
        expect(verifiedWording(write(negationTurned(s, added)), write(s))).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('a claim with a number changed always changes the meaning', () => {
    fc.assert(
      fc.property(sentenceArb, numberArb, (s, replacement) => {
        const changed = numberChanged(s, replacement);
        fc.pre(changed !== null);
        expect(verifiedWording(write(changed!), write(s))).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('the sentence itself, retyped in lower case without its punctuation, does not', () => {
    fc.assert(
      fc.property(sentenceArb, (s) => {
        const quote = write(s);
        expect(verifiedWording(quote.toLowerCase().replace(/[%]/g, ' percent'), quote)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('for any stored quote, through the API', () => {
  let t: TestApp;
  let stored: Sentence[];
  const speaker = 'Odile Ferrante';

  beforeAll(async () => {
    t = await startTestApp();
    stored = fc.sample(sentenceArb, { numRuns: 40, seed: 15 });
    await recordQuotes(
      t.app.db.prisma,
      stored.map((s) => ({ text: write(s), speaker: { name: speaker } })),
    );
  });
  afterAll(() => t.close());

  const verdictOf = async (quote: string) =>
    (await t.api().post('/v1/verify').send({ quote, speaker }).expect(200)).body.verdict as string;

  it('the stored wording itself is verified', async () => {
    for (const s of stored.slice(0, 10)) expect(await verdictOf(write(s)), write(s)).toBe('verified');
  });

  it('adding or removing a negation never yields verified', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: stored.length - 1 }),
        fc.constantFrom('not' as const, "n't" as const, 'never' as const),
        async (i, added) => {
          const claim = write(negationTurned(stored[i]!, added));
          expect(await verdictOf(claim), `${claim} | ${write(stored[i]!)}`).not.toBe('verified');
        },
      ),
      { numRuns: 60, seed: 15 },
    );
  });

  it('changing a number never yields verified', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: stored.length - 1 }), numberArb, async (i, replacement) => {
        const changed = numberChanged(stored[i]!, replacement);
        fc.pre(changed !== null);
        const claim = write(changed!);
        expect(await verdictOf(claim), `${claim} | ${write(stored[i]!)}`).not.toBe('verified');
      }),
      { numRuns: 60, seed: 15 },
    );
  });
});
