// Paragraphs are the lines of the text: newspaper copy puts one paragraph per
// line, and the quote conventions (a quote continues into the next paragraph)
// are defined on them.

export interface Paragraph {
  index: number;
  start: number;
  /** End of the paragraph without trailing whitespace. */
  end: number;
}

export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let lineStart = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 10;
    if (c !== 10 && c !== 13 && c !== 0x2029 && c !== 0x2028) continue;
    let s = lineStart;
    let e = i;
    while (s < e && isBlank(text.charCodeAt(s))) s++;
    while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ index: out.length, start: s, end: e });
    lineStart = i + 1;
  }
  return out;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 12 || c === 11 || c === 0x200b || c === 0xfeff;
}
