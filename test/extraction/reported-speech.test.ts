import { describe, expect, it } from 'vitest';
import { extractQuotes, type Sieve, type SpeakerKind } from '../../src/extraction/index.js';
import { expectValidSpans } from '../support/extraction.js';

// Reported speech without quotation marks, one invented sentence per shape: the
// reported clause (never the cue or the speaker), who said it, and the sieve that
// decided.

interface Expected {
  text: string;
  speaker: string;
  kind?: SpeakerKind;
  sieve: Sieve;
}

const CASES: [string, string, Expected[]][] = [
  [
    'X said CLAUSE',
    'Mayor Lena Okafor said the bridge would reopen in May.',
    [{ text: 'the bridge would reopen in May', speaker: 'Lena Okafor', kind: 'person', sieve: 'reported-bare' }],
  ],
  [
    'X said that CLAUSE',
    'Mayor Lena Okafor said on Monday that the bridge would reopen in May.',
    [{ text: 'the bridge would reopen in May', speaker: 'Lena Okafor', sieve: 'reported-that' }],
  ],
  [
    'CLAUSE, X said',
    'The bridge will stay closed until the spring, the transport agency said.',
    [
      {
        text: 'The bridge will stay closed until the spring',
        speaker: 'the transport agency',
        kind: 'organization',
        sieve: 'reported-trailing',
      },
    ],
  ],
  [
    'CLAUSE, said X, apposition',
    'The bridge will stay closed until the spring, said Tomas Veld, a spokesman for the agency.',
    [{ text: 'The bridge will stay closed until the spring', speaker: 'Tomas Veld', sieve: 'reported-trailing' }],
  ],
  [
    'CLAUSE, according to X',
    'The repairs will cost twice the first estimate, according to the city engineer.',
    [
      {
        text: 'The repairs will cost twice the first estimate',
        speaker: 'the city engineer',
        sieve: 'reported-according-trail',
      },
    ],
  ],
  [
    'According to X, CLAUSE',
    'According to the city engineer, the repairs will cost twice the first estimate.',
    [
      {
        text: 'the repairs will cost twice the first estimate',
        speaker: 'the city engineer',
        sieve: 'reported-according-lead',
      },
    ],
  ],
  [
    'X told Y that CLAUSE',
    'Governor Ada Brandt told reporters that the budget was balanced for the first time in a decade.',
    [{ text: 'the budget was balanced for the first time in a decade', speaker: 'Ada Brandt', sieve: 'reported-that' }],
  ],
  [
    'X told Y CLAUSE',
    'Governor Ada Brandt told lawmakers the budget was balanced.',
    [{ text: 'the budget was balanced', speaker: 'Ada Brandt', sieve: 'reported-that' }],
  ],
  [
    'X urged Y to VP',
    'The union urged the city council to approve the new contract before the holidays.',
    [{ text: 'to approve the new contract before the holidays', speaker: 'The union', sieve: 'reported-infinitive' }],
  ],
  [
    'X warned Y to VP',
    'Coast guard commander Ilse Maren warned fishermen to stay in port until the storm passes.',
    [{ text: 'to stay in port until the storm passes', speaker: 'Ilse Maren', sieve: 'reported-infinitive' }],
  ],
  [
    'X asked Y to VP',
    'The ministry asked residents to boil their tap water for three days.',
    [{ text: 'to boil their tap water for three days', speaker: 'The ministry', sieve: 'reported-infinitive' }],
  ],
  [
    'X denied NP',
    'Senator Paul Ortega denied the allegations against his brother.',
    [{ text: 'the allegations against his brother', speaker: 'Paul Ortega', sieve: 'reported-object' }],
  ],
  [
    'X announced NP',
    'The council announced a ban on plastic bags at city markets.',
    [{ text: 'a ban on plastic bags at city markets', speaker: 'The council', sieve: 'reported-object' }],
  ],
  [
    'X confirmed that CLAUSE',
    'The company confirmed that it had laid off two hundred workers in March.',
    [{ text: 'it had laid off two hundred workers in March', speaker: 'The company', sieve: 'reported-that' }],
  ],
  [
    'X acknowledged that CLAUSE',
    'Dana Whitfield acknowledged that the campaign had missed its fundraising target.',
    [{ text: 'the campaign had missed its fundraising target', speaker: 'Dana Whitfield', sieve: 'reported-that' }],
  ],
  [
    'X added: unquoted text',
    'The coach added: the team will train twice a day until the final.',
    [{ text: 'the team will train twice a day until the final', speaker: 'The coach', sieve: 'reported-colon' }],
  ],
  [
    'a parenthetical attribution',
    'The new line, the transit authority said, will carry ten thousand riders a day.',
    [
      { text: 'The new line', speaker: 'the transit authority', sieve: 'reported-parenthetical' },
      {
        text: 'will carry ten thousand riders a day',
        speaker: 'the transit authority',
        sieve: 'reported-parenthetical',
      },
    ],
  ],
  [
    'an opening adjunct before a parenthetical attribution',
    'In the first week, the transit authority said, the new line carried ten thousand riders a day.',
    [
      {
        text: 'the new line carried ten thousand riders a day',
        speaker: 'the transit authority',
        sieve: 'reported-parenthetical',
      },
    ],
  ],
  [
    'a chain of reports',
    'Ruth Adler said her neighbor had told her that the factory would close.',
    [{ text: 'her neighbor had told her that the factory would close', speaker: 'Ruth Adler', sieve: 'reported-bare' }],
  ],
  [
    'an indirect question',
    'The inspector asked whether the permits had been filed on time.',
    [{ text: 'whether the permits had been filed on time', speaker: 'The inspector', sieve: 'reported-question' }],
  ],
  [
    'a subject no list knows',
    'But critics of the plan said the tolls would hurt small firms.',
    [
      {
        text: 'the tolls would hurt small firms',
        speaker: 'critics of the plan',
        kind: 'group',
        sieve: 'reported-bare',
      },
    ],
  ],
  [
    'a time after the verb and a bare clause',
    'The harbor master said Thursday the ferries had stopped running.',
    [{ text: 'the ferries had stopped running', speaker: 'The harbor master', sieve: 'reported-bare' }],
  ],
  [
    'a dated time phrase after the verb',
    'Planning chief Oona Berg said on Friday she had approved the new stadium.',
    [{ text: 'she had approved the new stadium', speaker: 'Oona Berg', sieve: 'reported-bare' }],
  ],
  [
    'a time between subject and verb',
    'Governor Ada Brandt on Monday said the budget would be balanced by spring.',
    [{ text: 'the budget would be balanced by spring', speaker: 'Ada Brandt', sieve: 'reported-bare' }],
  ],
  [
    'an adverb of duration before the verb',
    'Mayor Lena Okafor has long said that the bridge was unsafe.',
    [{ text: 'the bridge was unsafe', speaker: 'Lena Okafor', sieve: 'reported-that' }],
  ],
  [
    'an aside opening the that-clause',
    'Dana Whitfield said that, if elected, she would close the old depot.',
    [{ text: 'if elected, she would close the old depot', speaker: 'Dana Whitfield', sieve: 'reported-that' }],
  ],
  [
    'a clause opening with a number',
    'Ilse Maren said about 40 players had signed up for the camp.',
    [{ text: 'about 40 players had signed up for the camp', speaker: 'Ilse Maren', sieve: 'reported-bare' }],
  ],
  [
    'a clause opening with "much of"',
    'Tomas Veld said much of the delay was caused by the weather.',
    [{ text: 'much of the delay was caused by the weather', speaker: 'Tomas Veld', sieve: 'reported-bare' }],
  ],
  [
    'a trailing attribution closed by where it was said',
    'The dam will need new gates within five years, Tomas Veld said in an interview.',
    [{ text: 'The dam will need new gates within five years', speaker: 'Tomas Veld', sieve: 'reported-trailing' }],
  ],
  [
    'CLAUSE, according to a poll',
    'The mayor leads the challenger by six points, according to the latest poll.',
    [
      {
        text: 'The mayor leads the challenger by six points',
        speaker: 'the latest poll',
        kind: 'anonymous',
        sieve: 'reported-according-trail',
      },
    ],
  ],
  [
    'According to data, CLAUSE',
    'According to census figures, about two thousand families moved to the valley last year.',
    [
      {
        text: 'about two thousand families moved to the valley last year',
        speaker: 'census figures',
        sieve: 'reported-according-lead',
      },
    ],
  ],
  [
    'CLAUSE, police said',
    'The driver was not wearing a seat belt, police said.',
    [
      {
        text: 'The driver was not wearing a seat belt',
        speaker: 'police',
        kind: 'organization',
        sieve: 'reported-trailing',
      },
    ],
  ],
  [
    'a sentence opening with a common noun as the subject',
    'Sources say the aide drafted the letter. Two sources asked not to be named.',
    [{ text: 'the aide drafted the letter', speaker: 'Sources', sieve: 'reported-bare' }],
  ],
  [
    'a share of people opening the sentence',
    'Six in 10 say the council has lost their trust.',
    [{ text: 'the council has lost their trust', speaker: 'Six in 10', kind: 'group', sieve: 'reported-bare' }],
  ],
  [
    'two reports in one sentence',
    'The mayor said the budget was tight, while the treasurer warned that reserves would run out by June.',
    [
      { text: 'the budget was tight', speaker: 'The mayor', sieve: 'reported-bare' },
      { text: 'reserves would run out by June', speaker: 'the treasurer', sieve: 'reported-that' },
    ],
  ],
];

