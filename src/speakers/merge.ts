import type { PrismaClient } from '../generated/prisma/client.js';
import { HttpProblem, notFound } from '../http/problem.js';
import { normalizeName } from '../text/normalize.js';
import type { MergeSpeaker } from './schemas.js';

/**
 * Folds one speaker into another: quotes (spoken and relayed) move, names become
 * aliases, the source is deleted, and each moved attribution gets an audit row.
 * Speakers of different kinds (an anonymous source and a named person) are only
 * merged when a person asks for it explicitly.
 */
export async function mergeSpeakers(prisma: PrismaClient, sourceId: string, body: MergeSpeaker): Promise<void> {
  if (sourceId === body.into) {
    throw new HttpProblem('validation', 'A speaker cannot be merged into itself.', {
      errors: [{ in: 'body', path: 'into', message: 'is the speaker being merged' }],
    });
  }
  await prisma.$transaction(async (tx) => {
    // Lock both rows in id order so that crossing merges cannot deadlock.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM speakers WHERE id IN (${sourceId}::uuid, ${body.into}::uuid) ORDER BY id FOR UPDATE`;
    if (!locked.some((r) => r.id === sourceId)) throw notFound('speaker', sourceId);
    if (!locked.some((r) => r.id === body.into)) throw notFound('speaker', body.into);
    const [source, target] = await Promise.all([
      tx.speaker.findUniqueOrThrow({ where: { id: sourceId } }),
      tx.speaker.findUniqueOrThrow({ where: { id: body.into } }),
    ]);
    if (source.kind !== target.kind && !body.force) {
      throw new HttpProblem(
        'conflict',
        `${source.name} is ${source.kind === 'anonymous' ? 'an anonymous source' : `a ${source.kind}`} and ${target.name} ` +
          `${target.kind === 'anonymous' ? 'an anonymous source' : `a ${target.kind}`}; send "force": true to merge them anyway.`,
      );
    }
    await tx.$executeRaw`
      INSERT INTO quote_revisions (quote_id, action, actor, reason, from_speaker_id, from_speaker_name,
                                   to_speaker_id, to_speaker_name, from_status, to_status)
      SELECT id, 'merge', ${body.by}, ${body.reason ?? null}, ${source.id}::uuid, ${source.name},
             ${target.id}::uuid, ${target.name}, status, status
      FROM quotes WHERE speaker_id = ${source.id}::uuid`;
    await tx.quote.updateMany({ where: { speakerId: source.id }, data: { speakerId: target.id } });
    await tx.quote.updateMany({ where: { relayedById: source.id }, data: { relayedById: target.id } });
    await tx.speaker.delete({ where: { id: source.id } });
    const seen = new Set([normalizeName(target.name)]);
    const aliases = [...target.aliases, source.name, ...source.aliases].filter((a) => {
      const key = normalizeName(a);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    await tx.speaker.update({
      where: { id: target.id },
      data: {
        aliases,
        role: target.role ?? source.role,
        affiliation: target.affiliation ?? source.affiliation,
        wikidataId: target.wikidataId ?? source.wikidataId,
      },
    });
  });
}
