import { isApostrophe, isDigit, isLetter, isSpace, isUpper } from './chars.js';
import type { Paragraph } from './paragraphs.js';
import type { QuoteSpan } from './spans.js';

// A paragraph as a flat token list in which each quote is one opaque token:
// attribution patterns are read over the writer's words, never over the
// speaker's.

export type TokenKind = 'word' | 'punct' | 'quote';

export interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  kind: TokenKind;
  /** Index into the quote list for quote tokens, else -1. */
  quote: number;
  /** Starts with an upper-case letter. */
  cap: boolean;
}

function isWordInner(c: number): boolean {
  return isLetter(c) || isDigit(c);
}

/** ASCII that lower-casing leaves as it is. */
function isCaselessAscii(c: number): boolean {
  return c < 128 && !(c >= 65 && c <= 90);
}

export function tokenizeParagraph(text: string, p: Paragraph, quotes: QuoteSpan[], firstQuote: number): Token[] {
  const out: Token[] = [];
  let q = firstQuote;
  let i = p.start;
  while (i < p.end) {
    while (q < quotes.length && quotes[q]!.open < i) q++;
    const qs = q < quotes.length ? quotes[q] : undefined;
    if (qs && qs.open === i && qs.paragraph === p.index) {
      const end =
        qs.close < 0
          ? p.end
          : qs.close + (text.charCodeAt(qs.close) === 0x27 && text.charCodeAt(qs.close + 1) === 0x27 ? 2 : 1);
      out.push({ start: i, end, text: '', lower: '', kind: 'quote', quote: q, cap: false });
      i = end;
      q++;
      continue;
    }
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (isWordInner(c)) {
      let j = i + 1;
      let lowerAlready = isCaselessAscii(c);
      while (j < p.end) {
        const d = text.charCodeAt(j);
        if (isWordInner(d)) {
          lowerAlready &&= isCaselessAscii(d);
          j++;
          continue;
        }
        // Inner apostrophes, hyphens and dots join ("Biden’s", "co-founder", "U.S").
        if (
          (isApostrophe(d) || d === 45 || d === 46 || d === 0x2010 || d === 0x2011) &&
          j + 1 < p.end &&
          isWordInner(text.charCodeAt(j + 1))
        ) {
          lowerAlready &&= isCaselessAscii(d) && isCaselessAscii(text.charCodeAt(j + 1));
          j += 2;
          continue;
        }
        break;
      }
      const t = text.slice(i, j);
      // Lower-casing is slow on text stored two bytes a character (any text with a
      // curly quote), even for a plain ASCII word: most words need none.
      out.push({
        start: i,
        end: j,
        text: t,
        lower: lowerAlready ? t : t.toLowerCase(),
        kind: 'word',
        quote: -1,
        cap: isUpper(c),
      });
      i = j;
      continue;
    }
    out.push({ start: i, end: i + 1, text: text[i] ?? '', lower: text[i] ?? '', kind: 'punct', quote: -1, cap: false });
    i++;
  }
  return out;
}
