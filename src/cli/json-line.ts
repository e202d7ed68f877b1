// Consumers split the output into lines with Python's str.splitlines(), which also
// breaks on U+0085, U+2028 and U+2029; JSON.stringify leaves those raw.
const LINE_BREAKS_JSON_KEEPS = /[\u0085\u2028\u2029]/g;

export function toJsonLine(value: unknown): string {
  const json = JSON.stringify(value).replace(
    LINE_BREAKS_JSON_KEEPS,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${json}\n`;
}
