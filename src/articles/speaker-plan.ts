import type { ExtractionResult, QuoteSpeaker, SpeakerEntity } from '../extraction/types.js';
import type { NewSpeaker } from '../speakers/repository.js';
import { normalizeName } from '../text/normalize.js';

// The speakers an article's quotes point at, as ingestion finds or creates them:
// those linked to the registry by id, the others by a match key, under which the
// same person is one speaker across articles (an anonymous source or a group only
// within its article).

function matchKey(entity: SpeakerEntity, articleId: string): string {
  const name = normalizeName(entity.name);
  // Anonymous sources and groups are only known to be the same within one article.
  return entity.kind === 'anonymous' || entity.kind === 'group'
    ? `${entity.kind}:${articleId}:${name}`
    : `${entity.kind}:${name}`;
}

export interface SpeakerPlan {
  /** The speakers to find or create by match key. */
  speakers: NewSpeaker[];
  /** The match key of a quote's speaker or relayer; null for one linked to the registry, or none. */
  keyOf(speaker: QuoteSpeaker | null): string | null;
}

/** The speakers to find or create for every entity a quote points at, and each entity's match key. */
export function planSpeakers(extraction: ExtractionResult, articleId: string): SpeakerPlan {
  const listed = new Map(extraction.speakers.map((s) => [s.id, s]));
  const used = new Map<number, SpeakerEntity>();
  for (const ref of extraction.quotes.flatMap((q) => [q.speaker, q.relayedBy])) {
    if (!ref || ref.registryId || ref.name === null || used.has(ref.entity)) continue;
    used.set(
      ref.entity,
      listed.get(ref.entity) ?? {
        id: ref.entity,
        name: ref.name ?? '',
        kind: ref.kind,
        role: null,
        aliases: [],
        registryId: null,
      },
    );
  }
  const byKey = new Map<string, NewSpeaker>();
  const keyOfEntity = new Map<number, string>();
  for (const e of used.values()) {
    const key = matchKey(e, articleId);
    keyOfEntity.set(e.id, key);
    const previous = byKey.get(key);
    const aliases = [...new Set([...(previous?.aliases ?? []), ...e.aliases.filter((a) => a !== e.name)])];
    byKey.set(key, {
      matchKey: key,
      name: e.name,
      kind: e.kind,
      role: previous?.role ?? e.role,
      affiliation: previous?.affiliation ?? e.affiliation ?? null,
      aliases,
    });
  }
  return {
    speakers: [...byKey.values()],
    keyOf: (s) => (s && !s.registryId && s.name !== null ? keyOfEntity.get(s.entity)! : null),
  };
}
