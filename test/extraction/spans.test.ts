import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../src/extraction/index.js';
import { splitParagraphs } from '../../src/extraction/paragraphs.js';
import { findQuoteSpans } from '../../src/extraction/spans.js';
import { expectValidSpans, quoteStartingWith } from '../support/extraction.js';

function spanTexts(text: string): string[] {
  return findQuoteSpans(text, splitParagraphs(text)).map((s) => text.slice(s.start, s.end));
}

describe('quote spans', () => {
  it('reads straight, curly and guillemet marks', () => {
    expect(spanTexts('He said "one thing" and “another thing” and «a third».')).toEqual([
      'one thing',
      'another thing',
      'a third',
    ]);
  });

  it('returns content offsets without the marks', () => {
    const text = 'She said "hello there" and left.';
    const { quotes } = extractQuotes(text);
    expect(quotes).toHaveLength(1);
    expect(text.slice(quotes[0]!.start, quotes[0]!.end)).toBe('hello there');
  });

  it('keeps nested single quotes inside the outer quote', () => {
    expect(spanTexts('“He told me ‘never again’ last week,” the mayor said.')).toEqual([
      'He told me ‘never again’ last week,',
    ]);
  });

  it('keeps apostrophes out of quotes', () => {
    expect(spanTexts('The mayor’s plan isn’t the governor’s, and the ’90s are over.')).toEqual([]);
  });

  it('follows a quote over paragraphs that open but do not close', () => {
    const text =
      '“The budget is late,” the mayor said. “We will fix it.\n\n“We will fix it this year.\n\n“And then we will rest.”\n\nThe council met later.';
    const result = extractQuotes(text);
    const texts = result.quotes.map((q) => q.text);
    expect(texts).toEqual([
      'The budget is late,',
      'We will fix it.',
      'We will fix it this year.',
      'And then we will rest.',
    ]);
    for (const q of result.quotes) expect(q.speaker?.name).toBe('the mayor');
    expectValidSpans(text, result);
  });

  it('splits a quote around its attribution', () => {
    const text = '"We tried," Dana Whitfield said, "and we failed."';
    const result = extractQuotes(text);
    expect(result.quotes.map((q) => q.text)).toEqual(['We tried,', 'and we failed.']);
    expect(result.quotes.map((q) => q.kind)).toEqual(['direct', 'direct']);
    expect(result.quotes[0]!.speaker?.entity).toBe(result.quotes[1]!.speaker?.entity);
  });

  it('reads two apostrophes as a double mark', () => {
    expect(spanTexts("''It is done,'' Mr. Okafor said.")).toEqual(['It is done,']);
  });

  it('reads single marks in a headline', () => {
    expect(spanTexts('Mayor: ‘We will not back down’\n\nThe mayor spoke on Monday.')).toEqual([
      'We will not back down',
    ]);
  });

  it('ignores marks inside markup tags', () => {
    expect(spanTexts('<tweet id="123" author="x">Vote today</tweet> she wrote "go vote".')).toEqual(['go vote']);
  });

  it('leaves out titles and scare quotes with no speaker', () => {
    const text = 'The band played “Born in the USA” before the so-called “reform” passed.';
    expect(extractQuotes(text).quotes).toEqual([]);
  });

  it('survives unbalanced marks', () => {
    const text = 'He said "this never ends.\n\nThe next paragraph is plain.';
    const result = extractQuotes(text);
    expectValidSpans(text, result);
    expect(result.quotes[0]?.text).toBe('this never ends.');
  });

  it('handles inputs made only of marks, or with no spaces', () => {
    const marks = '"'.repeat(100_001);
    const long = 'a'.repeat(1_000_000);
    const t0 = performance.now();
    expectValidSpans(marks, extractQuotes(marks));
    expectValidSpans(long, extractQuotes(long));
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('finds a partial quote inside a sentence', () => {
    const text = 'The senator warned that the bill would be a “historic blunder” for the state.';
    const q = quoteStartingWith(extractQuotes(text), 'historic blunder');
    expect(q.kind).toBe('partial');
    expect(q.speaker?.name).toBe('The senator');
  });
});

describe('single-mark copy', () => {
  it('reads single marks as quotes when the text never uses double ones', () => {
    const text = '‘We will not be moved,’ the union leader said.\n\nThe union’s members’ vote is next week.';
    const r = extractQuotes(text);
    expect(r.quotes.map((q) => q.text)).toEqual(['We will not be moved,']);
    expect(r.quotes[0]?.speaker?.name).toBe('the union leader');
  });
});
