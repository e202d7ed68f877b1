import { expect } from 'vitest';
import type { ExtractionResult, QuoteSpeaker, Span } from '../../src/extraction/index.js';

// What the contract in src/extraction/types.ts promises for any input, checked
// without assuming anything about how a particular engine finds quotes.

const QUOTE_KINDS = ['direct', 'partial', 'indirect'];
const SPEAKER_KINDS = ['person', 'anonymous', 'group', 'organization'];

function expectSpanOf(text: string, span: Span, what: string): void {
  expect(Number.isInteger(span.start), `${what} start is an integer`).toBe(true);
  expect(Number.isInteger(span.end), `${what} end is an integer`).toBe(true);
  expect(span.start, `${what} start`).toBeGreaterThanOrEqual(0);
  expect(span.end, `${what} end`).toBeGreaterThanOrEqual(span.start);
  expect(span.end, `${what} end`).toBeLessThanOrEqual(text.length);
  expect(text.slice(span.start, span.end), `${what} text is the slice it claims`).toBe(span.text);
}

function expectSpeaker(text: string, s: QuoteSpeaker, entityIds: Set<number>, what: string): void {
  expect(typeof s.name, `${what} name`).toBe('string');
  expect(SPEAKER_KINDS, `${what} kind`).toContain(s.kind);
  expect(entityIds.has(s.entity), `${what} refers to a listed speaker`).toBe(true);
  expect(s.registryId === null || typeof s.registryId === 'string', `${what} registryId`).toBe(true);
  if (s.mention !== null) expectSpanOf(text, s.mention, `${what} mention`);
}

/** Fails the current test unless `result` keeps the contract for `text`. */
export function expectValidResult(text: string, result: ExtractionResult): void {
  expect(Array.isArray(result.quotes)).toBe(true);
  expect(Array.isArray(result.speakers)).toBe(true);
  const entityIds = new Set(result.speakers.map((s) => s.id));
  expect(entityIds.size, 'speaker ids are unique').toBe(result.speakers.length);
  for (const s of result.speakers) expect(SPEAKER_KINDS, 'speaker kind').toContain(s.kind);

  let previousEnd = 0;
  result.quotes.forEach((q, i) => {
    const what = `quote ${i}`;
    expectSpanOf(text, q, what);
    expect(q.start, `${what} starts after the previous quote ends`).toBeGreaterThanOrEqual(previousEnd);
    previousEnd = q.end;
    expect(QUOTE_KINDS, `${what} kind`).toContain(q.kind);
    expect(Number.isFinite(q.confidence), `${what} confidence is finite`).toBe(true);
    expect(q.confidence, `${what} confidence`).toBeGreaterThanOrEqual(0);
    expect(q.confidence, `${what} confidence`).toBeLessThanOrEqual(1);
    if (q.cue !== null) expectSpanOf(text, q.cue, `${what} cue`);
    if (q.speaker !== null) expectSpeaker(text, q.speaker, entityIds, `${what} speaker`);
    if (q.relayedBy !== null) expectSpeaker(text, q.relayedBy, entityIds, `${what} relayedBy`);
  });
}
