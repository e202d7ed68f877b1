import type { QuoteKind } from './types.js';
import type { Token } from './tokens.js';
import type { CueWithSpeaker, ParagraphInfo, SentenceInfo } from './document.js';
import type { Mention } from './mentions.js';
import type { QuoteSpan } from './spans.js';
import { clauseSubject } from './document.js';
import { lexicon } from './lexicon.js';
import { mentionLeftOf, mentionRightFrom } from './mentions.js';

// Attribution sieves for the quotes of one sentence, most precise first:
// the attribution right after the quote, right before it, elsewhere in the
// sentence; then carry-over from the paragraph and the previous paragraph.

export interface Attribution {
  kind: QuoteKind;
  mention: Mention | null;
  cue: CueWithSpeaker | null;
  relay: Mention | null;
  confidence: number;
  /** Which rule decided: kept for the carry-over of later quotes. */
  rule:
    'trailing' | 'leading' | 'sentence' | 'previous-quote' | 'previous-paragraph' | 'paragraph' | 'transcript' | 'none';
  /** Where the speech starts when the quote opens with its speaker's name ("PENCE: Well, ..."). */
  contentStart?: number;
}

export interface CarryState {
  /** Speaker of the latest attributed quote in this paragraph. */
  inParagraph: Attribution | null;
  /** Speaker of the latest attribution of the previous paragraph. */
  previousParagraph: Attribution | null;
  /** The previous paragraph ended with a colon after a cue ("Psaki said:"). */
  colonLead: CueWithSpeaker | null;
  /** Latest cue with a speaker seen in this paragraph before the quote. */
  lastCueInParagraph: CueWithSpeaker | null;
}

function isComma(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'punct' && (t.text === ',' || t.text === '—' || t.text === '–');
}

/** The cue whose attribution ("Ushakov said", "said Psaki") starts at token k. */
function attributionStartingAt(s: SentenceInfo, k: number): CueWithSpeaker | null {
  for (const c of s.cues) {
    if (!c.mention || c.cue.kind === 'adjunct') continue;
    if (c.mention.from === k && c.mention.to <= c.cue.from) return c;
    if (c.cue.from === k && c.mention.from >= c.cue.to) return c;
    if (c.cue.kind === 'according' && c.cue.from === k) return c;
  }
  return null;
}

/** The cue that ends right before the quote at qi ("Psaki said: ", "said in a statement, "). */
function attributionEndingBefore(tokens: Token[], s: SentenceInfo, qi: number): CueWithSpeaker | null {
  const lead = tokens[qi - 1];
  if (!lead || lead.kind !== 'punct' || (lead.text !== ',' && lead.text !== ':')) return null;
  let best: CueWithSpeaker | null = null;
  for (const c of s.cues) {
    if (!c.mention || c.cue.from >= qi) continue;
    const gap = qi - 1 - Math.max(c.cue.to, c.mention.to);
    if (gap < 0 || gap > 6) continue;
    let clean = true;
    for (let k = Math.max(c.cue.to, c.mention.to); k < qi - 1; k++) if (tokens[k]!.kind === 'quote') clean = false;
    if (clean) best = c;
  }
  return best;
}

function nearestCue(s: SentenceInfo, qi: number, before: boolean): CueWithSpeaker | null {
  let best: CueWithSpeaker | null = null;
  for (const c of s.cues) {
    if (!c.mention) continue;
    if (before ? c.cue.to <= qi : c.cue.from > qi) {
      if (before) best = c;
      else return c;
    }
  }
  return best;
}

// "Ross said Obama had told leaders that he would not allow 'no daylight'": a
// quote inside reported speech belongs to the one who reports it, the first
// speech verb of the sentence.
function outermostSpeechCue(s: SentenceInfo, qi: number): CueWithSpeaker | null {
  for (const c of s.cues) {
    if (c.cue.to > qi) return null;
    if (c.mention && c.cue.kind === 'verb' && lexicon.indirect.has(c.cue.lower) && !c.cue.participle) return c;
  }
  return null;
}

function relayFor(s: SentenceInfo, chosen: CueWithSpeaker): Mention | null {
  if (chosen.cue.kind === 'according') return null;
  for (const c of s.cues)
    if (c.cue.kind === 'according' && c.mention && c !== chosen && c.mention.start !== chosen.mention?.start)
      return c.mention;
  return null;
}

function quoteHasSeveralSentences(text: string, q: QuoteSpan): boolean {
  let n = 0;
  for (let i = q.start; i < q.end - 2; i++) {
    const c = text.charCodeAt(i);
    if ((c === 46 || c === 33 || c === 63) && text.charCodeAt(i + 1) === 32) {
      const d = text.charCodeAt(i + 2);
      if (d >= 65 && d <= 90) n++;
    }
  }
  return n >= 1;
}

