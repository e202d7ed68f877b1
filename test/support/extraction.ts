import { expect } from 'vitest';
import type { ExtractedQuote, ExtractionResult } from '../../src/extraction/index.js';

/** The quote whose text starts with `start`; fails the test when there is none. */
export function quoteStartingWith(result: ExtractionResult, start: string): ExtractedQuote {
  const q = result.quotes.find((x) => x.text.startsWith(start));
  expect(q, `no quote starting with ${JSON.stringify(start)}`).toBeDefined();
  return q!;
}

/** Offsets index the text, spans are sorted and never overlap. */
export function expectValidSpans(text: string, result: ExtractionResult): void {
  let lastEnd = -1;
  for (const q of result.quotes) {
    expect(text.slice(q.start, q.end)).toBe(q.text);
    expect(q.start).toBeGreaterThanOrEqual(lastEnd);
    expect(q.end).toBeGreaterThan(q.start);
    expect(q.confidence).toBeGreaterThanOrEqual(0);
    expect(q.confidence).toBeLessThanOrEqual(1);
    for (const s of [q.cue, q.speaker?.mention ?? null]) {
      if (s) expect(text.slice(s.start, s.end)).toBe(s.text);
    }
    lastEnd = q.end;
  }
}
