import { expect } from 'vitest';
import {
  extractInStages,
  extractQuotes,
  type ExtractedQuote,
  type ExtractionResult,
  type KnownSpeaker,
} from '../../src/extraction/index.js';

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

/**
 * A staged extraction gives what a whole one gives, unlinked and linked, without
 * reading the text again: it links once, and its unlinked result is gone after.
 * Returns the linked result.
 */
export function expectStagedLikeWhole(text: string, registry: KnownSpeaker[]): ExtractionResult {
  const whole = extractQuotes(text);
  const staged = extractInStages(text);
  expect(staged.unlinked).toEqual(whole);
  const linked = staged.link(registry);
  expect(linked).toEqual(extractQuotes(text, { registry }));
  expect(staged.unlinked).toEqual(whole);
  expect(() => staged.link(registry)).toThrow(/once/);
  const late = extractInStages(text);
  late.link(registry);
  expect(() => late.unlinked).toThrow(/before linking/);
  return linked;
}
