import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT } from './fixtures.js';

// The seed article, the PolNeAR corpus and the reference scorers sit beside a
// team's checkout, in ../shared, and are not part of the repository: a clone
// alone has none of them. Tests that read them run where they are (CI has them)
// and skip elsewhere, with one line that says what is missing.

export const SHARED_DIR = path.resolve(REPO_ROOT, '../shared');
export const SEED_ARTICLE = 'seed/floridian-2021-12-30-biden-putin-call.txt';
export const REFERENCE_SCORER = 'eval/score_attributions.py';

/**
 * The path of `relative` in ../shared; null when it is not there, after printing
 * one line that names it and the `tests` of this file that skip for want of it.
 */
export function sharedFile(relative: string, tests: string): string | null {
  const file = path.join(SHARED_DIR, relative);
  if (existsSync(file)) return file;
  const testFile = expect.getState().testPath;
  const where = testFile ? `${path.relative(REPO_ROOT, testFile)}: ` : '';
  process.stderr.write(`${where}skipping ${tests}: no ../shared/${relative} beside this checkout\n`);
  return null;
}

/** The text of `relative` in ../shared, or null as sharedFile() says. */
export function sharedText(relative: string, tests: string): string | null {
  const file = sharedFile(relative, tests);
  return file === null ? null : readFileSync(file, 'utf8');
}
