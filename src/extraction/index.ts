import type {
  ExtractedQuote,
  ExtractionOptions,
  ExtractionResult,
  KnownSpeaker,
  QuoteKind,
  QuoteSpeaker,
  Sieve,
  SpeakerEntity,
  Span,
} from './types.js';
import type { Entity } from './coref.js';
import type { Mention } from './mentions.js';
import type { Attribution, CarryState } from './sieves.js';
import type { CueWithSpeaker, ParagraphInfo } from './document.js';
import { splitParagraphs } from './paragraphs.js';
import { findQuoteSpans } from './spans.js';
import { readParagraph } from './document.js';
import { attributeQuote } from './sieves.js';
import { findAskedQuestions, findIndirect } from './indirect.js';
import { EntityTable } from './coref.js';
import { linkRegistry } from './registry.js';
export { lookupNames } from './registry.js';
import { findBylineAuthors } from './byline.js';
import { mentionRightFrom } from './mentions.js';
import { usedAsOrdinaryWord } from './words.js';
import { lexicon } from './lexicon.js';
import { looksLikeTitle, looksLikeTitleOrScareQuote, namedRatherThanSaid } from './scare.js';

/** Confidence given to titles, names and scare quotes; anything below MIN_CONFIDENCE is left out. */
const NOT_SPEECH = 0.1;
const MIN_CONFIDENCE = 0.2;

export type * from './types.js';
export { QUOTE_KINDS, SPEAKER_KINDS } from './types.js';
export { SIEVES } from './types.js';

// The engine is a sieve pipeline over one article:
//   1. paragraphs and quote spans (spans.ts), then per paragraph tokens with
//      each quote as one token, sentences, reporting cues and the speaker
//      mention each cue points at (document.ts, cues.ts, mentions.ts);
//   2. each quote goes through the attribution sieves, most precise first
//      (sieves.ts); reported speech without marks is read from the same cues
//      (indirect.ts);
//   3. mentions become article entities as they are met, so that pronouns and
//      "the official" see what came before (coref.ts);
//   4. entities are linked to the registry candidates (registry.ts) and the
//      result is put in offset order without overlaps.

interface Found {
  start: number;
  end: number;
  kind: QuoteKind;
  mention: Mention | null;
  entity: Entity | null;
  cue: Span | null;
  relayMention: Mention | null;
  relayEntity: Entity | null;
  confidence: number;
  sieve: Sieve;
}

const empty = (): ExtractionResult => ({ quotes: [], speakers: [] });

/** Quotes, reported speech and their speakers in one article. Never throws. */
export function extractQuotes(text: string, options: ExtractionOptions = {}): ExtractionResult {
  return extractInStages(text, options).link(options.registry ?? []);
}

/** An article read once, whose entities can then be linked to registry candidates without reading it again. */
export interface StagedExtraction {
  /** The quotes and speakers with no registry linking. */
  readonly unlinked: ExtractionResult;
  /**
   * The quotes and speakers with entities linked to `registry`: what
   * extractQuotes(text, { ...options, registry }) answers. Linking changes the
   * article's entities, so it is done once, after `unlinked` is read.
   */
  link(registry: KnownSpeaker[]): ExtractionResult;
}

/**
 * Reads the article and attributes its quotes (stages 1 to 3), leaving registry
 * linking (stage 4) for later: ingestion first needs the speakers' names to know
 * which registry speakers to offer. Never throws.
 */
export function extractInStages(text: string, options: Omit<ExtractionOptions, 'registry'> = {}): StagedExtraction {
  let analysis: Analysis | null = null;
  if (typeof text === 'string' && text.length > 0) {
    try {
      analysis = analyze(text, options);
    } catch {
      analysis = null;
    }
  }
  let unlinked: ExtractionResult | undefined;
  let linked = false;
  const presentWith = (registry: KnownSpeaker[]): ExtractionResult => {
    if (!analysis) return empty();
    try {
      return present(analysis, registry);
    } catch {
      return empty();
    }
  };
  return {
    get unlinked() {
      if (!unlinked && linked) throw new Error('`unlinked` is read before linking');
      unlinked ??= presentWith([]);
      return unlinked;
    },
    link(registry) {
      if (linked) throw new Error('an extraction is linked once');
      linked = true;
      if (registry.length === 0 && unlinked) return unlinked;
      return presentWith(registry);
    },
  };
}

interface Analysis {
  text: string;
  found: Found[];
  table: EntityTable;
}

