import type { SpeakerKind } from './types.js';
import type { Token } from './tokens.js';
import { lexicon } from './lexicon.js';
import { build } from './phrase.js';

// Speaker mentions are noun phrases read outward from a cue: leftward for a
// subject ("the Biden official told"), rightward for an inverted one ("said
// Psaki") or an "according to" object.

export type MentionKind = SpeakerKind | 'pronoun';

export interface Mention {
  start: number;
  end: number;
  text: string;
  kind: MentionKind;
  /** Person: the name without its title; others: the descriptor. */
  name: string;
  role: string | null;
  /** The body a person speaks for, when the mention says it ("Gary P. Smaby of Smaby Group Inc"). */
  affiliation?: string;
  /** Lower-cased last word, for descriptor coreference ("official"). */
  head: string;
  plural: boolean;
  /** Starts with "the" (refers back) rather than "a" (introduces). */
  definite: boolean;
  /** Token range [from, to) of the phrase. */
  from: number;
  to: number;
}

const MONTHS_DAYS = lexicon.grammar.monthsDays;

function isNounPhraseWord(t: Token): boolean {
  if (t.kind !== 'word') return false;
  if (t.cap) return !MONTHS_DAYS.has(t.lower);
  return (
    lexicon.titles.has(t.lower) ||
    lexicon.anonymousHeads.has(t.lower) ||
    lexicon.groupHeads.has(t.lower) ||
    lexicon.organizationHeads.has(t.lower)
  );
}

function isAbbrevDot(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  const prev = tokens[i - 1];
  return (
    t !== undefined &&
    t.kind === 'punct' &&
    t.text === '.' &&
    prev !== undefined &&
    prev.kind === 'word' &&
    (lexicon.abbreviations.has(prev.lower) || prev.lower.includes('.') || (prev.text.length === 1 && prev.cap))
  );
}

/** Leftmost token of a noun phrase that ends at token `last`, or -1. */
function scanLeft(tokens: Token[], from: number, last: number): number {
  let i = last;
  let first = -1;
  while (i >= from) {
    const t = tokens[i]!;
    if (isNounPhraseWord(t)) {
      first = i;
      i--;
      continue;
    }
    if (isAbbrevDot(tokens, i) && (first >= 0 || (i === last && lexicon.nameSuffixes.has(tokens[i - 1]!.lower)))) {
      first = i;
      i--;
      continue;
    }
    if (
      t.kind === 'word' &&
      (t.lower === 'and' || t.lower === 'of' || t.lower === '&') &&
      first >= 0 &&
      i - 1 >= from &&
      (isNounPhraseWord(tokens[i - 1]!) || isAbbrevDot(tokens, i - 1))
    ) {
      i--;
      continue;
    }
    if (t.kind === 'word' && lexicon.determiners.has(t.lower) && first >= 0) {
      first = i;
    }
    break;
  }
  return first;
}

// Anonymous descriptors may carry a trailing qualifier ("people familiar with
// the talks", "officials who spoke on condition of anonymity"): find the head
// noun before the qualifier word.
function scanLeftOverQualifier(tokens: Token[], from: number, last: number): { first: number; headEnd: number } | null {
  for (let k = last; k >= from && k >= last - 10; k--) {
    const t = tokens[k]!;
    if (t.kind === 'quote') return null;
    if (
      t.kind === 'word' &&
      lexicon.postModifiers.has(t.lower) &&
      (t.lower === 'familiar' ||
        t.lower === 'close' ||
        t.lower === 'knowledgeable' ||
        t.lower === 'briefed' ||
        t.lower === 'who' ||
        t.lower === 'speaking' ||
        t.lower === 'granted' ||
        t.lower === 'requesting' ||
        t.lower === 'authorized' ||
        t.lower === 'not')
    ) {
      const h = tokens[k - 1];
      if (h && h.kind === 'word' && lexicon.anonymousHeads.has(h.lower)) {
        const first = scanLeft(tokens, from, k - 1);
        if (first >= 0) return { first, headEnd: k - 1 };
      }
      if (h && h.kind === 'punct' && h.text === ',' && t.lower === 'who') return null;
    }
  }
  return null;
}

