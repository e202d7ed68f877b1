// The scorer must give the same figures as score_attributions.py, so the few places
// where Python and JavaScript disagree (code points vs UTF-16, whitespace, \b,
// round-half-even, float repr, string ordering) are spelled out here once.

/** Raised where the Python scorer itself would stop with an exception. */
export class PythonScorerWouldFail extends Error {
  override name = 'PythonScorerWouldFail';
}

/** Compares strings by code point, as Python's sorted() does (JS sort compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (x[i]!.codePointAt(0) ?? 0) - (y[i]!.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Python's str.isspace() set, which str.split() with no argument splits on. */
// eslint-disable-next-line no-control-regex -- Python counts the separators \x1c-\x1f as spaces.
const PY_WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

/** str.split() with no argument. */
export function pySplitWhitespace(s: string): string[] {
  return s.split(PY_WHITESPACE).filter((w) => w !== '');
}

/** str.strip(chars). */
export function pyStrip(s: string, chars: string): string {
  const cps = Array.from(s);
  let a = 0;
  let b = cps.length;
  while (a < b && chars.includes(cps[a]!)) a++;
  while (b > a && chars.includes(cps[b - 1]!)) b--;
  return cps.slice(a, b).join('');
}

/** Python's `re` word character on str patterns: alphanumeric or underscore. */
const PY_WORD_CHAR = /^[\p{L}\p{N}_]$/u;

const isWordChar = (cp: string | undefined): boolean => cp !== undefined && PY_WORD_CHAR.test(cp);

/** re.search(r'\b' + re.escape(needle) + r'\b', haystack) is not None. */
export function pyContainsWholeWord(haystack: string, needle: string): boolean {
  const h = Array.from(haystack);
  const n = Array.from(needle);
  const boundary = (i: number): boolean => isWordChar(h[i - 1]) !== isWordChar(h[i]);
  for (let i = 0; i + n.length <= h.length; i++) {
    let same = true;
    for (let k = 0; k < n.length && same; k++) same = h[i + k] === n[k];
    if (same && boundary(i) && boundary(i + n.length)) return true;
  }
  return false;
}

/** Python's int(str) for the ASCII forms BRAT files use. */
export function pyInt(s: string): number {
  const t = s.trim();
  if (!/^[+-]?[0-9]+(?:_[0-9]+)*$/.test(t)) {
    throw new PythonScorerWouldFail(`invalid literal for int(): ${JSON.stringify(s)}`);
  }
  return Number(t.replaceAll('_', ''));
}

/** Python truthiness of a JSON value. */
export function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

export const isJsonObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * isinstance(v, int) for a value that went through JSON: Python parses booleans as
 * bool (an int subclass) and numbers written with an exponent (JSON.stringify does
 * that from 1e21 up) as float.
 */
export function pyIsInt(v: unknown): v is number | boolean {
  return typeof v === 'boolean' || (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1e21);
}

/** seq[v] for an int index, or undefined where Python raises IndexError or TypeError. */
export function pyIndex<T>(seq: readonly T[], v: unknown): T | undefined {
  if (!pyIsInt(v)) return undefined;
  const n = Number(v);
  const i = n < 0 ? seq.length + n : n;
  return i >= 0 && i < seq.length ? seq[i] : undefined;
}

/** seq[a:b] bounds for int a, b. */
export function pySliceBounds(length: number, a: number, b: number): [number, number] {
  const norm = (x: number): number => Math.min(length, Math.max(0, x < 0 ? x + length : x));
  const s = norm(a);
  const e = norm(b);
  return [s, Math.max(s, e)];
}

/** True when x * 10**digits lies exactly halfway between two integers. */
function isExactDecimalTie(x: number, digits: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const exponentBits = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponentBits === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (exponentBits === 0 ? 1 : exponentBits) - 1075;
  // x = mantissa * 2**exponent; a tie means 2 * x * 10**digits is an odd integer.
  const scaled = mantissa * 2n * 10n ** BigInt(digits);
  if (exponent >= 0) return false;
  const divisor = 1n << BigInt(-exponent);
  return scaled % divisor === 0n && (scaled / divisor) % 2n === 1n;
}

/** The decimal digits of round(x, digits) / '%.{digits}f' % x: exact value, ties to even. */
export function pyFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  const upward = x.toFixed(digits); // exact value, ties away from zero
  if (!isExactDecimalTie(x, digits)) return upward;
  const lastDigit = Number(upward.at(-1));
  if (lastDigit % 2 === 0) return upward;
  const unit = 10 ** -digits;
  return (x > 0 ? x - unit / 2 : x + unit / 2).toFixed(digits);
}

/** round(x, digits) for a float. */
export const pyRound = (x: number, digits: number): number => Number(pyFixed(x, digits));

/** repr(float). */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa = '', exp = '0'] = x.toExponential().split('e');
  const e = Number(exp);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (e < -4 || e >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const whole = digits.padEnd(e + 1, '0');
  const int = whole.slice(0, e + 1);
  const frac = whole.slice(e + 1);
  return `${sign}${int}.${frac === '' ? '0' : frac}`;
}
