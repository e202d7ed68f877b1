import type { CodePointRange, GoldAttribution } from './brat.js';
import {
  PythonScorerWouldFail,
  isJsonObject,
  pyIndex,
  pyIsInt,
  pyContainsWholeWord,
  pySliceBounds,
  pySplitWhitespace,
  pyStrip,
  pyRound,
  pyTruthy,
} from './python-compat.js';

// The figures of score_attributions.py, computed the same way. Predictions are the
// JSON values the extract command prints (presentExtractedQuote after a JSON round
// trip), so that a malformed quote counts here exactly as it counts there.

/** A gold attribution is quoted when its content holds one of these marks. */
export const QUOTATION_MARKS = '"\u201c\u201d\u00ab\u00bb\u201e';

export interface ScoredDocument {
  /** The text as Python reads it (universal newlines, BOM kept). */
  text: string;
  gold: GoldAttribution[];
  /** The `quotes` array printed for the file; null when no line was printed for it. */
  predictions: readonly unknown[] | null;
}

export interface ScoreTotals {
  files: number;
  gold: number;
  goldQuoted: number;
  predicted: number;
  predictedMatched: number;
  quotedMatched: number;
  unquotedMatched: number;
  speakerTotal: number;
  speakerRight: number;
  quotedRightSpeaker: number;
  missingFiles: number;
  badOffsets: number;
}

/** Same keys, order and rounding as the Python script's JSON. */
export interface ScoreFigures {
  files: number;
  gold_attributions: number;
  gold_quoted: number;
  predicted: number;
  precision: number;
  quoted_recall: number;
  speaker_accuracy: number;
  unquoted_recall: number;
  e2e_quoted_f1: number;
  missing_files: number;
  bad_offsets: number;
}

/** The unrounded ratios, which the script's last text line prints with %.3f. */
export interface ScoreRatios {
  precision: number;
  quotedRecall: number;
  speakerAccuracy: number;
  e2eQuotedF1: number;
}

interface Prediction {
  range: CodePointRange;
  name: unknown;
  mention: CodePointRange | null;
  sieve: string;
}

/** Per attribution rule: how many quotes it decided, how many match a gold attribution, how many of those with a gold source have the right speaker. */
export interface SieveCounts {
  predicted: number;
  matched: number;
  speakerTotal: number;
  speakerRight: number;
}

/** Counts by the `sieve` each quote carries ("unnamed" when it carries none). */
export type SieveTotals = Map<string, SieveCounts>;

export const emptyTotals = (): ScoreTotals => ({
  files: 0,
  gold: 0,
  goldQuoted: 0,
  predicted: 0,
  predictedMatched: 0,
  quotedMatched: 0,
  unquotedMatched: 0,
  speakerTotal: 0,
  speakerRight: 0,
  quotedRightSpeaker: 0,
  missingFiles: 0,
  badOffsets: 0,
});

const rangeLength = (rs: readonly CodePointRange[]): number => rs.reduce((n, [a, b]) => n + (b - a), 0);

function overlap(a: readonly CodePointRange[], b: readonly CodePointRange[]): number {
  let total = 0;
  for (const [x1, x2] of a) for (const [y1, y2] of b) total += Math.max(0, Math.min(x2, y2) - Math.max(x1, y1));
  return total;
}

/** Maps a UTF-16 offset to a code point offset; one entry past the end. */
function utf16ToCodePoint(text: string): number[] {
  const map: number[] = [];
  let cp = 0;
  for (const ch of text) {
    map.push(cp);
    if (ch.length === 2) map.push(cp);
    cp++;
  }
  map.push(cp);
  return map;
}

/** Adds one document's counts to `totals`, and to `bySieve` per attribution rule when given. */
export function scoreDocument(totals: ScoreTotals, doc: ScoredDocument, bySieve?: SieveTotals): void {
  const codePoints = Array.from(doc.text);
  const cp = utf16ToCodePoint(doc.text);
  const slice = (a: number, b: number): string => codePoints.slice(...pySliceBounds(codePoints.length, a, b)).join('');
  const quoted = doc.gold.map((g) =>
    g.content.some(([a, b]) => [...QUOTATION_MARKS].some((m) => slice(a, b).includes(m))),
  );

  let quotes = doc.predictions;
  if (quotes === null) {
    totals.missingFiles++;
    quotes = [];
  }
  const predictions: Prediction[] = [];
  for (const q of quotes) {
    const p = toPrediction(q, cp, codePoints.length);
    if (p === null) totals.badOffsets++;
    else predictions.push(p);
  }

  // Each prediction goes to the gold it overlaps most; several may share one gold,
  // and each gold keeps the prediction that overlaps it most.
  const best = new Map<number, { ov: number; prediction: number }>();
  for (const [i, p] of predictions.entries()) {
    let bestOv = 0;
    let bestGold = -1;
    for (const [j, g] of doc.gold.entries()) {
      const ov = overlap([p.range], g.content);
      const enough = ov >= 0.5 * Math.min(rangeLength([p.range]), rangeLength(g.content));
      if (ov && enough && (bestGold < 0 || ov > bestOv)) {
        bestOv = ov;
        bestGold = j;
      }
    }
    if (bySieve) countSieve(bySieve, p, bestGold < 0 ? undefined : doc.gold[bestGold], slice);
    if (bestGold < 0) continue;
    totals.predictedMatched++;
    const held = best.get(bestGold);
    if (held === undefined || bestOv > held.ov) best.set(bestGold, { ov: bestOv, prediction: i });
  }

  for (const [j, { prediction }] of best) {
    const g = doc.gold[j]!;
    const p = predictions[prediction]!;
    const isQuoted = quoted[j]!;
    if (isQuoted) totals.quotedMatched++;
    else totals.unquotedMatched++;
    if (g.source.length > 0) {
      const ok = speakerIsRight(p, g, slice);
      totals.speakerTotal++;
      if (ok) totals.speakerRight++;
      if (ok && isQuoted) totals.quotedRightSpeaker++;
    } else if (isQuoted) {
      totals.quotedRightSpeaker++; // no gold source: any speaker answer is accepted
    }
  }
  totals.predicted += predictions.length;
  totals.gold += doc.gold.length;
  totals.goldQuoted += quoted.filter(Boolean).length;
  totals.files++;
}