export function skipAuxiliariesLeft(tokens: Token[], from: number, i: number): number {
  let k = i;
  let skipped = 0;
  while (k >= from && skipped < 3) {
    const t = tokens[k]!;
    if (
      t.kind === 'word' &&
      !t.cap &&
      (lexicon.auxiliaries.has(t.lower) ||
        (t.lower.endsWith('ly') && t.lower.length > 4) ||
        t.lower === 'however' ||
        (lexicon.perfectAdverbs.has(t.lower) && k > from && lexicon.auxiliaries.has(tokens[k - 1]!.lower)))
    ) {
      k--;
      skipped++;
      continue;
    }
    break;
  }
  return k;
}

/** The subject of a cue at token `cue`: the phrase right before it. */
export function mentionLeftOf(tokens: Token[], from: number, cue: number, text: string): Mention | null {
  let last = skipAuxiliariesLeft(tokens, from, cue - 1);
  if (last < from) return null;
  // "Sen. Rand Paul (R-Ky.) said": the party tag stays out of the way.
  if (tokens[last]!.kind === 'punct' && tokens[last]!.text === ')') {
    for (let k = last - 1; k >= from && k >= last - 8; k--) {
      if (tokens[k]!.kind === 'punct' && tokens[k]!.text === '(') {
        const inner = phraseEndingAt(tokens, from, k - 1, text);
        if (inner && inner.kind === 'person') return inner;
        last = k - 1;
        break;
      }
    }
    if (last < from) return null;
  }
  const t = tokens[last]!;
  if (t.kind === 'word' && lexicon.pronouns.has(t.lower)) return pronounMention(t, last);
  if (t.kind === 'word' && (t.lower === 'who' || t.lower === 'which')) {
    // The relative pronoun is the local mention; its antecedent says who it is.
    const comma = tokens[last - 1];
    const antecedent =
      comma && comma.kind === 'punct' && comma.text === ','
        ? mentionLeftOf(tokens, from, last - 1, text)
        : phraseEndingAt(tokens, from, last - 1, text);
    if (!antecedent || antecedent.kind === 'pronoun') return null;
    // "the European Union, which contended": "which" stands for an organization, never a person.
    if (t.lower === 'which' && antecedent.kind !== 'organization') return null;
    return { ...antecedent, start: t.start, end: t.end, text: t.text, from: last, to: last + 1 };
  }
  // Apposition: "Yuri Ushakov, a Kremlin aide, said", "Trump, speaking in Wilmington, N.C., warned".
  if (t.kind === 'punct' && (t.text === ',' || t.text === '—' || t.text === '–'))
    return appositionSubject(tokens, from, last, text, t.text);
  return phraseEndingAt(tokens, from, last, text);
}

// Sentence openers skipped before a subject, and prepositions that show there is none.
const CONNECTIVES = lexicon.grammar.connectives;
const PREPOSITIONS = lexicon.grammar.prepositions;

const CLAUSE_EDGE = lexicon.grammar.clauseEdge;

function opensClause(tokens: Token[], from: number, i: number): boolean {
  if (i <= from) return true;
  const b = tokens[i - 1]!;
  return (
    (b.kind === 'word' && CLAUSE_EDGE.has(b.lower)) ||
    (b.kind === 'punct' && (b.text === ',' || b.text === ';' || b.text === ':' || b.text === '—' || b.text === '(')) ||
    b.kind === 'quote'
  );
}

/** Where a description ending at token `at` starts, when lower-case words alone lead back to a clause's start. */
function descriptionStart(tokens: Token[], from: number, at: number): number {
  let j = at;
  while (j > from && j > at - 4) {
    const t = tokens[j - 1]!;
    if (t.kind !== 'word' || CLAUSE_EDGE.has(t.lower) || PREPOSITIONS.has(t.lower)) break;
    if (t.cap && !PLAIN_DETERMINERS.has(t.lower)) break;
    j--;
  }
  return opensClause(tokens, from, j) ? j : -1;
}

