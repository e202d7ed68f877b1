import type { Token } from './tokens.js';
import type { CueWithSpeaker, ParagraphInfo, SentenceInfo } from './document.js';
import { describedSubject, participleComma } from './document.js';
import type { Mention } from './mentions.js';
import { lexicon } from './lexicon.js';
import { mentionRightFrom, plainDescriptorFrom, skipAuxiliariesLeft } from './mentions.js';
import { build } from './phrase.js';
import { usedAsOrdinaryWord } from './words.js';

// Reported speech without quotation marks. Each shape is a named sieve:
//   reported-according-lead   "According to X, CLAUSE."
//   reported-according-trail  "CLAUSE, according to X."
//   reported-parenthetical    "PART, X said, PART." (both parts are the report)
//   reported-trailing         "CLAUSE, X said." / "CLAUSE, said X, a spokesman."
//   reported-that             "X said (on Tuesday) that CLAUSE", "X told Y that CLAUSE"
//   reported-bare             "X said CLAUSE", "X told Y CLAUSE"
//   reported-infinitive       "X urged Y to VP", "X vowed to VP"
//   reported-question         "X asked whether CLAUSE"
//   reported-object           "X denied the report", "X announced a ban"
//   reported-colon            "X added: TEXT" without quotation marks
//   reported-as               "As X reported, CLAUSE." / "CLAUSE, as X said."
//   reported-relative         "the changes, which officials said will go into effect"

//   reported-asked            "Asked whether CLAUSE, X said", "when asked by Y about NP": the question put to X
// The reported clause never covers the cue, the speaker or a quotation.

export type ReportedRule =
  | 'reported-according-lead'
  | 'reported-according-trail'
  | 'reported-parenthetical'
  | 'reported-trailing'
  | 'reported-that'
  | 'reported-bare'
  | 'reported-infinitive'
  | 'reported-question'
  | 'reported-object'
  | 'reported-colon'
  | 'reported-as'
  | 'reported-relative';

export interface IndirectSpeech {
  start: number;
  end: number;
  source: CueWithSpeaker & { mention: Mention };
  rule: ReportedRule;
  /** The outlet that passed the words on ("..., KCNA said, according to Yonhap"). */
  relay?: Mention;
  /** Token after the relay phrase, which no later cue reads again. */
  through?: number;
}

/** A question put to someone: who asked it when the text says so ("asked by Starnes"), else nobody named. */
export interface AskedQuestion {
  start: number;
  end: number;
  cue: Token;
  asker: Mention | null;
}

const MIN_WORDS = 3;
/** How far a scan for the end of a relative clause or a question reads: a bound that keeps huge sentences linear. */
const MAX_CLAUSE = 80;
const POSSESSIVE_OR_OBJECT = lexicon.grammar.possessiveOrObject;
const words = lexicon.reported;
const OBJECT_PRONOUNS = lexicon.grammar.objectPronouns;

function isPunct(t: Token | undefined, chars: string): boolean {
  return t !== undefined && t.kind === 'punct' && chars.includes(t.text);
}

function isWord(t: Token | undefined): t is Token {
  return t !== undefined && t.kind === 'word';
}

function wordCount(tokens: Token[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i <= to; i++) if (tokens[i]!.kind === 'word') n++;
  return n;
}

function hasQuote(tokens: Token[], from: number, to: number): boolean {
  for (let i = from; i <= to; i++) if (tokens[i]!.kind === 'quote') return true;
  return false;
}

/** The last token of the clause that starts at `from`: before any quotation, without closing punctuation. */
function clauseEnd(tokens: Token[], from: number, last: number): number {
  let e = last;
  for (let i = from; i <= last; i++)
    if (tokens[i]!.kind === 'quote') {
      e = i - 1;
      // '..., adding "..."': the participle and its comma belong to the quote.
      if (isWord(tokens[e]) && lexicon.participles.has(tokens[e]!.lower) && isPunct(tokens[e - 1], ',')) e--;
      // 'said the plan would be "a disaster"': a quotation inside the clause leaves no report of its own, but
      // 'said he respects her and calls her "..."' reports what comes before the joiner or comma.
      else if (isWord(tokens[e]) && !words.joiners.has(tokens[e]!.lower)) return clauseBeforeQuote(tokens, from, e);
      while (e >= from && (tokens[e]!.kind === 'punct' || words.joiners.has(tokens[e]!.lower))) e--;
      break;
    }
  while (e >= from && tokens[e]!.kind === 'punct') e--;
  return e;
}

/** The clause [from, ...] cut at the last comma or joiner before position e, when enough words stay before it. */
function clauseBeforeQuote(tokens: Token[], from: number, e: number): number {
  for (let k = e - 1; k > from; k--) {
    const t = tokens[k]!;
    const cut = isPunct(t, ',;—') || (isWord(t) && (words.joiners.has(t.lower) || t.lower === 'which'));
    if (!cut) continue;
    let end = k - 1;
    while (end >= from && (tokens[end]!.kind === 'punct' || words.joiners.has(tokens[end]!.lower))) end--;
    return wordCount(tokens, from, end) >= MIN_WORDS ? end : from - 1;
  }
  return from - 1;
}

/** The reports that were found, in order. */
function some(...xs: (IndirectSpeech | null)[]): IndirectSpeech[] {
  return xs.filter((x): x is IndirectSpeech => !!x);
}

/** The first token from `from` that is one of the `stops` marks or a quotation, at most MAX_CLAUSE tokens on. */
function nextStop(tokens: Token[], from: number, to: number, stops: string): number {
  let e = from;
  while (e < to && e < from + MAX_CLAUSE && !isPunct(tokens[e], stops) && tokens[e]!.kind !== 'quote') e++;
  return e;
}

/** A report [from, to] as offsets, when it holds enough words and no quotation. */
function report(
  tokens: Token[],
  from: number,
  to: number,
  source: IndirectSpeech['source'],
  rule: ReportedRule,
): IndirectSpeech | null {
  let a = from;
  while (a <= to && tokens[a]!.kind === 'punct') a++;
  let b = to;
  while (b >= a && tokens[b]!.kind === 'punct') b--;
  if (b < a || hasQuote(tokens, a, b) || wordCount(tokens, a, b) < MIN_WORDS) return null;
  return { start: tokens[a]!.start, end: tokens[b]!.end, source, rule };
}

/** Past a dash-delimited aside ("said — on Twitter, as it happens — that"). */
function skipAside(tokens: Token[], k: number, to: number): number {
  if (!isPunct(tokens[k], '—–')) return k;
  for (let j = k + 1; j < to && j <= k + 12; j++) if (isPunct(tokens[j], '—–')) return j + 1;
  return k;
}

