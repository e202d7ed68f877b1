import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../src/extraction/index.js';
import { quoteStartingWith } from '../support/extraction.js';

describe('cues', () => {
  it.each([
    ['said', '"The roads are open," Lena Ortiz said.'],
    ['says', '"The roads are open," Lena Ortiz says.'],
    ['added', '"The roads are open," Lena Ortiz added.'],
    ['warned', '"The roads are open," Lena Ortiz warned.'],
    ['told reporters', '"The roads are open," Lena Ortiz told reporters.'],
    ['wrote', '"The roads are open," Lena Ortiz wrote.'],
    ['stated', '"The roads are open," Lena Ortiz stated.'],
    ['has said', '"The roads are open," Lena Ortiz has said.'],
  ])('reads "%s"', (cue, text) => {
    const q = quoteStartingWith(extractQuotes(text), 'The roads are open');
    expect(q.cue?.text).toBe(cue === 'has said' ? 'said' : cue);
    expect(q.speaker?.name).toBe('Lena Ortiz');
    expect(q.kind).toBe('direct');
  });

  it('reads a cue before the quote', () => {
    const q = quoteStartingWith(extractQuotes('Lena Ortiz said in a statement: "The roads are open."'), 'The roads');
    expect(q.speaker?.name).toBe('Lena Ortiz');
    expect(q.kind).toBe('direct');
  });

  it('reads "according to"', () => {
    const text = 'According to the county engineer, the bridge is "perfectly safe."';
    const q = quoteStartingWith(extractQuotes(text), 'perfectly safe');
    expect(q.cue?.text.toLowerCase()).toBe('according to');
    expect(q.speaker?.name).toBe('the county engineer');
    expect(q.kind).toBe('partial');
  });

  it('does not read a noun or a passive as a cue', () => {
    const r = extractQuotes('The phone call was described as "tense" and was considered "productive."');
    for (const q of r.quotes) expect(q.speaker?.name ?? null).not.toBe('The phone');
  });

  it('reports indirect speech with its clause', () => {
    const text = 'Governor Ama Mensah said that the budget would be balanced by spring.';
    const r = extractQuotes(text);
    expect(r.quotes).toHaveLength(1);
    expect(r.quotes[0]!.kind).toBe('indirect');
    expect(r.quotes[0]!.text).toBe('the budget would be balanced by spring');
    expect(r.quotes[0]!.speaker?.name).toBe('Ama Mensah');
    expect(r.quotes[0]!.cue?.text).toBe('said');
  });

  it('reports "according to X, ..." as indirect speech', () => {
    const text = 'According to two people familiar with the talks, the deal is nearly done.';
    const q = extractQuotes(text).quotes[0];
    expect(q?.kind).toBe('indirect');
    expect(q?.text).toBe('the deal is nearly done');
    expect(q?.speaker?.kind).toBe('anonymous');
    expect(q?.speaker?.name).toBe('two people familiar with the talks');
  });

  it('takes no cue from a word the data files do not list ("forthcoming")', () => {
    const text =
      '"There is nothing to hide," the Prime Minister said. Details from Home Secretary Sarah Mill were not ' +
      'forthcoming. "Every page will be public."';
    const result = extractQuotes(text);
    expect(result.quotes.map((q) => [q.text, q.speaker?.name])).toEqual([
      ['There is nothing to hide,', 'the Prime Minister'],
      ['Every page will be public.', 'the Prime Minister'],
    ]);
  });

  it('names no one for "according to reports"', () => {
    expect(extractQuotes('According to several reports, the plant will close next year.').quotes).toEqual([]);
  });
});