// A description that opens its clause and names no one itself: a determiner, then up to a dozen words without a
// verb ("A lawyer for the news outlets", "The minister of the economy").
const MAX_DESCRIPTION = 12;
function describedFrom(tokens: Token[], from: number, last: number): number {
  for (let j = last; j >= from && j > last - MAX_DESCRIPTION; j--) {
    const t = tokens[j]!;
    if (t.kind !== 'word') return -1;
    if (lexicon.speech.has(t.lower) || lexicon.auxiliaries.has(t.lower) || CLAUSE_EDGE.has(t.lower)) return -1;
    if (PLAIN_DETERMINERS.has(t.lower) && opensClause(tokens, from, j)) return j;
  }
  return -1;
}

/** The capitalised body after the last "at" or "of" of a role: "editor at large at the Saudi Gazette". */
function affiliationIn(tokens: Token[], from: number, last: number, text: string): string | null {
  for (let k = last - 2; k >= from; k--) {
    const t = tokens[k]!;
    if (t.kind !== 'word' || (t.lower !== 'at' && t.lower !== 'of' && t.lower !== 'for')) continue;
    let s = k + 1;
    if (tokens[s]?.kind === 'word' && lexicon.determiners.has(tokens[s]!.lower)) s++;
    for (let j = s; j < last; j++) if (tokens[j]!.kind !== 'word' || !tokens[j]!.cap) return null;
    return s < last ? text.slice(tokens[s]!.start, tokens[last - 1]!.end) : null;
  }
  return null;
}

function appositionSubject(tokens: Token[], from: number, last: number, text: string, sep: string): Mention | null {
  let inner: Mention | null = null;
  let roleText = '';
  let firstPerson: Mention | null = null;
  let firstComma = true;
  for (let k = last - 1; k >= from && k >= last - 24; k--) {
    const u = tokens[k]!;
    if (u.kind === 'quote') return null;
    if (u.kind !== 'punct' || u.text !== sep) continue;
    if (firstComma) {
      const seg = phraseEndingAt(tokens, k + 1, last - 1, text);
      inner = seg && seg.from === k + 1 ? seg : null;
      // A short segment opening with a determiner or a title is a role even when no list knows its words
      // ("a spokesman", "editor at large at the Saudi Gazette").
      const opener = tokens[k + 1];
      if (
        (!inner || inner.from !== k + 1 || inner.to !== last) &&
        last - k - 1 <= 10 &&
        opener?.kind === 'word' &&
        !opener.cap &&
        (PLAIN_DETERMINERS.has(opener.lower) || lexicon.titles.has(opener.lower))
      ) {
        roleText = text.slice(opener.start, tokens[last - 1]!.end);
        inner = null;
      }
    }
    // "Rep. Jo Banks (D-N.Y.), chairman of ..., said": the party tag stays out of the way.
    let before = k - 1;
    if (tokens[before]?.kind === 'punct' && tokens[before]!.text === ')') {
      for (let j = before - 1; j >= from && j >= before - 8; j--)
        if (tokens[j]!.kind === 'punct' && tokens[j]!.text === '(') {
          before = j - 1;
          break;
        }
    }
    const outer = phraseEndingAt(tokens, from, before, text);
    const wasFirst = firstComma;
    firstComma = false;
    // "A lawyer for the news outlets, David Schulz, said": a description opening the clause, then the name.
    if (wasFirst && inner && inner.kind === 'person' && (!outer || outer.kind !== 'person')) {
      const start = describedFrom(tokens, from, before);
      if (start >= 0) {
        if (!inner.role) inner.role = stripDeterminer(text.slice(tokens[start]!.start, tokens[before]!.end));
        return inner;
      }
    }
    if (!outer || (outer.kind === 'pronoun' && outer.head === 'it')) continue;
    if (!firstPerson && outer.kind === 'person') firstPerson = outer;
    // "chief financial officer, Gregory Barnum, said": a description before the name gives its role.
    if (wasFirst && inner && inner.kind === 'person' && outer.kind === 'anonymous') {
      const start = descriptionStart(tokens, from, outer.from);
      if (start >= 0) {
        if (!inner.role) inner.role = stripDeterminer(text.slice(tokens[start]!.start, outer.end));
        // The mention runs from the description to the name, as the attribution does.
        return {
          ...inner,
          start: tokens[start]!.start,
          from: start,
          text: text.slice(tokens[start]!.start, inner.end),
        };
      }
    }
    if (!opensClause(tokens, from, outer.from)) continue;
    // "Sanders's campaign manager, Jeff Weaver, said": the name is the speaker, the descriptor its role.
    if (outer.kind === 'anonymous' && wasFirst && inner && inner.kind === 'person') {
      if (!inner.role) inner.role = outer.text;
      return inner;
    }
    if (outer.kind === 'person' && wasFirst && inner && !outer.role && inner.kind !== 'person')
      outer.role = stripDeterminer(inner.text);
    if (outer.kind === 'person' && wasFirst && !inner && roleText && !outer.role) {
      outer.role = stripDeterminer(roleText);
      const affiliation = affiliationIn(tokens, k + 1, last, text);
      if (affiliation && !outer.affiliation) outer.affiliation = affiliation;
    }
    return outer;
  }
  return firstPerson;
}