type ClauseMark = 'that' | 'hearer' | 'time' | 'none';

/** Past a time phrase at k: "Thursday", "on Friday", "last week", "earlier this month", "Friday afternoon". */
function pastTimePhrase(tokens: Token[], k: number, to: number): number {
  let j = k;
  while (j < to && isWord(tokens[j])) {
    const w = tokens[j]!.lower;
    const next = tokens[j + 1];
    if ((w === 'this' || w === 'last' || w === 'next') && isWord(next) && words.timeNouns.has(next.lower)) j += 2;
    else if (w === 'on' && isWord(next) && words.adjuncts.has(next.lower) && next.cap) j += 2;
    else if (
      words.adjuncts.has(w) &&
      !words.timeNouns.has(w) &&
      w !== 'this' &&
      w !== 'last' &&
      w !== 'next' &&
      w !== 'once'
    )
      j++;
    else if (j > k && words.timeNouns.has(w)) j++;
    else break;
  }
  return j;
}

/** A clause with a subject and a verb of its own opens at k: "the talks had stalled", "he met". */
function opensBareClause(tokens: Token[], k: number, to: number): boolean {
  const t = tokens[k]!;
  if (words.prepositions.has(t.lower) || words.notClauseOpeners.has(t.lower) || lexicon.auxiliaries.has(t.lower))
    return false;
  if (words.whWords.has(t.lower) || t.lower === 'to' || /ly$/.test(t.lower)) return false;
  return hasOwnVerb(tokens, k, to - 1);
}

/** Where the reported clause starts after the cue, and what marks it. */
function clauseStart(tokens: Token[], c: CueWithSpeaker, to: number, text: string): { at: number; mark: ClauseMark } {
  let k = skipAside(tokens, c.cue.to, to);
  let mark: ClauseMark = 'none';
  if (words.hearer.has(c.cue.lower) && isWord(tokens[k])) {
    const t = tokens[k]!;
    const hearer = OBJECT_PRONOUNS.has(t.lower) ? null : mentionRightFrom(tokens, k, to, text);
    if (hearer) {
      // "told a crowd in the square that ...": a hearer read too far stops at "that".
      for (let j = k + 1; j < hearer.to; j++)
        if (isWord(tokens[j]) && tokens[j]!.lower === 'that' && isWord(tokens[j + 1]))
          return { at: j + 1, mark: 'that' };
      k = hearer.to;
      mark = 'hearer';
    } else if (OBJECT_PRONOUNS.has(t.lower)) {
      k++;
      mark = 'hearer';
    } else if (!lexicon.auxiliaries.has(t.lower)) {
      // "warned fishermen to stay": a hearer no list knows, up to the infinitive ("asked not to" has none).
      for (let j = k + 1; j < to && j <= k + 3 && isWord(tokens[j]) && !tokens[j]!.cap; j++)
        if (tokens[j]!.lower === 'to' && words.infinitive.has(c.cue.lower)) {
          k = j;
          mark = 'hearer';
          break;
        }
    }
    // "told a crowd in Miami Tuesday that": a place or time after the hearer, then "that".
    if (isWord(tokens[k]) && tokens[k]!.lower !== 'that' && !lexicon.auxiliaries.has(tokens[k]!.lower)) {
      for (let j = k; j < to && j <= k + 8 && isWord(tokens[j]); j++) {
        const w = tokens[j]!.lower;
        if (w === 'that') return { at: j + 1, mark: 'that' };
        if (words.finite.has(w) || lexicon.speech.has(w) || words.joiners.has(w)) break;
      }
    }
  }
  // "said Thursday the talks stalled", "said on Friday he met", "said last week the plan": past the time phrase
  // when a clause with a verb of its own follows.
  if (mark === 'none') {
    const past = pastTimePhrase(tokens, k, to);
    if (past > k && isWord(tokens[past]) && tokens[past]!.lower === 'that') return { at: past + 1, mark: 'that' };
    if (past > k && isWord(tokens[past]) && opensBareClause(tokens, past, to)) return { at: past, mark: 'time' };
    // "announced on Friday the arrest of a man": the object after the time phrase.
    if (
      past > k &&
      isWord(tokens[past]) &&
      words.object.has(c.cue.lower) &&
      lexicon.determiners.has(tokens[past]!.lower)
    )
      return { at: past, mark };
  }
  // "said on Tuesday that", "said in an interview with the AP last week that".
  const first = tokens[k];
  if (isWord(first) && (lexicon.timeWords.has(first.lower) || words.prepositions.has(first.lower))) {
    for (let look = k; look < to && look < k + 12; look++) {
      const t = tokens[look]!;
      if (t.kind === 'word' && t.lower === 'that') {
        const next = tokens[look + 1];
        if (isWord(next) && !lexicon.auxiliaries.has(next.lower)) return { at: look + 1, mark: 'that' };
        break;
      }
      if (t.kind !== 'word' && !isPunct(t, '.,')) break;
      if (t.kind === 'word' && (words.finite.has(t.lower) || lexicon.speech.has(t.lower) || words.joiners.has(t.lower)))
        break;
    }
    // "said after the convention he would not", "said in politics it takes time": a short adjunct, then a
    // pronoun that opens the clause.
    if (
      words.prepositions.has(first.lower) &&
      !lexicon.timeWords.has(first.lower) &&
      !words.joiners.has(first.lower) &&
      !words.timeConjunctions.has(first.lower) &&
      !lexicon.grammar.notAdjunctOpeners.has(first.lower)
    ) {
      for (let look = k + 2; look < to && look <= k + 6; look++) {
        const t = tokens[look]!;
        const prev = tokens[look - 1]!;
        if (!isWord(t) || words.finite.has(t.lower) || lexicon.auxiliaries.has(t.lower)) break;
        if (words.prepositions.has(t.lower) || words.whWords.has(t.lower) || words.joiners.has(t.lower)) break;
        if (
          words.subjectPronouns.has(t.lower) &&
          !lexicon.grammar.impersonalSubjects.has(t.lower) &&
          !lexicon.determiners.has(prev.lower) &&
          hasOwnVerb(tokens, look, to - 1)
        )
          return { at: look, mark: 'time' };
      }
    }
  }
  if (isWord(tokens[k]) && tokens[k]!.lower === 'that') return { at: k + 1, mark: 'that' };
  // "complain bitterly that": a manner adverb before "that".
  if (isWord(tokens[k]) && /ly$/.test(tokens[k]!.lower) && isWord(tokens[k + 1]) && tokens[k + 1]!.lower === 'that')
    return { at: k + 2, mark: 'that' };
  if (
    isWord(tokens[k]) &&
    (tokens[k]!.lower === 'of' || tokens[k]!.lower === 'about') &&
    c.cue.lower.startsWith('warn')
  )
    return { at: k + 1, mark: 'that' };
  return { at: k, mark };
}

