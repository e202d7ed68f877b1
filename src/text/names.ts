import { normalizeName } from './normalize.js';

// A name compares without a leading article: "the White House" is "White House",
// "a senior official" is "senior official".

/** The articles, lower-case. */
export const ARTICLES = ['the', 'a', 'an'] as const;

/** Matches any of `words` (ignoring case) at the start of a text, with the whitespace after it. */
export function leadingWords(words: readonly string[]): RegExp {
  return new RegExp(`^(?:${words.join('|')})\\s+`, 'i');
}

const LEADING_ARTICLE = leadingWords(ARTICLES);

/** The name without its leading article, in any case: "The Kremlin" -> "Kremlin". */
export function withoutArticle(name: string): string {
  return name.replace(LEADING_ARTICLE, '');
}

/**
 * A name folded for comparison (case, accents, spacing) and without its leading
 * article: the registry's look-up key, as the database's speaker_name_key() folds it.
 */
export function nameKey(name: string): string {
  return withoutArticle(normalizeName(name));
}

/** The names once each, in order, ignoring case and accents; names equal to one of `besides` are left out. */
export function distinctNames(names: readonly string[], besides: readonly string[] = []): string[] {
  const seen = new Set(besides.map(normalizeName));
  return names.filter((name) => {
    const key = normalizeName(name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
