import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { AttributionStatus, SpeakerKind } from '../generated/prisma/enums.js';

export interface CandidateSpeaker {
  id: string;
  name: string;
  kind: SpeakerKind;
  aliases: string[];
}

export interface VerifyCandidate {
  id: string;
  text: string;
  normalizedText: string;
  start: number;
  end: number;
  status: AttributionStatus;
  publishedAt: Date;
  articleId: string;
  speaker: CandidateSpeaker | null;
  relayedBy: CandidateSpeaker | null;
}

// word_similarity from which a stored quote is worth aligning with the claim.
const CANDIDATE_THRESHOLD = 0.4;
const CANDIDATES = 100;

interface CandidateRow {
  id: string;
  text: string;
  normalized_text: string;
  start: number;
  end: number;
  status: AttributionStatus;
  published_at: Date;
  article_id: string;
  speaker: CandidateSpeaker | null;
  relayed_by: CandidateSpeaker | null;
}

export class VerifyRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Stored quotes whose words resemble the claim (trigram word similarity, index-assisted). */
  async candidates(normalizedClaim: string, before?: Date): Promise<VerifyCandidate[]> {
    const beforeFilter = before ? Prisma.sql`AND q.published_at < ${before}` : Prisma.empty;
    const [, rows] = await this.prisma.$transaction([
      this.prisma.$executeRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(CANDIDATE_THRESHOLD)}, true)`,
      this.prisma.$queryRaw<CandidateRow[]>`
        SELECT q.id, q.text, q.normalized_text, q.start, q."end", q.status, q.published_at, q.article_id,
               CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('id', s.id, 'name', s.name, 'kind', s.kind, 'aliases', s.aliases) END AS speaker,
               CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object('id', r.id, 'name', r.name, 'kind', r.kind, 'aliases', r.aliases) END AS relayed_by
        FROM (
          SELECT id FROM quotes q
          WHERE ${normalizedClaim} <% q.normalized_text ${beforeFilter}
          ORDER BY word_similarity(${normalizedClaim}, q.normalized_text) DESC, q.published_at, q.id
          LIMIT ${CANDIDATES}
        ) hit
        JOIN quotes q ON q.id = hit.id
        LEFT JOIN speakers s ON s.id = q.speaker_id
        LEFT JOIN speakers r ON r.id = q.relayed_by_id`,
    ]);
    return rows.map((r) => ({
      id: r.id,
      text: r.text,
      normalizedText: r.normalized_text,
      start: r.start,
      end: r.end,
      status: r.status,
      publishedAt: r.published_at,
      articleId: r.article_id,
      speaker: r.speaker ? { ...r.speaker, aliases: r.speaker.aliases ?? [] } : null,
      relayedBy: r.relayed_by ? { ...r.relayed_by, aliases: r.relayed_by.aliases ?? [] } : null,
    }));
  }

  articles(ids: string[]) {
    return this.prisma.article.findMany({
      where: { id: { in: ids } },
      select: { id: true, title: true, url: true, outlet: true, publishedAt: true, body: true },
    });
  }
}
