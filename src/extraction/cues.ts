import type { Token } from './tokens.js';
import { lexicon } from './lexicon.js';

// Reporting cues in a sentence: single verb forms from the data files and
// multi-word phrases ("according to", "in a statement").

export interface Cue {
  /** Token range [from, to). */
  from: number;
  to: number;
  start: number;
  end: number;
  lower: string;
  kind: 'verb' | 'according' | 'adjunct';
  /** "-ing" form after a comma: its subject is the clause's, not the word before it. */
  participle: boolean;
}

function matchPhrase(tokens: Token[], i: number, to: number, phrase: string[]): boolean {
  for (let k = 0; k < phrase.length; k++) {
    const t = tokens[i + k];
    if (!t || i + k >= to || t.kind !== 'word' || t.lower !== phrase[k]) return false;
  }
  return true;
}

const HEADLINE_VERBS = lexicon.grammar.headlineVerbs;

const NO_PHRASES: string[][] = [];

const NOUN_MARKERS = lexicon.grammar.nounMarkers;

const PROGRESSIVE = lexicon.grammar.progressive;

export function findCues(tokens: Token[], from: number, to: number): Cue[] {
  const out: Cue[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word') continue;
    let matched = false;
    for (const p of lexicon.phrasesByFirstWord.get(t.lower) ?? NO_PHRASES) {
      if (matchPhrase(tokens, i, to, p)) {
        const last = tokens[i + p.length - 1]!;
        out.push({
          from: i,
          to: i + p.length,
          start: t.start,
          end: last.end,
          lower: p.join(' '),
          kind: p[0] === 'according' ? 'according' : p[0] === 'in' ? 'adjunct' : 'verb',
          participle: false,
        });
        i += p.length - 1;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (!lexicon.speech.has(t.lower)) continue;
    const before = tokens[i - 1];
    // "the claims", "his remarks": a determiner makes the form a noun.
    if (before && before.kind === 'word' && NOUN_MARKERS.has(before.lower)) continue;
    // Capitalised forms start sentences ("Says who") or are names ("Call", "Post"): only lower case counts,
    // but for a headline's "Hollande Says" or "Trump Warns", a verb form right after a name.
    if (
      t.cap &&
      !(
        i > from &&
        tokens[i - 1]!.kind === 'word' &&
        tokens[i - 1]!.cap &&
        HEADLINE_VERBS.has(t.lower) &&
        tokens[i - 2]?.lower !== 'the'
      )
    )
      continue;
    const prev = tokens[i - 1];
    // "-ing" forms hang on a clause ("..., warning that", "an email stating") unless they are progressive ("is saying").
    const participle =
      t.lower.endsWith('ing') && prev !== undefined && !(prev.kind === 'word' && PROGRESSIVE.has(prev.lower));
    let end = t.end;
    let next = i + 1;
    const n = tokens[next];
    if (
      n &&
      n.kind === 'word' &&
      (t.lower === 'told' || t.lower === 'tells' || t.lower === 'telling' || t.lower === 'tell') &&
      n.lower === 'reporters'
    ) {
      end = n.end;
      next++;
    }
    out.push({ from: i, to: next, start: t.start, end, lower: t.lower, kind: 'verb', participle });
  }
  return out;
}
