import { normalizeName } from '../text/normalize.js';
import type { CandidateSpeaker } from './repository.js';

// Does a claimed name ("Putin", "Vladimir Putin", "President Putin", "a senior
// official") refer to a stored speaker? Surnames match persons; descriptors
// match anonymous sources, groups and organizations by containment.

const HONORIFICS = new Set([
  'president',
  'mr',
  'mrs',
  'ms',
  'dr',
  'sen',
  'senator',
  'rep',
  'representative',
  'gov',
  'governor',
  'secretary',
  'minister',
  'prime',
  'chancellor',
  'mayor',
  'judge',
  'justice',
  'gen',
  'general',
  'sir',
  'dame',
  'vice',
]);
const ARTICLES = /^(the|a|an)\s+/;

function tokens(name: string): string[] {
  const words = normalizeName(name).replace(/[.,]/g, '').split(' ').filter(Boolean);
  const firstReal = words.findIndex((w) => !HONORIFICS.has(w));
  return firstReal < 0 ? words : words.slice(firstReal);
}

function sameGivenName(a: string, b: string): boolean {
  return a === b || ((a.length === 1 || b.length === 1) && a[0] === b[0]);
}

export function refersTo(claimed: string, speaker: CandidateSpeaker): boolean {
  const names = [speaker.name, ...speaker.aliases];
  const claim = normalizeName(claimed).replace(ARTICLES, '');
  if (names.some((n) => normalizeName(n).replace(ARTICLES, '') === claim)) return true;
  if (speaker.kind === 'person') {
    const c = tokens(claimed);
    return names.some((n) => {
      const t = tokens(n);
      if (c.length === 0 || t.length === 0 || c[c.length - 1] !== t[t.length - 1]) return false;
      return c.length === 1 || t.length === 1 || sameGivenName(c[0]!, t[0]!);
    });
  }
  return names.some((n) => {
    const name = normalizeName(n).replace(ARTICLES, '');
    return name.length > 2 && claim.length > 2 && (name.includes(claim) || claim.includes(name));
  });
}
