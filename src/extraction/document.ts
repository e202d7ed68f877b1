import type { Paragraph } from './paragraphs.js';
import type { QuoteSpan } from './spans.js';
import type { Token } from './tokens.js';
import type { Sentence } from './sentences.js';
import type { Cue } from './cues.js';
import type { Mention } from './mentions.js';
import { tokenizeParagraph } from './tokens.js';
import { lexicon } from './lexicon.js';
import { splitSentences } from './sentences.js';
import { findCues } from './cues.js';
import {
  descriptorMention,
  mentionLeftOf,
  mentionRightFrom,
  plainDescriptorFrom,
  pluralHead,
  skipAuxiliariesLeft,
} from './mentions.js';

// One paragraph read once: tokens, sentences, and for each sentence its cues
// with the speaker mention each cue points at.

export interface CueWithSpeaker {
  cue: Cue;
  mention: Mention | null;
}

export interface SentenceInfo extends Sentence {
  /** Position in the paragraph's sentence list. */
  index: number;
  cues: CueWithSpeaker[];
}

export interface ParagraphInfo {
  paragraph: Paragraph;
  tokens: Token[];
  sentences: SentenceInfo[];
}

const CONNECTIVE_OPENERS = lexicon.grammar.connectiveOpeners;
const NOT_VERBS = lexicon.grammar.notVerbs;

const CLAUSE_STARTERS = lexicon.grammar.clauseStarters;

// The subject of ", warning ..." is the subject of the clause it hangs on:
// the nearest phrase that opens a clause and is followed by its verb.
const MAX_SUBJECT_DISTANCE = 40;

/** Index of the ")" closing the "(" at `open`, within a few tokens; `open` itself when there is none. */
export function closingParen(tokens: Token[], open: number, limit: number): number {
  for (let k = open + 1; k < limit && k <= open + 8; k++)
    if (tokens[k]!.kind === 'punct' && tokens[k]!.text === ')') return k;
  return open;
}

// "The email goes on to say": a determiner and up to three lower-case words before a verb.
export function describedSubject(tokens: Token[], j: number, limit: number, text: string): Mention | null {
  const d = tokens[j];
  if (!d || d.kind !== 'word' || !lexicon.grammar.describedDeterminers.has(d.lower)) return null;
  let k = j + 1;
  while (
    k < limit &&
    k <= j + 3 &&
    tokens[k]!.kind === 'word' &&
    !tokens[k]!.cap &&
    !NOT_VERBS.has(tokens[k]!.lower) &&
    !lexicon.speech.has(tokens[k]!.lower)
  )
    k++;
  if (k === j + 1 || k > j + 3) return null;
  const next = tokens[k];
  // The next word must look like a finite verb: "the board was", "the email goes", "the ad claimed".
  if (!next || next.kind !== 'word' || next.cap || NOT_VERBS.has(next.lower)) return null;
  if (!lexicon.auxiliaries.has(next.lower) && !/(s|ed)$/.test(next.lower)) return null;
  const head = tokens[k - 1]!.lower;
  if (lexicon.nonSpeakerHeads.has(head)) return null;
  return descriptorMention(tokens, j, k, text, {
    kind: 'anonymous',
    head,
    plural: pluralHead(head),
    definite: d.lower === 'the',
  });
}

export function clauseSubject(tokens: Token[], from: number, cue: number, text: string): Mention | null {
  let firstContent = from;
  while (
    firstContent < cue &&
    tokens[firstContent]!.kind === 'word' &&
    CONNECTIVE_OPENERS.has(tokens[firstContent]!.lower)
  )
    firstContent++;
  const stop = Math.max(from, cue - MAX_SUBJECT_DISTANCE);
  for (let j = cue - 1; j >= stop; j--) {
    const before = tokens[j - 1];
    const opens =
      j === from ||
      (before !== undefined &&
        (before.kind === 'quote' ||
          (before.kind === 'word' && CLAUSE_STARTERS.has(before.lower)) ||
          (before.kind === 'punct' && (before.text === ';' || before.text === '—' || before.text === ','))));
    if (!opens) continue;
    // Only a capitalised word, a pronoun or a determiner can open a subject.
    const t = tokens[j]!;
    if (t.kind !== 'word' || !(t.cap || lexicon.pronouns.has(t.lower) || lexicon.determiners.has(t.lower))) continue;
    const m = mentionRightFrom(tokens, j, cue, text) ?? describedSubject(tokens, j, cue, text);
    if (!m || (m.kind === 'pronoun' && !lexicon.grammar.personalPronouns.has(m.head))) continue;
    // "Moving forward, ...": a capitalised gerund opening the sentence is no name.
    if (m.kind === 'person' && m.to - m.from === 1 && /ing$/.test(m.text) && j === from) continue;
    // The subject is followed by its verb; a comma (an aside: "Putin, according to ...,") only at the sentence start.
    let afterAt = m.to;
    if (tokens[afterAt]?.kind === 'punct' && tokens[afterAt]!.text === '(')
      afterAt = closingParen(tokens, afterAt, cue) + 1;
    const after = tokens[afterAt];
    const atStart = j <= firstContent;
    if (after && after.kind === 'word' && !after.cap && !NOT_VERBS.has(after.lower)) return m;
    if (after && after.kind === 'punct' && after.text === ',' && atStart) return m;
  }
  return null;
}

