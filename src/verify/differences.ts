import type { Alignment, Edit } from './align.js';
import type { Difference } from './schemas.js';
import { flipsMeaning, isFunctionWord, isNegation, type WordToken } from './wording.js';

// What a claimed wording changes in the stored one. A negation, a number, a name
// or a word that flips the meaning makes another statement, whatever the number
// of edits; other differences (a word, a spelling) make a close variant when few.

export type DifferenceKind = Difference['kind'];
type DifferenceSide = NonNullable<Difference['claim']>;

/** Most serious first. */
export const DIFFERENCE_KINDS: readonly DifferenceKind[] = ['negation', 'number', 'name', 'polarity', 'word'];

export interface Worded {
  text: string;
  tokens: WordToken[];
}

const isName = (t: WordToken) => t.capitalised && t.word !== 'i' && !isFunctionWord(t.word) && t.number === null;

function kindOf(a: WordToken | undefined, b: WordToken | undefined): DifferenceKind {
  const words = [a, b].filter((t): t is WordToken => t !== undefined);
  if (a && b ? isNegation(a.word) !== isNegation(b.word) : words.some((t) => isNegation(t.word))) return 'negation';
  if (words.some((t) => t.number !== null)) return 'number';
  if (words.some(isName)) return 'name';
  if (a && b && flipsMeaning(a.word, b.word)) return 'polarity';
  return 'word';
}

export const bearsMeaning = (kind: DifferenceKind): boolean => kind !== 'word';

/** The kind of each edit, in the order of the edits. */
export function editKinds(claim: readonly WordToken[], quote: readonly WordToken[], alignment: Alignment) {
  return alignment.edits.map((e) =>
    kindOf(e.op === 'delete' ? undefined : claim[e.claim], e.op === 'insert' ? undefined : quote[e.quote]),
  );
}

// How far back from a fragment a negation still governs it: "did not say that
// we would ...", but not past a comma or a full stop.
const NEGATION_REACH = 6;

/**
 * A negation just outside the stretch of the quote a fragment was found in
 * ("... is not | entirely static", "we do | n't matter"): the claim quotes the
 * words but not what denies them. Its index in the quote, or -1.
 */
export function negationOutside(quote: readonly WordToken[], alignment: Alignment): number {
  if (alignment.to === alignment.from) return -1;
  const next = quote[alignment.to];
  if (next && !next.boundaryBefore && isNegation(next.word)) return alignment.to;
  if (quote[alignment.from]?.boundaryBefore) return -1;
  for (let k = alignment.from - 1; k >= 0 && k >= alignment.from - NEGATION_REACH; k--) {
    if (isNegation(quote[k]!.word)) return k;
    if (quote[k]!.boundaryBefore) break;
  }
  return -1;
}

/** Whether the claim, aligned as it is, says something the quote does not. */
export function changesMeaning(claim: readonly WordToken[], quote: readonly WordToken[], alignment: Alignment) {
  return editKinds(claim, quote, alignment).some(bearsMeaning) || negationOutside(quote, alignment) >= 0;
}

type Stretch = [first: WordToken, last: WordToken];

const side = (w: Worded, stretch: Stretch | null): DifferenceSide | null =>
  stretch && { text: w.text.slice(stretch[0].start, stretch[1].end), start: stretch[0].start, end: stretch[1].end };

const extend = (stretch: Stretch | null, t: WordToken | undefined): Stretch | null =>
  t ? [stretch?.[0] ?? t, t] : stretch;

/** The differences between a claim and a stored quote, most serious first, then in claim order. */
export function differencesOf(claim: Worded, quote: Worded, alignment: Alignment): Difference[] {
  const kinds = editKinds(claim.tokens, quote.tokens, alignment);
  const open: { kind: DifferenceKind; claim: Stretch | null; record: Stretch | null; last: Edit }[] = [];
  alignment.edits.forEach((edit, n) => {
    const kind = kinds[n]!;
    const c = edit.op === 'delete' ? undefined : claim.tokens[edit.claim];
    const q = edit.op === 'insert' ? undefined : quote.tokens[edit.quote];
    const previous = open[open.length - 1];
    // Neighbouring edits of one kind are one difference ("over the" for "in").
    if (previous && previous.kind === kind && adjacent(previous.last, edit)) {
      previous.claim = extend(previous.claim, c);
      previous.record = extend(previous.record, q);
      previous.last = edit;
    } else {
      open.push({ kind, claim: extend(null, c), record: extend(null, q), last: edit });
    }
  });
  const negation = negationOutside(quote.tokens, alignment);
  if (negation >= 0) {
    const t = quote.tokens[negation]!;
    open.push({ kind: 'negation', claim: null, record: [t, t], last: { op: 'delete', quote: negation } });
  }
  const rank = (kind: DifferenceKind) => DIFFERENCE_KINDS.indexOf(kind);
  return open
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d.kind) - rank(b.d.kind) || a.i - b.i)
    .map(({ d }) => ({ kind: d.kind, claim: side(claim, d.claim), record: side(quote, d.record) }));
}

function adjacent(a: Edit, b: Edit): boolean {
  const claimOf = (e: Edit) => (e.op === 'delete' ? null : e.claim);
  const quoteOf = (e: Edit) => (e.op === 'insert' ? null : e.quote);
  const [ca, cb, qa, qb] = [claimOf(a), claimOf(b), quoteOf(a), quoteOf(b)];
  const claimNext = ca === null || cb === null || cb === ca + 1;
  const quoteNext = qa === null || qb === null || qb === qa + 1;
  return claimNext && quoteNext;
}

const quoted = (s: DifferenceSide) => `“${s.text}”`;

const KIND_WORDS: Record<DifferenceKind, string> = {
  negation: 'a negation',
  number: 'a number',
  name: 'a name',
  polarity: 'a word that turns the meaning around',
  word: 'the wording',
};

/** The difference in words, for an explanation: "a number: the record says “30” where the claim says “20”". */
export function describeDifference(d: Difference): string {
  const what = KIND_WORDS[d.kind];
  if (d.claim && d.record)
    return `${what}: the record says ${quoted(d.record)} where the claim says ${quoted(d.claim)}`;
  if (d.record) return `${what}: the record has ${quoted(d.record)}, which the claim leaves out`;
  return `${what}: the claim adds ${quoted(d.claim!)}, which is not on record`;
}
