import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes DIR/text/<name>.txt and DIR/attributions/<file>.ann into a fresh temp folder. */
export function writeBratFolder(texts: Record<string, string>, annotations: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'brat-'));
  mkdirSync(join(dir, 'text'));
  mkdirSync(join(dir, 'attributions'));
  for (const [name, text] of Object.entries(texts)) writeFileSync(join(dir, 'text', `${name}.txt`), text);
  for (const [file, ann] of Object.entries(annotations)) writeFileSync(join(dir, 'attributions', file), ann);
  return dir;
}

/** A BRAT annotation file from tab-separated rows. */
export const ann = (...rows: string[][]): string => rows.map((r) => r.join('\t')).join('\n') + '\n';