describe('reported speech relayed through an outlet', () => {
  it.each([
    ['according to', 'The launch was a success, the state agency said, according to Radio Kessel.'],
    ['citing', 'The launch was a success, Radio Kessel reported, citing the state agency.'],
  ])('gives the source as speaker and the outlet as relay with %s', (_how, text) => {
    const result = extractQuotes(text);
    expectValidSpans(text, result);
    expect(result.quotes.map((q) => [q.text, q.kind, q.speaker?.name, q.relayedBy?.name])).toEqual([
      ['The launch was a success', 'indirect', 'the state agency', 'Radio Kessel'],
    ]);
  });

  it('does not make the host of an interview a relay', () => {
    const text = 'In an interview with Radio Kessel, Senator Ada Brandt said the budget was balanced.';
    const result = extractQuotes(text);
    expect(result.quotes.map((q) => [q.text, q.speaker?.name, q.relayedBy])).toEqual([
      ['the budget was balanced', 'Ada Brandt', null],
    ]);
  });
});

describe('reported speech', () => {
  it.each(CASES)('reads %s', (_shape, text, expected) => {
    const result = extractQuotes(text);
    expectValidSpans(text, result);
    const got = result.quotes.map((q) => ({
      text: q.text,
      kind: q.kind,
      speaker: q.speaker?.name,
      sieve: q.sieve,
    }));
    expect(got).toEqual(expected.map((e) => ({ text: e.text, kind: 'indirect', speaker: e.speaker, sieve: e.sieve })));
    for (const e of expected) {
      const q = result.quotes.find((x) => x.text === e.text)!;
      // The clause never covers the cue or the speaker's mention.
      expect(q.cue && q.cue.start < q.end && q.cue.end > q.start).toBeFalsy();
      const m = q.speaker?.mention;
      expect(m && m.start < q.end && m.end > q.start).toBeFalsy();
      if (e.kind) expect(q.speaker?.kind).toBe(e.kind);
    }
  });

  it.each([
    ['a belief', 'Officials believe the talks will fail.'],
    ['a hope', 'Officials hope the talks will resume in June.'],
    ['an endorsement', 'The paper backs the mayor in the race.'],
    ['an adjunct after the verb', 'The senator spoke on Tuesday in the capital.'],
    ['a verb form that is a noun', 'Coastal states swing toward the incumbent.'],
    ['a passive', 'The winner was announced on Sunday night.'],
    [
      'a participle opening the sentence',
      'Having said that, there are plenty of reasons for having doubts about the plan.',
    ],
    ['a sentence going on after the attribution', 'In her first book, Mayor Lena Okafor noted the bridge’s age.'],
  ])('leaves out %s', (_what, text) => {
    expect(extractQuotes(text).quotes).toEqual([]);
  });

  it('keeps a quotation inside a reported clause to the quote sieves', () => {
    const text = 'Mayor Lena Okafor said the plan was "a promise we can keep" and would be funded.';
    const kinds = extractQuotes(text).quotes.map((q) => [q.kind, q.text, q.speaker?.name]);
    expect(kinds).toEqual([['partial', 'a promise we can keep', 'Lena Okafor']]);
  });

  it('makes a country an organization, under its registry name or a short one', () => {
    for (const [text, name] of [
      ['North Korea warned the South to refrain from military drills near the border.', 'North Korea'],
      ['Britain said the talks had failed after three rounds.', 'Britain'],
      ['The test, South Korea said, was the largest in a decade.', 'South Korea'],
    ] as const) {
      const speakers = extractQuotes(text).quotes.map((q) => [q.speaker?.name, q.speaker?.kind]);
      expect(speakers.length).toBeGreaterThan(0);
      for (const s of speakers) expect(s).toEqual([name, 'organization']);
    }
  });
});
