import type { Token } from './tokens.js';
import type { CueWithSpeaker, ParagraphInfo, SentenceInfo } from './document.js';
import type { Mention } from './mentions.js';
import { lexicon } from './lexicon.js';
import { mentionRightFrom } from './mentions.js';

// Reported speech without quotation marks: "X said (that) CLAUSE",
// "according to X, CLAUSE", "CLAUSE, X said". Sentences holding a quote are
// left to the quote sieves, so a reported clause never overlaps a quote.

export interface IndirectSpeech {
  start: number;
  end: number;
  source: CueWithSpeaker & { mention: Mention };
}

const HEARER_VERBS = new Set([
  'told',
  'tells',
  'tell',
  'telling',
  'assured',
  'informed',
  'reminded',
  'warned',
  'warns',
  'warn',
]);
const MIN_WORDS = 3;
// A clause does not open with a preposition: "said in an interview" reports where, not what.
const PREPOSITIONS = new Set([
  'in',
  'on',
  'at',
  'from',
  'during',
  'after',
  'before',
  'to',
  'with',
  'by',
  'for',
  'of',
  'about',
  'over',
  'through',
  'while',
  'and',
  'but',
  'as',
  'when',
  'since',
  'outside',
  'inside',
  'near',
  'onstage',
  'afterward',
  'later',
  'earlier',
  'repeatedly',
]);

function isPunct(t: Token | undefined, chars: string): boolean {
  return t !== undefined && t.kind === 'punct' && chars.includes(t.text);
}

function lastContentToken(tokens: Token[], from: number, to: number): number {
  let e = to - 1;
  while (e >= from && tokens[e]!.kind === 'punct') e--;
  return e;
}

function wordCount(tokens: Token[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i <= to; i++) if (tokens[i]!.kind === 'word') n++;
  return n;
}

// Where the reported clause starts after the cue: past a hearer ("told
// reporters"), past time adjuncts before "that", past "that" itself.
/** Where the reported clause starts, and whether "that" (or "of" after "warn") marked it. */
function clauseStart(tokens: Token[], c: CueWithSpeaker, to: number, text: string): { at: number; marked: boolean } {
  let k = c.cue.to;
  if (HEARER_VERBS.has(c.cue.lower)) {
    const hearer = mentionRightFrom(tokens, k, to, text);
    if (hearer) k = hearer.to;
    else if (tokens[k]?.kind === 'word' && ['him', 'her', 'them', 'us', 'me', 'reporters'].includes(tokens[k]!.lower))
      k++;
  }
  for (let look = k; look < to && look < k + 6; look++) {
    const t = tokens[look]!;
    if (t.kind === 'word' && t.lower === 'that') return { at: look + 1, marked: true };
    if (t.kind !== 'word' || !lexicon.timeWords.has(t.lower)) break;
  }
  if (
    tokens[k]?.kind === 'word' &&
    (tokens[k]!.lower === 'of' || tokens[k]!.lower === 'about') &&
    c.cue.lower.startsWith('warn')
  )
    return { at: k + 1, marked: true };
  return { at: k, marked: false };
}

// Verbs of saying take a bare clause ("said the talks failed"); other reporting
// verbs take a noun as readily ("maintained her lead"), so they need "that".
// Verbs of repeating and stressing report their object as speech ("reiterated the need to ...").
const BARE_CLAUSE_VERBS = new Set([
  'say',
  'says',
  'said',
  'saying',
  'tell',
  'tells',
  'told',
  'telling',
  'add',
  'adds',
  'added',
  'adding',
  'write',
  'writes',
  'wrote',
  'argue',
  'argues',
  'argued',
  'arguing',
  'insist',
  'insists',
  'insisted',
  'warn',
  'warns',
  'warned',
  'warning',
  'claim',
  'claims',
  'claimed',
  'predict',
  'predicts',
  'predicted',
  'suggest',
  'suggests',
  'suggested',
  'note',
  'notes',
  'noted',
  'noting',
  'contend',
  'contends',
  'contended',
  'assert',
  'asserted',
  'tweeted',
  'reiterate',
  'reiterates',
  'reiterated',
  'reiterating',
  'stress',
  'stressed',
  'stresses',
  'emphasize',
  'emphasized',
  'emphasizes',
]);
// Words that cannot open a reported clause: object pronouns and adverbs of manner.
const NOT_CLAUSE_OPENERS = new Set([
  'them',
  'him',
  'me',
  'us',
  'so',
  'yes',
  'no',
  'not',
  'nothing',
  'little',
  'much',
  'more',
  'goodbye',
  'hello',
  'thanks',
  'otherwise',
]);

const CLAUSE_JOINERS = new Set(['while', 'but', 'and', 'as', 'whereas', 'although', 'though']);

