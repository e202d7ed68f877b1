import { extractQuotes } from '../extraction/index.js';
import { presentExtractedQuote } from '../extraction/present.js';
import { readTextFileLikePython } from '../text/text-file.js';
import { parseAttributions } from './brat.js';
import { listCorpus } from './corpus.js';
import { emptyTotals, scoreDocument, type ScoreTotals, type SieveTotals } from './score.js';

export class ExtractionFailed extends Error {
  override name = 'ExtractionFailed';
}

/**
 * Runs the engine on every text of a BRAT folder and scores the texts that have an
 * annotation file. Like the script, any text that cannot be extracted fails the run.
 * `bySieve`, when given, also gets the counts per attribution rule.
 */
export async function evaluateCorpus(dir: string, limit = 0, bySieve?: SieveTotals): Promise<ScoreTotals> {
  const totals = emptyTotals();
  for (const doc of listCorpus(dir, limit)) {
    const text = await readTextFileLikePython(doc.textPath).catch((err: Error) => {
      throw new ExtractionFailed(`cannot read ${doc.textPath}: ${err.message}`);
    });
    let predictions: unknown[];
    try {
      const presented = extractQuotes(text).quotes.map(presentExtractedQuote);
      // Scored as printed by the extract command, so non-finite or missing values
      // count the same way on both sides.
      predictions = JSON.parse(JSON.stringify(presented)) as unknown[];
    } catch (err) {
      throw new ExtractionFailed(`extraction failed on ${doc.textPath}: ${(err as Error).message}`);
    }
    if (doc.annotationPath === null) continue;
    const annotationPath = doc.annotationPath;
    const annotations = await readTextFileLikePython(annotationPath).catch((err: Error) => {
      throw new Error(`cannot read ${annotationPath}: ${err.message}`, { cause: err });
    });
    try {
      scoreDocument(totals, { text, gold: parseAttributions(annotations), predictions }, bySieve);
    } catch (err) {
      throw new Error(`cannot score ${doc.name} (${annotationPath}): ${(err as Error).message}`, { cause: err });
    }
  }
  return totals;
}
