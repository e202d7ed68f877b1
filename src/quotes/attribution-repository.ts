import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { AttributionStatus, QuoteKind, RevisionAction } from '../generated/prisma/enums.js';
import { lockLivingSpeaker, type RunStatement } from '../speakers/living.js';
import { normalizeQuoteText, outletKey } from '../text/normalize.js';

// A quote's attribution (its speaker and status), its span, its addition by hand
// and its deletion change in the same transaction as the row that records the
// change in its history, so the trail never misses one. History rows are written
// here and nowhere else; they outlive a deleted quote, and go with its article.

type Tx = Prisma.TransactionClient;

export interface SpeakerRef {
  id: string;
  name: string;
}

export interface Attribution {
  speaker: SpeakerRef | null;
  status: AttributionStatus;
}

/** Where a quote stands in its article's body (UTF-16 offsets). */
export interface QuoteSpan {
  start: number;
  end: number;
}

/** Who changed a quote, how and why. */
export interface RevisionNote {
  action: RevisionAction;
  actor: string;
  reason: string | null;
}

/** A quote locked for a change, inside the change's transaction. */
export interface LockedQuote extends Attribution, QuoteSpan {
  /** The body of the quote's article. */
  articleBody(): Promise<string>;
  /** The speaker with this id (or the one it was merged into), locked until the change ends; null when there is none. */
  findSpeaker(id: string): Promise<SpeakerRef | null>;
  /** Gives the quote this attribution (and span) and records the change in its history. */
  change(to: Attribution & { span?: QuoteSpan }, note: RevisionNote): Promise<void>;
  /** Deletes the quote; its history, ending with this deletion, stays. */
  remove(note: RevisionNote): Promise<void>;
}

/** A quote a person adds to an article: words the extractor missed. */
export interface AddedQuote extends QuoteSpan {
  kind: QuoteKind;
  speaker: SpeakerRef | null;
}

/** An article locked for the addition of a quote, inside the addition's transaction. */
export interface LockedArticle {
  body: string;
  findSpeaker(id: string): Promise<SpeakerRef | null>;
  /** Stores the quote, confirmed, and records its addition; answers its id. */
  add(quote: AddedQuote, note: RevisionNote): Promise<string>;
}

/** The attribution rule a quote a person added is said to come from. */
export const EDITOR_SIEVE = 'editor';

