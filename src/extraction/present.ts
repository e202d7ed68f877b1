import type { ExtractedQuote, ExtractionResult, QuoteSpeaker, Span } from './types.js';

// The public shape of an extracted quote, shared by `POST /v1/extract` and the
// extract command: the engine's article-local entity ids stay inside.

export interface PublicSpan {
  text: string;
  start: number;
  end: number;
}

export interface PublicExtractedSpeaker {
  /** Null when the mention names no one ("it said" with nothing before it). */
  name: string | null;
  kind: QuoteSpeaker['kind'];
  mention: PublicSpan | null;
}

export interface PublicExtractedQuote {
  text: string;
  start: number;
  end: number;
  kind: ExtractedQuote['kind'];
  speaker: PublicExtractedSpeaker | null;
  cue: PublicSpan | null;
  relayedBy: PublicExtractedSpeaker | null;
  confidence: number;
  sieve: ExtractedQuote['sieve'];
}

const span = (s: Span | null): PublicSpan | null => (s ? { text: s.text, start: s.start, end: s.end } : null);

const speaker = (s: QuoteSpeaker | null): PublicExtractedSpeaker | null =>
  s ? { name: s.name, kind: s.kind, mention: span(s.mention) } : null;

export function presentExtractedQuote(q: ExtractedQuote): PublicExtractedQuote {
  return {
    text: q.text,
    start: q.start,
    end: q.end,
    kind: q.kind,
    speaker: speaker(q.speaker),
    cue: span(q.cue),
    relayedBy: speaker(q.relayedBy),
    confidence: Math.round(q.confidence * 1000) / 1000,
    sieve: q.sieve,
  };
}

/** The answer of `POST /v1/extract`: the quotes and the speakers found. */
export function presentExtraction(result: ExtractionResult) {
  return {
    quotes: result.quotes.map(presentExtractedQuote),
    speakers: result.speakers.map(({ name, kind, role, affiliation, aliases }) => ({
      name,
      kind,
      role,
      affiliation: affiliation ?? null,
      aliases,
    })),
  };
}
