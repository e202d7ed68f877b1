// Synthetic news prose for benchmarks: invented names, sentences and quotes in the
// shapes wire copy uses (attributed quotes before and after the speaker, partial
// quotes, quotes running over several paragraphs, anonymous sources, reported speech).

/** A small deterministic PRNG (mulberry32) so every run times the same text. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Maren',
  'Tobias',
  'Ilse',
  'Dario',
  'Priya',
  'Kwame',
  'Lucía',
  'Henrik',
  'Ayesha',
  'Oren',
  'Sofia',
  'Bram',
];
const LAST = [
  'Calloway',
  'Vintner',
  'Osei',
  'Lindqvist',
  'Ferraro',
  'Nakagawa',
  'Dubois',
  'Halvorsen',
  'Mbeki-Stone',
  "O'Dowd",
];
const ROLES = [
  'the transport minister',
  'a county commissioner',
  'the union leader',
  'a spokesperson for the port authority',
  'the mayor of Eastbridge',
  'chief economist at Harlow Bank',
];
const ANONYMOUS = [
  'a senior official',
  'one aide',
  'a person familiar with the talks',
  'two people briefed on the plan',
];
const GROUPS = ['the ministry', 'the committee', 'Harlow Bank', 'the Eastbridge council', 'the opposition party'];
const VERBS = [
  'said',
  'said',
  'said',
  'told reporters',
  'added',
  'wrote in a statement',
  'insisted',
  'warned',
  'told the Ledger',
];
const SUBJECTS = [
  'the bridge project',
  'the new tariff',
  'the budget',
  'the ferry contract',
  'the water tax',
  'the election timetable',
];
const CLAIMS = [
  'will be finished before winter',
  'has cost far more than anyone admitted',
  'was never properly debated',
  'protects jobs in the harbour towns',
  'is a mistake we will pay for',
  'needs another year of study',
];
const FILLER = [
  'Traffic on the coastal road was diverted for most of the afternoon.',
  'The figures were published late on Thursday, after markets had closed.',
  'Shares in the operator fell by four per cent in early trading.',
  'The council meets again next month to vote on the measure.',
  'Several hundred people gathered outside the town hall in the rain.',
  'Last year the same proposal was withdrawn after a public consultation.',
];
// Background prose with no speech in it, for articles as sparse in quotes as news is.
const BACKGROUND = [
  'The harbour has handled less freight every year since the second terminal opened upriver.',
  'Work on the eastern approach began in the spring and stopped twice for lack of steel.',
  'About a third of the region’s households rely on the ferry to reach the mainland hospital.',
  'The last comparable project, a tunnel under the estuary, opened three years late and well over budget.',
  'Tolls on the old bridge were raised in January for the first time in a decade.',
  'The county’s population has grown by almost a fifth since the census before last.',
  'Two of the five contractors that bid for the work have since merged.',
  'The water tax was introduced as a temporary measure after the floods and never repealed.',
  'Fishing crews have complained for years that dredging has moved the channel closer to the rocks.',
  'An audit published in the autumn found that maintenance had been deferred on eleven of the port’s cranes.',
  'The election, originally planned for May, was moved once already because of a boundary review.',
  'Rail freight through the valley has doubled, while lorry traffic on the coast road has barely changed.',
];

const wordCount = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/**
 * Articles of invented news. By default a paragraph is any of the shapes below,
 * most of them speech, and an article has 8 to 21 paragraphs; with `quoteShare`,
 * a paragraph is speech with that probability and background prose otherwise;
 * with `words`, paragraphs are added until the article has that many words.
 */
export function newsTextGenerator(seed = 1, options: { quoteShare?: number; words?: number } = {}): () => string {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const person = (): string => `${pick(FIRST)} ${pick(LAST)}`;
  const surname = (): string => pick(LAST);
  const sentence = (): string => {
    const s = `${pick(SUBJECTS)} ${pick(CLAIMS)}`;
    return s.charAt(0).toUpperCase() + s.slice(1);
  };

  const paragraphs: (() => string)[] = [
    () => `“${sentence()},” ${person()}, ${pick(ROLES)}, ${pick(VERBS)}.`,
    () => `${person()} ${pick(VERBS)}: “${sentence()}. ${sentence()}.”`,
    () => `"${sentence()}," ${surname()} said. "${sentence()}."`,
    () => `“${sentence()},” said ${pick(ANONYMOUS)}, who asked not to be named because the talks were private.`,
    () => `According to ${pick(GROUPS)}, ${pick(SUBJECTS)} ${pick(CLAIMS)}.`,
    () => `${person()} told reporters that ${pick(SUBJECTS)} ${pick(CLAIMS)}, and that a decision was close.`,
    () => `${surname()} called ${pick(SUBJECTS)} “${pick(CLAIMS)}” and promised a review.`,
    () => `In a statement, ${pick(GROUPS)} said ${pick(SUBJECTS)} ${pick(CLAIMS)}.`,
    // A quote over three paragraphs: no closing mark until the last one.
    () => `“${sentence()}. ${sentence()}.\n\n“${sentence()}.\n\n“${sentence()},” ${person()} ${pick(VERBS)}.`,
    () => `He ${pick(VERBS)} the plan was «${pick(CLAIMS)}», echoing ${pick(ANONYMOUS)}.`,
    () => pick(FILLER),
    () => `${pick(FILLER)} ${pick(FILLER)}`,
  ];

  const speech = paragraphs.slice(0, -2);
  const background = () => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(BACKGROUND)).join(' ');
  const paragraph =
    options.quoteShare === undefined
      ? () => pick(paragraphs)()
      : () => (rand() < options.quoteShare! ? pick(speech)() : background());

  return () => {
    const parts = [`${sentence()} as ${pick(GROUPS)} weighs its options`, `By ${person()}`];
    if (options.words !== undefined) {
      for (let words = wordCount(parts.join(' ')); words < options.words;) {
        const next = paragraph();
        parts.push(next);
        words += wordCount(next);
      }
    } else {
      const length = 8 + Math.floor(rand() * 14);
      for (let i = 0; i < length; i++) parts.push(paragraph());
    }
    return `${parts.join('\n\n')}\n\n\n`;
  };
}

/** Articles appended until the text holds at least `bytes` bytes of UTF-8. */
export function newsTextOfSize(bytes: number, seed = 1): string {
  const nextArticle = newsTextGenerator(seed);
  const articles: string[] = [];
  let size = 0;
  while (size < bytes) {
    const article = nextArticle();
    articles.push(article);
    size += Buffer.byteLength(article, 'utf8');
  }
  return articles.join('');
}
