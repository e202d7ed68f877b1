import type { KnownSpeaker } from './types.js';
import type { Entity } from './coref.js';

// Linking to the registry works from a short candidate list: a name or alias
// match first, then a unique surname match, then a unique role match for
// descriptors ("the Kremlin aide" -> the speaker whose role is Kremlin aide).

const norm = (s: string): string => s.toLowerCase().replace(/[’']s\b/g, '').replace(/[^\p{L}\p{N} ]+/gu, ' ').replace(/\s+/g, ' ').trim();
const DETERMINERS = new Set(['a', 'an', 'the', 'two', 'three', 'several', 'some', 'one']);

function words(s: string): string[] {
  return norm(s).split(' ').filter((w) => w && !DETERMINERS.has(w));
}

function surname(s: string): string {
  const w = words(s);
  return w[w.length - 1] ?? '';
}

function unique<T>(xs: T[]): T | null {
  return xs.length === 1 ? (xs[0] ?? null) : null;
}

// Names compare without case, punctuation or a leading article: "the White House" = "White House".
const form = (s: string): string => words(s).join(' ');

function findFor(e: Entity, registry: KnownSpeaker[]): KnownSpeaker | null {
  const forms = [e.name, ...e.aliases].map(form).filter((f) => f.length > 0);
  const byName = registry.filter((k) => [k.name, ...k.aliases].map(form).some((f) => f.length > 0 && forms.includes(f)));
  if (byName.length > 0) return unique(byName) ?? byName[0] ?? null;
  if (e.kind === 'person') {
    const sn = surname(e.name);
    const bySurname = registry.filter((k) => k.kind === 'person' && [k.name, ...k.aliases].some((f) => surname(f) === sn));
    return unique(bySurname);
  }
  if (e.kind === 'anonymous' && !e.plural) {
    // Every word of the registry role must appear in the descriptor, and the head noun must agree.
    const desc = new Set(forms.flatMap((f) => words(f)));
    const head = words(e.name).pop() ?? '';
    const byRole = registry.filter((k) => {
      if (!k.role) return false;
      const rw = words(k.role);
      return rw.length > 0 && rw[rw.length - 1] === head && rw.every((w) => desc.has(w));
    });
    return unique(byRole);
  }
  return null;
}

/** Sets registryId, canonical name, role and kind on linked entities; returns a map merging entities linked to one speaker. */
export function linkRegistry(entities: Entity[], registry: KnownSpeaker[]): Map<number, number> {
  const merged = new Map<number, number>();
  if (registry.length === 0) return merged;
  const firstFor = new Map<string, Entity>();
  for (const e of entities) {
    const k = findFor(e, registry);
    if (!k) continue;
    const canonical = firstFor.get(k.id);
    if (canonical) {
      merged.set(e.id, canonical.id);
      canonical.aliases.add(e.name);
      for (const a of e.aliases) canonical.aliases.add(a);
      continue;
    }
    if (e.name !== k.name) e.aliases.add(e.name);
    e.name = k.name;
    e.kind = k.kind;
    e.registryId = k.id;
    if (!e.role && k.role) e.role = k.role;
    firstFor.set(k.id, e);
  }
  return merged;
}
