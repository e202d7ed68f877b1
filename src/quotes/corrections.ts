import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { AttributionStatus, RevisionAction } from '../generated/prisma/enums.js';
import { HttpProblem, notFound } from '../http/problem.js';
import type { QuoteRepository } from './repository.js';
import type { CorrectQuote } from './corrections-schemas.js';

// People correct the machine: each change of speaker or status is written with
// an audit row in the same transaction, so the trail never misses a change.

type Tx = Prisma.TransactionClient;

interface SpeakerRef {
  id: string;
  name: string;
}

export interface RevisionInput {
  quoteId: string;
  action: RevisionAction;
  actor: string;
  reason: string | null;
  from: { speaker: SpeakerRef | null; status: AttributionStatus };
  to: { speaker: SpeakerRef | null; status: AttributionStatus };
}

export function revisionRow(r: RevisionInput): Prisma.QuoteRevisionCreateManyInput {
  return {
    quoteId: r.quoteId,
    action: r.action,
    actor: r.actor,
    reason: r.reason,
    fromSpeakerId: r.from.speaker?.id ?? null,
    fromSpeakerName: r.from.speaker?.name ?? null,
    toSpeakerId: r.to.speaker?.id ?? null,
    toSpeakerName: r.to.speaker?.name ?? null,
    fromStatus: r.from.status,
    toStatus: r.to.status,
  };
}

export class CorrectionService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly quotes: QuoteRepository,
  ) {}

  async correct(id: string, change: CorrectQuote) {
    await this.prisma.$transaction(async (tx: Tx) => {
      // Lock the quote so two corrections at once are recorded one after the other.
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM quotes WHERE id = ${id}::uuid FOR UPDATE`;
      if (locked.length === 0) throw notFound('quote', id);
      const quote = await tx.quote.findUniqueOrThrow({
        where: { id },
        select: { status: true, speaker: { select: { id: true, name: true } } },
      });
      let speaker: SpeakerRef | null = quote.speaker;
      if (change.speaker !== undefined) {
        speaker = await tx.speaker.findUnique({ where: { id: change.speaker }, select: { id: true, name: true } });
        if (!speaker) {
          throw new HttpProblem('validation', `No speaker has id ${JSON.stringify(change.speaker)}.`, {
            errors: [{ in: 'body', path: 'speaker', message: 'is not a known speaker' }],
          });
        }
      }
      const status: AttributionStatus = change.status ?? 'confirmed';
      const action: RevisionAction =
        change.speaker !== undefined && change.speaker !== quote.speaker?.id
          ? 'reattribute'
          : status === 'rejected'
            ? 'reject'
            : 'confirm';
      await tx.quote.update({ where: { id }, data: { speakerId: speaker?.id ?? null, status } });
      await tx.quoteRevision.create({
        data: revisionRow({
          quoteId: id,
          action,
          actor: change.by,
          reason: change.reason,
          from: { speaker: quote.speaker, status: quote.status },
          to: { speaker, status },
        }),
      });
    });
    const updated = await this.quotes.get(id);
    if (!updated) throw notFound('quote', id);
    return updated;
  }

  async history(id: string) {
    const quote = await this.prisma.quote.findUnique({
      where: { id },
      select: { revisions: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } },
    });
    if (!quote) throw notFound('quote', id);
    return {
      items: quote.revisions.map((r) => ({
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