// '"We will win." Trump said.' splits into two sentences at the quote's full
// stop; a next sentence that is only an attribution belongs to the quote.
function attributionSentenceAfter(para: ParagraphInfo, s: SentenceInfo, qi: number): CueWithSpeaker | null {
  if (qi !== s.to - 1) return null;
  const next = para.sentences[s.index + 1];
  if (!next) return null;
  const c = attributionStartingAt(next, next.from);
  if (!c || !c.mention) return null;
  for (let k = next.from; k < next.to; k++) if (para.tokens[k]!.kind === 'quote') return null;
  return c;
}

const DASHES = new Set(['—', '―', '–', '-']);

/** A colon before the quote in its sentence with no quote between, or -1. */
function colonBefore(tokens: Token[], s: SentenceInfo, qi: number): number {
  for (let k = qi - 1; k >= s.from && k >= qi - 12; k--) {
    const t = tokens[k]!;
    if (t.kind === 'quote') return -1;
    if (t.kind === 'punct' && t.text === ':') return k;
  }
  return -1;
}

// Transcripts put the speaker's name in capitals before a colon inside the quote.
function transcriptSpeaker(text: string, q: QuoteSpan): { mention: Mention; contentStart: number } | null {
  let i = q.start;
  const limit = Math.min(q.end, q.start + 40);
  while (i < limit) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c === 32 || c === 46 || c === 39 || c === 45 || c === 0x2019) i++;
    else break;
  }
  if (i - q.start < 2 || text.charCodeAt(i) !== 58 || text.charCodeAt(i + 1) !== 32) return null;
  const name = text.slice(q.start, i).trim();
  if (!/^[A-Z]/.test(name) || !/[A-Z]{2}/.test(name)) return null;
  const mention: Mention = {
    start: q.start,
    end: q.start + name.length,
    text: name,
    kind: 'person',
    name,
    role: null,
    head: name.toLowerCase(),
    plural: false,
    definite: false,
    from: -1,
    to: -1,
  };
  let contentStart = i + 1;
  while (contentStart < q.end && text.charCodeAt(contentStart) === 32) contentStart++;
  return { mention, contentStart };
}

function fromCue(
  s: SentenceInfo,
  kind: QuoteKind,
  c: CueWithSpeaker,
  confidence: number,
  rule: Attribution['rule'],
): Attribution {
  return { kind, mention: c.mention, cue: c, relay: relayFor(s, c), confidence, rule };
}

function inherited(kind: QuoteKind, a: Attribution, confidence: number, rule: Attribution['rule']): Attribution {
  return { kind, mention: a.mention, cue: a.cue, relay: a.relay, confidence, rule };
}

export function attributeQuote(
  text: string,
  para: ParagraphInfo,
  s: SentenceInfo,
  qi: number,
  q: QuoteSpan,
  carry: CarryState,
): Attribution {
  const a = decide(text, para, s, qi, q, carry);
  return a.cue && a.mention && a.cue.mention === a.mention ? relayedThrough(text, para.tokens, s, a) : a;
}

// '"...," Yonhap reported, citing KCNA': the cited source spoke and the outlet relayed it; '..., the ministry said
// in a statement carried by KCNA': the outlet relayed the ministry's words.
const MAX_RELAY_GAP = 8;
function relayedThrough(text: string, tokens: Token[], s: SentenceInfo, a: Attribution): Attribution {
  const c = a.cue!;
  const after = Math.max(c.cue.to, c.mention!.to);
  for (let k = after; k < s.to && k <= after + MAX_RELAY_GAP; k++) {
    const t = tokens[k]!;
    if (t.kind === 'quote') break;
    if (t.kind !== 'word') continue;
    const citing = t.lower === 'citing' && isComma(tokens[k - 1]);
    const carried =
      t.lower === 'by' && tokens[k - 1]?.kind === 'word' && lexicon.grammar.relayParticiples.has(tokens[k - 1]!.lower);
    if (!citing && !carried) continue;
    const m = mentionRightFrom(tokens, k + 1, s.to, text);
    if (!m || m.kind === 'pronoun' || m.from !== k + 1) break;
    return citing ? { ...a, mention: m, relay: c.mention } : { ...a, relay: m };
  }
  return a;
}