// After a quote these verbs name their speaker ('"...," warned Clinton'); the others name a hearer or a target.
const INVERTIBLE = lexicon.grammar.invertible;
const BE = lexicon.grammar.be;
const MODALS = lexicon.grammar.modals;
const PLURAL_PRONOUNS = lexicon.grammar.pluralPronouns;
const IRREGULAR_PAST = lexicon.grammar.irregularPast;

function isBaseForm(w: string): boolean {
  return !w.endsWith('s') && !w.endsWith('ed') && !w.endsWith('ing') && !IRREGULAR_PAST.has(w) && !w.includes(' ');
}

function spansAnd(tokens: Token[], m: Mention): boolean {
  for (let k = m.from + 1; k < m.to - 1; k++) if (tokens[k]!.kind === 'word' && tokens[k]!.lower === 'and') return true;
  return false;
}

/** "Mr. Grassley and Mr. Leahy say": the mention holds, or is the last of, two names joined by "and". */
function coordinated(tokens: Token[], from: number, m: Mention, text: string): boolean {
  if (m.kind === 'person' && spansAnd(tokens, m)) return true;
  const and = tokens[m.from - 1];
  if (!and || and.kind !== 'word' || and.lower !== 'and' || m.kind === 'pronoun') return false;
  const other = mentionLeftOf(tokens, from, m.from - 1, text);
  return other !== null && other.kind !== 'pronoun' && other.to === m.from - 1;
}

function isTimeWord(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'word' && lexicon.timeWords.has(t.lower);
}

function cueSpeaker(tokens: Token[], s: Sentence, cue: Cue, text: string): Mention | null {
  if (cue.kind === 'according')
    return mentionRightFrom(tokens, cue.to, s.to, text) ?? plainDescriptorFrom(tokens, cue.to, s.to, text);
  if (cue.kind === 'adjunct') return null;
  if (cue.participle) {
    // "with Senator John McCain telling reporters": a name right before the participle is its subject.
    const prev = tokens[cue.from - 1];
    if (prev && prev.kind === 'word') {
      const named = mentionLeftOf(tokens, s.from, cue.from, text);
      if (named && named.kind === 'person') return named;
    }
    return clauseSubject(tokens, s.from, cue.from, text);
  }
  const prevWord = tokens[cue.from - 1];
  // "was considered", "was officially declared": the subject of a passive is not its speaker.
  const beforeAdverb =
    prevWord && prevWord.kind === 'word' && /ly$/.test(prevWord.lower) ? tokens[cue.from - 2] : prevWord;
  if (beforeAdverb && beforeAdverb.kind === 'word' && BE.has(beforeAdverb.lower) && !cue.lower.endsWith('ing'))
    return null;
  // "was prompted to say", "goes on to say": the subject of the clause.
  if (prevWord && prevWord.kind === 'word' && prevWord.lower === 'to')
    return lexicon.indirect.has(cue.lower) ? clauseSubject(tokens, s.from, cue.from, text) : null;
  // "Experts and officials, however, said": a sentence adverb set off by commas stands between them.
  const aside =
    cue.from - 3 > s.from &&
    tokens[cue.from - 1]!.kind === 'punct' &&
    tokens[cue.from - 1]!.text === ',' &&
    tokens[cue.from - 2]!.kind === 'word' &&
    lexicon.sentenceAdverbs.has(tokens[cue.from - 2]!.lower) &&
    tokens[cue.from - 3]!.kind === 'punct' &&
    tokens[cue.from - 3]!.text === ',';
  const left = mentionLeftOf(tokens, s.from, aside ? cue.from - 3 : cue.from, text);
  // A bare form ("say", "call") is a verb only after a plural subject or a modal: "the phone call" is not a cue.
  if (left && isBaseForm(cue.lower)) {
    const modal = prevWord !== undefined && prevWord.kind === 'word' && MODALS.has(prevWord.lower);
    const pluralSubject =
      left.plural ||
      (left.kind === 'pronoun' && PLURAL_PRONOUNS.has(left.head)) ||
      left.kind === 'group' ||
      coordinated(tokens, s.from, left, text) ||
      // "Bush and Christie, who say": the relative pronoun takes the verb its antecedents take.
      (tokens[left.from]?.kind === 'word' && tokens[left.from]!.lower === 'who');
    if (!modal && !pluralSubject) return null;
  }
  // "Mr. Grassley and Mr. Leahy said": two names joined by "and" speak as a group.
  if (left && left.kind === 'person' && spansAnd(tokens, left))
    return { ...left, kind: 'group', plural: true, name: left.text };
  if (left) return left;
  // Coordinated verbs share the subject: "The ad hits Clinton ... and claims that".
  const before = tokens[skipAuxiliariesLeft(tokens, s.from, cue.from - 1)];
  if (before && before.kind === 'word' && (before.lower === 'and' || before.lower === 'but' || before.lower === 'then'))
    return clauseSubject(tokens, s.from, cue.from, text);
  // "Clinton on Tuesday said", "Gowdy earlier Thursday said": a time phrase between subject and verb.
  let k0 = cue.from;
  while (k0 > s.from && k0 > cue.from - 4 && isTimeWord(tokens[k0 - 1])) k0--;
  if (k0 < cue.from && k0 > s.from) {
    const timed = mentionLeftOf(tokens, s.from, k0, text);
    if (timed && timed.kind !== 'pronoun') return timed;
  }
  // Inverted order after a quote or a clause: '"...," said Psaki', '..., says Evan Tracey.'
  let k = cue.from - 1;
  const afterComma = tokens[k]?.kind === 'punct' && tokens[k]!.text === ',';
  while (k >= s.from && tokens[k]!.kind === 'punct' && tokens[k]!.text !== '.') k--;
  if (k < s.from || tokens[k]!.kind === 'quote' || afterComma) {
    const TRANSITIVE = lexicon.grammar.transitive;
    // '"...?" asked Bennett' names the speaker; '"...," told reporters' does not.
    const directlyAfterQuote = k >= s.from && tokens[k]!.kind === 'quote';
    if (TRANSITIVE.has(cue.lower) && !(directlyAfterQuote && INVERTIBLE.has(cue.lower))) return null;
    const inverted =
      mentionRightFrom(tokens, cue.to, s.to, text, true) ?? plainDescriptorFrom(tokens, cue.to, s.to, text);
    // After a plain clause the inverted speaker must close it: "..., says Evan Tracey." but not "..., said Sanders has".
    if (inverted && !directlyAfterQuote) {
      const next = tokens[inverted.to];
      if (next && inverted.to < s.to && !(next.kind === 'punct' && ',.;:'.includes(next.text))) return null;
    }
    return inverted;
  }
  return null;
}