function analyze(text: string, options: ExtractionOptions): Analysis {
  const paragraphs = splitParagraphs(text);
  const spans = findQuoteSpans(text, paragraphs);
  const authors = [...(options.authors ?? []), ...findBylineAuthors(text, paragraphs)];
  const table = new EntityTable(authors);
  const resolved = new Map<Mention, Entity | null>();
  const resolve = (m: Mention | null): Entity | null => {
    if (!m || table.isAuthor(m)) return null;
    if (resolved.has(m)) return resolved.get(m) ?? null;
    const e = table.resolve(m);
    resolved.set(m, e);
    return e;
  };
  const isAuthor = (m: Mention): boolean => table.isAuthor(m);
  const found: Found[] = [];
  const carry: CarryState = { inParagraph: null, previousParagraph: null, colonLead: null, lastCueInParagraph: null };
  let q = 0;
  for (const p of paragraphs) {
    while (q < spans.length && spans[q]!.paragraph < p.index) q++;
    const para = readParagraph(text, p, spans, q);
    carry.inParagraph = null;
    carry.lastCueInParagraph = null;
    let lastSpeech: Attribution | null = null;
    for (const s of para.sentences) {
      noteSentenceSubject(text, para, s.from, s.to, resolve);
      // Cue speakers in text order, so that pronouns and "the official" see what came before.
      for (const c of [...s.cues].sort(byMentionStart)) resolve(c.mention);
      for (let i = s.from; i < s.to; i++) {
        const t = para.tokens[i]!;
        if (t.kind !== 'quote') continue;
        const span = spans[t.quote]!;
        const a = attributeQuote(text, para, s, i, span, carry);
        const [start, end] = trim(text, a.contentStart ?? span.start, span.end);
        if (end <= start) continue;
        let confidence = a.confidence;
        if (a.kind === 'partial' && a.rule !== 'trailing' && a.rule !== 'leading') {
          if (looksLikeTitle(text, start, end) || namedRatherThanSaid(text, span.open)) confidence = NOT_SPEECH;
          else if (looksLikeTitleOrScareQuote(text, start, end) && (a.rule === 'none' || !a.cue))
            confidence = a.rule === 'none' ? NOT_SPEECH : Math.min(confidence, 0.4);
          else if (looksLikeTitleOrScareQuote(text, start, end) && a.rule !== 'sentence')
            confidence = Math.min(confidence, 0.4);
        }
        if (confidence < MIN_CONFIDENCE) continue;
        const entity = resolve(a.mention);
        // A carried-over speaker is pointed at by its latest mention ("He then asked: ...").
        let mention = entity ? a.mention : null;
        if (
          entity &&
          mention &&
          a.rule !== 'trailing' &&
          a.rule !== 'leading' &&
          a.rule !== 'sentence' &&
          entity.lastMention.start > mention.start &&
          entity.lastMention.end <= start
        ) {
          mention = { ...mention, start: entity.lastMention.start, end: entity.lastMention.end };
        }
        found.push({
          start,
          end,
          kind: a.kind,
          mention,
          entity,
          cue: a.cue ? cueSpan(text, a.cue) : null,
          relayMention: a.relay,
          relayEntity: resolve(a.relay),
          confidence,
          sieve: a.rule,
        });
        if (a.mention && entity) {
          carry.inParagraph = a.rule === 'transcript' ? { ...a, rule: 'previous-quote' } : a;
          lastSpeech = a;
        }
      }
      for (const r of findIndirect(text, para, s, isAuthor)) {
        const entity = resolve(r.source.mention);
        if (!entity) continue;
        found.push({
          start: r.start,
          end: r.end,
          kind: 'indirect',
          mention: r.source.mention,
          entity,
          cue: cueSpan(text, r.source),
          relayMention: r.relay ?? null,
          relayEntity: resolve(r.relay ?? null),
          confidence: 0.6,
          sieve: r.rule,
        });
      }
      for (const a of findAskedQuestions(text, para, s)) {
        const entity = resolve(a.asker);
        found.push({
          start: a.start,
          end: a.end,
          kind: 'indirect',
          mention: entity ? a.asker : null,
          entity,
          cue: { text: a.cue.text, start: a.cue.start, end: a.cue.end },
          relayMention: null,
          relayEntity: null,
          confidence: 0.5,
          sieve: 'reported-asked',
        });
      }
      const withSpeaker = s.cues.filter((c) => c.mention && c.cue.kind !== 'adjunct');
      const lastCue = withSpeaker[withSpeaker.length - 1];
      if (lastCue) carry.lastCueInParagraph = lastCue;
    }
    carry.previousParagraph = lastSpeech ?? (carry.lastCueInParagraph ? asAttribution(carry.lastCueInParagraph) : null);
    carry.colonLead = endsWithColon(para) ? carry.lastCueInParagraph : null;
  }
  return { text, found, table };
}

