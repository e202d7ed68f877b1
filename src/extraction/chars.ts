// Character classes by code unit; ASCII is decided without a regex because the
// scanners call these once per character.

const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;

export function isLetter(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(String.fromCharCode(c));
}

export function isUpper(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER.test(String.fromCharCode(c));
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isSpace(c: number): boolean {
  return (
    c === 32 ||
    c === 9 ||
    c === 10 ||
    c === 13 ||
    c === 0xa0 ||
    c === 0x2009 ||
    c === 0x202f ||
    c === 0x200b ||
    c === 12 ||
    c === 11
  );
}

export function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2019;
}

/** Double quotation marks of every style the engine reads. */
export function isDoubleMark(c: number): boolean {
  return (
    c === 0x22 ||
    c === 0x201c ||
    c === 0x201d ||
    c === 0x201e ||
    c === 0x201f ||
    c === 0xab ||
    c === 0xbb ||
    c === 0x2033
  );
}

export function isSingleMark(c: number): boolean {
  return c === 0x27 || c === 0x2018 || c === 0x2019 || c === 0x201a || c === 0x2039 || c === 0x203a;
}

/** Characters after which an opening mark may stand (nothing glued to its left). */
export function isOpenBoundary(c: number): boolean {
  return (
    Number.isNaN(c) ||
    isSpace(c) ||
    c === 40 ||
    c === 91 ||
    c === 123 ||
    c === 0x2014 ||
    c === 0x2013 ||
    c === 45 ||
    c === 47 ||
    c === 58 ||
    c === 0x2026
  );
}

/** Characters before which a closing mark may stand. */
export function isCloseBoundary(c: number): boolean {
  return (
    Number.isNaN(c) ||
    isSpace(c) ||
    c === 44 ||
    c === 46 ||
    c === 59 ||
    c === 58 ||
    c === 33 ||
    c === 63 ||
    c === 41 ||
    c === 93 ||
    c === 125 ||
    c === 0x2014 ||
    c === 0x2013 ||
    c === 45 ||
    c === 0x2026 ||
    isDoubleMark(c) ||
    c === 0x2019 ||
    c === 0x27
  );
}
