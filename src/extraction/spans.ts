import { isCloseBoundary, isDoubleMark, isLetter, isDigit, isOpenBoundary, isSingleMark, isSpace } from './chars.js';
import type { Paragraph } from './paragraphs.js';

// Quote spans are found by a linear scan of each paragraph's quotation marks.
// A mark's role comes from its shape (curly, guillemet) and, because straight
// marks and misused curly ones are common, from what touches it on each side.

export interface QuoteSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or -1 when the quote runs to the paragraph end. */
  close: number;
  /** Content offsets, marks excluded. */
  start: number;
  end: number;
  paragraph: number;
  /** The quote goes on in the next paragraph (newspaper convention: no closing mark). */
  continuesInNext: boolean;
  /** This quote goes on from the previous paragraph's unclosed quote. */
  continuesPrevious: boolean;
  /** Single marks: only read in headlines, where they stand for double ones. */
  single: boolean;
}

type Role = 'open' | 'close' | 'either';

interface Mark {
  at: number;
  role: Role;
  /** Two apostrophes ('') stand for one double mark in some archives. */
  width: number;
}

function roleOf(text: string, i: number, end: number, start: number, width = 1): Role {
  const c = text.charCodeAt(i);
  const prev = i > start ? text.charCodeAt(i - 1) : NaN;
  const next = i + width < end ? text.charCodeAt(i + width) : NaN;
  const openCtx = isOpenBoundary(prev) && !isSpace(next) && !Number.isNaN(next);
  const closeCtx = !isOpenBoundary(prev) && isCloseBoundary(next);
  if (c === 0x201c || c === 0x201e || c === 0xab) return closeCtx && !openCtx ? 'close' : 'open';
  if (c === 0x201d || c === 0xbb) return openCtx && !closeCtx ? 'open' : 'close';
  if (openCtx && !closeCtx) return 'open';
  if (closeCtx && !openCtx) return 'close';
  return 'either';
}

const MAX_TAG = 400;

/** End of a markup tag starting at i ("<tweet id=\"...\">"), or i when there is none. */
function skipTag(text: string, i: number, end: number): number {
  const n = text.charCodeAt(i + 1);
  if (!(isLetter(n) || n === 47)) return i;
  const limit = Math.min(end, i + MAX_TAG);
  for (let j = i + 1; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 62) return j;
    if (c === 60) return i;
  }
  return i;
}

function collectDoubleMarks(text: string, p: Paragraph): Mark[] {
  const marks: Mark[] = [];
  for (let i = p.start; i < p.end; i++) {
    const c = text.charCodeAt(i);
    if (c === 60) {
      i = skipTag(text, i, p.end);
      continue;
    }
    if (c === 0x27 && text.charCodeAt(i + 1) === 0x27 && i + 1 < p.end) {
      marks.push({ at: i, role: roleOf(text, i, p.end, p.start, 2), width: 2 });
      i++;
      continue;
    }
    if (isDoubleMark(c)) marks.push({ at: i, role: roleOf(text, i, p.end, p.start), width: 1 });
  }
  return marks;
}

// A single mark counts as an opening only before a letter and after a boundary,
// and as a closing only after a non-space and before a boundary: that keeps
// apostrophes ("Biden’s", "’90s", "leaders’ call") out of quotes.
function collectSingleMarks(text: string, p: Paragraph): Mark[] {
  const marks: Mark[] = [];
  for (let i = p.start; i < p.end; i++) {
    const c = text.charCodeAt(i);
    if (!isSingleMark(c)) continue;
    const prev = i > p.start ? text.charCodeAt(i - 1) : NaN;
    const next = i + 1 < p.end ? text.charCodeAt(i + 1) : NaN;
    const nextWordy = !Number.isNaN(next) && (isLetter(next) || isDigit(next));
    const prevWordy = !Number.isNaN(prev) && (isLetter(prev) || isDigit(prev));
    if (prevWordy && nextWordy) continue;
    if (isOpenBoundary(prev) && nextWordy && c !== 0x2019) marks.push({ at: i, role: 'open', width: 1 });
    else if (!isOpenBoundary(prev) && isCloseBoundary(next) && c !== 0x2018)
      marks.push({ at: i, role: 'close', width: 1 });
  }
  return marks;
}

