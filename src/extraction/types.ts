// The contract between the extraction engine and the rest of the service.
// Offsets are UTF-16 code unit offsets into the input text (JavaScript string
// indices), so that text.slice(start, end) === span text.

// The kinds of quote and speaker, defined here once: the HTTP schemas are built from
// these lists, and a test holds the database's enums (prisma/schema.prisma) to them.
export const QUOTE_KINDS = ['direct', 'partial', 'indirect'] as const;
export type QuoteKind = (typeof QUOTE_KINDS)[number];
export const SPEAKER_KINDS = ['person', 'anonymous', 'group', 'organization'] as const;
export type SpeakerKind = (typeof SPEAKER_KINDS)[number];
/**
 * The attribution rules, in the order the engine tries them: quote sieves
 * (sieves.ts) for each quotation, then the reported-speech sieves (indirect.ts)
 * for each sentence without one.
 */
export const SIEVES = [
  'transcript',
  'trailing',
  'leading',
  'sentence',
  'previous-quote',
  'paragraph',
  'previous-paragraph',
  'none',
  'reported-according-lead',
  'reported-according-trail',
  'reported-parenthetical',
  'reported-trailing',
  'reported-colon',
  'reported-that',
  'reported-infinitive',
  'reported-question',
  'reported-bare',
  'reported-object',
  'reported-asked',
  'reported-as',
  'reported-relative',
] as const;
export type Sieve = (typeof SIEVES)[number];

export interface Span {
  text: string;
  start: number;
  end: number;
}

/** One speaker of an article after in-article coreference ("Psaki" = "Jen Psaki"). */
export interface SpeakerEntity {
  /** Article-local id, referenced by quotes. */
  id: number;
  /** Most complete name seen ("Jen Psaki"), or the fullest descriptor of an anonymous source. */
  name: string;
  kind: SpeakerKind;
  /** Title or role seen in the text ("White House press secretary", "Kremlin aide"). */
  role: string | null;
  /** The body a person speaks for, when the article says it ("Smaby Group Inc"). */
  affiliation?: string;
  /** Other forms the article uses for the same speaker ("Psaki", "the official"). */
  aliases: string[];
  /** Id of the registry speaker this entity was linked to, if any. */
  registryId: string | null;
}

export interface QuoteSpeaker {
  /** Article-local entity id; an unnamed speaker's entity is not among the result's speakers. */
  entity: number;
  /** Null when the mention names no one: a pronoun with nothing before it to refer to ("it said"). */
  name: string | null;
  kind: SpeakerKind;
  /** The mention that attributes this quote (may be a pronoun or a descriptor). */
  mention: Span | null;
  registryId: string | null;
}

export interface ExtractedQuote {
  /** The quoted content (without the enclosing quotation marks). */
  text: string;
  start: number;
  end: number;
  kind: QuoteKind;
  speaker: QuoteSpeaker | null;
  /** Reporting verb or phrase ("said", "told reporters", "according to"). */
  cue: Span | null;
  /** Who passed the words on, when the speaker's words reach the article through someone else. */
  relayedBy: QuoteSpeaker | null;
  /** 0..1: how sure the engine is that this is speech and that the speaker is right. */
  confidence: number;
  /** The attribution rule that decided ("trailing", "reported-that", ...): see SIEVES. */
  sieve: Sieve;
}

export interface ExtractionResult {
  quotes: ExtractedQuote[];
  speakers: SpeakerEntity[];
}

/** A speaker the registry already knows, offered to the engine for linking. */
export interface KnownSpeaker {
  id: string;
  name: string;
  kind: SpeakerKind;
  aliases: string[];
  role: string | null;
  affiliation: string | null;
}

export interface ExtractionOptions {
  /** Known speakers that may be mentioned in the text (a candidate list, not the whole registry). */
  registry?: KnownSpeaker[];
  /** Names of the article's authors; a byline is never a speaker. */
  authors?: string[];
}
