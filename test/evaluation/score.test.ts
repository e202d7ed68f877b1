import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseAttributions } from '../../src/evaluation/brat.js';
import { listCorpus } from '../../src/evaluation/corpus.js';
import { figuresAsJson, figuresAsTable } from '../../src/evaluation/report.js';
import { emptyTotals, figuresOf, ratiosOf, scoreDocument } from '../../src/evaluation/score.js';
import { readTextFileLikePython } from '../../src/text/text-file.js';
import { ann, writeBratFolder } from '../support/brat.js';

// A hand-made folder. Offsets in the .ann files count code points; predictions count
// UTF-16 units, so in text "a" (ten emoji ahead) every prediction offset is the code
// point offset + 10.
const EMOJI = '\u{1F600}'.repeat(10);
const texts = {
  a: `${EMOJI} Ann Lee said "We win." Officials said the vote was close.\n`,
  b: '"The plan is sound," Mr. Park said, "and it will pass."\nIt rained on Tuesday.\n',
  c: 'A sign read "Vote now" and a banner read "Stay home".\n',
  e: 'A text nobody annotated.\n',
};
const annotations = {
  'a_alice.ann': ann(
    ['T1', 'Source 11 18', 'Ann Lee'],
    ['T2', 'Cue 19 23', 'said'],
    ['T3', 'Content 24 33', '"We win."'],
    ['E1', 'Attribution:T2 Content:T3 Source:T1'],
    // The event may come before its spans.
    ['E2', 'Attribution:T5 Source:T4 Content:T6'],
    ['T4', 'Source 34 43', 'Officials'],
    ['T5', 'Cue 44 48', 'said'],
    ['T6', 'Content 49 67', 'the vote was close'],
  ),
  // Discontinuous content: one quote split by its attribution.
  'b_alice.ann': ann(
    ['T1', 'Content 0 20;36 55', '"The plan is sound," "and it will pass."'],
    ['T2', 'Source 21 29', 'Mr. Park'],
    ['T3', 'Cue 30 34', 'said'],
    ['E1', 'Attribution:T3 Content:T1 Source:T2'],
  ),
  // Later in name order, so never used.
  'b_zed.ann': ann(['T1', 'Content 56 65', 'It rained'], ['E1', 'Content:T1']),
  // Quoted content without a source.
  'c_alice.ann': ann(
    ['T1', 'Content 12 22', '"Vote now"'],
    ['T2', 'Content 41 52', '"Stay home"'],
    ['T3', 'Cue 7 11', 'read'],
    ['E1', 'Attribution:T3 Content:T1'],
    ['E2', 'Attribution:T3 Content:T2'],
  ),
};

const quote = (start: number, end: number, name: string | null, mention: [number, number] | null = null) => ({
  start,
  end,
  kind: 'direct',
  speaker: name === null ? null : { name, kind: 'person', mention: mention && { start: mention[0], end: mention[1] } },
});

const predictions: Record<string, unknown[]> = {
  a: [
    // "We win." (code points 25..32); right speaker only through the mention "Lee".
    quote(35, 42, 'Nobody Known', [25, 28]),
    // "the vote was close" (49..67); wrong speaker: "Ann Lee" is not "Officials".
    quote(59, 77, 'Ann Lee', [21, 28]),
  ],
  b: [
    // Both halves match the one gold; the first overlaps it more (18 > 17) and
    // answers for it, so its right name counts and the second's wrong one does not.
    quote(1, 19, 'Jo Park'),
    quote(37, 54, 'Kim'),
    // Nothing annotated there.
    quote(56, 65, null),
    // Offsets past the end of the text.
    quote(9999, 10000, null),
  ],
  c: [quote(13, 21, null)],
};

describe('scoring a BRAT folder', () => {
  const dir = writeBratFolder(texts, annotations);

  it('lists texts in name order with their first annotation file', () => {
    const docs = listCorpus(dir);
    expect(docs.map((d) => [d.name, d.annotationPath?.split('/').at(-1) ?? null])).toEqual([
      ['a', 'a_alice.ann'],
      ['b', 'b_alice.ann'],
      ['c', 'c_alice.ann'],
      ['e', null],
    ]);
    expect(listCorpus(dir, 2).map((d) => d.name)).toEqual(['a', 'b']);
  });

  it('parses discontinuous spans and events that precede their spans', async () => {
    const gold = parseAttributions(await readFile(`${dir}/attributions/b_alice.ann`, 'utf8'));
    expect(gold).toEqual([
      {
        content: [
          [0, 20],
          [36, 55],
        ],
        source: [[21, 29]],
      },
    ]);
    const goldA = parseAttributions(await readFile(`${dir}/attributions/a_alice.ann`, 'utf8'));
    expect(goldA[1]).toEqual({ content: [[49, 67]], source: [[34, 43]] });
  });

  it('gives the figures worked out by hand', async () => {
    const totals = emptyTotals();
    for (const doc of listCorpus(dir)) {
      if (doc.annotationPath === null) continue;
      const text = await readTextFileLikePython(doc.textPath);
      const gold = parseAttributions(await readFile(doc.annotationPath, 'utf8'));
      scoreDocument(totals, { text, gold, predictions: predictions[doc.name] ?? null });
    }
    expect(totals).toEqual({
      files: 3,
      gold: 5,
      goldQuoted: 4,
      predicted: 6,
      predictedMatched: 5,
      quotedMatched: 3,
      unquotedMatched: 1,
      speakerTotal: 3,
      speakerRight: 2,
      quotedRightSpeaker: 3,
      missingFiles: 0,
      badOffsets: 1,
    });
    // precision 5/6; quoted recall 3/4; speaker accuracy 2/3; unquoted recall 1/1;
    // e2e P = 5/6 * 3/3, R = 3/4, F1 = 2PR/(P+R) = 1.25/1.58333 = 0.78947.
    const figures = figuresOf(totals);
    expect(figuresAsJson(figures)).toBe(
      '{"files": 3, "gold_attributions": 5, "gold_quoted": 4, "predicted": 6, "precision": 0.8333, ' +
        '"quoted_recall": 0.75, "speaker_accuracy": 0.6667, "unquoted_recall": 1.0, "e2e_quoted_f1": 0.7895, ' +
        '"missing_files": 0, "bad_offsets": 1}\n',
    );
    expect(figuresAsTable(figures, ratiosOf(totals)).split('\n').slice(-2)).toEqual([
      'precision 0.833  quoted_recall 0.750  speaker_accuracy 0.667  e2e_quoted_f1 0.789',
      '',
    ]);
  });

  it('counts code points, not UTF-16 units, in gold offsets', () => {
    const text = texts.a;
    const gold = [{ content: [[24, 33]] as [number, number][], source: [] }];
    const asIfUtf16 = emptyTotals();
    // Read as UTF-16 offsets the quote would sit ten units earlier and miss.
    scoreDocument(asIfUtf16, { text, gold, predictions: [quote(25, 32, null)] });
    expect(asIfUtf16.predictedMatched).toBe(0);
    const mapped = emptyTotals();
    scoreDocument(mapped, { text, gold, predictions: [quote(35, 42, null)] });
    expect(mapped.quotedMatched).toBe(1);
  });

  it('counts a file with no printed line as missing', () => {
    const totals = emptyTotals();
    scoreDocument(totals, { text: 'x', gold: [], predictions: null });
    expect(totals.missingFiles).toBe(1);
    expect(totals.files).toBe(1);
  });
});
