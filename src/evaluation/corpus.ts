import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compareCodePoints } from './python-compat.js';

/** A text of a BRAT folder and the annotation file the scorer uses for it, if any. */
export interface CorpusDocument {
  name: string;
  textPath: string;
  annotationPath: string | null;
}

/**
 * The texts of DIR/text in name order (names without `.txt`, ordered by code point),
 * each with the first DIR/attributions file in name order that is `<name>_*.ann`.
 * A non-zero limit slices the list the way Python's names[:limit] does.
 */
export function listCorpus(dir: string, limit = 0): CorpusDocument[] {
  const textDir = join(dir, 'text');
  const annDir = join(dir, 'attributions');
  let names = readdirSync(textDir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -4))
    .sort(compareCodePoints);
  const anns = readdirSync(annDir).sort(compareCodePoints);
  if (limit !== 0) names = names.slice(0, limit);
  return names.map((name) => {
    const ann = anns.find((a) => a.startsWith(`${name}_`) && a.endsWith('.ann'));
    return {
      name,
      textPath: join(textDir, `${name}.txt`),
      annotationPath: ann === undefined ? null : join(annDir, ann),
    };
  });
}
