// The words of a claim or a stored quote, as verification compares them: folded
// (case, accents, typographic apostrophes, inner hyphens), contractions opened
// ("isn't" is "is not", "I'm" is "I am"), numbers by value ("thirty" is "30",
// "1,000" is "1000"), each with its place in the text it came from, so that a
// difference can be shown where it is.

import { memoizeBounded } from '../extraction/memo.js';

export interface WordToken {
  /** The folded word compared. */
  word: string;
  /** Offsets of the written word in its text (both halves of "isn't" point at "isn't"). */
  start: number;
  end: number;
  /** Written with a capital. */
  capitalised: boolean;
  /** Punctuation stands between this word and the one before (or it is the first). */
  boundaryBefore: boolean;
  /** The value of a number, a number word, an ordinal or "percent"; null for other words. */
  number: string | null;
}

const TOKEN =
  /[\p{L}\p{N}]+(?:['’‘`\u02bc]\p{L}+|[-\u2010\u2011][\p{L}\p{N}]+|\.(?=\p{L}\.?)\p{L}+|[.,](?=\p{N})\p{N}+)*/gu;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

// Maps, not objects: a word such as "constructor" must find nothing.
const NUMBER_WORDS = new Map<string, string>(
  Object.entries({
    zero: '0',
    one: '1',
    two: '2',
    three: '3',
    four: '4',
    five: '5',
    six: '6',
    seven: '7',
    eight: '8',
    nine: '9',
    ten: '10',
    eleven: '11',
    twelve: '12',
    thirteen: '13',
    fourteen: '14',
    fifteen: '15',
    sixteen: '16',
    seventeen: '17',
    eighteen: '18',
    nineteen: '19',
    twenty: '20',
    thirty: '30',
    forty: '40',
    fifty: '50',
    sixty: '60',
    seventy: '70',
    eighty: '80',
    ninety: '90',
    hundred: '100',
    thousand: '1000',
    million: '1000000',
    billion: '1000000000',
    trillion: '1000000000000',
    dozen: '12',
    first: '1st',
    second: '2nd',
    third: '3rd',
    fourth: '4th',
    fifth: '5th',
    sixth: '6th',
    seventh: '7th',
    eighth: '8th',
    ninth: '9th',
    tenth: '10th',
    half: '1/2',
    quarter: '1/4',
    twice: '2x',
    once: '1x',
    double: '2x',
    triple: '3x',
    percent: '%',
    percentage: '%',
  }),
);

// Contractions whose first half is not the word itself.
const NEGATED_STEMS = new Map(Object.entries({ wo: 'will', ca: 'can', sha: 'shall', ai: 'is' }));
const CLITICS = new Map(Object.entries({ "'re": 'are', "'ve": 'have', "'ll": 'will', "'d": 'would', "'m": 'am' }));

function fold(written: string): string {
  let w = written.toLowerCase();
  // eslint-disable-next-line no-control-regex -- the range is all of ASCII.
  if (/[^\x00-\x7f]/.test(w)) w = w.normalize('NFKD').replace(COMBINING_MARKS, '');
  w = w.replace(/[’‘`\u02bc]/g, "'").replace(/[-\u2010\u2011]/g, '');
  if (/^\d/.test(w)) return w.replace(/,/g, '').replace(/^0+(?=\d)/, '');
  return w.replace(/\./g, '');
}

/** The value of a number-bearing word: "30", "1980s", "61-vote", "thirty", "second-guessed". */
function numberValue(word: string, written: string): string | null {
  if (/\d/.test(word)) return word;
  const value = NUMBER_WORDS.get(word);
  if (value !== undefined) return value;
  // A compound with a number in it says how many: "two-way", "one-time", "second-guessed".
  if (!HYPHEN.test(written)) return null;
  const parts = written.toLowerCase().split(HYPHEN);
  const counted = parts.map((part) => NUMBER_WORDS.get(part));
  return counted.some((v) => v !== undefined) ? parts.map((part, i) => counted[i] ?? part).join('-') : null;
}

const HYPHEN = /[-\u2010\u2011]/;
/** A word of ASCII letters alone, the common case: it folds to its lower case and nothing else. */
const ASCII_WORD = /^[A-Za-z]+$/;
const BOUNDARY = /[.,;:!?()—–"“”]|\s-\s/;

/** The written word `written` at [start, end), with the facts tokenize found, as one or two tokens (`first` or not). */
interface Written {
  written: string;
  start: number;
  end: number;
  /** ASCII letters alone (ASCII_WORD). */
  plain: boolean;
  capitalised: boolean;
  boundaryBefore: boolean;
}

function pushToken(tokens: WordToken[], at: Written, word: string, first: boolean): void {
  tokens.push({
    word,
    start: at.start,
    end: at.end,
    capitalised: first && at.capitalised,
    boundaryBefore: first && at.boundaryBefore,
    // A plain word has no digit or hyphen: its number is a number word's or none.
    number: at.plain ? (NUMBER_WORDS.get(word) ?? null) : numberValue(word, first ? at.written : word),
  });
}

/** The words of `text` with their offsets, in order. */
export function tokenize(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const written = m[0];
    const start = m.index;
    const end = start + written.length;
    const plain = ASCII_WORD.test(written);
    const at: Written = {
      written,
      start,
      end,
      plain,
      capitalised: plain ? written.charCodeAt(0) <= 90 : /^\p{Lu}/u.test(written),
      // A single space between two words is no boundary; anything else is looked at.
      boundaryBefore:
        tokens.length === 0 || ((start - last !== 1 || text[last] !== ' ') && BOUNDARY.test(text.slice(last, start))),
    };
    last = end;
    const word = plain ? written.toLowerCase() : fold(written);
    if (word === 'cannot') {
      pushToken(tokens, at, 'can', true);
      pushToken(tokens, at, 'not', false);
    } else if (!word.includes("'")) {
      pushToken(tokens, at, word, true);
    } else if (word.endsWith("n't") && word.length > 3) {
      const stem = word.slice(0, -3);
      pushToken(tokens, at, NEGATED_STEMS.get(stem) ?? stem, true);
      pushToken(tokens, at, 'not', false);
    } else {
      const clitic = /^(\p{L}+)('re|'ve|'ll|'d|'m)$/u.exec(word);
      if (clitic) {
        pushToken(tokens, at, clitic[1]!, true);
        pushToken(tokens, at, CLITICS.get(clitic[2]!)!, false);
      } else {
        pushToken(tokens, at, word.replace(/^'+|'+$/g, ''), true);
      }
    }
    if (text[end] === '%') {
      tokens.push({
        word: 'percent',
        start: end,
        end: end + 1,
        capitalised: false,
        boundaryBefore: false,
        number: '%',
      });
      last = end + 1;
    }
  }
  return tokens;
}

const NEGATIONS = new Set([
  'not',
  'no',
  'never',
  'none',
  'nothing',
  'nobody',
  'noone',
  'neither',
  'nor',
  'without',
  'nowhere',
]);

export const isNegation = (word: string): boolean => NEGATIONS.has(word);

// Words whose loss or addition seldom changes what a sentence says: articles,
// pronouns, prepositions, conjunctions, forms of be/have/do, and fillers.
// Negations, modals and numbers are not among them.
const FUNCTION_WORDS = new Set(
  (
    'a an the this that these those such some any each every other another ' +
    'i me my mine we us our ours you your yours he him his she her hers it its they them their theirs ' +
    'who whom whose which what where when how why there here ' +
    'of in on at to for from by with about into onto over under through during between among against ' +
    'upon within across along around behind beyond toward towards via per as like than ' +
    'and or but so yet if because while although though whether then also too ' +
    'be am is are was were been being have has had having do does did done ' +
    'very just really quite rather even still already again ever only well now actually certainly ' +
    'oh okay ok yes well'
  ).split(' '),
);

export const isFunctionWord = (word: string): boolean => FUNCTION_WORDS.has(word);

// Pairs whose exchange turns a statement around.
const OPPOSITES: [string, string][] = [
  ['more', 'less'],
  ['more', 'fewer'],
  ['most', 'least'],
  ['increase', 'decrease'],
  ['increased', 'decreased'],
  ['increases', 'decreases'],
  ['increasing', 'decreasing'],
  ['rise', 'fall'],
  ['rises', 'falls'],
  ['rose', 'fell'],
  ['rising', 'falling'],
  ['raise', 'cut'],
  ['raise', 'lower'],
  ['up', 'down'],
  ['higher', 'lower'],
  ['high', 'low'],
  ['before', 'after'],
  ['above', 'below'],
  ['over', 'under'],
  ['always', 'never'],
  ['always', 'sometimes'],
  ['often', 'rarely'],
  ['all', 'some'],
  ['everyone', 'someone'],
  ['everything', 'something'],
  ['win', 'lose'],
  ['won', 'lost'],
  ['winning', 'losing'],
  ['support', 'oppose'],
  ['supports', 'opposes'],
  ['supported', 'opposed'],
  ['accept', 'reject'],
  ['accepted', 'rejected'],
  ['allow', 'forbid'],
  ['allow', 'ban'],
  ['include', 'exclude'],
  ['right', 'wrong'],
  ['true', 'false'],
  ['good', 'bad'],
  ['better', 'worse'],
  ['best', 'worst'],
  ['strong', 'weak'],
  ['stronger', 'weaker'],
  ['success', 'failure'],
  ['guilty', 'innocent'],
  ['for', 'against'],
  ['pro', 'anti'],
  ['start', 'stop'],
  ['begin', 'end'],
  ['open', 'closed'],
  ['gain', 'loss'],
  ['gains', 'losses'],
  ['profit', 'loss'],
  ['maximum', 'minimum'],
  ['majority', 'minority'],
  ['many', 'few'],
  ['first', 'last'],
  ['same', 'different'],
  ['safe', 'dangerous'],
  ['legal', 'illegal'],
  ['yes', 'no'],
];
const OPPOSITE = new Map<string, Set<string>>();
for (const [a, b] of OPPOSITES) {
  OPPOSITE.set(a, (OPPOSITE.get(a) ?? new Set()).add(b));
  OPPOSITE.set(b, (OPPOSITE.get(b) ?? new Set()).add(a));
}

// Modals by what they commit the speaker to; "will" for "would" is a nuance,
// "will" for "may" is another statement.
const MODAL_CLASS: Record<string, number> = {
  will: 1,
  would: 1,
  shall: 1,
  can: 2,
  could: 2,
  may: 3,
  might: 3,
  must: 4,
  should: 5,
  ought: 5,
};

const ANTONYM_PREFIX = /^(?:un|in|im|il|ir|dis|non|anti|mis)(.{4,})$/;

/** Whether putting one word for the other flips what is said (more/less, will/may, likely/unlikely). */
export function flipsMeaning(a: string, b: string): boolean {
  if (OPPOSITE.get(a)?.has(b)) return true;
  const ma = MODAL_CLASS[a];
  const mb = MODAL_CLASS[b];
  if (ma !== undefined && mb !== undefined) return ma !== mb;
  return ANTONYM_PREFIX.exec(a)?.[1] === b || ANTONYM_PREFIX.exec(b)?.[1] === a;
}

/**
 * British and American spellings of one word brought to one form (colour/color, centre/center, organise/organize).
 * Alignment asks it of every pair of words it compares, so recent answers are kept.
 */
export const spellingKey = memoizeBounded(
  (word: string): string =>
    word.length < 5
      ? word
      : word
          .replace(/our(s|ed|ing|able|ite|ites)?$/, 'or$1')
          .replace(/([^aeiou])re(s|d)?$/, '$1er$2')
          .replace(/is(e|es|ed|ing|ation|ations)$/, 'iz$1')
          .replace(/ys(e|es|ed|ing)$/, 'yz$1')
          .replace(/ence$/, 'ense')
          .replace(/ogue$/, 'og')
          .replace(/([aeiou])ll(ed|ing|er|ers)$/, '$1l$2'),
  20_000,
);
