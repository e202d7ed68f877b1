import { isFunctionWord, spellingKey, type WordToken } from './wording.js';

// Word-level alignment of a claimed wording against a stored quote: the cheapest
// word edits that turn the claim into some stretch of the quote. A claim that is
// a fragment of a longer quote costs nothing; a changed spelling costs a quarter,
// a function word ("the", "of") missing or added a half, any other word one.

export type Edit =
  /** A claim word and a quote word that differ (spelling, or another word). */
  | { op: 'substitute'; claim: number; quote: number }
  /** A claim word the quote does not have. */
  | { op: 'insert'; claim: number }
  /** A quote word inside the aligned stretch that the claim leaves out. */
  | { op: 'delete'; quote: number };

export interface Alignment {
  cost: number;
  /** 1 - cost / claim length, at least 0. */
  similarity: number;
  /** The stretch of the quote the claim was aligned to: [from, to) in quote words. */
  from: number;
  to: number;
  edits: Edit[];
}

const NEAR_SAME = 0.25;
const FUNCTION_WORD = 0.5;

// Two rows of the character distance, grown as longer words come.
let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/** Levenshtein distance between two short words, with an early exit past `max`. */
function charDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (b.length + 1 > previousRow.length) {
    previousRow = new Int32Array(2 * (b.length + 1));
    currentRow = new Int32Array(2 * (b.length + 1));
  }
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (ai === b.charCodeAt(j - 1) ? 0 : 1),
      );
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

export function sameWord(a: WordToken, b: WordToken): boolean {
  return a.word === b.word || (a.number !== null && a.number === b.number);
}

/** What the alignment asks of each word, found once per word rather than once per pair. */
interface Compared {
  token: WordToken;
  spelling: string;
  gap: number;
}

const compared = (t: WordToken): Compared => ({ token: t, spelling: spellingKey(t.word), gap: gapCost(t) });

function substitutionCost(a: Compared, b: Compared): number {
  if (sameWord(a.token, b.token)) return 0;
  if (a.spelling === b.spelling) return NEAR_SAME;
  // "mistake"/"mistakes", "judgement"/"judgment": the same word spelled differently.
  const x = a.token.word;
  const y = b.token.word;
  const longest = Math.max(x.length, y.length);
  if (longest < 5) return 1;
  const allowed = Math.max(1, Math.floor(longest / 5));
  return charDistance(x, y, allowed) <= allowed ? NEAR_SAME : 1;
}

const gapCost = (t: WordToken) => (isFunctionWord(t.word) ? FUNCTION_WORD : 1);

const DIAGONAL = 0;
const UP = 1; // a claim word left unmatched
const LEFT = 2; // a quote word left out

export function alignClaim(claim: readonly WordToken[], quote: readonly WordToken[]): Alignment {
  const n = claim.length;
  const m = quote.length;
  if (n === 0) return { cost: 0, similarity: 0, from: 0, to: 0, edits: [] };
  const claimWords = claim.map(compared);
  const quoteWords = quote.map(compared);
  const width = m + 1;
  const cost = new Float64Array((n + 1) * width);
  const move = new Uint8Array((n + 1) * width);
  // Row 0 is all zeros: the stretch of the quote may start anywhere.
  for (let i = 1; i <= n; i++) {
    const row = i * width;
    const up = row - width;
    const claimWord = claimWords[i - 1]!;
    cost[row] = cost[up]! + claimWord.gap;
    move[row] = UP;
    for (let j = 1; j <= m; j++) {
      const quoteWord = quoteWords[j - 1]!;
      // Ties go to the diagonal, then to leaving a quote word out: an alignment
      // that skips a claim word is the one that hides a difference.
      let best = cost[up + j - 1]! + substitutionCost(claimWord, quoteWord);
      let how = DIAGONAL;
      const left = cost[row + j - 1]! + quoteWord.gap;
      if (left < best) {
        best = left;
        how = LEFT;
      }
      const above = cost[up + j]! + claimWord.gap;
      if (above < best) {
        best = above;
        how = UP;
      }
      cost[row + j] = best;
      move[row + j] = how;
    }
  }
  // Of equally cheap stretches, the longest: a shorter one leaves out quote
  // words right after it that the claim may have changed ("we do | not matter").
  let to = 0;
  const last = n * width;
  for (let j = 1; j <= m; j++) if (cost[last + j]! <= cost[last + to]!) to = j;
  const total = cost[last + to]!;
  const edits: Edit[] = [];
  let i = n;
  let j = to;
  while (i > 0) {
    const how = move[i * width + j]!;
    if (how === DIAGONAL && j > 0) {
      if (!sameWord(claim[i - 1]!, quote[j - 1]!)) edits.push({ op: 'substitute', claim: i - 1, quote: j - 1 });
      i--;
      j--;
    } else if (how === LEFT) {
      edits.push({ op: 'delete', quote: j - 1 });
      j--;
    } else {
      edits.push({ op: 'insert', claim: i - 1 });
      i--;
    }
  }
  edits.reverse();
  return { cost: total, similarity: Math.max(0, 1 - total / n), from: j, to, edits };
}

/** Edits a wording may differ by and still be the same quote: a word for most quotes, two for long ones. */
export function allowedCost(claimWords: number): number {
  if (claimWords < 5) return 2 * NEAR_SAME;
  return claimWords < 20 ? 1 : 2;
}

/** Similarity from which a stored quote counts as the same statement in other words. */
export const SIMILAR = 0.5;
