import type { AttributionStatus, RevisionAction } from '../generated/prisma/enums.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { AttributionRepository, SpeakerRef } from './attribution-repository.js';
import type { QuoteRepository } from './repository.js';
import type { CorrectQuote } from './corrections-schemas.js';

// People correct the machine: each change of speaker or status is recorded in
// the quote's history (see AttributionRepository).

export class CorrectionService {
  constructor(
    private readonly attributions: AttributionRepository,
    private readonly quotes: QuoteRepository,
  ) {}

  async correct(id: string, change: CorrectQuote) {
    const found = await this.attributions.withLockedQuote(
      id,
      async (quote) => {
        let speaker: SpeakerRef | null = quote.speaker;
        if (change.speaker !== undefined) {
          speaker = await quote.findSpeaker(change.speaker);
          if (!speaker) {
            throw new InvalidInputError(`No speaker has id ${JSON.stringify(change.speaker)}.`, [
              { in: 'body', path: 'speaker', message: 'is not a known speaker' },
            ]);
          }
        }
        const status: AttributionStatus = change.status ?? 'confirmed';
        const action: RevisionAction =
          change.speaker !== undefined && speaker?.id !== quote.speaker?.id
            ? 'reattribute'
            : status === 'rejected'
              ? 'reject'
              : 'confirm';
        await quote.change({ speaker, status }, { action, actor: change.by, reason: change.reason });
      },
      change.speaker,
    );
    if (!found) throw new NotFoundError('quote', id);
    const updated = await this.quotes.get(id);
    if (!updated) throw new NotFoundError('quote', id);
    return updated;
  }

  async history(id: string) {
    const revisions = await this.attributions.history(id);
    if (!revisions) throw new NotFoundError('quote', id);
    return {
      items: revisions.map((r) => ({
        id: r.id,
        action: r.action,
        by: r.actor,
        reason: r.reason,
        from: {
          speaker: r.fromSpeakerId ? { id: r.fromSpeakerId, name: r.fromSpeakerName ?? '' } : null,
          status: r.fromStatus,
        },
        to: { speaker: r.toSpeakerId ? { id: r.toSpeakerId, name: r.toSpeakerName ?? '' } : null, status: r.toStatus },
        at: r.createdAt,
      })),
    };
  }
}