function decide(
  text: string,
  para: ParagraphInfo,
  s: SentenceInfo,
  qi: number,
  q: QuoteSpan,
  carry: CarryState,
): Attribution {
  const tokens = para.tokens;
  let k = qi + 1;
  while (k < s.to && isComma(tokens[k])) k++;
  const trailing = k < s.to ? attributionStartingAt(s, k) : null;
  const leading = attributionEndingBefore(tokens, s, qi);
  const prevTok = tokens[qi - 1];
  let endsAlone = k >= s.to || trailing !== null || tokens[k]?.kind === 'quote';
  if (!endsAlone) {
    // Only closing punctuation left in the sentence.
    endsAlone = true;
    for (let i = k; i < s.to; i++) if (tokens[i]!.kind !== 'punct') endsAlone = false;
  }
  const startsAlone =
    qi === s.from ||
    leading !== null ||
    (prevTok?.kind === 'punct' && prevTok.text === ':') ||
    (isComma(prevTok) && tokens[qi - 2]?.kind === 'quote');
  const direct =
    (startsAlone && endsAlone) ||
    q.close < 0 ||
    q.continuesPrevious ||
    (startsAlone && quoteHasSeveralSentences(text, q));
  const kind: QuoteKind = direct ? 'direct' : 'partial';

  if (trailing) return fromCue(s, kind, trailing, 0.92, 'trailing');
  const transcript = transcriptSpeaker(text, q);
  if (transcript)
    return {
      kind: 'direct',
      mention: transcript.mention,
      cue: null,
      relay: null,
      confidence: 0.8,
      rule: 'transcript',
      contentStart: transcript.contentStart,
    };
  // '"The most unqualified child to ever run." ― Francisco Herrero'
  const dash = tokens[qi + 1];
  if (dash && dash.kind === 'punct' && DASHES.has(dash.text)) {
    const signed = mentionRightFrom(tokens, qi + 2, s.to, text);
    if (signed && signed.kind === 'person')
      return { kind: 'direct', mention: signed, cue: null, relay: null, confidence: 0.75, rule: 'trailing' };
  }
  if (leading) return fromCue(s, kind, leading, 0.9, 'leading');
  const left = outermostSpeechCue(s, qi) ?? nearestCue(s, qi, true);
  if (left) return fromCue(s, kind, left, direct ? 0.8 : 0.75, 'sentence');
  const right = nearestCue(s, qi, false);
  if (right) return fromCue(s, kind, right, 0.7, 'sentence');
  // Headline style "Gillibrand: 'I think she will'" and a partial quote in a
  // clause whose subject is the only candidate speaker.
  const colon = colonBefore(tokens, s, qi);
  if (colon >= 0) {
    // "Bill Clinton: Hillary 'better qualified'", "the board was conclusive in its findings: '...'"
    const named = mentionLeftOf(tokens, s.from, colon, text);
    // The phrase before the colon speaks only when it is all there is before it ("Bill Clinton: ...").
    // So does a name after a dash or "from" ("TURNOUT WAS HIGH - Michael P. McDonald: ...", "More from Jones: ...").
    const lead = named ? tokens[named.from - 1] : undefined;
    const introduced =
      lead !== undefined &&
      ((lead.kind === 'punct' && DASHES.has(lead.text)) || (lead.kind === 'word' && lead.lower === 'from'));
    const beforeColon =
      named && named.to === colon && named.kind !== 'pronoun' && (named.from <= s.from + 1 || introduced)
        ? named
        : null;
    const head =
      beforeColon ??
      (colon === qi - 1
        ? (clauseSubject(tokens, s.from, colon, text) ?? mentionRightFrom(tokens, s.from, colon, text))
        : null);
    if (head && !(head.kind === 'pronoun' && head.head === 'it'))
      return {
        kind: colon === qi - 1 ? 'direct' : kind,
        mention: head,
        cue: null,
        relay: null,
        confidence: 0.6,
        rule: 'sentence',
      };
  }
  if (!direct) {
    const subject = clauseSubject(tokens, s.from, qi, text);
    if (subject && !(subject.kind === 'pronoun' && subject.head === 'it'))
      return { kind, mention: subject, cue: null, relay: null, confidence: 0.5, rule: 'sentence' };
  }
  const after = attributionSentenceAfter(para, s, qi);
  if (after)
    return { kind: 'direct', mention: after.mention, cue: after, relay: null, confidence: 0.85, rule: 'trailing' };
  if (carry.inParagraph) return inherited(kind, carry.inParagraph, direct ? 0.7 : 0.55, 'previous-quote');
  const opensParagraph = qi === 0;
  if (opensParagraph && carry.colonLead)
    return {
      kind: 'direct',
      mention: carry.colonLead.mention,
      cue: carry.colonLead,
      relay: null,
      confidence: 0.75,
      rule: 'previous-paragraph',
    };
  if (opensParagraph && direct && carry.previousParagraph)
    return inherited(kind, carry.previousParagraph, q.continuesPrevious ? 0.75 : 0.55, 'previous-paragraph');
  if (carry.lastCueInParagraph) return fromCue(s, kind, carry.lastCueInParagraph, 0.45, 'paragraph');
  return { kind, mention: null, cue: null, relay: null, confidence: direct ? 0.4 : 0.2, rule: 'none' };
}
