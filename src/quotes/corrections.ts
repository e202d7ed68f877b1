import type { AttributionStatus, RevisionAction } from '../generated/prisma/enums.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { AttributionRepository, QuoteSpan, SpeakerRef } from './attribution-repository.js';
import type { QuoteRepository } from './repository.js';
import type { AddQuote, CorrectQuote, DeleteQuote } from './corrections-schemas.js';

// People correct the machine: each change of speaker, status or span, each quote
// added by hand and each quote deleted is recorded in the quote's history (see
// AttributionRepository).

/** The span inside `body`, or a 400 naming what is wrong with it. */
function checkSpan(body: string, span: QuoteSpan): void {
  if (span.end > body.length) {
    throw new InvalidInputError(`The article body is ${body.length} characters long; the span ends past it.`, [
      { in: 'body', path: 'end', message: `must be at most ${body.length}` },
    ]);
  }
  if (body.slice(span.start, span.end).trim() === '') {
    throw new InvalidInputError('The span holds only white space.', [
      { in: 'body', path: 'start', message: 'the span must hold words' },
    ]);
  }
}

async function knownSpeaker(
  find: (id: string) => Promise<SpeakerRef | null>,
  id: string | null,
): Promise<SpeakerRef | null> {
  if (id === null) return null;
  const speaker = await find(id);
  if (!speaker) {
    throw new InvalidInputError(`No speaker has id ${JSON.stringify(id)}.`, [
      { in: 'body', path: 'speaker', message: 'is not a known speaker' },
    ]);
  }
  return speaker;
}

export class CorrectionService {
  constructor(
    private readonly attributions: AttributionRepository,
    private readonly quotes: QuoteRepository,
  ) {}

  async correct(id: string, change: CorrectQuote) {
    const found = await this.attributions.withLockedQuote(
      id,
      async (quote) => {
        const speaker =
          change.speaker !== undefined ? await knownSpeaker(quote.findSpeaker, change.speaker) : quote.speaker;
        const span =
          change.start !== undefined && change.end !== undefined ? { start: change.start, end: change.end } : undefined;
        if (span) checkSpan(await quote.articleBody(), span);
        const status: AttributionStatus = change.status ?? 'confirmed';
        const moved = span !== undefined && (span.start !== quote.start || span.end !== quote.end);
        // A speaker merged away is found as the one it went into: naming it is no change of speaker.
        const action: RevisionAction =
          change.speaker !== undefined && speaker?.id !== quote.speaker?.id
            ? 'reattribute'
            : moved
              ? 'respan'
              : status === 'rejected'
                ? 'reject'
                : 'confirm';
        await quote.change({ speaker, status, span }, { action, actor: change.by, reason: change.reason });
      },
      change.speaker,
    );
    if (!found) throw new NotFoundError('quote', id);
    return this.get(id);
  }

  /** Adds a quote the extractor missed to an article, confirmed; answers the stored quote. */
  async add(articleId: string, input: AddQuote) {
    const id = await this.attributions.withLockedArticle(articleId, async (article) => {
      checkSpan(article.body, input);
      const speaker = await knownSpeaker(article.findSpeaker, input.speaker);
      return article.add(
        { start: input.start, end: input.end, kind: input.kind, speaker },
        { action: 'add', actor: input.by, reason: input.reason },
      );
    });
    if (id === null) throw new NotFoundError('article', articleId);
    return this.get(id);
  }

  /** Deletes a quote; its history stays readable. */
  async delete(id: string, note: DeleteQuote): Promise<undefined> {
    const found = await this.attributions.withLockedQuote(id, (quote) =>
      quote.remove({ action: 'delete', actor: note.by, reason: note.reason }),
    );
    if (!found) throw new NotFoundError('quote', id);
    return undefined;
  }

  private async get(id: string) {
    const quote = await this.quotes.get(id);
    if (!quote) throw new NotFoundError('quote', id);
    return quote;
  }

  async history(id: string) {
    const revisions = await this.attributions.history(id);
    if (!revisions) throw new NotFoundError('quote', id);
    const speaker = (speakerId: string | null, name: string | null) =>
      speakerId ? { id: speakerId, name: name ?? '' } : null;
    return {
      items: revisions.map((r) => ({
        id: r.id,
        action: r.action,
        by: r.actor,
        reason: r.reason,
        from: {
          speaker: speaker(r.fromSpeakerId, r.fromSpeakerName),
          status: r.fromStatus,
          start: r.fromStart,
          end: r.fromEnd,
        },
        to: { speaker: speaker(r.toSpeakerId, r.toSpeakerName), status: r.toStatus, start: r.toStart, end: r.toEnd },
        at: r.createdAt,
      })),
    };
  }
}