function byMentionStart(a: CueWithSpeaker, b: CueWithSpeaker): number {
  return (a.mention?.start ?? 0) - (b.mention?.start ?? 0);
}

function asAttribution(c: CueWithSpeaker): Attribution {
  return { kind: 'direct', mention: c.mention, cue: c, relay: null, confidence: 0.5, rule: 'paragraph' };
}

function endsWithColon(para: ParagraphInfo): boolean {
  const last = para.tokens[para.tokens.length - 1];
  return last !== undefined && last.kind === 'punct' && last.text === ':';
}

// A person named at the start of a sentence is what a later "he" most likely means.
function noteSentenceSubject(
  text: string,
  para: ParagraphInfo,
  from: number,
  to: number,
  resolve: (m: Mention | null) => Entity | null,
): void {
  const first = para.tokens[from];
  if (!first || first.kind !== 'word' || !first.cap) return;
  const m = mentionRightFrom(para.tokens, from, to, text);
  if (m && (m.kind === 'person' || m.kind === 'organization' || (m.kind === 'pronoun' && m.head !== 'it'))) resolve(m);
}

function cueSpan(text: string, c: CueWithSpeaker): Span {
  return { text: text.slice(c.cue.start, c.cue.end), start: c.cue.start, end: c.cue.end };
}

function trim(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return [s, e];
}

// A speaker is a name: never a pronoun left unresolved ("it"), nor one word the
// article also uses in lower case as an ordinary word ("Students", "Even", "Hacked").
function isName(text: string, e: Entity): boolean {
  const lower = e.name.toLowerCase();
  if (e.unnamed || lexicon.pronouns.has(lower) || lexicon.otherPronouns.has(lower)) return false;
  if (e.kind !== 'person' || e.name.includes(' ') || e.registryId) return true;
  // "Specifically, ...": a sentence adverb is no name.
  if (lexicon.sentenceAdverbs.has(lower)) return false;
  return !usedAsOrdinaryWord(text, e.name);
}

function present({ text, found, table }: Analysis, registry: KnownSpeaker[]): ExtractionResult {
  for (const e of table.list) e.spoke = false;
  const merged = linkRegistry(table.list, registry);
  const canonical = (e: Entity | null): Entity | null => {
    if (!e) return null;
    const id = merged.get(e.id);
    return id === undefined ? e : (table.byId(id) ?? e);
  };
  const speakerOf = (m: Mention | null, e0: Entity | null): QuoteSpeaker | null => {
    const e = canonical(e0);
    if (!m || !e) return null;
    const named = isName(text, e);
    if (named) e.spoke = true;
    return {
      entity: e.id,
      name: named ? e.name : null,
      kind: e.kind,
      mention: { text: text.slice(m.start, m.end), start: m.start, end: m.end },
      registryId: e.registryId,
    };
  };
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const quotes: ExtractedQuote[] = [];
  let lastEnd = -1;
  for (const f of found) {
    if (f.start < lastEnd || f.start < 0 || f.end > text.length || f.end <= f.start) continue;
    lastEnd = f.end;
    const speaker = speakerOf(f.mention, f.entity);
    const relay = speaker ? speakerOf(f.relayMention, f.relayEntity) : null;
    const relayedBy = relay?.name ? relay : null;
    quotes.push({
      text: text.slice(f.start, f.end),
      start: f.start,
      end: f.end,
      kind: f.kind,
      speaker,
      cue: f.cue,
      relayedBy: relayedBy && speaker && relayedBy.entity !== speaker.entity ? relayedBy : null,
      confidence: Math.max(0, Math.min(1, speaker ? f.confidence : Math.min(f.confidence, 0.4))),
      sieve: f.sieve,
    });
  }
  const speakers: SpeakerEntity[] = table.list
    .filter((e) => e.spoke)
    .map((e) => ({
      id: e.id,
      name: e.name,
      kind: e.kind,
      role: e.role,
      ...(e.affiliation ? { affiliation: e.affiliation } : {}),
      aliases: [...e.aliases].filter((a) => a !== e.name),
      registryId: e.registryId,
    }));
  return { quotes, speakers };
}
