import type { ExtractedQuote, QuoteKind } from '../extraction/types.js';

// A statement is what a speaker said in one go, which an article may print in
// parts: a quotation split by its attribution ("A," Ushakov said, "B."; "A,"
// Psaki said in a statement. "B."), or running over paragraphs. Ingestion marks
// the parts of one statement on its quotes (statement_position: the position of
// the first part), so that verification can judge a claim of "A B" as one.

/** Parts of one statement, at most; verification reads a statement's parts by this bound. */
export const MAX_STATEMENT_PARTS = 20;

export interface StatementQuote {
  start: number;
  end: number;
  kind: QuoteKind;
  /** Who said it, by any key that is equal for one speaker; null when unknown. */
  speaker: string | number | null;
  relayedBy: string | number | null;
  /** The words that attribute it: its speaker mention and its cue, where known. */
  attribution: readonly { start: number; end: number }[];
}

// Between two parts of one statement stand only quotation marks, punctuation,
// and the attribution's sentence: "Ushakov said", or "said Peter Morgan, a lawyer
// for the Sierra Club, who has challenged the industry for years." Another
// sentence between them is the reporter's, and the parts are two statements.
const MAX_GAP = 300;
const MAX_OTHER_WORDS = 40;
const WORD = /[\p{L}\p{N}]+/gu;
const SENTENCE_END = /(?<!\b(?:\p{Lu}|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|St|Jr|Sr|Prof|Rev))[.!?](?=\s)/gu;

/** Whether `next` goes on with the statement `previous` began. */
function continues(text: string, previous: StatementQuote, next: StatementQuote): boolean {
  if (previous.speaker === null || previous.speaker !== next.speaker || previous.relayedBy !== next.relayedBy)
    return false;
  if (previous.kind === 'indirect' || next.kind === 'indirect') return false;
  if (next.start < previous.end || next.start - previous.end > MAX_GAP) return false;
  let gap = text.slice(previous.end, next.start);
  let attributed = false;
  for (const span of [...previous.attribution, ...next.attribution]) {
    if (span.start < previous.end || span.end > next.start) continue;
    const from = span.start - previous.end;
    const to = span.end - previous.end;
    gap = gap.slice(0, from) + ' '.repeat(to - from) + gap.slice(to);
    attributed = true;
  }
  const others = gap.match(WORD)?.length ?? 0;
  if (others === 0) return true;
  if (!attributed || others > MAX_OTHER_WORDS) return false;
  // The next part must open after the reporter's clause is done ("... the call. “B"),
  // not inside it ("..., calling it “B"), where it is a fragment of the reporter's sentence.
  const clause = gap.replace(/[\s"“«‘']+$/u, '');
  if (!/[.,:;!?—–]$/u.test(clause)) return false;
  return (clause.slice(0, -1).match(SENTENCE_END)?.length ?? 0) === 0;
}

/** statementPositions for the quotes the extraction engine found in `text`. */
export function statementPositionsOf(text: string, quotes: readonly ExtractedQuote[]): (number | null)[] {
  return statementPositions(
    text,
    quotes.map((q) => ({
      start: q.start,
      end: q.end,
      kind: q.kind,
      speaker: q.speaker?.entity ?? null,
      relayedBy: q.relayedBy?.entity ?? null,
      attribution: [q.speaker?.mention, q.cue].filter((span) => span != null),
    })),
  );
}

/**
 * For quotes in reading order, the index of the first quote of the statement
 * each belongs to, or null for a quote that is a statement alone.
 */
export function statementPositions(text: string, quotes: readonly StatementQuote[]): (number | null)[] {
  const positions: (number | null)[] = quotes.map(() => null);
  let first = 0;
  for (let i = 1; i < quotes.length; i++) {
    if (i - first < MAX_STATEMENT_PARTS && continues(text, quotes[i - 1]!, quotes[i]!)) {
      positions[first] = first;
      positions[i] = first;
    } else {
      first = i;
    }
  }
  return positions;
}
