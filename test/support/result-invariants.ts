import { expect } from 'vitest';
import {
  QUOTE_KINDS,
  SPEAKER_KINDS,
  type ExtractionResult,
  type QuoteSpeaker,
  type Span,
} from '../../src/extraction/index.js';

// What the contract in src/extraction/types.ts promises for any input, checked
// without assuming anything about how a particular engine finds quotes. Plain
// checks that collect problems, so results with 100k quotes stay cheap to check.

const QUOTE_KIND_SET = new Set<string>(QUOTE_KINDS);
const SPEAKER_KIND_SET = new Set<string>(SPEAKER_KINDS);
const MAX_PROBLEMS = 5;

function spanProblems(text: string, span: Span, what: string): string[] {
  if (!Number.isInteger(span.start) || !Number.isInteger(span.end)) return [`${what}: offsets are not integers`];
  if (span.start < 0 || span.end < span.start || span.end > text.length) {
    return [`${what}: offsets ${span.start}..${span.end} out of 0..${text.length}`];
  }
  if (text.slice(span.start, span.end) !== span.text)
    return [`${what}: text is not the slice ${span.start}..${span.end}`];
  return [];
}

function speakerProblems(text: string, s: QuoteSpeaker, entityIds: Set<number>, what: string): string[] {
  const problems: string[] = [];
  if (typeof s.name !== 'string' && s.name !== null) problems.push(`${what}: name is not a string or null`);
  if (!SPEAKER_KIND_SET.has(s.kind)) problems.push(`${what}: kind ${String(s.kind)}`);
  if (s.name !== null && !entityIds.has(s.entity))
    problems.push(`${what}: entity ${s.entity} is not among the speakers`);
  if (s.name === null && s.mention === null) problems.push(`${what}: an unnamed speaker without its mention`);
  if (s.registryId !== null && typeof s.registryId !== 'string') problems.push(`${what}: registryId`);
  if (s.mention !== null) problems.push(...spanProblems(text, s.mention, `${what} mention`));
  return problems;
}

export function contractProblems(text: string, result: ExtractionResult): string[] {
  if (!Array.isArray(result.quotes) || !Array.isArray(result.speakers)) return ['quotes or speakers is not an array'];
  const problems: string[] = [];
  const entityIds = new Set(result.speakers.map((s) => s.id));
  if (entityIds.size !== result.speakers.length) problems.push('speaker ids are not unique');
  for (const s of result.speakers)
    if (!SPEAKER_KIND_SET.has(s.kind)) problems.push(`speaker ${s.id}: kind ${String(s.kind)}`);

  let previousEnd = 0;
  for (const [i, q] of result.quotes.entries()) {
    if (problems.length >= MAX_PROBLEMS) break;
    const what = `quote ${i}`;
    problems.push(...spanProblems(text, q, what));
    if (q.start < previousEnd)
      problems.push(`${what}: starts at ${q.start}, before the previous quote ends at ${previousEnd}`);
    previousEnd = Math.max(previousEnd, q.end);
    if (!QUOTE_KIND_SET.has(q.kind)) problems.push(`${what}: kind ${String(q.kind)}`);
    if (!(q.confidence >= 0 && q.confidence <= 1)) problems.push(`${what}: confidence ${q.confidence} outside 0..1`);
    if (q.cue !== null) problems.push(...spanProblems(text, q.cue, `${what} cue`));
    if (q.speaker !== null) problems.push(...speakerProblems(text, q.speaker, entityIds, `${what} speaker`));
    if (q.relayedBy !== null) problems.push(...speakerProblems(text, q.relayedBy, entityIds, `${what} relayedBy`));
  }
  return problems.slice(0, MAX_PROBLEMS);
}

/** Fails the current test unless `result` keeps the contract for `text`. */
export function expectValidResult(text: string, result: ExtractionResult): void {
  expect(contractProblems(text, result)).toEqual([]);
}