/** A cue on a verb the lists lack, at token `at`, with the mention of its speaker. */
function verbCue(verb: Token, at: number, mention: Mention): CueWithSpeaker {
  return {
    cue: { from: at, to: at + 1, start: verb.start, end: verb.end, lower: verb.lower, kind: 'verb', participle: false },
    mention,
  };
}

/** Token `at` of the sentence, `after`, ends the clause: a comma or a full stop, or the sentence ends before it. */
function endsClause(after: Token | undefined, at: number, s: Sentence): boolean {
  return after === undefined || at >= s.to || (after.kind === 'punct' && (after.text === ',' || after.text === '.'));
}

// "..., the administration official noted." with a verb the lists lack: a
// person or source phrase after a comma, one lower-case word, then the clause
// ends. Only read after a quote in the same sentence.
function unknownVerbCues(tokens: Token[], s: Sentence, text: string): CueWithSpeaker[] {
  const out: CueWithSpeaker[] = [];
  let sawQuote = false;
  for (let k = s.from; k < s.to; k++) {
    const t = tokens[k]!;
    if (t.kind === 'quote') sawQuote = true;
    if (!sawQuote || t.kind !== 'punct' || t.text !== ',') continue;
    const m = mentionRightFrom(tokens, k + 1, s.to, text);
    if (!m || (m.kind !== 'person' && m.kind !== 'anonymous')) continue;
    const verb = tokens[m.to];
    if (verb && verb.kind === 'word' && lexicon.speech.has(verb.lower)) continue;
    const after = tokens[m.to + 1];
    if (!verb || verb.kind !== 'word' || verb.cap) continue;
    if (!endsClause(after, m.to + 1, s)) continue;
    out.push(verbCue(verb, m.to, m));
  }
  // 'Hillary Clinton cracked, "..."': a name, one lower-case word, then a comma or colon and the quote.
  for (let k = s.from + 2; k < s.to; k++) {
    if (tokens[k]!.kind !== 'quote') continue;
    const lead = tokens[k - 1]!;
    const verb = tokens[k - 2]!;
    if (
      lead.kind !== 'punct' ||
      (lead.text !== ',' && lead.text !== ':') ||
      verb.kind !== 'word' ||
      verb.cap ||
      !/(ed|s|ing)$/.test(verb.lower) ||
      lexicon.speech.has(verb.lower)
    )
      continue;
    const m = mentionLeftOf(tokens, s.from, k - 2, text);
    if (!m || m.kind !== 'person' || m.to < k - 3) continue;
    out.push(verbCue(verb, k - 2, m));
  }
  // '"...," he surmised.': right after a quote, a speaker and one unlisted verb end the clause.
  for (let k = s.from; k + 2 < s.to; k++) {
    if (tokens[k]!.kind !== 'quote') continue;
    let v = k + 1;
    if (tokens[v]?.kind === 'punct' && tokens[v]!.text === ',') v++;
    const m = mentionRightFrom(tokens, v, s.to, text);
    if (
      !m ||
      m.from !== v ||
      !(m.kind === 'person' || m.kind === 'anonymous' || (m.kind === 'pronoun' && m.head !== 'it'))
    )
      continue;
    const verb = tokens[m.to];
    const after = tokens[m.to + 1];
    if (!verb || verb.kind !== 'word' || verb.cap || !/(ed|s)$/.test(verb.lower) || lexicon.speech.has(verb.lower))
      continue;
    if (!endsClause(after, m.to + 1, s)) continue;
    out.push(verbCue(verb, m.to, m));
  }
  // '"This is fantastic!" beamed Donald Hartley': a past-tense verb between a quote and a name.
  for (let k = s.from; k + 1 < s.to; k++) {
    if (tokens[k]!.kind !== 'quote') continue;
    let v = k + 1;
    if (tokens[v]?.kind === 'punct' && tokens[v]!.text === ',') v++;
    const verb = tokens[v];
    if (!verb || verb.kind !== 'word' || verb.cap || !/(ed|s)$/.test(verb.lower) || lexicon.speech.has(verb.lower))
      continue;
    const m = mentionRightFrom(tokens, v + 1, s.to, text);
    if (!m || m.kind !== 'person' || m.from !== v + 1) continue;
    out.push(verbCue(verb, v, m));
  }
  return out;
}

