import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { AttributionStatus, RevisionAction } from '../generated/prisma/enums.js';
import { lockLivingSpeaker, type RunStatement } from '../speakers/living.js';

// A quote's attribution (its speaker and status) changes in the same transaction
// as the row that records the change in its history, so the trail never misses
// one. History rows are written here and nowhere else.

type Tx = Prisma.TransactionClient;

export interface SpeakerRef {
  id: string;
  name: string;
}

export interface Attribution {
  speaker: SpeakerRef | null;
  status: AttributionStatus;
}

/** Who changed an attribution, how and why. */
export interface RevisionNote {
  action: RevisionAction;
  actor: string;
  reason: string | null;
}

/** A quote locked for a change of attribution, inside the change's transaction. */
export interface LockedQuote extends Attribution {
  /** The speaker with this id (or the one it was merged into), locked until the change ends; null when there is none. */
  findSpeaker(id: string): Promise<SpeakerRef | null>;
  /** Gives the quote this attribution and records the change in its history. */
  change(to: Attribution, note: RevisionNote): Promise<void>;
}

export class AttributionRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Runs `work` in one transaction on the quote, locked so that two changes at once
   * are recorded one after the other. Answers false when there is no such quote.
   * The speaker the change names (`speakerId`) is locked first, as a merge locks
   * speakers before quotes: a merge of that speaker under way is waited for, and a
   * speaker merged away is found as the one it went into (src/speakers/living.ts).
   */
  async withLockedQuote(id: string, work: (quote: LockedQuote) => Promise<void>, speakerId?: string): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const run: RunStatement = (statement) => tx.$queryRaw(statement);
      const findSpeaker = async (wanted: string): Promise<SpeakerRef | null> => {
        const speaker = await lockLivingSpeaker(run, wanted, 'keyShare');
        return speaker && { id: speaker.id, name: speaker.name };
      };
      const named = speakerId === undefined ? undefined : await findSpeaker(speakerId);
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM quotes WHERE id = ${id}::uuid FOR UPDATE`;
      if (locked.length === 0) return false;
      const from = await tx.quote.findUniqueOrThrow({
        where: { id },
        select: { status: true, speaker: { select: { id: true, name: true } } },
      });
      await work({
        speaker: from.speaker,
        status: from.status,
        findSpeaker: async (wanted) => (wanted === speakerId ? (named ?? null) : findSpeaker(wanted)),
        change: async (to, note) => {
          await recordRevisions(tx, Prisma.sql`id = ${id}::uuid`, note, from.speaker, to);
          await tx.quote.update({ where: { id }, data: { speakerId: to.speaker?.id ?? null, status: to.status } });
        },
      });
      return true;
    });
  }

  /**
   * Moves every quote spoken or relayed by `source` to `target`, inside a merge's
   * transaction; each quote spoken gets a history row, its status unchanged.
   */
  async moveSpeaker(tx: Tx, source: SpeakerRef, target: SpeakerRef, note: RevisionNote): Promise<void> {
    await recordRevisions(tx, Prisma.sql`speaker_id = ${source.id}::uuid`, note, source, { speaker: target });
    await tx.quote.updateMany({ where: { speakerId: source.id }, data: { speakerId: target.id } });
    await tx.quote.updateMany({ where: { relayedById: source.id }, data: { relayedById: target.id } });
  }

  /** The quote's history, oldest first; null when there is no such quote. */
  async history(quoteId: string) {
    const quote = await this.prisma.quote.findUnique({
      where: { id: quoteId },
      select: { revisions: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } },
    });
    return quote?.revisions ?? null;
  }
}

/**
 * A history row for each quote that `where` selects, before its change: from its
 * speaker `from` and its current status, to the speaker and status of `to` (a
 * status left out stays as it is).
 */
async function recordRevisions(
  tx: Tx,
  where: Prisma.Sql,
  note: RevisionNote,
  from: SpeakerRef | null,
  to: { speaker: SpeakerRef | null; status?: AttributionStatus },
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO quote_revisions (quote_id, action, actor, reason, from_speaker_id, from_speaker_name,
                                 to_speaker_id, to_speaker_name, from_status, to_status)
    SELECT id, ${note.action}::"RevisionAction", ${note.actor}, ${note.reason}, ${from?.id ?? null}::uuid, ${from?.name ?? null},
           ${to.speaker?.id ?? null}::uuid, ${to.speaker?.name ?? null}, status, COALESCE(${to.status ?? null}::"AttributionStatus", status)
    FROM quotes WHERE ${where}`;
}
