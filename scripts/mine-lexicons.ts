// Counts the reporting cues and speaker-mention shapes annotated in a PolNeAR
// split and writes them as word lists for the extraction engine. Only words
// and counts leave the corpus, never its sentences.
//
//   npx tsx scripts/mine-lexicons.ts [../shared/polnear/train]

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const split = path.resolve(process.argv[2] ?? path.join(root, '../shared/polnear/train'));
const dataDir = path.join(root, 'src/extraction/data');

// Words that appear as cue spans but only as glue ("in" of "in a statement"),
// and verbs of seeing, planning or acting that the annotators marked as
// attribution but that do not introduce anyone's words.
const NOT_SPEECH = [
  ':',
  'in',
  'for',
  'to',
  'of',
  'as',
  'on',
  'by',
  'that',
  'with',
  'from',
  'at',
  'about',
  'is',
  'was',
  'are',
  'were',
  'be',
  'been',
  'has',
  'have',
  'had',
  'the',
  'a',
  'an',
  'and',
  'or',
  'but',
  'it',
  'not',
  'no',
  'into',
  'over',
  'after',
  'under',
  'per',
  'like',
  'via',
  'if',
  'then',
  'so',
  'show',
  'shows',
  'showed',
  'showing',
  'found',
  'finds',
  'seemed',
  'seems',
  'appear',
  'appears',
  'appeared',
  'see',
  'sees',
  'saw',
  'know',
  'knows',
  'knew',
  'plan',
  'plans',
  'decided',
  'decision',
  'ordered',
  'view',
  'criticism',
  'passed',
  'signed',
  'gave',
  'included',
  'includes',
  'estimated',
  'expected',
  'expect',
  'identified',
  'learned',
  'cast',
  'named',
  'reportedly',
  'considered',
  'backing',
  'backed',
  'support',
  'supports',
  'supported',
  'supporting',
  'endorsed',
  'offered',
  'sought',
  'seeking',
  'seeks',
  'proposed',
  'opposed',
  'oppose',
  'refused',
  'declined',
];
const DETERMINERS = new Set([
  'a',
  'an',
  'the',
  'two',
  'three',
  'four',
  'five',
  'several',
  'some',
  'many',
  'multiple',
  'one',
  'other',
  'both',
]);

interface Span {
  label: string;
  ranges: Array<[number, number]>;
  text: string;
}

function readAnnotations(file: string): Span[] {
  const out: Span[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('T')) continue;
    const [, mid = '', text = ''] = line.split('\t');
    const [label = '', ranges = ''] = [mid.slice(0, mid.indexOf(' ')), mid.slice(mid.indexOf(' ') + 1)];
    const rs: Array<[number, number]> = [];
    for (const r of ranges.split(';')) {
      const [a, b] = r.trim().split(/\s+/).map(Number);
      if (Number.isFinite(a) && Number.isFinite(b)) rs.push([a!, b!]);
    }
    if (rs.length > 0) out.push({ label, ranges: rs, text });
  }
  return out;
}

const inc = (m: Map<string, number>, k: string): void => {
  m.set(k, (m.get(k) ?? 0) + 1);
};

const sorted = (m: Map<string, number>, min: number): Record<string, number> =>
  Object.fromEntries([...m].filter(([, n]) => n >= min).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));

const annDir = path.join(split, 'attributions');
const files = readdirSync(annDir)
  .filter((f) => f.endsWith('.ann'))
  .sort();
const firstPerText = new Map<string, string>();
for (const f of files) {
  const name = f.replace(/_[^_]+\.ann$/, '');
  if (!firstPerText.has(name)) firstPerText.set(name, f);
}

const singleWords = new Map<string, number>();
const phrases = new Map<string, number>();
const descriptorHeads = new Map<string, number>();
const titleWords = new Map<string, number>();
for (const f of firstPerText.values()) {
  for (const s of readAnnotations(path.join(annDir, f))) {
    if (s.ranges.length !== 1 || s.text.includes('\n')) continue;
    const words = s.text.toLowerCase().replace(/[’]/g, "'").split(/\s+/).filter(Boolean);
    if (s.label === 'Cue') {
      if (words.length === 1) inc(singleWords, words[0]!.replace(/[.,;:]$/, '') || words[0]!);
      else if (words.length <= 4 && words.every((w) => /^[a-z'-]+$/.test(w))) inc(phrases, words.join(' '));
    } else if (s.label === 'Source') {
      const raw = s.text.split(/\s+/).filter(Boolean);
      // Descriptors ("a senior administration official"): the head noun of a lower-case phrase after a determiner.
      if (raw.length >= 2 && DETERMINERS.has(raw[0]!.toLowerCase())) {
        const lower = raw.slice(1).filter((w) => /^[a-z-]+$/.test(w));
        const head = lower[lower.length - 1];
        if (head && raw[raw.length - 1] === head) inc(descriptorHeads, head);
      }
      // Title words: lower-case words right before a capitalised name ("press secretary Josh Earnest").
      for (let i = 0; i + 1 < raw.length; i++) {
        if (/^[a-z][a-z.-]+$/.test(raw[i]!) && /^\p{Lu}/u.test(raw[i + 1]!) && !DETERMINERS.has(raw[i]!))
          inc(titleWords, raw[i]!);
      }
    }
  }
}

const cues = {
  _why: 'Reporting cue forms annotated in the PolNeAR train split, with counts; written by scripts/mine-lexicons.ts.',
  singleWords: sorted(singleWords, 2),
  phrases: sorted(phrases, 2),
  notSpeech: NOT_SPEECH,
};
const sources = {
  _why: 'Shapes of annotated speaker mentions in the PolNeAR train split, with counts; written by scripts/mine-lexicons.ts.',
  descriptorHeads: sorted(descriptorHeads, 2),
  titleWords: sorted(titleWords, 2),
};
writeFileSync(path.join(dataDir, 'mined-cues.json'), JSON.stringify(cues, null, 1) + '\n');
writeFileSync(path.join(dataDir, 'mined-sources.json'), JSON.stringify(sources, null, 1) + '\n');
console.log(
  `texts ${firstPerText.size}: ${singleWords.size} cue words, ${phrases.size} cue phrases, ${descriptorHeads.size} descriptor heads, ${titleWords.size} title words`,
);