/** Reported clauses of a sentence, in order; a later report cuts the clause of an earlier one ("X said A while Y warned B"). */
// "with 50 percent saying CLAUSE", "62 percent of voters saying CLAUSE": a share of people, then a participle.
const MAX_SHARE = 6;
function shareSubject(text: string, tokens: Token[], from: number, at: number): Mention | null {
  let a = at;
  let counted = false;
  while (a > from && at - a < MAX_SHARE) {
    const t = tokens[a - 1]!;
    if (!isWord(t) || (t.cap && !/^\d/.test(t.text))) break;
    if (/^\d/.test(t.text) || words.quantities.has(t.lower)) counted = true;
    else if (!lexicon.grammar.shareWords.has(t.lower) && !/^[\p{Ll}-]+$/u.test(t.text)) break;
    if (words.prepositions.has(t.lower) && !lexicon.grammar.shareWords.has(t.lower)) break;
    a--;
  }
  const head = tokens[at - 1];
  if (
    !counted ||
    a === at ||
    !isWord(head) ||
    !(/s$/.test(head.lower) || head.lower === 'percent' || /^\d/.test(head.text))
  )
    return null;
  const first = tokens[a]!;
  const phrase = text.slice(first.start, head.end);
  return {
    start: first.start,
    end: head.end,
    text: phrase,
    kind: 'group',
    name: phrase,
    role: null,
    head: head.lower,
    plural: true,
    definite: false,
    from: a,
    to: at,
  };
}

/** The first word from k that looks like a finite verb ("closed", "says"), or `to` when there is none nearby. */
function nextVerbAfter(tokens: Token[], k: number, to: number): number {
  for (let j = k; j < to && j <= k + 3; j++) {
    const t = tokens[j]!;
    if (!isWord(t)) break;
    if (words.finite.has(t.lower) || (!t.cap && /[^s]s$|ed$/.test(t.lower) && j > k)) return j;
  }
  return to;
}

// "After saying CLAUSE, the man ...", "Claiming CLAUSE, Trump told Fox ...": a participle opening the sentence
// reports what the subject of the main clause said.
function leadingParticiple(
  text: string,
  tokens: Token[],
  s: SentenceInfo,
  c: CueWithSpeaker,
  last: number,
): IndirectSpeech[] {
  const opens =
    c.cue.from === s.from ||
    (c.cue.from === s.from + 1 && lexicon.grammar.participleOpeners.has(tokens[s.from]!.lower));
  if (!opens || !lexicon.indirect.has(c.cue.lower)) return [];
  const comma = nextStop(tokens, c.cue.to, last + 1, ',');
  if (comma > last || !isPunct(tokens[comma], ',')) return [];
  const m =
    mentionRightFrom(tokens, comma + 1, s.to, text) ??
    plainDescriptorFrom(tokens, comma + 1, s.to, text) ??
    describedSubject(tokens, comma + 1, nextVerbAfter(tokens, comma + 2, s.to), text);
  if (!m || m.from !== comma + 1 || (m.kind === 'pronoun' && m.head === 'it')) return [];
  const verb = tokens[m.to];
  if (!isWord(verb) || verb.cap) return [];
  let at = c.cue.to;
  if (isWord(tokens[at]) && tokens[at]!.lower === 'that') at++;
  return some(report(tokens, at, comma - 1, { ...c, mention: m }, at > c.cue.to ? 'reported-that' : 'reported-bare'));
}

export function findIndirect(
  text: string,
  para: ParagraphInfo,
  s: SentenceInfo,
  isAuthor: (m: Mention) => boolean,
): IndirectSpeech[] {
  const tokens = para.tokens;
  let last = s.to - 1;
  while (last >= s.from && tokens[last]!.kind === 'punct') last--;
  if (last < s.from) return [];
  const out: IndirectSpeech[] = [];
  let from = s.from;
  for (const c of s.cues) {
    const prev = out[out.length - 1];
    // A subject read without a list only opens a report outside an earlier one.
    const listed = c.mention;
    // "critics of the plan said": a phrase after a preposition is the end of the subject, not all of it.
    const partOf = listed !== null && isWord(tokens[listed.from - 1]) && tokens[listed.from - 1]!.lower === 'of';
    const m =
      (partOf ? subjectPhrase(text, tokens, s.from, c) : null) ??
      listed ??
      (c.cue.kind === 'according' ? documentSource(text, tokens, c, s.from, s.to) : null) ??
      (prev && c.cue.start < prev.end ? null : subjectPhrase(text, tokens, s.from, c));
    if (c.cue.participle && c.cue.from >= from && participleComma(tokens, c.cue.from) < 0) {
      const share = words.sayVerbs.has(c.cue.lower) ? shareSubject(text, tokens, s.from, c.cue.from) : null;
      const fromShare = share ? reportFromClause(tokens, c, { ...c, mention: share }, s.to, last, text) : null;
      const shared = share ? some(fromShare) : leadingParticiple(text, tokens, s, c, last);
      if (shared.length > 0 && !isAuthor(shared[0]!.source.mention)) {
        if (prev && shared[0]!.start < prev.end) prev.end = cutBefore(tokens, prev, shared[0]!);
        out.push(...shared);
        from = c.cue.to;
        continue;
      }
    }
    if (!m || isAuthor(m) || c.cue.from < from || isOrdinaryWord(text, m)) continue;
    const found = reportsOf(text, tokens, s, last, c, { ...c, mention: m });
    if (found.length === 0) continue;
    const first = found[0]!;
    // "X said Y had told him that ...": the inner report belongs to the outer one.
    if (prev && first.start >= prev.start && first.end <= prev.end && m.start === prev.start) continue;
    if (prev && first.start < prev.end) prev.end = cutBefore(tokens, prev, first);
    for (const f of found) out.push(f);
    from = Math.max(c.cue.to, ...found.map((f) => f.through ?? 0));
  }
  return out.filter((x) => x.end > x.start);
}

// "Having said that, ...", "Earning less, ...": a participle the article also writes in lower case is no name.
function isOrdinaryWord(text: string, m: Mention): boolean {
  return m.kind === 'person' && m.to - m.from === 1 && /ing$/.test(m.text) && usedAsOrdinaryWord(text, m.text);
}

