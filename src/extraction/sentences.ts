import type { QuoteSpan } from './spans.js';
import type { Token } from './tokens.js';
import { lexicon } from './lexicon.js';

// Sentence ends over a paragraph's tokens. A quote token is atomic: a sentence
// ends after it when its content ends a sentence and what follows starts one.

export interface Sentence {
  /** Token index range [from, to). */
  from: number;
  to: number;
}

function startsSentence(t: Token | undefined): boolean {
  if (!t) return true;
  if (t.kind === 'quote') return true;
  if (t.kind === 'word') return t.cap || /^[0-9]/.test(t.text);
  return t.text === '(' || t.text === '—';
}

function isAbbreviation(t: Token | undefined): boolean {
  if (!t || t.kind !== 'word') return false;
  if (lexicon.abbreviations.has(t.lower)) return true;
  if (t.text.length === 1 && t.cap) return true;
  return t.lower.includes('.') && t.lower.length <= 6;
}

function quoteEndsSentence(text: string, qs: QuoteSpan): boolean {
  if (qs.close < 0) return true;
  let k = qs.end - 1;
  while (k > qs.start && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 0x2019 || text.charCodeAt(k) === 0x27))
    k--;
  const c = text.charCodeAt(k);
  return c === 46 || c === 33 || c === 63 || c === 0x2026;
}

// Attribution patterns are local; a run-on "sentence" longer than this (lists,
// unpunctuated dumps) is cut into pieces so that every per-sentence step stays
// bounded and the whole pass stays linear.
const MAX_SENTENCE_TOKENS = 200;

export function splitSentences(text: string, tokens: Token[], quotes: QuoteSpan[]): Sentence[] {
  const out: Sentence[] = [];
  let from = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let ends = i + 1 - from >= MAX_SENTENCE_TOKENS;
    if (ends) {
      // cut here
    } else if (t.kind === 'punct' && (t.text === '.' || t.text === '!' || t.text === '?' || t.text === '…')) {
      let j = i + 1;
      while (j < tokens.length && tokens[j]!.kind === 'punct' && /^[)\]'’.!?]$/.test(tokens[j]!.text)) j++;
      if (
        startsSentence(tokens[j]) &&
        !(t.text === '.' && isAbbreviation(tokens[i - 1]) && tokens[j]?.kind === 'word')
      ) {
        ends = true;
        i = j - 1;
      }
    } else if (t.kind === 'quote') {
      const qs = quotes[t.quote];
      const next = tokens[i + 1];
      if (qs && quoteEndsSentence(text, qs) && (next === undefined || (next.kind !== 'punct' && startsSentence(next))))
        ends = true;
    }
    if (ends) {
      out.push({ from, to: i + 1 });
      from = i + 1;
    }
  }
  if (from < tokens.length) out.push({ from, to: tokens.length });
  return out;
}
