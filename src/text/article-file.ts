import { readFile } from 'node:fs/promises';
import { toUniversalNewlines } from '../evaluation/brat.js';

// Offsets printed for a file must index the text the scorer reads with Python's
// open(encoding='utf-8'): strict UTF-8, a BOM kept as U+FEFF, universal newlines.

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class ArticleFileError extends Error {
  override name = 'ArticleFileError';
}

export function decodeArticleText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw new ArticleFileError('not valid UTF-8');
  }
  return toUniversalNewlines(text);
}

export async function readArticleFile(path: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(err);
    throw new ArticleFileError(reason);
  }
  return decodeArticleText(bytes);
}
