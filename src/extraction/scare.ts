// Short quoted fragments with no one attached are usually scare quotes, titles
// or nicknames ("Saturday Night Live", "comprehensive immigration reform"):
// kept, but with a confidence that says they are probably not speech.

const SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'and', 'in', 'on', 'for', 'to', 'at', 'by', 'with', 'or']);

export function looksLikeTitleOrScareQuote(text: string, start: number, end: number): boolean {
  if (end - start > 60) return false;
  const words = text.slice(start, end).split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0 || words.length > 6) return false;
  const titleCase = words.every((w) => SMALL_WORDS.has(w) || /^[\p{Lu}\d]/u.test(w));
  return titleCase || words.length <= 3;
}