/** The script's speaker rule: the mention overlaps the gold source, or the name's last word is in it. */
function speakerIsRight(p: Prediction, g: GoldAttribution, slice: (a: number, b: number) => string): boolean {
  const sourceText = g.source
    .map(([a, b]) => slice(a, b))
    .join(' ')
    .toLowerCase();
  return (p.mention !== null && overlap([p.mention], g.source) > 0) || nameMatchesSource(p.name, sourceText);
}

function countSieve(
  bySieve: SieveTotals,
  p: Prediction,
  g: GoldAttribution | undefined,
  slice: (a: number, b: number) => string,
): void {
  let c = bySieve.get(p.sieve);
  if (!c) bySieve.set(p.sieve, (c = { predicted: 0, matched: 0, speakerTotal: 0, speakerRight: 0 }));
  c.predicted++;
  if (!g) return;
  c.matched++;
  if (g.source.length === 0) return;
  c.speakerTotal++;
  if (speakerIsRight(p, g, slice)) c.speakerRight++;
}

/** The last word of the speaker's name occurs as a whole word in the gold source. */
function nameMatchesSource(name: unknown, sourceText: string): boolean {
  if (typeof name !== 'string')
    throw new PythonScorerWouldFail(`speaker name is not a string: ${JSON.stringify(name)}`);
  const last = pyStrip((pySplitWhitespace(name).at(-1) ?? '').toLowerCase(), '.,');
  return Array.from(last).length > 1 && pyContainsWholeWord(sourceText, last);
}

/** A quote as the scorer sees it, or null when its offsets are unusable. */
function toPrediction(q: unknown, cp: readonly number[], codePointLength: number): Prediction | null {
  if (!isJsonObject(q)) return null;
  const start = pyIndex(cp, q['start']);
  const end = pyIndex(cp, q['end']);
  if (start === undefined || end === undefined) return null;
  const sp = pyTruthy(q['speaker']) ? q['speaker'] : {};
  if (!isJsonObject(sp)) throw new PythonScorerWouldFail(`speaker is not an object: ${JSON.stringify(sp)}`);
  const name = pyTruthy(sp['name']) ? sp['name'] : '';
  const sieve = typeof q['sieve'] === 'string' ? q['sieve'] : 'unnamed';
  return { range: [start, end], name, mention: toMention(sp['mention'], cp, codePointLength), sieve };
}

function toMention(m: unknown, cp: readonly number[], codePointLength: number): CodePointRange | null {
  if (!pyTruthy(m)) return null;
  if (!isJsonObject(m)) throw new PythonScorerWouldFail(`mention is not an object: ${JSON.stringify(m)}`);
  if (!pyIsInt(m['start'])) return null;
  const endValue = m['end'];
  if (typeof endValue !== 'number' && typeof endValue !== 'boolean') {
    throw new PythonScorerWouldFail(`mention end is not a number: ${JSON.stringify(endValue)}`);
  }
  // The script compares a UTF-16 offset with the length in code points.
  if (!(Number(endValue) <= codePointLength)) return null;
  const start = pyIndex(cp, m['start']);
  const end = pyIndex(cp, endValue);
  if (start === undefined || end === undefined) {
    throw new PythonScorerWouldFail(`mention offsets out of range: ${JSON.stringify(m)}`);
  }
  return [start, end];
}

export function ratiosOf(t: ScoreTotals): ScoreRatios {
  const precision = t.predicted ? t.predictedMatched / t.predicted : 0;
  const quotedRecall = t.goldQuoted ? t.quotedMatched / t.goldQuoted : 0;
  const speakerAccuracy = t.speakerTotal ? t.speakerRight / t.speakerTotal : 0;
  const e2eP = t.quotedMatched ? precision * (t.quotedRightSpeaker / t.quotedMatched) : 0;
  const e2eR = t.goldQuoted ? t.quotedRightSpeaker / t.goldQuoted : 0;
  const e2eQuotedF1 = e2eP + e2eR ? (2 * e2eP * e2eR) / (e2eP + e2eR) : 0;
  return { precision, quotedRecall, speakerAccuracy, e2eQuotedF1 };
}

export function figuresOf(t: ScoreTotals): ScoreFigures {
  const r = ratiosOf(t);
  return {
    files: t.files,
    gold_attributions: t.gold,
    gold_quoted: t.goldQuoted,
    predicted: t.predicted,
    precision: pyRound(r.precision, 4),
    quoted_recall: pyRound(r.quotedRecall, 4),
    speaker_accuracy: pyRound(r.speakerAccuracy, 4),
    unquoted_recall: pyRound(t.unquotedMatched / Math.max(1, t.gold - t.goldQuoted), 4),
    e2e_quoted_f1: pyRound(r.e2eQuotedF1, 4),
    missing_files: t.missingFiles,
    bad_offsets: t.badOffsets,
  };
}
