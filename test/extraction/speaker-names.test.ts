import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../src/extraction/index.js';
import { expectValidSpans } from '../support/extraction.js';

// A speaker is a name: a pronoun with nothing before it to refer to, or one word
// the article also writes in lower case, leaves the speaker unnamed (name null,
// the mention kept) and never becomes a speaker of the article.

const PRONOUNS = new Set(['it', 'he', 'she', 'they', 'we', 'i', 'you', 'him', 'her', 'them']);

function speakersOf(text: string) {
  const result = extractQuotes(text);
  expectValidSpans(text, result);
  return result;
}

describe('speaker names', () => {
  it('leaves a pronoun with nothing before it unnamed, keeping its mention', () => {
    const text = 'It said the new rules would take effect in March.';
    const { quotes, speakers } = speakersOf(text);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]!.text).toBe('the new rules would take effect in March');
    expect(quotes[0]!.speaker).toMatchObject({ name: null, mention: { text: 'It', start: 0, end: 2 } });
    expect(speakers).toEqual([]);
  });

  it('resolves a pronoun to the organization named before it', () => {
    const text = 'The transport ministry defended the plan. It said the new rules would take effect in March.';
    const { quotes, speakers } = speakersOf(text);
    expect(quotes.map((q) => [q.text, q.speaker?.name, q.speaker?.mention?.text])).toEqual([
      ['the new rules would take effect in March', 'The transport ministry', 'It'],
    ]);
    expect(speakers.map((s) => s.name)).toEqual(['The transport ministry']);
  });

  it('does not name a person by a word the article also uses in lower case', () => {
    const text = 'Students said the fees were too high. Many students marched to the town hall on Friday.';
    const { quotes, speakers } = speakersOf(text);
    expect(quotes[0]).toMatchObject({ text: 'the fees were too high', speaker: { name: null } });
    expect(speakers.some((s) => s.name === 'Students')).toBe(false);
  });

  it('keeps a surname that is a word when the article gives the full name', () => {
    const text = 'Josephine Long chairs the board. Long said the vote would take place long before the summer.';
    const { quotes } = speakersOf(text);
    expect(quotes[0]).toMatchObject({ text: 'the vote would take place long before the summer' });
    expect(quotes[0]!.speaker?.name).toBe('Josephine Long');
  });

  it('does not name a person by a sentence adverb', () => {
    const text = 'Specifically: "The pier will close on Monday and stay closed for a week."';
    const { quotes, speakers } = speakersOf(text);
    expect(quotes.map((q) => q.speaker?.name ?? null)).toEqual([null]);
    expect(speakers).toEqual([]);
  });

  it('gives a quotation after "NAME:" to the name after a dash or "from", not the words before', () => {
    for (const [text, name] of [
      ['FERRY RIDERSHIP WAS HIGH - Ines Calloway: "At long last the ferry pays its way."', 'Ines Calloway'],
      ['More from Calloway: "The timetable is the best we have had in years."', 'Calloway'],
    ] as const) {
      expect(speakersOf(text).quotes.map((q) => q.speaker?.name)).toEqual([name]);
    }
  });

  it('never names a speaker by a pronoun', () => {
    const text = [
      'They said the road would stay shut.',
      '"We are not ready," it said.',
      'You said the budget was final, she said.',
    ].join('\n');
    const { quotes, speakers } = speakersOf(text);
    for (const q of quotes) expect(PRONOUNS.has((q.speaker?.name ?? '').toLowerCase())).toBe(false);
    for (const s of speakers) expect(PRONOUNS.has(s.name.toLowerCase())).toBe(false);
  });

  it('reads no speaker from the subject of a passive', () => {
    expect(speakersOf('Hacked accounts were reported across the region.').quotes).toEqual([]);
  });
});
