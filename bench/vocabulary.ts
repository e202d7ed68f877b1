import { seededRandom } from './news-text.js';

// Word lists for synthetic quotes. News vocabulary is large and Zipf-distributed;
// a few hundred words would make every trigram and every lexeme common and the
// search indexes look worse (or better) than they are. So: a core of everyday
// English words written here, plus invented words built from syllables, drawn
// with a skewed distribution.

const CORE = `the a of to and in that is for it we on with this be are not have will was they our
as at by from but or all more would can people an what their if there about which one so has been
were who do when no up out just very now also many time only new than other some could should must
year years government country city plan people money tax budget vote law court police school
health water road bridge port ferry harbour market price jobs workers families children town council
minister mayor party election campaign talks deal agreement report review study decision policy
security border energy climate power rail station hospital river coast winter summer week month
today tomorrow again never always still already long short high low fair clear wrong right safe
open closed early late real local public private national foreign small large hard easy better
worse best worst first last next every each most less much enough further together against
support protect build fund cut raise spend pay cost save lose win need want know think believe
expect hope promise warn admit deny agree refuse delay finish start continue change keep give take
make see look find tell ask say said work help move stay leave bring meet answer explain decide`.split(/\s+/);

const ONSETS = [
  'b',
  'br',
  'c',
  'ch',
  'cl',
  'd',
  'dr',
  'f',
  'fl',
  'g',
  'gr',
  'h',
  'j',
  'k',
  'l',
  'm',
  'n',
  'p',
  'pl',
  'pr',
  'qu',
  'r',
  's',
  'sh',
  'st',
  't',
  'tr',
  'v',
  'w',
  'z',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou', 'y'];
const CODAS = ['', '', 'n', 'r', 'l', 's', 't', 'nd', 'rt', 'st', 'ck', 'm', 'x'];

export interface Vocabulary {
  /** A word; low indexes (the core and the first invented words) come up far more often. */
  word(): string;
  /** A capitalised invented name. */
  name(): string;
}

export function vocabulary(seed: number, invented = 40_000): Vocabulary {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const syllables = (n: number) => Array.from({ length: n }, () => pick(ONSETS) + pick(VOWELS) + pick(CODAS)).join('');
  const words = new Set(CORE);
  while (words.size < CORE.length + invented) words.add(syllables(1 + Math.floor(rand() * 3)));
  const list = [...words];
  return {
    // rand()^3 skews towards the start of the list: a long tail of rare words.
    word: () => list[Math.floor(list.length * rand() ** 3)]!,
    name: () => {
      const w = syllables(2 + Math.floor(rand() * 2));
      return w.charAt(0).toUpperCase() + w.slice(1);
    },
  };
}
