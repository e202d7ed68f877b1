// Folding used to compare wordings: case, accents, typographic quotes and dashes,
// punctuation and whitespace do not make two quotes different.

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /[\u2018\u2019\u201b\u2032\u02bc`´]/g;
const NON_WORD = /[^\p{L}\p{N}']+/gu;
// "de-escalate" and "deescalate" are one word spelled two ways.
const INNER_HYPHEN = /(?<=[\p{L}\p{N}])[-\u2010\u2011](?=[\p{L}\p{N}])/gu;

export function normalizeQuoteText(text: string): string {
  return foldPlainQuote(text) ?? foldQuote(text);
}

function foldQuote(text: string): string {
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

// Most quotes are ASCII with typographic quotes, apostrophes and dashes, which
// carry no accent, have no case, and which NFKD leaves as they are or turns into
// their like (a non-breaking hyphen into a hyphen, an ellipsis into dots, a
// no-break space into a space). For such text foldQuote
// comes down to this: the runs of letters, digits, apostrophes and inner
// hyphens, lower-cased, without the hyphens and the apostrophes at either end,
// joined by spaces. Anything else is folded by foldQuote.
const OTHER = 0;
const WORD = 1;
const APOSTROPHE = 2;
const HYPHEN = 3;
const SEPARATOR = 4;

function plainClass(c: number): number {
  if (c < 128) {
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return WORD;
    if (c === 39 || c === 96) return APOSTROPHE;
    return c === 45 ? HYPHEN : SEPARATOR;
  }
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201b:
    case 0x2032:
    case 0x02bc:
      return APOSTROPHE;
    case 0x2010:
    case 0x2011:
      return HYPHEN;
    case 0xa0:
    case 0xab:
    case 0xbb:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x201c:
    case 0x201d:
    case 0x201e:
    case 0x2026:
      return SEPARATOR;
    default:
      return OTHER;
  }
}

const PLAIN_APOSTROPHES = /[`\u2018\u2019\u201b\u2032\u02bc]/g;
const PLAIN_HYPHENS = /[-\u2010\u2011]/g;

/** foldQuote's answer for text of plain characters only (see plainClass); null for any other text. */
function foldPlainQuote(text: string): string | null {
  // Plain characters are lower-cased one for one: offsets into `text` hold in `lower`.
  const lower = text.toLowerCase();
  const n = text.length;
  let out = '';
  let runs = 0;
  let i = 0;
  while (i < n) {
    const first = plainClass(text.charCodeAt(i));
    if (first === OTHER) return null;
    // A hyphen that starts a run has no letter before it: a separator.
    if (first === SEPARATOR || first === HYPHEN) {
      i++;
      continue;
    }
    let wordStart = -1;
    let wordEnd = -1;
    let plain = true;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      const k = plainClass(c);
      if (k === WORD) {
        if (wordStart < 0) wordStart = i;
        wordEnd = i + 1;
      } else if (k === APOSTROPHE) {
        if (c !== 39) plain = false;
      } else if (k === HYPHEN && wordEnd === i && i + 1 < n && plainClass(text.charCodeAt(i + 1)) === WORD) {
        plain = false;
      } else {
        break;
      }
    }
    let word = wordStart < 0 ? '' : lower.slice(wordStart, wordEnd);
    if (!plain) word = word.replace(PLAIN_APOSTROPHES, "'").replace(PLAIN_HYPHENS, '');
    out = runs++ === 0 ? word : `${out} ${word}`;
  }
  return out.trim();
}

// eslint-disable-next-line no-control-regex -- the range is all of ASCII, controls included.
const NON_ASCII = /[^\x00-\x7f]/;

/** Lower-cased, accent-free form used to look speakers up by name. */
export function normalizeName(name: string): string {
  // ASCII has no accents and no typographic apostrophes but the backtick.
  if (!NON_ASCII.test(name)) return name.toLowerCase().replace(/`/g, "'").replace(/\s+/g, ' ').trim();
  return name
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** An outlet as quotes keep it for filtering: lower-cased, so that the filter ignores case. */
export function outletKey(outlet: string): string {
  return outlet.toLowerCase();
}
