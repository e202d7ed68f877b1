// Folding used to compare wordings: case, accents, typographic quotes and dashes,
// punctuation and whitespace do not make two quotes different.

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /[\u2018\u2019\u201b\u2032\u02bc`´]/g;
const NON_WORD = /[^\p{L}\p{N}']+/gu;
// "de-escalate" and "deescalate" are one word spelled two ways.
const INNER_HYPHEN = /(?<=[\p{L}\p{N}])[-\u2010\u2011](?=[\p{L}\p{N}])/gu;

export function normalizeQuoteText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(INNER_HYPHEN, '')
    .replace(NON_WORD, ' ')
    .replace(/(^|\s)'+|'+(?=\s|$)/g, '$1')
    .trim();
}

/** Lower-cased, accent-free form used to look speakers up by name. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