interface Pairing {
  spans: Array<{ open: number; close: number; openWidth: number }>;
  /** Opening mark left without a partner at the paragraph end, or -1. */
  dangling: number;
  danglingWidth: number;
}

// Nested marks of the same style are kept inside the outer quote; if the
// paragraph ends with nesting unresolved, the marks are re-paired flatly,
// which is what a missing closing mark usually means.
function pair(marks: Mark[], allowNesting: boolean): Pairing | null {
  const spans: Array<{ open: number; close: number; openWidth: number }> = [];
  let open = -1;
  let openWidth = 1;
  let depth = 0;
  for (const m of marks) {
    if (open < 0) {
      if (m.role !== 'close') {
        open = m.at;
        openWidth = m.width;
      }
      continue;
    }
    if (m.role === 'open' && allowNesting) {
      depth++;
      continue;
    }
    if (m.role === 'open' && !allowNesting) {
      // An opening while open: the earlier quote lost its closing mark.
      open = m.at;
      openWidth = m.width;
      continue;
    }
    if (depth > 0) {
      depth--;
      continue;
    }
    spans.push({ open, close: m.at, openWidth });
    open = -1;
  }
  if (depth > 0) return null;
  return { spans, dangling: open, danglingWidth: openWidth };
}

function startsWithOpenMark(text: string, p: Paragraph): boolean {
  const c = text.charCodeAt(p.start);
  if (c === 0x27 && text.charCodeAt(p.start + 1) === 0x27) return true;
  if (!isDoubleMark(c)) return false;
  return roleOf(text, p.start, p.end, p.start) !== 'close';
}

function isHeadline(text: string, p: Paragraph): boolean {
  if (p.index > 6 || p.end - p.start > 200) return false;
  const last = text.charCodeAt(p.end - 1);
  return last !== 46;
}

function hasWordChar(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (isLetter(c) || isDigit(c)) return true;
  }
  return false;
}

// Copy that never uses a double mark (British style) quotes with single marks
// throughout; elsewhere single marks count only in headlines.
function usesDoubleMarks(text: string, paragraphs: Paragraph[]): boolean {
  for (const p of paragraphs) {
    for (let i = p.start; i < p.end; i++) {
      const c = text.charCodeAt(i);
      if (isDoubleMark(c) || (c === 0x27 && text.charCodeAt(i + 1) === 0x27)) return true;
    }
  }
  return false;
}

export function findQuoteSpans(text: string, paragraphs: Paragraph[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let carry = false;
  const singleStyle = !usesDoubleMarks(text, paragraphs);
  for (let k = 0; k < paragraphs.length; k++) {
    const p = paragraphs[k]!;
    const marks = collectDoubleMarks(text, p);
    let pairing = pair(marks, true) ?? pair(marks, false);
    let single = false;
    if ((!pairing || (pairing.spans.length === 0 && pairing.dangling < 0)) && (singleStyle || isHeadline(text, p))) {
      const singles = pair(collectSingleMarks(text, p), false);
      if (singles && singles.spans.length > 0) {
        pairing = { spans: singles.spans, dangling: -1, danglingWidth: 1 };
        single = true;
      }
    }
    if (!pairing) {
      carry = false;
      continue;
    }
    const continuesPrevious = carry && startsWithOpenMark(text, p);
    carry = false;
    let first = true;
    for (const s of pairing.spans) {
      if (hasWordChar(text, s.open + s.openWidth, s.close)) {
        out.push({
          open: s.open,
          close: s.close,
          start: s.open + s.openWidth,
          end: s.close,
          paragraph: p.index,
          continuesInNext: false,
          continuesPrevious: continuesPrevious && first && s.open === p.start,
          single,
        });
      }
      first = false;
    }
    if (pairing.dangling >= 0) {
      const next = paragraphs[k + 1];
      const goesOn = next !== undefined && startsWithOpenMark(text, next);
      const start = pairing.dangling + pairing.danglingWidth;
      if (hasWordChar(text, start, p.end)) {
        out.push({
          open: pairing.dangling,
          close: -1,
          start,
          end: p.end,
          paragraph: p.index,
          continuesInNext: goesOn,
          continuesPrevious: continuesPrevious && pairing.spans.length === 0 && pairing.dangling === p.start,
          single,
        });
      }
      carry = goesOn;
    }
  }
  return out;
}
