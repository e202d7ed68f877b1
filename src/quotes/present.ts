import { Prisma } from '../generated/prisma/client.js';
import type { QuoteKind, Span, SpeakerKind } from '../extraction/types.js';
import type { AttributionStatus } from '../generated/prisma/enums.js';

// Stored quotes, and the database rows they are read from, to the API's quote shape.

function span(text: string | null, start: number | null, end: number | null) {
  return text !== null && start !== null && end !== null ? { text, start, end } : null;
}

/** A quote row as read with ARTICLE_QUOTE_ROW_COLUMNS: the quote `q` joined to its speakers. */
export interface ArticleQuoteRow {
  id: string;
  text: string;
  kind: QuoteKind;
  start: number;
  end: number;
  mention_text: string | null;
  mention_start: number | null;
  mention_end: number | null;
  cue_text: string | null;
  cue_start: number | null;
  cue_end: number | null;
  confidence: number;
  sieve: string | null;
  status: AttributionStatus;
  speaker_id: string | null;
  speaker_name: string | null;
  speaker_kind: SpeakerKind | null;
  relayed_id: string | null;
  relayed_name: string | null;
  relayed_kind: SpeakerKind | null;
}

/** A quote row as read with QUOTE_ROW_COLUMNS: also its article. */
export interface QuoteRow extends ArticleQuoteRow {
  article_id: string;
  article_title: string;
  article_url: string | null;
  article_outlet: string | null;
  article_published_at: Date | null;
}

export const ARTICLE_QUOTE_ROW_COLUMNS = Prisma.sql`q.id, q.text, q.kind, q.start, q."end", q.mention_text, q.mention_start, q.mention_end,
  q.cue_text, q.cue_start, q.cue_end, q.confidence, q.sieve, q.status,
  s.id AS speaker_id, s.name AS speaker_name, s.kind AS speaker_kind,
  r.id AS relayed_id, r.name AS relayed_name, r.kind AS relayed_kind`;

export const ARTICLE_QUOTE_ROW_JOINS = Prisma.sql`LEFT JOIN speakers s ON s.id = q.speaker_id
  LEFT JOIN speakers r ON r.id = q.relayed_by_id`;

export const QUOTE_ROW_COLUMNS = Prisma.sql`${ARTICLE_QUOTE_ROW_COLUMNS},
  a.id AS article_id, a.title AS article_title, a.url AS article_url, a.outlet AS article_outlet, a.published_at AS article_published_at`;

export const QUOTE_ROW_JOINS = Prisma.sql`JOIN articles a ON a.id = q.article_id ${ARTICLE_QUOTE_ROW_JOINS}`;

/** A speaker as a quote shows it. */
export interface QuoteSpeakerRef {
  id: string;
  name: string;
  kind: SpeakerKind;
}

/** A stored quote: its words and where they are, who said them, and the evidence. */
export interface StoredQuote {
  id: string;
  text: string;
  kind: QuoteKind;
  start: number;
  end: number;
  speaker: QuoteSpeakerRef | null;
  /** The words that name the speaker. */
  mention: Span | null;
  cue: Span | null;
  relayedBy: QuoteSpeakerRef | null;
  confidence: number;
  /** The attribution rule that decided the quote; `editor` when a person added it; null when not kept. */
  sieve: string | null;
  status: AttributionStatus;
}

/** The API's shape of a quote. */
export function presentQuote(q: StoredQuote) {
  return {
    id: q.id,
    text: q.text,
    kind: q.kind,
    start: q.start,
    end: q.end,
    speaker: q.speaker && { id: q.speaker.id, name: q.speaker.name, kind: q.speaker.kind, mention: q.mention },
    cue: q.cue,
    relayedBy: q.relayedBy && { id: q.relayedBy.id, name: q.relayedBy.name, kind: q.relayedBy.kind },
    confidence: q.confidence,
    sieve: q.sieve,
    status: q.status,
  };
}

export type PresentedQuote = ReturnType<typeof presentQuote>;

// The rows of a page are presented straight into the API's shape, with no
// intermediate objects: a page of quotes is read on the busiest paths.

/** A quote row in the API's shape, with its article. */
export function presentQuoteRow(q: QuoteRow) {
  return Object.assign(presentArticleQuoteRow(q), {
    article: {
      id: q.article_id,
      title: q.article_title,
      url: q.article_url,
      outlet: q.article_outlet,
      publishedAt: q.article_published_at,
    },
  });
}

/** A quote row in the API's shape (presentQuote's), without its article. */
export function presentArticleQuoteRow(q: ArticleQuoteRow): PresentedQuote {
  return {
    id: q.id,
    text: q.text,
    kind: q.kind,
    start: q.start,
    end: q.end,
    speaker:
      q.speaker_id !== null
        ? {
            id: q.speaker_id,
            name: q.speaker_name!,
            kind: q.speaker_kind!,
            mention: span(q.mention_text, q.mention_start, q.mention_end),
          }
        : null,
    cue: span(q.cue_text, q.cue_start, q.cue_end),
    relayedBy: q.relayed_id !== null ? { id: q.relayed_id, name: q.relayed_name!, kind: q.relayed_kind! } : null,
    confidence: q.confidence,
    sieve: q.sieve,
    status: q.status,
  };
}
