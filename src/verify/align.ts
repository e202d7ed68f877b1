// Word-level alignment of a claimed wording against a stored quote: how many
// word edits turn the claim into some stretch of the quote. A claim that is a
// fragment of a longer quote costs nothing; a changed spelling costs a quarter.

export interface Alignment {
  /** Edit cost: 1 per missing, extra or different word, 0.25 per near-identical word. */
  cost: number;
  /** 1 - cost / claim length, at least 0. */
  similarity: number;
}

const NEAR_SAME = 0.25;

/** Levenshtein distance between two short words, with an early exit past `max`. */
function charDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  // "mistake"/"mistakes", "color"/"colour": the same word spelled differently.
  const longest = Math.max(a.length, b.length);
  if (longest >= 5 && charDistance(a, b, 2) <= Math.max(1, Math.floor(longest / 5))) return NEAR_SAME;
  return 1;
}

export function alignClaim(claim: string[], quote: string[]): Alignment {
  const n = claim.length;
  if (n === 0) return { cost: 0, similarity: 0 };
  // cost[i][j]: claim[0..i) aligned to a stretch of the quote ending at j; the
  // stretch may start anywhere, so row 0 is all zeros.
  let previous = new Array<number>(quote.length + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    const current = new Array<number>(quote.length + 1);
    current[0] = i;
    for (let j = 1; j <= quote.length; j++) {
      current[j] = Math.min(
        previous[j - 1]! + substitutionCost(claim[i - 1]!, quote[j - 1]!),
        previous[j]! + 1,
        current[j - 1]! + 1,
      );
    }
    previous = current;
  }
  const cost = Math.min(...previous);
  return { cost, similarity: Math.max(0, 1 - cost / n) };
}

/** Edits a wording may differ by and still be the same quote: a word for most quotes, two for long ones. */
export function allowedCost(claimWords: number): number {
  if (claimWords < 5) return 2 * NEAR_SAME;
  return claimWords < 20 ? 1 : 2;
}

/** Similarity from which a stored quote counts as the same statement in other words. */
export const SIMILAR = 0.5;
