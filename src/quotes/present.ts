import type { Prisma } from '../generated/prisma/client.js';

// Database rows to the API's quote shape.

const speakerRef = { select: { id: true, name: true, kind: true } } as const;

export const quoteInclude = {
  speaker: speakerRef,
  relayedBy: speakerRef,
  article: { select: { id: true, title: true, url: true, outlet: true, publishedAt: true } },
} as const satisfies Prisma.QuoteInclude;

export const articleQuoteInclude = { speaker: speakerRef, relayedBy: speakerRef } as const satisfies Prisma.QuoteInclude;

type QuoteWithRefs = Prisma.QuoteGetPayload<{ include: typeof articleQuoteInclude }>;
type QuoteWithArticle = Prisma.QuoteGetPayload<{ include: typeof quoteInclude }>;

function span(text: string | null, start: number | null, end: number | null) {
  return text !== null && start !== null && end !== null ? { text, start, end } : null;
}

export function presentArticleQuote(q: QuoteWithRefs) {
  return {
    id: q.id,
    text: q.text,
    kind: q.kind,
    start: q.start,
    end: q.end,
    speaker: q.speaker ? { ...q.speaker, mention: span(q.mentionText, q.mentionStart, q.mentionEnd) } : null,
    cue: span(q.cueText, q.cueStart, q.cueEnd),
    relayedBy: q.relayedBy,
    confidence: q.confidence,
    status: q.status,
  };
}

export function presentQuote(q: QuoteWithArticle) {
  return { ...presentArticleQuote(q), article: q.article };
}
