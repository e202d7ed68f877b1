import { toUniversalNewlines } from '../text/text-file.js';
import { PythonScorerWouldFail, pyInt, pySplitWhitespace } from './python-compat.js';

/** A character range [start, end) in code points, as BRAT files count them. */
export type CodePointRange = readonly [start: number, end: number];

/** One attribution relation: what was said (possibly discontinuous) and by whom. */
export interface GoldAttribution {
  content: CodePointRange[];
  source: CodePointRange[];
}

/**
 * The attribution relations of a BRAT .ann file: every event with a Content role.
 * Malformed lines fail the same way they would in score_attributions.py.
 */
export function parseAttributions(annText: string): GoldAttribution[] {
  const spans = new Map<string, CodePointRange[]>();
  const events: Map<string, string[]>[] = [];
  const lines = toUniversalNewlines(annText).split('\n');
  for (const line of lines) {
    if (line === '') continue;
    if (line.startsWith('T')) {
      const [tid = '', mid = ''] = line.split('\t');
      const space = mid.indexOf(' ');
      const ranges = space < 0 ? '' : mid.slice(space + 1);
      spans.set(
        tid,
        ranges.split(';').map((r) => parseRange(r, line)),
      );
    } else if (line.startsWith('E')) {
      const fields = line.split('\t');
      if (fields.length < 2) throw new PythonScorerWouldFail(`event line without roles: ${line}`);
      const roles = new Map<string, string[]>();
      for (const item of pySplitWhitespace(fields[1]!)) {
        const parts = item.split(':');
        if (parts.length !== 2) throw new PythonScorerWouldFail(`bad event role ${JSON.stringify(item)}`);
        const [role = '', tid = ''] = parts;
        roles.set(role, [...(roles.get(role) ?? []), tid]);
      }
      events.push(roles);
    }
  }
  const rangesOf = (tids: string[] | undefined): CodePointRange[] =>
    (tids ?? []).flatMap((t) => {
      const rs = spans.get(t);
      if (!rs) throw new PythonScorerWouldFail(`event refers to unknown span ${t}`);
      return rs;
    });
  const gold: GoldAttribution[] = [];
  for (const roles of events) {
    const content = rangesOf(roles.get('Content'));
    const source = rangesOf(roles.get('Source'));
    if (content.length > 0) gold.push({ content, source });
  }
  return gold;
}

function parseRange(r: string, line: string): CodePointRange {
  const parts = pySplitWhitespace(r);
  if (parts.length !== 2) throw new PythonScorerWouldFail(`bad span range in: ${line}`);
  return [pyInt(parts[0]!), pyInt(parts[1]!)];
}
