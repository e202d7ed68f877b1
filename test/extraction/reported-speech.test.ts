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
    'a hearer and an infinitive after an opening phrase',
    'Addressing the dispute on Monday, the port authority urged the ferry union to accept the offer.',
    [{ text: 'to accept the offer', speaker: 'the port authority', sieve: 'reported-infinitive' }],
  ],
  [
    'a hearer and a time after a trailing attribution',
    'The ferry will keep its winter timetable, Councillor Ruth Adeyemi told the Harbour Gazette on Thursday.',
    [{ text: 'The ferry will keep its winter timetable', speaker: 'Ruth Adeyemi', sieve: 'reported-trailing' }],
  ],
  [
    'a share of people and a participle',
    'The survey showed a split, with 40 percent of riders saying the new timetable is worse.',
    [{ text: 'the new timetable is worse', speaker: '40 percent of riders', kind: 'group', sieve: 'reported-bare' }],
  ],
  [
    'a participle opening the sentence',
    'After saying the pier was unsafe, the engineer closed it for a week.',
    [{ text: 'the pier was unsafe', speaker: 'the engineer', sieve: 'reported-bare' }],
  ],
  [
    'a place after the hearer',
    'Councillor Ruth Adeyemi told a crowd in the harbour square on Tuesday that the ferry would stay.',
    [{ text: 'the ferry would stay', speaker: 'Ruth Adeyemi', sieve: 'reported-that' }],
  ],
  [
    'a contracted pronoun opening the clause',
    "The mayor suggested she'll ask the council for more money in June.",
    [{ text: "she'll ask the council for more money in June", speaker: 'The mayor', sieve: 'reported-bare' }],
  ],
  [
    'a participle after "while"',
    'The treasurer defended the budget, while saying that reserves would fall by June.',
    [{ text: 'reserves would fall by June', speaker: 'The treasurer', sieve: 'reported-that' }],
  ],
  [
    'a subject with a long apposition',
    'Iris Vantongeren, a senior fellow at the Harbour Institute and a former adviser to the port authority, said the dredging plan had no funding.',
    [{ text: 'the dredging plan had no funding', speaker: 'Iris Vantongeren', kind: 'person', sieve: 'reported-bare' }],
  ],
  [
    'a description before the name',
    'A lawyer for the ferry workers, Tomas Bergkvist, said no decision had been made about an appeal.',
    [{ text: 'no decision had been made about an appeal', speaker: 'Tomas Bergkvist', sieve: 'reported-bare' }],
  ],
  [
    'two names joined by "and"',
    'Mr. Halloran and Ms. Ibekwe say new rules are needed before the vote.',
    [
      {
        text: 'new rules are needed before the vote',
        speaker: 'Mr. Halloran and Ms. Ibekwe',
        kind: 'group',
        sieve: 'reported-bare',
      },
    ],
  ],
  [
    'a phrase with "and" opening the sentence',
    'Experts on shipping and port security said the new rules could slow trade.',
    [
      {
        text: 'the new rules could slow trade',
        speaker: 'Experts on shipping and port security',
        sieve: 'reported-bare',
      },
    ],
  ],
  [
    'an adjunct between the verb and a pronoun',
    'Councillor Ruth Adeyemi said after the hearing she would vote against the plan.',
    [{ text: 'she would vote against the plan', speaker: 'Ruth Adeyemi', sieve: 'reported-bare' }],
  ],
  [
    'an aside between the subject and the verb',
    'Engineers and city officials, however, said the tunnel was safe to reopen.',
    [{ text: 'the tunnel was safe to reopen', speaker: 'officials', sieve: 'reported-bare' }],
  ],
  [
    'a participle after a quotation',
    '"We have done our part," said Councillor Ruth Adeyemi, adding that the county must now pay its share.',
    [{ text: 'the county must now pay its share', speaker: 'Ruth Adeyemi', sieve: 'reported-that' }],
  ],
  [
    'a participle after an adverb',
    'The mayor complained about the delays on Monday, even suggesting the contractor had misled the council.',
    [{ text: 'the contractor had misled the council', speaker: 'The mayor', sieve: 'reported-bare' }],
  ],
  [
    'a joiner after a quotation',
    '"The budget is balanced," though the treasurer noted reserves would fall by June.',
    [{ text: 'reserves would fall by June', speaker: 'the treasurer', sieve: 'reported-bare' }],
  ],
  [
    'a clause cut before a quotation',
    'Mayor Lena Okafor said the harbour plan had been approved by the council, which she called "a fine day for the city."',
    [{ text: 'the harbour plan had been approved by the council', speaker: 'Lena Okafor', sieve: 'reported-bare' }],
  ],
  [
    '"As X reported, CLAUSE"',
    'As the Harbour Gazette reported, the ferry operator lost money for a third year.',
    [{ text: 'the ferry operator lost money for a third year', speaker: 'Harbour Gazette', sieve: 'reported-as' }],
  ],
  [
    '"CLAUSE, as X said"',
    'The ferry will not run on Sundays, as the operator has said.',
    [{ text: 'The ferry will not run on Sundays', speaker: 'the operator', sieve: 'reported-as' }],
  ],
  [
    'a relative clause whose subject the report lost',
    'The new fares, which officials said will take effect in March, are the first rise in years.',
    [{ text: 'will take effect in March', speaker: 'officials', sieve: 'reported-relative' }],
  ],
  [
    'a hearer after a trailing attribution',
    'The ferry had been sold twice before, a company spokesman told the Harbour Gazette.',
    [{ text: 'The ferry had been sold twice before', speaker: 'a company spokesman', sieve: 'reported-trailing' }],
  ],
  [
    'lower-case modifiers before a trailing subject',
    'The ferry will be inspected again next month, federal safety officials said.',
    [{ text: 'The ferry will be inspected again next month', speaker: 'officials', sieve: 'reported-trailing' }],
  ],
  [
    'a negated infinitive',
    'The harbour master vowed not to close the port during the storm season.',
    [
      {
        text: 'not to close the port during the storm season',
        speaker: 'The harbour master',
        sieve: 'reported-infinitive',
      },
    ],
  ],
  [
    'a manner adverb before "that"',
    'Ferry passengers complain bitterly that the fares rose twice this year.',
    [{ text: 'the fares rose twice this year', speaker: 'Ferry passengers', sieve: 'reported-that' }],
  ],
  [
    'an object after a time phrase',
    'The port authority announced on Friday the closure of the northern pier for repairs.',
    [{ text: 'the closure of the northern pier for repairs', speaker: 'The port authority', sieve: 'reported-object' }],
  ],
  [
    '"which" for an organization',
    'The fine was set by the Maritime Commission, which contended that the operator ignored safety rules.',
    [
      {
        text: 'the operator ignored safety rules',
        speaker: 'the Maritime Commission',
        kind: 'organization',
        sieve: 'reported-that',
      },
    ],
  ],
  [
    'a long source opening the sentence',
    'According to early results of surveys conducted for the port authority and the ferry union, most riders back the new timetable.',
    [
      {
        text: 'most riders back the new timetable',
        speaker: 'early results of surveys conducted for the port authority and the ferry union',
        sieve: 'reported-according-lead',
      },
    ],
  ],
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

  it.each([
    [
      'citing',
      '"The launch was a success," Radio Kessel reported, citing the state agency.',
      'the state agency',
      'Radio Kessel',
    ],
    [
      'a statement carried by',
      '"We will respond in kind," the ministry said in a statement carried by Radio Kessel.',
      'the ministry',
      'Radio Kessel',
    ],
  ])('gives a quotation relayed with %s to its source, with the outlet as relay', (_how, text, speaker, relay) => {
    const q = extractQuotes(text).quotes;
    expect(q.map((x) => [x.kind, x.speaker?.name, x.relayedBy?.name])).toEqual([['direct', speaker, relay]]);
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
    // A quotation in the sentence is the quote sieves' (tested apart); the reports are what is read here.
    const got = result.quotes
      .filter((q) => q.kind === 'indirect')
      .map((q) => ({
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

  it('reads a question put to a speaker, naming the asker only when the text does', () => {
    const unnamed = extractQuotes('Asked whether the ferry would run in winter, the operator said it would not.');
    expect(unnamed.quotes.map((q) => [q.text, q.kind, q.sieve, q.speaker])).toContainEqual([
      'whether the ferry would run in winter',
      'indirect',
      'reported-asked',
      null,
    ]);
    const named = extractQuotes('Asked by Councillor Ruth Adeyemi whether the pier was safe, the engineer hesitated.');
    expect(named.quotes.map((q) => [q.text, q.sieve, q.speaker?.name])).toEqual([
      ['whether the pier was safe', 'reported-asked', 'Ruth Adeyemi'],
    ]);
  });

  it('does not read "271 pledged delegates" as speech', () => {
    expect(extractQuotes('Okafor leads Brandt by 271 pledged delegates in the count.').quotes).toEqual([]);
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
