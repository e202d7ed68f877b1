import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../src/extraction/index.js';
import { expectValidSpans, quoteStartingWith } from '../support/extraction.js';

describe('attribution shapes', () => {
  it('relays speech through "according to"', () => {
    const text = 'The governor, according to a spokeswoman, said the plan would be "a costly error for the region."';
    const q = quoteStartingWith(extractQuotes(text), 'a costly error');
    expect(q.speaker?.name).toBe('The governor');
    expect(q.relayedBy?.name).toBe('a spokeswoman');
  });

  it('reads a transcript speaker in capitals', () => {
    const text = '"HOST: Will you run again?\n\n"MARLOWE: I have not decided. Ask me in June."\n\nThe interview ended.';
    const r = extractQuotes(text);
    const answer = quoteStartingWith(r, 'I have not decided');
    expect(answer.speaker?.name).toBe('MARLOWE');
    expect(answer.speaker?.mention?.text).toBe('MARLOWE');
    expectValidSpans(text, r);
  });

  it('reads a dash signature after a quote', () => {
    const text = '“We need better buses.” ― Rosa Delgado';
    expect(quoteStartingWith(extractQuotes(text), 'We need better buses').speaker?.name).toBe('Rosa Delgado');
  });

  it('reads a headline colon', () => {
    const text = 'Okafor: ‘The tax will not pass’\n\nThe vote is on Tuesday.';
    expect(quoteStartingWith(extractQuotes(text), 'The tax will not pass').speaker?.name).toBe('Okafor');
  });

  it('gives a quote inside reported speech to the reporting speaker', () => {
    const text = 'Councillor Hana Sato said the mayor had called the budget "a fantasy."';
    expect(quoteStartingWith(extractQuotes(text), 'a fantasy').speaker?.name).toBe('Hana Sato');
  });

  it('reads the subject of a participle clause', () => {
    const text = 'Senator Alma Reyes left the hearing early, saying it was "a waste of everyone\'s time."';
    expect(quoteStartingWith(extractQuotes(text), 'a waste').speaker?.name).toBe('Alma Reyes');
  });

  it('reads a speaker after a quote with a verb no list holds', () => {
    const text = '"Not today," he grumbled.';
    expect(quoteStartingWith(extractQuotes(text), 'Not today').speaker?.mention?.text).toBe('he');
  });

  it('keeps relative pronouns as the mention of their antecedent', () => {
    const text = 'The plan was drafted by Ravi Menon, who said it would "pay for itself."';
    const s = quoteStartingWith(extractQuotes(text), 'pay for itself').speaker;
    expect(s?.mention?.text).toBe('who');
    expect(s?.name).toBe('Ravi Menon');
  });

  it('never throws and keeps offsets on odd input', () => {
    for (const text of ['', '"', '“”', '\ud800"x"', '"a," he said, "b', 'PENCE:', '\n\n\n', '<<<>>>"', "''''''"]) {
      expectValidSpans(text, extractQuotes(text));
    }
  });
});
