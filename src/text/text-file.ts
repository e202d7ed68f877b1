import { readFile } from 'node:fs/promises';

// Offsets printed for a file must index the text the scorer reads with Python's
// open(encoding='utf-8').read(): strict UTF-8, a BOM kept as U+FEFF, and universal
// newlines (\r\n and a lone \r read as \n).

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class TextFileError extends Error {
  override name = 'TextFileError';
}

export const toUniversalNewlines = (s: string): string => s.replace(/\r\n?/g, '\n');

export function decodeTextLikePython(bytes: Uint8Array): string {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw new TextFileError('not valid UTF-8');
  }
  return toUniversalNewlines(text);
}

export async function readTextFileLikePython(path: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String(err);
    throw new TextFileError(reason);
  }
  return decodeTextLikePython(bytes);
}
