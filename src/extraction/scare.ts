import { lexicon } from './lexicon.js';
// Short quoted fragments with no one attached are usually scare quotes, titles
// or nicknames ("Saturday Night Live", "comprehensive immigration reform"):
// they are not speech.

const SMALL_WORDS = lexicon.grammar.smallWords;

function words(text: string, start: number, end: number): string[] {
  return text
    .slice(start, end)
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

export function looksLikeTitleOrScareQuote(text: string, start: number, end: number): boolean {
  if (end - start > 60) return false;
  const ws = words(text, start, end);
  if (ws.length === 0 || ws.length > 6) return false;
  return looksLikeTitle(text, start, end) || ws.length <= 3;
}

/** Every significant word capitalised and no sentence end: a title or a name ("The Apprentice,", "Gang of Eight"). */
export function looksLikeTitle(text: string, start: number, end: number): boolean {
  if (end - start > 80) return false;
  const ws = words(text, start, end);
  if (ws.length === 0 || ws.length > 9) return false;
  if (/[.!?]["'’”]?$/.test(ws[ws.length - 1] ?? '') && ws.length >= 3) return false;
  if (ws.length === 1 && /^I[’']/.test(ws[0]!)) return false;
  return ws.every((w, i) => (i > 0 && SMALL_WORDS.has(w.toLowerCase())) || /^[^\p{L}]*[\p{Lu}\d]/u.test(w));
}

const NAMING_WORDS = lexicon.grammar.namingWords;

/** The word before the quote names it rather than reports it: 'a show called "Brokers"', 'the term "pivot"'. */
export function namedRatherThanSaid(text: string, open: number): boolean {
  let e = open;
  while (e > 0 && /[\s,]/.test(text[e - 1]!)) e--;
  let s = e;
  while (s > 0 && s > e - 20 && /[\p{L}-]/u.test(text[s - 1]!)) s--;
  return NAMING_WORDS.has(text.slice(s, e).toLowerCase());
}
