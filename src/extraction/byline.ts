import type { Paragraph } from './paragraphs.js';

// Byline lines near the top name the writer, who reports rather than speaks:
// "By Jane Doe", or a short all-capitalised name line repeated or followed by a date.

const NAME_LINE = /^(?:by\s+)?((?:[\p{Lu}][\p{L}.'’-]{0,30}\s+){1,3}[\p{Lu}][\p{L}.'’-]{0,30})$/u;
const DATE_HINT = /\b(?:19|20)\d\d\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d/;

export function findBylineAuthors(text: string, paragraphs: Paragraph[]): string[] {
  const out: string[] = [];
  const top = paragraphs.slice(0, 10);
  for (let i = 0; i < top.length; i++) {
    const p = top[i]!;
    if (p.end - p.start > 60) continue;
    const line = text.slice(p.start, p.end);
    const m = NAME_LINE.exec(line);
    if (!m || !m[1]) continue;
    const explicit = /^by\s/i.test(line);
    const next = top[i + 1];
    const prev = top[i - 1];
    const nextText = next ? text.slice(next.start, next.end) : '';
    const prevText = prev ? text.slice(prev.start, prev.end) : '';
    if (explicit || nextText === line || prevText === line || (nextText.length < 40 && DATE_HINT.test(nextText)))
      out.push(m[1]);
  }
  return out;
}
