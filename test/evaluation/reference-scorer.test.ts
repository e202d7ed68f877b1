import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAttributions } from '../../src/evaluation/brat.js';
import { listCorpus } from '../../src/evaluation/corpus.js';
import { figuresAsJson, figuresAsTable } from '../../src/evaluation/report.js';
import { emptyTotals, figuresOf, ratiosOf, scoreDocument } from '../../src/evaluation/score.js';
import { readTextFileLikePython } from '../../src/text/text-file.js';
import { seededRandom } from '../../bench/news-text.js';
import { ann, writeBratFolder } from '../support/brat.js';
import { REFERENCE_SCORER, sharedFile } from '../support/shared.js';

// Differential check against the reference scorer (kept beside the repository in
// ../shared, or named by SCORE_ATTRIBUTIONS) on random folders and random predictions.
const SCRIPT =
  process.env.SCORE_ATTRIBUTIONS ?? sharedFile(REFERENCE_SCORER, 'the comparison with the reference scorer');

const WORDS = [
  'said',
  'Lee',
  'Gauß',
  'Müller',
  "O'Neill",
  'the',
  'vote',
  '\u{1F600}',
  '“',
  '”',
  '"',
  '«',
  '»',
  '„',
  '—',
  'Jr.',
  'ÉLAN',
  'x_y',
  '\u00e9',
  ',',
  '.',
];
const NAMES: unknown[] = [
  'Ann Lee',
  'Gauß',
  'Karl Müller',
  "Pat O'Neill",
  'Jr.',
  'x',
  '',
  null,
  'Mr. Lee,',
  'ÉLAN',
  '\u{1F600}',
  'the vote',
  '  ',
];

interface RandomCorpus {
  texts: Record<string, string>;
  annotations: Record<string, string>;
  predictions: Record<string, unknown[]>;
}

function randomCorpus(rand: () => number): RandomCorpus {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const corpus: RandomCorpus = { texts: {}, annotations: {}, predictions: {} };
  for (let d = 0; d < 4; d++) {
    const name = `doc${d}`;
    const words = Array.from({ length: int(5, 60) }, () => pick(WORDS));
    const text = words.join(rand() < 0.8 ? ' ' : '\n');
    const cpLength = Array.from(text).length;
    const range = (): string => {
      const a = int(0, cpLength);
      return `${a} ${Math.min(cpLength, a + int(0, 25))}`;
    };
    const rows: string[][] = [];
    const goldRanges: [number, number][] = [];
    for (let e = 0; e < int(0, 6); e++) {
      const content = rand() < 0.2 ? `${range()};${range()}` : range();
      goldRanges.push(content.split(/[ ;]/).slice(0, 2).map(Number) as [number, number]);
      rows.push([`T${2 * e}`, `Content ${content}`, '']);
      const roles = [`Content:T${2 * e}`];
      if (rand() < 0.7) {
        const source = range();
        goldRanges.push(source.split(' ').map(Number) as [number, number]);
        rows.push([`T${2 * e + 1}`, `Source ${source}`, '']);
        roles.push(`Source:T${2 * e + 1}`);
      }
      rows.push([`E${e}`, roles.join(' ')]);
    }
    corpus.texts[name] = text;
    if (d !== 3 || rand() < 0.5) corpus.annotations[`${name}_a.ann`] = ann(...rows);
    // Predictions near gold spans, so that matching and speaker rules are exercised.
    const utf16Of = [0];
    for (const ch of text) utf16Of.push(utf16Of.at(-1)! + ch.length);
    const utf16 = text.length;
    const near = (): [number, number] => {
      if (goldRanges.length === 0 || rand() < 0.3) {
        const a = int(0, utf16);
        return [a, Math.min(utf16, a + int(0, 30))];
      }
      const [a, b] = pick(goldRanges);
      const j = (x: number): number => Math.max(0, Math.min(utf16, (utf16Of[x] ?? utf16) + int(-2, 2)));
      return [j(a), j(b)];
    };
    const odd = (): unknown => pick([-1, -3, utf16 + 1, 1.5, null]);
    corpus.predictions[name] = Array.from({ length: int(0, 8) }, () => {
      const [start, end] = near();
      const [ms, me] = near();
      const mention = rand() < 0.3 ? null : { start: ms, end: rand() < 0.9 ? me : utf16 };
      const speakerName = rand() < 0.5 ? pick(NAMES) : `Someone ${pick(words)}`;
      return {
        start: rand() < 0.05 ? odd() : start,
        end: rand() < 0.05 ? odd() : end,
        kind: 'direct',
        speaker: rand() < 0.15 ? null : { name: speakerName, kind: 'person', mention },
      };
    });
  }
  return corpus;
}

async function scoreHere(dir: string, predictions: Record<string, unknown[]>): Promise<[string, string]> {
  const totals = emptyTotals();
  for (const doc of listCorpus(dir)) {
    if (doc.annotationPath === null) continue;
    const text = await readTextFileLikePython(doc.textPath);
    const gold = parseAttributions(await readFile(doc.annotationPath, 'utf8'));
    scoreDocument(totals, { text, gold, predictions: predictions[doc.name] ?? null });
  }
  return [figuresAsJson(figuresOf(totals)), figuresAsTable(figuresOf(totals), ratiosOf(totals))];
}

function scoreInPython(dir: string, predictions: Record<string, unknown[]>, json: boolean): string {
  const lines = Object.entries(predictions).map(([name, quotes]) =>
    JSON.stringify({ file: join(dir, 'text', `${name}.txt`), quotes }),
  );
  const out = join(mkdtempSync(join(tmpdir(), 'preds-')), 'predictions.jsonl');
  writeFileSync(out, lines.join('\n') + '\n');
  const printer = ['python3', '-c', 'import sys; sys.stdout.write(open(sys.argv[1], encoding="utf-8").read())', out];
  return execFileSync('python3', [SCRIPT!, '--data', dir, ...(json ? ['--json'] : []), '--', ...printer], {
    encoding: 'utf8',
  });
}

describe.skipIf(SCRIPT === null)('agreement with score_attributions.py', () => {
  it('has the reference scorer and python3 to run it', () => {
    expect(existsSync(SCRIPT!), SCRIPT!).toBe(true);
    expect(() => execFileSync('python3', ['--version'], { stdio: 'ignore' })).not.toThrow();
  });

  it('prints the same figures on random folders and predictions', async () => {
    const rand = seededRandom(20261128);
    for (let round = 0; round < 12; round++) {
      const corpus = randomCorpus(rand);
      const dir = writeBratFolder(corpus.texts, corpus.annotations);
      const [json, table] = await scoreHere(dir, corpus.predictions);
      expect(json, `round ${round} in ${dir}`).toBe(scoreInPython(dir, corpus.predictions, true));
      if (round % 4 === 0)
        expect(table, `round ${round} in ${dir}`).toBe(scoreInPython(dir, corpus.predictions, false));
    }
  }, 60_000);
});
