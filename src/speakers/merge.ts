import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js';
import { distinctNames } from '../text/names.js';
import type { SpeakerRepository } from './repository.js';
import type { MergeSpeaker } from './schemas.js';

const kindOf = (kind: string) => (kind === 'anonymous' ? 'an anonymous source' : `a ${kind}`);

/**
 * Folds one speaker into another: quotes (spoken and relayed) move, names become
 * aliases, the source is deleted, and each moved attribution gets an audit row.
 * Speakers of different kinds (an anonymous source and a named person) are only
 * merged when a person asks for it explicitly.
 */
export async function mergeSpeakers(speakers: SpeakerRepository, sourceId: string, body: MergeSpeaker): Promise<void> {
  if (sourceId === body.into) {
    throw new InvalidInputError('A speaker cannot be merged into itself.', [
      { in: 'body', path: 'into', message: 'is the speaker being merged' },
    ]);
  }
  const missing = await speakers.merge(sourceId, body.into, (source, target) => {
    if (source.kind !== target.kind && !body.force) {
      throw new ConflictError(
        `${source.name} is ${kindOf(source.kind)} and ${target.name} ${kindOf(target.kind)}; ` +
          'send "force": true to merge them anyway.',
      );
    }
    return {
      target: {
        aliases: distinctNames([...target.aliases, source.name, ...source.aliases], [target.name]),
        role: target.role ?? source.role,
        affiliation: target.affiliation ?? source.affiliation,
        wikidataId: target.wikidataId ?? source.wikidataId,
      },
      note: { action: 'merge', actor: body.by, reason: body.reason ?? null },
    };
  });
  if (missing !== null) throw new NotFoundError('speaker', missing);
}