/**
 * The comma or dash that sets off a participle at `at` as a clause of its own (", saying", "— saying"), past
 * an adverb or a joiner between them (", even suggesting", ", while saying"); -1 when there is none.
 */
export function participleComma(tokens: Token[], at: number): number {
  let k = at - 1;
  const t = tokens[k];
  if (t?.kind === 'word' && (lexicon.auxiliaries.has(t.lower) || lexicon.reported.joiners.has(t.lower))) k--;
  const p = tokens[k];
  return p && p.kind === 'punct' && ',—–'.includes(p.text) ? k : -1;
}

// '"...," said Devine, suggesting that ...', '..., he said in Richmond, noting that ...': a participle after an
// attribution shares its speaker.
const MAX_PARTICIPLE_GAP = 8;
function shareSubjectWithParticiples(tokens: Token[], cues: CueWithSpeaker[]): void {
  for (let i = 1; i < cues.length; i++) {
    const c = cues[i]!;
    const at = participleComma(tokens, c.cue.from);
    if (!c.cue.participle || at < 0) continue;
    const prev = cues[i - 1]!;
    if (!prev.mention || prev.cue.kind !== 'verb' || prev.cue.participle) continue;
    const end = Math.max(prev.cue.to, prev.mention.to);
    if (end > at || at - end > MAX_PARTICIPLE_GAP) continue;
    let clean = true;
    for (let k = end; k < c.cue.from; k++) if (tokens[k]!.kind === 'quote') clean = false;
    if (clean) cues[i] = { ...c, mention: prev.mention };
  }
}

function byCueStart(a: CueWithSpeaker, b: CueWithSpeaker): number {
  return a.cue.from - b.cue.from;
}

export function readParagraph(text: string, p: Paragraph, quotes: QuoteSpan[], firstQuote: number): ParagraphInfo {
  const tokens = tokenizeParagraph(text, p, quotes, firstQuote);
  const sentences = splitSentences(text, tokens, quotes).map((s, index) => {
    const cues = findCues(tokens, s.from, s.to).map((cue) => ({ cue, mention: cueSpeaker(tokens, s, cue, text) }));
    const known = new Set(cues.map((c) => c.cue.from));
    for (const u of unknownVerbCues(tokens, s, text))
      if (
        !known.has(u.cue.from) &&
        !cues.some((c) => c.mention && c.mention.from <= u.mention!.from && c.mention.to >= u.mention!.to)
      )
        cues.push(u);
    cues.sort(byCueStart);
    shareSubjectWithParticiples(tokens, cues);
    return { from: s.from, to: s.to, index, cues };
  });
  return { paragraph: p, tokens, sentences };
}
