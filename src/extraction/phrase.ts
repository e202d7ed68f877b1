import type { Token } from './tokens.js';
import type { Mention, MentionKind } from './mentions.js';
import { countryKey, lexicon } from './lexicon.js';

// What a noun phrase found next to a cue says about its speaker: a person
// (title and name split apart), an unnamed source, a group or an organization.

const NUMERALS = lexicon.grammar.numerals;

function makeMention(
  start: number,
  end: number,
  text: string,
  kind: MentionKind,
  name: string,
  role: string | null,
  head: string,
  plural: boolean,
  definite: boolean,
  from: number,
  to: number,
): Mention {
  return { start, end, text, kind, name, role, head, plural, definite, from, to };
}

function hasApostrophe(s: string): boolean {
  return s.indexOf("'") >= 0 || s.indexOf('’') >= 0;
}

export function build(tokens: Token[], from: number, to: number, text: string): Mention | null {
  let a = from;
  // Sentence-opening connectives are capitalised but are not names ("But Putin").
  while (
    a < to &&
    tokens[a]!.kind === 'word' &&
    lexicon.sentenceAdverbs.has(tokens[a]!.lower) &&
    !lexicon.determiners.has(tokens[a]!.lower)
  )
    a++;
  while (a < to && tokens[a]!.kind !== 'word') a++;
  let b = to;
  while (b > a && tokens[b - 1]!.kind !== 'word') b--;
  if (b <= a) return null;
  const firstWord = tokens[a]!;
  const headTok = tokens[b - 1]!;
  let wordCount = 0;
  for (let i = a; i < b; i++) {
    const w = tokens[i]!;
    if (w.kind !== 'word') continue;
    wordCount++;
    // "I'm", "we've": a contraction is a pronoun with a verb, not a name.
    if (hasApostrophe(w.lower) && /[’'](m|re|ve|ll|d)$|n[’']t$/.test(w.lower)) return null;
  }
  if (hasApostrophe(headTok.lower) && /[’']s$/.test(headTok.lower)) return null;
  const head = headTok.lower;
  const det = lexicon.determiners.has(firstWord.lower) ? firstWord.lower : '';
  const contentCount = det ? wordCount - 1 : wordCount;
  if (contentCount === 0) return null;
  if (lexicon.nonSpeakerHeads.has(head) && !headTok.cap) return null;
  if (det) {
    let second = a + 1;
    while (second < b && tokens[second]!.kind !== 'word') second++;
    const l = tokens[second]?.lower;
    if (l === 'the' || l === 'a' || l === 'an') return null;
  }
  const start = firstWord.start;
  const end = headTok.end;
  const phrase = text.slice(start, end);
  const definite = det === 'the';
  if (!headTok.cap) {
    const plural = head.endsWith('s') && !head.endsWith('ss') && head !== 'press';
    if (lexicon.orgOnlyHeads.has(head) && !plural)
      return makeMention(start, end, phrase, 'organization', phrase, null, head, false, definite, a, b);
    if (det === 'both' || (plural && lexicon.groupHeads.has(head) && !NUMERALS.has(det)))
      return makeMention(start, end, phrase, 'group', phrase, null, head, true, definite, a, b);
    if (lexicon.anonymousHeads.has(head) || lexicon.groupHeads.has(head))
      return makeMention(start, end, phrase, 'anonymous', phrase, null, head, plural, definite, a, b);
    // "the gambling tycoon": a determined phrase no list knows still describes someone.
    if (det && /^[\p{Ll}-]+$/u.test(headTok.text))
      return makeMention(start, end, phrase, 'anonymous', phrase, null, head, plural, definite, a, b);
    return null;
  }
  // "Gary P. Smaby of Smaby Group Inc": a person with the body they speak for.
  for (let o = a + 2; o < b - 1; o++) {
    if (tokens[o]!.kind !== 'word' || tokens[o]!.lower !== 'of' || !tokens[o + 1]!.cap) continue;
    const person = build(tokens, a, o, text);
    if (!person || person.kind !== 'person' || !person.name.includes(' ')) break;
    if (lexicon.organizationHeads.has(person.head) || lexicon.countryHeads.has(person.head)) break;
    const affiliation = text.slice(tokens[o + 1]!.start, headTok.end);
    return { ...person, end: headTok.end, text: phrase, affiliation, to: b };
  }
  // Capitalised head: an organisation, a group ("Democrats") or a person.
  // A country speaks as an organization: "North Korea", "the U.S.", "Britain".
  if (lexicon.countryHeads.has(head.replace(/\./g, '')) && lexicon.countries.has(countryKey(phrase)))
    return makeMention(start, end, phrase, 'organization', phrase, null, head, false, definite, a, b);
  const allCaps = headTok.text.length >= 2 && headTok.text === headTok.text.toUpperCase();
  if (
    lexicon.organizationHeads.has(head) &&
    (det !== '' || contentCount > 1 || lexicon.orgOnlyHeads.has(head) || allCaps)
  ) {
    return makeMention(start, end, phrase, 'organization', phrase, null, head, false, definite, a, b);
  }
  if (allCaps && contentCount === 1 && /^[A-Z]+$/.test(headTok.text))
    return makeMention(start, end, phrase, 'organization', phrase, null, head, false, definite, a, b);
  if (lexicon.groupHeads.has(head) && contentCount <= 2)
    return makeMention(start, end, phrase, 'group', phrase, null, head, true, definite, a, b);
  // Person: trailing capitalised words that are not titles form the name.
  let k = b - 1;
  let nameStart = b;
  while (k >= a) {
    const t = tokens[k]!;
    if (t.kind === 'word' && t.cap && !lexicon.titles.has(t.lower)) {
      nameStart = k;
      k--;
      continue;
    }
    if (t.kind === 'word' && lexicon.nameSuffixes.has(t.lower)) {
      k--;
      continue;
    }
    // "Joseph R. Biden": the full stop of a middle initial.
    const initial = tokens[k - 1];
    if (
      t.kind === 'punct' &&
      t.text === '.' &&
      k - 1 > a &&
      initial !== undefined &&
      initial.kind === 'word' &&
      initial.text.length === 1 &&
      initial.cap &&
      tokens[k - 2]!.kind === 'word' &&
      tokens[k - 2]!.cap &&
      !lexicon.titles.has(tokens[k - 2]!.lower)
    ) {
      k--;
      continue;
    }
    break;
  }
  // Only titles ("President", "the Secretary"): a descriptor, resolved like "the official".
  if (nameStart >= b) return makeMention(start, end, phrase, 'anonymous', phrase, null, head, false, definite, a, b);
  const name = text.slice(tokens[nameStart]!.start, end);
  // "You", "Him": a pronoun is no name.
  if (nameStart === b - 1 && lexicon.otherPronouns.has(headTok.lower)) return null;
  let role: string | null = null;
  if (nameStart > a) {
    const rs = det ? a + 1 : a;
    const roleText = rs < nameStart ? text.slice(tokens[rs]!.start, tokens[nameStart - 1]!.end) : '';
    const honorific = /^(mr|mrs|ms|dr|miss)\.?$/i.test(roleText.trim());
    role = roleText && !honorific ? roleText : null;
  }
  return makeMention(start, end, phrase, 'person', name, role, head, false, definite, a, b);
}