// "the narrator says": a determiner and up to three lower-case words before a
// cue name someone even when the head noun is in no list.
// Function words end a descriptor: "the letter and [said]" is no speaker.
const NOT_IN_DESCRIPTOR = lexicon.grammar.notInDescriptor;

const PLAIN_DETERMINERS = lexicon.grammar.plainDeterminers;

/** A head noun that reads as plural: "officials", not "press" or "boss". */
export function pluralHead(head: string): boolean {
  return head.endsWith('s') && !head.endsWith('ss');
}

/** The mention of a source described by the words of tokens [from, to): "the ad’s narrator", "federal prosecutors". */
export function descriptorMention(
  tokens: Token[],
  from: number,
  to: number,
  text: string,
  d: { kind: 'anonymous' | 'group'; head: string; plural: boolean; definite: boolean },
): Mention {
  const start = tokens[from]!.start;
  const end = tokens[to - 1]!.end;
  return {
    start,
    end,
    text: text.slice(start, end),
    kind: d.kind,
    name: text.slice(start, end),
    role: null,
    head: d.head,
    plural: d.plural,
    definite: d.definite,
    from,
    to,
  };
}

/** 'says the ad’s narrator': a determiner and lower-case words up to the end of the clause. */
export function plainDescriptorFrom(tokens: Token[], first: number, to: number, text: string): Mention | null {
  const d = tokens[first];
  if (!d || d.kind !== 'word' || !PLAIN_DETERMINERS.has(d.lower)) return null;
  let k = first + 1;
  while (
    k < to &&
    k <= first + 5 &&
    tokens[k]!.kind === 'word' &&
    !tokens[k]!.cap &&
    /^[\p{Ll}’'-]+$/u.test(tokens[k]!.text) &&
    !NOT_IN_DESCRIPTOR.has(tokens[k]!.lower)
  )
    k++;
  const endTok = tokens[k];
  if (k === first + 1 || (endTok !== undefined && k < to && !(endTok.kind === 'punct' && ',.;:'.includes(endTok.text))))
    return null;
  const head = tokens[k - 1]!.lower;
  if (lexicon.nonSpeakerHeads.has(head) || /[’']s$/.test(head)) return null;
  return descriptorMention(tokens, first, k, text, {
    kind: 'anonymous',
    head,
    plural: pluralHead(head),
    definite: d.lower === 'the',
  });
}

function plainDescriptorEndingAt(tokens: Token[], from: number, last: number, text: string): Mention | null {
  for (let k = last - 1; k >= from - 1 && k >= last - 3; k--) {
    const t = tokens[k];
    // '"...," federal prosecutors wrote': bare plural words right after a quote or at the start.
    if (!t || t.kind === 'quote' || (t.kind === 'punct' && t.text === ',')) {
      const head = tokens[last]!;
      if (!/^[\p{Ll}-]+s$/u.test(head.text) || lexicon.nonSpeakerHeads.has(head.lower)) return null;
      for (let j = k + 1; j <= last; j++)
        if (
          tokens[j]!.kind !== 'word' ||
          tokens[j]!.cap ||
          NOT_IN_DESCRIPTOR.has(tokens[j]!.lower) ||
          lexicon.auxiliaries.has(tokens[j]!.lower)
        )
          return null;
      return descriptorMention(tokens, k + 1, last + 1, text, {
        kind: 'group',
        head: head.lower,
        plural: true,
        definite: false,
      });
    }
    if (t.kind !== 'word') return null;
    if (PLAIN_DETERMINERS.has(t.lower) || /[’']s$/.test(t.lower)) {
      for (let j = k + 1; j <= last; j++) {
        const w = tokens[j]!;
        if (w.kind !== 'word' || w.cap || NOT_IN_DESCRIPTOR.has(w.lower) || lexicon.auxiliaries.has(w.lower))
          return null;
      }
      const head = tokens[last]!.lower;
      if (lexicon.nonSpeakerHeads.has(head) || !/^[\p{Ll}\d-]+$/u.test(head)) return null;
      return descriptorMention(tokens, k, last + 1, text, {
        kind: 'anonymous',
        head,
        plural: pluralHead(head),
        definite: t.lower === 'the',
      });
    }
    if (t.cap) return null;
  }
  return null;
}

function phraseEndingAt(tokens: Token[], from: number, last: number, text: string): Mention | null {
  const q = scanLeftOverQualifier(tokens, from, last);
  if (q && !isNounPhraseWord(tokens[last]!)) {
    const m = build(tokens, q.first, q.headEnd + 1, text);
    if (!m) return null;
    const end = tokens[last]!.end;
    m.end = end;
    m.text = text.slice(m.start, end);
    m.to = last + 1;
    if (m.kind === 'group') m.kind = 'anonymous';
    m.name = m.text;
    return m;
  }
  let first = scanLeft(tokens, from, last);
  if (first < 0) return plainDescriptorEndingAt(tokens, from, last, text);
  // "the port authority spokesman": lower-case modifiers between a determiner and the phrase.
  if (!lexicon.determiners.has(tokens[first]!.lower)) {
    for (let k = first - 1; k >= from && k >= first - 3; k--) {
      const t = tokens[k]!;
      if (t.kind !== 'word') break;
      // "The transport ministry": a determiner opening the sentence is capitalised.
      if (PLAIN_DETERMINERS.has(t.lower) && (!t.cap || k === from)) {
        first = k;
        break;
      }
      if (t.cap) break;
      if (
        !/^[\p{Ll}-]+$/u.test(t.text) ||
        PREPOSITIONS.has(t.lower) ||
        lexicon.speech.has(t.lower) ||
        lexicon.auxiliaries.has(t.lower)
      )
        break;
    }
  }
  return build(tokens, first, last + 1, text);
}

// Words that open a qualifier after an unnamed source's head noun: "a person
// familiar with the matter", "officials who spoke on condition of anonymity".
// Those that say the source is unnamed make a group of them ("people familiar
// with ...") an anonymous source.
const ANONYMITY_QUALIFIERS = lexicon.grammar.anonymityQualifiers;
const QUALIFIER_OPENERS = lexicon.grammar.qualifierOpeners;

/** A phrase starting at token `first` (after "according to", or an inverted "said X"). */
export function mentionRightFrom(
  tokens: Token[],
  first0: number,
  to: number,
  text: string,
  bareModifiers = false,
): Mention | null {
  let first = first0;
  while (first < to && tokens[first]!.kind === 'word' && CONNECTIVES.has(tokens[first]!.lower)) first++;
  if (tokens[first]?.kind === 'word' && PREPOSITIONS.has(tokens[first]!.lower)) return null;
  let i = first;
  const t0 = tokens[i];
  if (!t0) return null;
  if (t0.kind === 'word' && lexicon.pronouns.has(t0.lower) && t0.lower !== 'it') return pronounMention(t0, i);
  const hasDeterminer = t0.kind === 'word' && lexicon.determiners.has(t0.lower);
  if (hasDeterminer) i++;
  let last = -1;
  while (i < to) {
    const t = tokens[i]!;
    if (isNounPhraseWord(t) || (isAbbrevDot(tokens, i) && last >= 0)) {
      last = i;
      i++;
      continue;
    }
    // Modifiers no list holds ("the county engineer", "retired neurosurgeon Ben Carson").
    if (
      last < 0 &&
      (hasDeterminer || bareModifiers) &&
      i - first < 3 &&
      t.kind === 'word' &&
      !t.cap &&
      /^[\p{Ll}-]+$/u.test(t.text) &&
      !PREPOSITIONS.has(t.lower)
    ) {
      let k = i + 1;
      while (
        k < to &&
        k < i + 3 &&
        tokens[k]!.kind === 'word' &&
        !tokens[k]!.cap &&
        !isNounPhraseWord(tokens[k]!) &&
        !lexicon.determiners.has(tokens[k]!.lower)
      )
        k++;
      if (k < to && isNounPhraseWord(tokens[k]!)) {
        i = k;
        continue;
      }
    }
    if (
      t.kind === 'word' &&
      (t.lower === 'and' || t.lower === 'of' || t.lower === '&') &&
      last >= 0 &&
      i + 1 < to &&
      isNounPhraseWord(tokens[i + 1]!)
    ) {
      i++;
      continue;
    }
    break;
  }
  if (last < 0) return null;
  const endTok = last + 1;
  // Qualifier after an anonymous head: "a person familiar with the matter".
  const head = tokens[last]!;
  const nxt = tokens[endTok];
  if (
    !head.cap &&
    lexicon.anonymousHeads.has(head.lower) &&
    nxt &&
    nxt.kind === 'word' &&
    QUALIFIER_OPENERS.has(nxt.lower)
  ) {
    let k = endTok;
    while (k < to && tokens[k]!.kind === 'word' && k < endTok + 10) k++;
    const m = build(tokens, first, last + 1, text);
    if (!m) return null;
    m.end = tokens[k - 1]!.end;
    m.text = text.slice(m.start, m.end);
    m.name = m.text;
    m.to = k;
    if (m.kind === 'group' && ANONYMITY_QUALIFIERS.has(nxt.lower)) m.kind = 'anonymous';
    return m;
  }
  const m = build(tokens, first, endTok, text);
  if (!m) return null;
  // Apposition after the name: "said Jen Psaki, White House press secretary".
  const comma = tokens[endTok];
  if (m.kind === 'person' && comma && comma.kind === 'punct' && comma.text === ',') {
    let k = endTok + 1;
    const s = k;
    if (tokens[k] && lexicon.determiners.has(tokens[k]!.lower)) k++;
    while (k < to && isNounPhraseWord(tokens[k]!) && !tokens[k]!.cap) k++;
    // "editor at large at the Saudi Gazette": prepositions and determiners inside the role, which may end with
    // the organization the person is affiliated with.
    while (
      k < to &&
      (isNounPhraseWord(tokens[k]!) ||
        lexicon.grammar.roleLinks.has(tokens[k]!.lower) ||
        (PLAIN_DETERMINERS.has(tokens[k]!.lower) && tokens[k - 1]!.kind === 'word') ||
        (k > s && lexicon.grammar.roleLinks.has(tokens[k - 1]!.lower) && /^[\p{Ll}]+$/u.test(tokens[k]!.text)))
    )
      k++;
    while (
      k > s &&
      tokens[k - 1]!.kind === 'word' &&
      (lexicon.grammar.roleLinks.has(tokens[k - 1]!.lower) || PLAIN_DETERMINERS.has(tokens[k - 1]!.lower))
    )
      k--;
    if (k > s + 0 && k - s <= 10) {
      const words = tokens.slice(s, k).filter((t) => t.kind === 'word');
      if (words.some((w) => !w.cap && lexicon.titles.has(w.lower))) {
        m.role = stripDeterminer(text.slice(tokens[s]!.start, tokens[k - 1]!.end));
        const affiliation = affiliationIn(tokens, s, k, text);
        if (affiliation && !m.affiliation) m.affiliation = affiliation;
      }
    }
  }
  return m;
}

function pronounMention(t: Token, i: number): Mention {
  const kind = lexicon.pronouns.get(t.lower);
  return {
    start: t.start,
    end: t.end,
    text: t.text,
    kind: 'pronoun',
    name: t.text,
    role: null,
    head: t.lower,
    plural: kind === 'plural',
    definite: true,
    from: i,
    to: i + 1,
  };
}

function stripDeterminer(s: string): string {
  const sp = s.indexOf(' ');
  if (sp > 0 && lexicon.determiners.has(s.slice(0, sp).toLowerCase())) return s.slice(sp + 1);
  return s;
}

/** Classify and split the phrase tokens[from, to). */