/** Reported clauses of a sentence, in order; a later report cuts the clause of an earlier one ("X said A while Y warned B"). */
export function findIndirect(
  text: string,
  para: ParagraphInfo,
  s: SentenceInfo,
  isAuthor: (m: Mention) => boolean,
): IndirectSpeech[] {
  const tokens = para.tokens;
  for (let i = s.from; i < s.to; i++) if (tokens[i]!.kind === 'quote') return [];
  const out: IndirectSpeech[] = [];
  let from = s.from;
  while (from < s.to) {
    const found = findFirstIndirect(text, tokens, { ...s, from }, s, isAuthor);
    if (!found) break;
    const { speech, nextFrom } = found;
    const prev = out[out.length - 1];
    if (prev && speech.start < prev.end) prev.end = cutBefore(tokens, prev, speech);
    if (!prev || prev.end > prev.start) out.push(speech);
    from = nextFrom;
  }
  return out.filter((x) => x.end > x.start);
}

// The earlier clause ends before the joiner that opens the later report.
function cutBefore(tokens: Token[], earlier: IndirectSpeech, later: IndirectSpeech): number {
  const m = later.source.mention;
  let k = m.from - 1;
  while (k >= 0 && tokens[k]!.start >= earlier.start) {
    const t = tokens[k]!;
    if (
      (t.kind === 'word' && CLAUSE_JOINERS.has(t.lower)) ||
      (t.kind === 'punct' && (t.text === ',' || t.text === ';'))
    ) {
      let e = k - 1;
      while (e >= 0 && tokens[e]!.kind === 'punct') e--;
      return e >= 0 && tokens[e]!.end > earlier.start ? tokens[e]!.end : earlier.start;
    }
    if (k < m.from - 2) break;
    k--;
  }
  return Math.min(earlier.end, m.start);
}

function findFirstIndirect(
  text: string,
  tokens: Token[],
  s: SentenceInfo,
  whole: SentenceInfo,
  isAuthor: (m: Mention) => boolean,
): { speech: IndirectSpeech; nextFrom: number } | null {
  const last = lastContentToken(tokens, whole.from, whole.to);
  if (last < whole.from) return null;
  for (const c of whole.cues) {
    const m = c.mention;
    if (!m || isAuthor(m) || c.cue.from < s.from) continue;
    const nextFrom = c.cue.to;
    const source = { ...c, mention: m };
    if (c.cue.kind === 'according') {
      // "According to X, CLAUSE."
      let k = m.to;
      while (k <= last && !isPunct(tokens[k], ',')) k++;
      if (c.cue.from <= s.from + 1 && k < last && k - m.to <= 6 && wordCount(tokens, k + 1, last) >= MIN_WORDS) {
        return { speech: { start: tokens[k + 1]!.start, end: tokens[last]!.end, source }, nextFrom: k + 1 };
      }
      // "CLAUSE, according to X."
      const comma = c.cue.from - 1;
      if (
        comma > s.from &&
        isPunct(tokens[comma], ',') &&
        m.to > last &&
        wordCount(tokens, s.from, comma - 1) >= MIN_WORDS
      ) {
        return { speech: { start: tokens[s.from]!.start, end: tokens[comma - 1]!.end, source }, nextFrom: whole.to };
      }
      continue;
    }
    if (c.cue.kind !== 'verb' || !lexicon.indirect.has(c.cue.lower)) continue;
    // A participle reports speech only in its own clause: ", warning that ..." but not "with the economy adding".
    if (c.cue.participle && !(tokens[c.cue.from - 1]?.kind === 'punct' && tokens[c.cue.from - 1]!.text === ','))
      continue;
    // "CLAUSE, X said." / "CLAUSE, said X."
    const attrFrom = Math.min(m.from, c.cue.from);
    const attrTo = Math.max(m.to, c.cue.to);
    if (attrFrom > s.from + MIN_WORDS && isPunct(tokens[attrFrom - 1], ',') && attrTo > last - 3) {
      let tail = true;
      for (let k = attrTo; k <= last; k++)
        if (tokens[k]!.kind !== 'word' || !lexicon.timeWords.has(tokens[k]!.lower)) tail = false;
      if (tail && wordCount(tokens, s.from, attrFrom - 2) >= MIN_WORDS) {
        return { speech: { start: tokens[s.from]!.start, end: tokens[attrFrom - 2]!.end, source }, nextFrom: whole.to };
      }
    }
    if (m.from > c.cue.from) continue;
    const { at: k, marked } = clauseStart(tokens, c, s.to, text);
    const first = tokens[k];
    if (!first || first.kind !== 'word' || k > last || PREPOSITIONS.has(first.lower)) continue;
    if (
      !marked &&
      (!BARE_CLAUSE_VERBS.has(c.cue.lower) || NOT_CLAUSE_OPENERS.has(first.lower) || /ly$/.test(first.lower))
    )
      continue;
    if (wordCount(tokens, k, last) < MIN_WORDS) continue;
    return { speech: { start: first.start, end: tokens[last]!.end, source }, nextFrom };
  }
  return null;
}
