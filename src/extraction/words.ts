import { isLetter } from './chars.js';

/**
 * Whether `word` occurs in `text` in lower case as a whole word ("hacked" for
 * "Hacked"): a capitalised word the article also writes in lower case is an
 * ordinary word that opened a sentence, not a name.
 */
export function usedAsOrdinaryWord(text: string, word: string): boolean {
  const lower = word.toLowerCase();
  if (lower === word || lower.length < 2) return false;
  for (let i = text.indexOf(lower); i >= 0; i = text.indexOf(lower, i + 1)) {
    const before = i > 0 ? text.charCodeAt(i - 1) : 32;
    const after = i + lower.length < text.length ? text.charCodeAt(i + lower.length) : 32;
    if (!isLetter(before) && !isLetter(after) && before !== 45 && after !== 45) return true;
  }
  return false;
}
