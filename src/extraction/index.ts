import type { ExtractedQuote, ExtractionOptions, ExtractionResult } from './types.js';

export type * from './types.js';

// Baseline: every span between a pair of double quotation marks is a direct quote
// with no speaker. The attribution pipeline replaces this.
const QUOTED = /["\u201c]([^"\u201c\u201d]{1,2000})["\u201d]/g;

export function extractQuotes(text: string, _options: ExtractionOptions = {}): ExtractionResult {
  const quotes: ExtractedQuote[] = [];
  for (const m of text.matchAll(QUOTED)) {
    const start = m.index + 1;
    const content = m[1] ?? '';
    quotes.push({
      text: content,
      start,
      end: start + content.length,
      kind: 'direct',
      speaker: null,
      cue: null,
      relayedBy: null,
      confidence: 0.3,
    });
  }
  return { quotes, speakers: [] };
}
