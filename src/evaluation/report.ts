import type { ScoreFigures, ScoreRatios, SieveTotals } from './score.js';
import { SIEVES } from '../extraction/types.js';
import { pyFixed, pyFloatRepr } from './python-compat.js';

// Printed byte for byte as score_attributions.py prints them, so the two can be diffed.

const FLOAT_KEYS = new Set<keyof ScoreFigures>([
  'precision',
  'quoted_recall',
  'speaker_accuracy',
  'unquoted_recall',
  'e2e_quoted_f1',
]);

const pyValue = (key: keyof ScoreFigures, v: number): string => (FLOAT_KEYS.has(key) ? pyFloatRepr(v) : String(v));

const entries = (f: ScoreFigures) => Object.entries(f) as [keyof ScoreFigures, number][];

/** json.dumps(res). */
export function figuresAsJson(f: ScoreFigures): string {
  return `{${entries(f)
    .map(([k, v]) => `"${k}": ${pyValue(k, v)}`)
    .join(', ')}}\n`;
}

/** The script's text output: one figure a line, then the headline ratios. */
export function figuresAsTable(f: ScoreFigures, r: ScoreRatios): string {
  const rows = entries(f).map(([k, v]) => `${k.padEnd(18)} ${pyValue(k, v)}\n`);
  const headline =
    `precision ${pyFixed(r.precision, 3)}  quoted_recall ${pyFixed(r.quotedRecall, 3)}  ` +
    `speaker_accuracy ${pyFixed(r.speakerAccuracy, 3)}  e2e_quoted_f1 ${pyFixed(r.e2eQuotedF1, 3)}\n`;
  return rows.join('') + headline;
}

const ratio = (a: number, b: number): string => (b ? (a / b).toFixed(3) : '-');

/** One line per attribution rule, in the engine's order: quotes decided, their precision and speaker accuracy. */
export function sievesAsTable(bySieve: SieveTotals): string {
  const known: readonly string[] = SIEVES;
  const names = [...known, ...[...bySieve.keys()].filter((k) => !known.includes(k)).sort()];
  const header = `${'sieve'.padEnd(26)}${'quotes'.padStart(8)}${'precision'.padStart(11)}${'speaker'.padStart(9)}\n`;
  const rows = names.flatMap((name) => {
    const c = bySieve.get(name);
    if (!c) return [];
    return [
      `${name.padEnd(26)}${String(c.predicted).padStart(8)}${ratio(c.matched, c.predicted).padStart(11)}` +
        `${ratio(c.speakerRight, c.speakerTotal).padStart(9)}\n`,
    ];
  });
  return header + rows.join('');
}