const findSpeaker = (tx: Tx, id: string) => tx.speaker.findUnique({ where: { id }, select: { id: true, name: true } });

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
        select: {
          status: true,
          start: true,
          end: true,
          articleId: true,
          speaker: { select: { id: true, name: true } },
        },
      });
      const where = Prisma.sql`id = ${id}::uuid`;
      await work({
        speaker: from.speaker,
        status: from.status,
        start: from.start,
        end: from.end,
        articleBody: async () =>
          (await tx.article.findUniqueOrThrow({ where: { id: from.articleId }, select: { body: true } })).body,
        findSpeaker: async (wanted) => (wanted === speakerId ? (named ?? null) : findSpeaker(wanted)),
        change: async (to, note) => {
          await recordRevisions(tx, where, note, from.speaker, to);
          const span = to.span && (await this.spanColumns(tx, from.articleId, to.span));
          await tx.quote.update({
            where: { id },
            data: { speakerId: to.speaker?.id ?? null, status: to.status, ...span },
          });
        },
        remove: async (note) => {
          await recordRevisions(tx, where, note, from.speaker, null);
          await tx.quote.delete({ where: { id } });
        },
      });
      return true;
    });
  }

  private async spanColumns(tx: Tx, articleId: string, span: QuoteSpan) {
    const { body } = await tx.article.findUniqueOrThrow({ where: { id: articleId }, select: { body: true } });
    const text = body.slice(span.start, span.end);
    return { start: span.start, end: span.end, text, normalizedText: normalizeQuoteText(text) };
  }

  /**
   * Runs `work` in one transaction on the article, locked so that quotes added at
   * once get positions one after the other. Answers null when there is no such article.
   */
  async withLockedArticle<T>(id: string, work: (article: LockedArticle) => Promise<T>): Promise<T | null> {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ body: string; outlet: string | null; published_at: Date }[]>`
        SELECT body, outlet, COALESCE(published_at, created_at) AS published_at
        FROM articles WHERE id = ${id}::uuid FOR UPDATE`;
      const article = rows[0];
      if (!article) return null;
      return work({
        body: article.body,
        findSpeaker: (speakerId) => findSpeaker(tx, speakerId),
        add: async (quote, note) => {
          const last = await tx.quote.aggregate({ where: { articleId: id }, _max: { position: true } });
          const text = article.body.slice(quote.start, quote.end);
          const created = await tx.quote.create({
            data: {
              articleId: id,
              speakerId: quote.speaker?.id ?? null,
              text,
              normalizedText: normalizeQuoteText(text),
              kind: quote.kind,
              start: quote.start,
              end: quote.end,
              confidence: 1,
              sieve: EDITOR_SIEVE,
              status: 'confirmed',
              position: (last._max.position ?? -1) + 1,
              outlet: article.outlet === null ? null : outletKey(article.outlet),
              publishedAt: article.published_at,
            },
            select: { id: true },
          });
          await tx.quoteRevision.create({
            data: {
              quoteId: created.id,
              articleId: id,
              action: note.action,
              actor: note.actor,
              reason: note.reason,
              toSpeakerId: quote.speaker?.id ?? null,
              toSpeakerName: quote.speaker?.name ?? null,
              toStatus: 'confirmed',
              toStart: quote.start,
              toEnd: quote.end,
            },
          });
          return created.id;
        },
      });
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

  /** Inside an article's deletion: the history of its quotes goes with it. */
  async forgetArticle(tx: Tx, articleId: string): Promise<void> {
    await tx.quoteRevision.deleteMany({ where: { articleId } });
  }

  /** The quote's history, oldest first, deleted quotes too; null when there is no such quote and never was. */
  async history(quoteId: string) {
    const [revisions, exists] = await Promise.all([
      this.prisma.quoteRevision.findMany({ where: { quoteId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      this.prisma.quote.count({ where: { id: quoteId } }),
    ]);
    return revisions.length === 0 && exists === 0 ? null : revisions;
  }
}

/**
 * A history row for each quote that `where` selects, before its change: from its
 * speaker `from`, its current status and span, to the speaker, status and span of
 * `to` (a status or span left out stays as it is), or to nothing when `to` is null
 * (the quote is deleted).
 */
async function recordRevisions(
  tx: Tx,
  where: Prisma.Sql,
  note: RevisionNote,
  from: SpeakerRef | null,
  to: { speaker: SpeakerRef | null; status?: AttributionStatus; span?: QuoteSpan } | null,
): Promise<void> {
  const toStatus = to
    ? Prisma.sql`COALESCE(${to.status ?? null}::"AttributionStatus", status)`
    : Prisma.sql`NULL::"AttributionStatus"`;
  const toStart = to ? Prisma.sql`COALESCE(${to.span?.start ?? null}::int, start)` : Prisma.sql`NULL::int`;
  const toEnd = to ? Prisma.sql`COALESCE(${to.span?.end ?? null}::int, "end")` : Prisma.sql`NULL::int`;
  await tx.$executeRaw`
    INSERT INTO quote_revisions (quote_id, article_id, action, actor, reason, from_speaker_id, from_speaker_name,
                                 to_speaker_id, to_speaker_name, from_status, to_status,
                                 from_start, from_end, to_start, to_end)
    SELECT id, article_id, ${note.action}::"RevisionAction", ${note.actor}, ${note.reason}, ${from?.id ?? null}::uuid, ${from?.name ?? null},
           ${to?.speaker?.id ?? null}::uuid, ${to?.speaker?.name ?? null}, status, ${toStatus},
           start, "end", ${toStart}, ${toEnd}
    FROM quotes WHERE ${where}`;
}
