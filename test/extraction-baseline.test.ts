import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../src/extraction/index.js';

describe('extractQuotes', () => {
  it('returns quoted spans with offsets into the text', () => {
    const text = 'She said "hello there" and left.';
    const { quotes } = extractQuotes(text);
    expect(quotes).toHaveLength(1);
    const q = quotes[0]!;
    expect(text.slice(q.start, q.end)).toBe('hello there');
  });
});