// The earlier clause ends before the joiner or comma that opens the later report.
function cutBefore(tokens: Token[], earlier: IndirectSpeech, later: IndirectSpeech): number {
  const m = later.source.mention;
  const cue = later.source.cue;
  const opens = m.start >= earlier.start ? Math.min(m.from, cue.from) : cue.from;
  let k = opens - 1;
  while (k >= 0 && tokens[k]!.start >= earlier.start) {
    const t = tokens[k]!;
    if ((t.kind === 'word' && words.joiners.has(t.lower)) || isPunct(t, ',;—')) {
      let e = k - 1;
      while (e >= 0 && tokens[e]!.kind === 'punct') e--;
      return e >= 0 && tokens[e]!.end > earlier.start ? tokens[e]!.end : earlier.start;
    }
    if (k < opens - 2) break;
    k--;
  }
  return Math.min(earlier.end, tokens[opens]!.start);
}

// A bare clause has a verb of its own: "said the plan would fail", "said he welcomed it", not "wrote the letter".
const FINITE_WINDOW = 12;
function hasOwnVerb(tokens: Token[], from: number, to: number): boolean {
  if (words.subjectPronouns.has(tokens[from]!.lower)) return true;
  // "she'll", "they're": a subject pronoun with its verb contracted onto it.
  const [pronoun, verb] = tokens[from]!.lower.split(/[’']/);
  if (verb !== undefined && words.subjectPronouns.has(pronoun!) && /^(ll|d|s|re|ve|m)$/.test(verb)) return true;
  for (let k = from + 1; k <= to && k <= from + FINITE_WINDOW; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word') continue;
    if (words.finite.has(t.lower) || /n[’']t$/.test(t.lower)) return true;
    if (/[^e]ed$/.test(t.lower) && !lexicon.determiners.has(tokens[k - 1]!.lower)) return true;
  }
  return false;
}

// The subject of a reporting verb that no list names: the phrase from the clause's start up to the verb
// ("78 percent of voters in a recent poll said", "but opponents say", "Organizers of the boycott said").
const MAX_SUBJECT = 12;
function subjectPhrase(text: string, tokens: Token[], from: number, c: CueWithSpeaker): Mention | null {
  if (c.cue.kind !== 'verb' || c.cue.participle) return null;
  // "by 271 pledged delegates", "the reported attack": a participle used as an adjective.
  const before = tokens[c.cue.from - 1];
  const after = tokens[c.cue.to];
  const adjective =
    isWord(before) &&
    (/^\d/.test(before.text) || lexicon.determiners.has(before.lower)) &&
    isWord(after) &&
    !after.cap &&
    /s$/.test(after.lower) &&
    !lexicon.determiners.has(after.lower) &&
    !words.subjectPronouns.has(after.lower);
  if (adjective) return null;
  // "Hacked accounts were reported": the subject of a passive is what was reported.
  let be = c.cue.from - 1;
  while (be > from && isWord(tokens[be]) && /ly$/.test(tokens[be]!.lower)) be--;
  if (isWord(tokens[be]) && words.passive.has(tokens[be]!.lower)) return null;
  let end = skipAuxiliariesLeft(tokens, from, c.cue.from - 1);
  while (end >= from && isWord(tokens[end]) && lexicon.timeWords.has(tokens[end]!.lower) && end > c.cue.from - 5) end--;
  if (end < from || !isWord(tokens[end]) || lexicon.auxiliaries.has(tokens[end]!.lower)) return null;
  let a = end;
  let joined = false;
  while (a > from && end - a < MAX_SUBJECT) {
    const t = tokens[a - 1]!;
    // "advisers to Mr. Obama say": the full stop of an abbreviation or an initial is part of the phrase.
    if (isPunct(t, '.') && a - 2 >= from && isWord(tokens[a - 2]) && abbreviated(tokens[a - 2]!)) {
      a--;
      continue;
    }
    // "Experts on North Korea and nuclear nonproliferation said": "and" inside a phrase that opens the sentence.
    if (
      isWord(t) &&
      t.lower === 'and' &&
      !joined &&
      a - 1 > from &&
      a - 2 - from < MAX_SUBJECT &&
      isWord(tokens[a - 2]) &&
      verbless(tokens, from, a - 2)
    ) {
      joined = true;
      a--;
      continue;
    }
    if (t.kind !== 'word' || words.subjectEdges.has(t.lower)) break;
    a--;
  }
  // A joined phrase must reach back to where the clause opens.
  if (joined && a > from && !isPunct(tokens[a - 1], ',;:—(')) return null;
  if (a > from && !(isPunct(tokens[a - 1], ',;:—(') || isWord(tokens[a - 1]))) return null;
  if (end - a >= MAX_SUBJECT) return null;
  while (
    a <= end &&
    isWord(tokens[a]) &&
    lexicon.sentenceAdverbs.has(tokens[a]!.lower) &&
    !lexicon.determiners.has(tokens[a]!.lower)
  )
    a++;
  if (a > end) return null;
  const first = tokens[a]!;
  if (words.prepositions.has(first.lower) || words.whWords.has(first.lower) || /ing$/.test(first.lower)) return null;
  for (let k = a; k <= end; k++) {
    const t = tokens[k]!;
    if (lexicon.auxiliaries.has(t.lower) && !/ly$/.test(t.lower) && !lexicon.timeWords.has(t.lower)) return null;
    // "sources close to her campaign say": a possessive or object pronoun after the head is part of a modifier.
    const inModifier = k > a && POSSESSIVE_OR_OBJECT.has(t.lower);
    if (/n[’']t$/.test(t.lower) || (lexicon.pronouns.has(t.lower) && !inModifier)) return null;
    // Another report's verb is no part of a subject, but "residents interviewed on Tuesday" is.
    if (lexicon.speech.has(t.lower) && !(/ed$/.test(t.lower) && k > a && /s$/.test(tokens[k - 1]!.lower))) return null;
  }
  // The head is the last word before a modifier: "Organizers [of the push]", "veterans [interviewed at rallies]".
  let h = a;
  while (
    h < end &&
    !(
      tokens[h + 1]!.kind === 'word' &&
      (words.prepositions.has(tokens[h + 1]!.lower) ||
        /ed$/.test(tokens[h + 1]!.lower) ||
        tokens[h + 1]!.lower === 'who')
    )
  )
    h++;
  const head = tokens[h]!;
  if (lexicon.nonSpeakerHeads.has(head.lower)) return null;
  let named = build(tokens, a, h + 1, text);
  if (named && named.kind === 'pronoun') return null;
  // "Organizers of the push said": a capitalised first word alone is a common noun, not a name.
  const opensSentence = h === a && a === from;
  if (named && named.kind === 'person' && opensSentence) named = null;
  // "Sources say", "Six in 10 say": a word capitalised only because it opens the sentence.
  const commonWord =
    words.quantities.has(head.lower) ||
    lexicon.anonymousHeads.has(head.lower) ||
    lexicon.groupHeads.has(head.lower) ||
    usedAsOrdinaryWord(text, head.text);
  const lowerHead = !head.cap || (opensSentence && commonWord);
  const share = words.quantities.has(first.lower) || /^\d/.test(first.text);
  // "police said": a head the lists know speaks alone.
  const listed =
    lowerHead && h === end && (lexicon.organizationHeads.has(head.lower) || lexicon.anonymousHeads.has(head.lower));
  if (!named && !(lowerHead && (/s$/.test(head.lower) || share || listed))) return null;
  const phrase = text.slice(first.start, tokens[end]!.end);
  const kind = named?.kind ?? (listed && lexicon.organizationHeads.has(head.lower) ? 'organization' : 'group');
  return {
    start: first.start,
    end: tokens[end]!.end,
    text: phrase,
    kind,
    name: named && named.kind === 'person' ? named.name : phrase,
    role: named?.role ?? null,
    head: head.lower,
    plural: named?.plural ?? true,
    definite: first.lower === 'the',
    from: a,
    to: end + 1,
  };
}

function abbreviated(t: Token): boolean {
  return lexicon.abbreviations.has(t.lower) || lexicon.titles.has(t.lower) || /^\p{Lu}$/u.test(t.text);
}

/** No verb between `from` and `to`: the words can all belong to one noun phrase. */
function verbless(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k <= to; k++) {
    const t = tokens[k]!;
    if (t.kind === 'quote') return false;
    if (t.kind !== 'word') continue;
    if (words.finite.has(t.lower) || lexicon.auxiliaries.has(t.lower) || lexicon.speech.has(t.lower)) return false;
    if (words.subjectEdges.has(t.lower) && t.lower !== 'and') return false;
  }
  return true;
}

// What "according to" names when no list knows it: a poll, a report, records, data ("according to the poll",
// "according to federal statistics"), up to the comma or the end of the sentence.
// A source that opens the sentence may run longer: "According to early results of exit polls conducted for The
// Associated Press and television networks, ...".
const MAX_DOCUMENT_WORDS = 8;
const MAX_LEADING_DOCUMENT_WORDS = 18;
function documentSource(text: string, tokens: Token[], c: CueWithSpeaker, from: number, to: number): Mention | null {
  const a = c.cue.to;
  const leads = c.cue.from <= from + 1;
  const most = leads ? MAX_LEADING_DOCUMENT_WORDS : MAX_DOCUMENT_WORDS;
  let b = a;
  while (
    b < to &&
    (isWord(tokens[b]) || (leads && isPunct(tokens[b], '.') && abbreviated(tokens[b - 1]!))) &&
    b - a < most
  ) {
    const w = tokens[b]!.lower;
    const joiner = words.joiners.has(w) && !(leads && w === 'and');
    if (words.finite.has(w) || joiner || words.subjectPronouns.has(w) || words.whWords.has(w)) return null;
    b++;
  }
  if (b === a || (b < to && !isPunct(tokens[b], ',.;—)'))) return null;
  const head = tokens[b - 1]!;
  if (words.prepositions.has(head.lower) || lexicon.determiners.has(head.lower)) return null;
  const first = tokens[a]!;
  if (lexicon.unspecifiedSources.has(head.lower) && first.lower !== 'the') return null;
  const phrase = text.slice(first.start, head.end);
  return {
    start: first.start,
    end: head.end,
    text: phrase,
    kind: 'anonymous',
    name: phrase,
    role: null,
    head: head.lower,
    plural: /s$/.test(head.lower),
    definite: first.lower === 'the',
    from: a,
    to: b,
  };
}

/** A word that opens a modifier of the preceding clause rather than a clause of its own. */
function continuesClause(t: Token): boolean {
  return (
    words.joiners.has(t.lower) ||
    words.prepositions.has(t.lower) ||
    words.adjuncts.has(t.lower) ||
    /ing$/.test(t.lower) ||
    t.lower === 'a' ||
    t.lower === 'an'
  );
}

/** Whether a quotation sits right before or after the attribution tokens [from, to). */
function nextToQuote(tokens: Token[], s: SentenceInfo, from: number, to: number): boolean {
  // '"...," though she noted that ...': a joiner opens a clause of its own after the quotation.
  const joined = isWord(tokens[from - 1]) && words.joiners.has(tokens[from - 1]!.lower);
  for (let k = from - 1; !joined && k >= s.from && k >= from - 2; k--) if (tokens[k]!.kind === 'quote') return true;
  for (let k = to; k < s.to && k <= to + 1; k++) if (tokens[k]!.kind === 'quote') return true;
  return false;
}

// The subject stands next to its verb, past auxiliaries and adverbs ("has long said") or a short apposition
// ("Smith, a spokesman, said"); a name farther off is another clause's, unless it opens the sentence and the
// apposition between them is set off by commas ("Larry Cohen, a senior adviser to ... and past president of ...,
// said").
const MAX_APPOSITION = 14;
const MAX_OPENING_APPOSITION = 45;
function subjectNextToCue(tokens: Token[], s: SentenceInfo, m: Mention, c: CueWithSpeaker): boolean {
  let k = c.cue.from - 1;
  while (
    k >= m.to &&
    isWord(tokens[k]) &&
    (lexicon.auxiliaries.has(tokens[k]!.lower) ||
      lexicon.perfectAdverbs.has(tokens[k]!.lower) ||
      /ly$/.test(tokens[k]!.lower) ||
      (lexicon.timeWords.has(tokens[k]!.lower) && k > c.cue.from - 5))
  )
    k--;
  // "Walter J. Osgood Jr. said": the full stop of the suffix.
  if (k < m.to || (k === m.to && isPunct(tokens[k], '.'))) return true;
  // "Smith ... and said", "Smith went on to say": a shared subject.
  if (isWord(tokens[k]) && lexicon.grammar.sharedSubjectLinks.has(tokens[k]!.lower)) return true;
  if (!isPunct(tokens[k], ',—)') || !isPunct(tokens[m.to], ',—(')) return false;
  if (k - m.to < MAX_APPOSITION) return true;
  return k - m.to < MAX_OPENING_APPOSITION && opensSentence(tokens, s, m) && !hasQuote(tokens, m.to, k);
}

/** The mention is the first phrase of its sentence, past connectives and an opening adjunct ("In a statement, X"). */
function opensSentence(tokens: Token[], s: SentenceInfo, m: Mention): boolean {
  if (m.from === s.from) return true;
  const before = tokens[m.from - 1]!;
  if (isWord(before)) return m.from - 1 === s.from && words.joiners.has(before.lower);
  if (!isPunct(before, ',')) return false;
  const lead = tokens[s.from]!;
  return isWord(lead) && words.prepositions.has(lead.lower) && m.from - s.from <= 10;
}

// "As The Washington Post reported, CLAUSE." and "CLAUSE, as police have said.": "as" opens the attribution.
function asAttribution(
  tokens: Token[],
  s: SentenceInfo,
  m: Mention,
  attrTo: number,
  last: number,
  source: IndirectSpeech['source'],
): IndirectSpeech[] | null {
  const as = m.from - 1;
  if (!isWord(tokens[as]) || tokens[as]!.lower !== 'as' || m.from > source.cue.from) return null;
  const opens = as === s.from || (as === s.from + 1 && words.joiners.has(tokens[s.from]!.lower));
  if (opens && isPunct(tokens[attrTo], ',') && attrTo < last) {
    return some(report(tokens, attrTo + 1, clauseEnd(tokens, attrTo + 1, last), source, 'reported-as'));
  }
  if (as - 1 > s.from && isPunct(tokens[as - 1], ',') && attrTo > last) {
    return some(report(tokens, s.from, as - 2, source, 'reported-as'));
  }
  return null;
}

const MAX_LEFT_MODIFIERS = 3;
function pastModifiersLeft(tokens: Token[], from: number, at: number): number {
  let k = at;
  while (k - 1 > from && at - k < MAX_LEFT_MODIFIERS) {
    const t = tokens[k - 1]!;
    if (!isWord(t) || t.cap || !/^[\p{Ll}-]+$/u.test(t.text)) break;
    if (words.finite.has(t.lower) || lexicon.auxiliaries.has(t.lower) || words.prepositions.has(t.lower)) break;
    if (words.joiners.has(t.lower) || lexicon.speech.has(t.lower) || /(ed|ing|ly)$/.test(t.lower)) break;
    k--;
  }
  return k < at && isPunct(tokens[k - 1], ',—') ? k : at;
}

// "said no decision had been made", "said nothing had changed": a quantifier opening a clause with a finite verb.
const QUANTIFIERS = lexicon.grammar.quantifiers;
function quantifiedSubject(tokens: Token[], k: number, end: number): boolean {
  if (!QUANTIFIERS.has(tokens[k]!.lower)) return false;
  for (let j = k + 1; j <= end && j <= k + 4; j++) {
    const t = tokens[j]!;
    if (!isWord(t)) return false;
    if (words.finite.has(t.lower)) return j > k + 1 || !/^no$/.test(tokens[k]!.lower);
  }
  return false;
}

/** The clause after a participle's cue: "that CLAUSE" or a bare clause with a verb of its own. */
function reportFromClause(
  tokens: Token[],
  c: CueWithSpeaker,
  source: IndirectSpeech['source'],
  to: number,
  last: number,
  text: string,
): IndirectSpeech | null {
  const { at, mark } = clauseStart(tokens, c, to, text);
  if (at > last || !isWord(tokens[at])) return null;
  const end = clauseEnd(tokens, at, last);
  if (mark === 'that') return report(tokens, at, end, source, 'reported-that');
  return opensBareClause(tokens, at, to) ? report(tokens, at, end, source, 'reported-bare') : null;
}

/** Where a clause ending at `to` starts when a quotation comes before it: past the next comma after the quotation. */
function afterLastQuote(tokens: Token[], from: number, to: number): number {
  let q = -1;
  for (let k = from; k <= to; k++) if (tokens[k]!.kind === 'quote') q = k;
  if (q < 0) return from;
  for (let k = q + 1; k <= to; k++) if (isPunct(tokens[k], ',;—')) return k + 1;
  return to + 1;
}

/** The comma after a short time or place phrase at k ("on Friday,"), or k when there is none. */
function adjunctThenComma(tokens: Token[], k: number, last: number): number {
  const first = tokens[k];
  if (!isWord(first) || !(words.prepositions.has(first.lower) || lexicon.timeWords.has(first.lower))) return k;
  if (words.joiners.has(first.lower)) return k;
  for (let j = k + 1; j <= last && j <= k + 5; j++) {
    if (isPunct(tokens[j], ',')) return j;
    if (!isWord(tokens[j]) || words.finite.has(tokens[j]!.lower)) return k;
  }
  return k;
}

/** Past the hearer at k ("told The New York Times", "told them", "told his closest advisers"), when one is there. */
function pastHearer(text: string, tokens: Token[], k: number, last: number, to: number): number {
  const t = tokens[k];
  if (!isWord(t)) return k;
  if (OBJECT_PRONOUNS.has(t.lower)) return k + 1;
  const m = mentionRightFrom(tokens, k, to, text);
  if (m && m.kind !== 'pronoun' && m.from === k) return m.to;
  // "told his closest advisers": a possessive or a determiner and a few lower-case words.
  if (!lexicon.determiners.has(t.lower)) return k;
  let j = k + 1;
  while (j <= last && j < k + 4 && isWord(tokens[j]) && !words.finite.has(tokens[j]!.lower)) j++;
  return j > k + 1 && (j > last || isPunct(tokens[j], ',')) ? j : k;
}

/** ", according to Yonhap" or ", citing KCNA" closing the sentence at token k. */
function relayAfter(
  text: string,
  tokens: Token[],
  k: number,
  last: number,
  to: number,
): { mention: Mention; citing: boolean } | null {
  if (!isPunct(tokens[k], ',') || !isWord(tokens[k + 1])) return null;
  const w = tokens[k + 1]!.lower;
  const at = w === 'according' && tokens[k + 2]?.lower === 'to' ? k + 3 : w === 'citing' ? k + 2 : -1;
  if (at < 0 || at > last) return null;
  const m = mentionRightFrom(tokens, at, to, text);
  if (!m || m.kind === 'pronoun' || m.to <= last) return null;
  return { mention: m, citing: w === 'citing' };
}

// The words after an attribution that only say when or where it was said.
const MAX_CLOSING_ADJUNCT = 8;
function closingAdjunct(tokens: Token[], from: number, last: number): boolean {
  if (last - from >= MAX_CLOSING_ADJUNCT) return false;
  const first = tokens[from]!;
  if (!(words.prepositions.has(first.lower) || words.adjuncts.has(first.lower))) return false;
  if (words.joiners.has(first.lower) || words.whWords.has(first.lower)) return false;
  for (let k = from; k <= last; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word' && !isPunct(t, '.')) return false;
    if (t.kind === 'word' && (words.finite.has(t.lower) || words.subjectPronouns.has(t.lower) || t.lower === 'that'))
      return false;
  }
  return true;
}

function reportsOf(
  text: string,
  tokens: Token[],
  s: SentenceInfo,
  last: number,
  c: CueWithSpeaker,
  source: IndirectSpeech['source'],
): IndirectSpeech[] {
  const m = source.mention;
  if (c.cue.kind === 'according') {
    // The source runs to the next comma: "according to F.A.A. records".
    let k = m.to;
    while (k <= last && !isPunct(tokens[k], ',;—')) k++;
    const before = c.cue.from - 1;
    const leads = c.cue.from <= s.from + 1;
    if (leads && k < last && (k - m.to <= 6 || m.kind === 'anonymous'))
      return some(report(tokens, k + 1, clauseEnd(tokens, k + 1, last), source, 'reported-according-lead'));
    if (before > s.from && isPunct(tokens[before], ',—')) {
      // "CLAUSE, according to X" has a verb before the cue; "Trump, according to aides, plans" does not.
      // '"...," the man said, the talks stalled, according to X': the report starts after a quotation before it.
      const from = afterLastQuote(tokens, s.from, before - 1);
      const head =
        k >= last || hasOwnVerb(tokens, from, before - 1)
          ? report(tokens, from, before - 1, source, 'reported-according-trail')
          : null;
      if (head) return [head];
      // "Trump, according to aides, plans to ...": the rest of the sentence is the report.
      if (k < last)
        return some(report(tokens, k + 1, clauseEnd(tokens, k + 1, last), source, 'reported-parenthetical'));
    }
    return [];
  }
  if (c.cue.kind !== 'verb') return [];
  const cue = c.cue.lower;
  const reporting =
    lexicon.indirect.has(cue) || words.object.has(cue) || words.infinitive.has(cue) || words.question.has(cue);
  if (!reporting) return [];
  // A participle reports speech only in its own clause: ", warning that ..." but not "with the economy adding".
  if (c.cue.participle && participleComma(tokens, c.cue.from) < 0) return [];
  // "a person who attended and described": no speaker ends with a conjunction.
  if (words.joiners.has(tokens[m.to - 1]!.lower) || words.prepositions.has(tokens[m.to - 1]!.lower)) return [];
  // A participle's attribution is the participle alone: '"...," he said, adding that ...'.
  let attrFrom = c.cue.participle ? c.cue.from : Math.min(m.from, c.cue.from);
  // "CLAUSE, federal officials said.": lower-case modifiers the mention left out still belong to the attribution.
  if (!c.cue.participle) attrFrom = pastModifiersLeft(tokens, s.from, attrFrom);
  let attrTo = Math.max(m.to, c.cue.to);
  // "CLAUSE, a spokesman told The Wall Street Journal.": the hearer belongs to the attribution.
  if (attrFrom > s.from && isPunct(tokens[attrFrom - 1], ',—') && attrTo === c.cue.to && words.hearer.has(cue)) {
    // The hearer, then perhaps when or where ("told The Huffington Post on Thursday"), ends the attribution.
    const past = pastHearer(text, tokens, attrTo, last, s.to);
    const adjunctEnd = past <= last ? adjunctThenComma(tokens, past, last) : past;
    // "urged Silicon Valley to find a compromise" is a report of its own, not a closing adjunct.
    const infinitive = isWord(tokens[past]) && tokens[past]!.lower === 'to';
    if (past > last || isPunct(tokens[past], ',') || (!infinitive && closingAdjunct(tokens, past, last))) attrTo = past;
    else if (adjunctEnd > past) attrTo = adjunctEnd;
  }
  // "CLAUSE, X said in his interview." / "..., X said Friday afternoon.": a short adjunct closes the sentence.
  if (attrTo <= last && closingAdjunct(tokens, attrTo, last)) attrTo = last + 1;
  // "..., KCNA said, according to Yonhap." / "..., Yonhap reported, citing KCNA.": relayed through an outlet.
  const relay = c.cue.kind === 'verb' && !c.cue.participle ? relayAfter(text, tokens, attrTo, last, s.to) : null;
  if (relay) {
    const [speaker, outlet] = relay.citing ? [relay.mention, m] : [m, relay.mention];
    const relayed = reportsOf(text, tokens, { ...s, to: attrTo + 1 }, attrTo - 1, c, { ...source, mention: m });
    return relayed.map((r) => ({
      ...r,
      source: { ...r.source, mention: speaker },
      relay: outlet,
      through: relay.mention.to,
    }));
  }
  while (attrTo <= last && isWord(tokens[attrTo]) && lexicon.timeWords.has(tokens[attrTo]!.lower)) attrTo++;
  // An attribution next to a quotation belongs to the quotation: '"...," Trump said Sunday on NBC.'
  if (nextToQuote(tokens, s, attrFrom, attrTo)) return [];
  const asClause = asAttribution(tokens, s, m, attrTo, last, source);
  if (asClause) return asClause;
  // "the changes, which officials said will go into effect", "a probe the agency said was ongoing": a relative
  // clause whose subject the report lost; the report is the rest of the relative clause.
  const rest = tokens[c.cue.to];
  if (
    m.to <= c.cue.from &&
    words.sayVerbs.has(cue) &&
    isWord(rest) &&
    words.finite.has(rest.lower) &&
    !/^[’']/.test(rest.text)
  ) {
    const e = nextStop(tokens, c.cue.to, last + 1, ',;—()');
    return some(report(tokens, c.cue.to, e - 1, source, 'reported-relative'));
  }
  const inverted = m.from >= c.cue.to;
  if (!inverted && !c.cue.participle && !subjectNextToCue(tokens, s, m, c)) return [];
  const afterComma = attrFrom > s.from && isPunct(tokens[attrFrom - 1], ',—');
  if (afterComma && !c.cue.participle) {
    // "CLAUSE, X said." / "CLAUSE, said X, a senior fellow at ...".
    if ((attrTo > last && !isPunct(tokens[s.to - 1], ':')) || (inverted && isPunct(tokens[attrTo], ','))) {
      return some(report(tokens, s.from, attrFrom - 2, source, 'reported-trailing'));
    }
    if (isPunct(tokens[attrTo], ',—') && !inverted) {
      const next = tokens[attrTo + 1];
      const lead = tokens[s.from]!;
      // "But the point ..., X said, and ...": a joiner opening the sentence is no adjunct.
      const leadAdjunct =
        (words.prepositions.has(lead.lower) && !words.joiners.has(lead.lower)) ||
        words.whWords.has(lead.lower) ||
        /ing$/.test(lead.lower);
      // "CLAUSE, X said, compared with ...": what follows modifies the clause, which is the report; an opening
      // adjunct ("During his years in office, X said, a majority ...") is no clause of its own.
      if (!isWord(next) || continuesClause(next))
        return leadAdjunct ? [] : some(report(tokens, s.from, attrFrom - 2, source, 'reported-trailing'));
      // "PART, X said, PART.": both parts are the report, but an opening adjunct ("In his state, X said,
      // ...") or an unfinished relative ("which, X said, is") belongs to the second part alone.
      const tail = report(tokens, attrTo + 1, clauseEnd(tokens, attrTo + 1, last), source, 'reported-parenthetical');
      const end = tokens[attrFrom - 2];
      const leadAlone = leadAdjunct || !isWord(end) || words.joiners.has(end.lower) || words.whWords.has(end.lower);
      if (tail && leadAlone) return [tail];
      if (tail) return some(report(tokens, s.from, attrFrom - 2, source, 'reported-parenthetical'), tail);
    }
  }
  if (m.from > c.cue.from) return [];
  // "X added:" and unquoted words.
  if (isPunct(tokens[c.cue.to], ':'))
    return some(report(tokens, c.cue.to + 1, clauseEnd(tokens, c.cue.to + 1, last), source, 'reported-colon'));
  const { at: k, mark } = clauseStart(tokens, c, s.to, text);
  const first = tokens[k];
  // "said that, if elected, he would": the clause may open with an aside.
  if (mark === 'that' && k <= last) return some(report(tokens, k, clauseEnd(tokens, k, last), source, 'reported-that'));
  if (!isWord(first) || k > last) return [];
  const end = clauseEnd(tokens, k, last);
  if (mark === 'time') return words.bareClause.has(cue) ? some(report(tokens, k, end, source, 'reported-bare')) : [];
  // "vowed not to repeat": the negated infinitive is the report.
  const negated = first.lower === 'not' && isWord(tokens[k + 1]) && tokens[k + 1]!.lower === 'to';
  if (first.lower === 'to' || negated) {
    const ok = words.infinitive.has(cue) && (mark === 'hearer' || !words.hearer.has(cue) || cue.startsWith('promis'));
    return ok ? some(report(tokens, k, end, source, 'reported-infinitive')) : [];
  }
  // "asked whether", "said why"; but "said when she resigned" tells when, not what.
  if (words.whWords.has(first.lower))
    return words.question.has(cue) && !(words.sayVerbs.has(cue) && words.timeConjunctions.has(first.lower))
      ? some(report(tokens, k, end, source, 'reported-question'))
      : [];
  // "said about 20 people applied": a number, not a place or time, follows.
  const counted = isWord(tokens[k + 1]) && /^\d/.test(tokens[k + 1]!.text) && words.quantities.has(first.lower);
  if (
    !counted &&
    (words.prepositions.has(first.lower) || words.adjuncts.has(first.lower) || lexicon.auxiliaries.has(first.lower))
  )
    return [];
  if (words.nounForms.has(cue)) return [];
  if (
    words.bareClause.has(cue) &&
    (!words.notClauseOpeners.has(first.lower) ||
      tokens[k + 1]?.lower === 'than' ||
      tokens[k + 1]?.lower === 'of' ||
      quantifiedSubject(tokens, k, end)) &&
    !/ly$/.test(first.lower) &&
    (words.sayVerbs.has(cue) || hasOwnVerb(tokens, k, end))
  )
    return some(report(tokens, k, end, source, mark === 'hearer' ? 'reported-that' : 'reported-bare'));
  if (words.object.has(cue) && mark !== 'hearer' && !/ly$/.test(first.lower))
    return some(report(tokens, k, end, source, 'reported-object'));
  return [];
}

// "Asked whether ..., X said", "when asked about NP", "Asked by Starnes if ...": the question is reported speech
// of whoever asked it, named only when "by" says so.
const MAX_ASKED_ADJUNCT = 6;
export function findAskedQuestions(text: string, para: ParagraphInfo, s: SentenceInfo): AskedQuestion[] {
  const tokens = para.tokens;
  const out: AskedQuestion[] = [];
  for (let i = s.from; i < s.to; i++) {
    const t = tokens[i]!;
    if (!isWord(t) || t.lower !== 'asked') continue;
    const prev = tokens[i - 1];
    const opens = i === s.from || isPunct(prev, ',—') || (isWord(prev) && lexicon.grammar.askedOpeners.has(prev.lower));
    if (!opens) continue;
    let k = i + 1;
    let asker: Mention | null = null;
    if (isWord(tokens[k]) && tokens[k]!.lower === 'by') {
      asker = mentionRightFrom(tokens, k + 1, s.to, text);
      if (!asker || asker.kind === 'pronoun') break;
      k = asker.to;
    }
    // "Asked on Fox News whether", "asked during a January debate why".
    let j = k;
    while (j < s.to && j - k < MAX_ASKED_ADJUNCT && isWord(tokens[j]) && !opensQuestion(tokens[j]!)) j++;
    if (j > k && !(words.prepositions.has(tokens[k]!.lower) || lexicon.timeWords.has(tokens[k]!.lower))) continue;
    const q = tokens[j];
    if (!isWord(q) || !opensQuestion(q)) continue;
    const from = q.lower === 'about' ? j + 1 : j;
    const e = nextStop(tokens, from, s.to, ',;:—');
    if (e >= from + MAX_CLAUSE || (e >= s.to && i !== s.from)) continue;
    const end = e - 1;
    if (wordCount(tokens, from, end) < MIN_WORDS && q.lower !== 'about') continue;
    if (end < from) continue;
    out.push({ start: tokens[from]!.start, end: tokens[end]!.end, cue: t, asker });
    i = e;
  }
  return out;
}

function opensQuestion(t: Token): boolean {
  return words.whWords.has(t.lower) || t.lower === 'if' || t.lower === 'whether' || t.lower === 'about';
}
