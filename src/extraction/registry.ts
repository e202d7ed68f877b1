import type { KnownSpeaker } from './types.js';
import type { Entity } from './coref.js';

// Linking to the registry works from a short candidate list: a name or alias
// match first, then a unique surname match, then a unique role match for
// descriptors ("the Kremlin aide" -> the speaker whose role is Kremlin aide).
// The candidates are indexed once per article, so that linking costs the same
// whether an article's names bring back five candidates or two hundred.

const norm = (s: string): string => s.toLowerCase().replace(/[’']s\b/g, '').replace(/[^\p{L}\p{N} ]+/gu, ' ').replace(/\s+/g, ' ').trim();
const DETERMINERS = new Set(['a', 'an', 'the', 'two', 'three', 'several', 'some', 'one']);

function words(s: string): string[] {
  return norm(s).split(' ').filter((w) => w && !DETERMINERS.has(w));
}

// Names compare without case, punctuation or a leading article: "the White House" = "White House".
const form = (s: string): string => words(s).join(' ');

interface RegistryIndex {
  /** Registry position of the first candidate with each name or alias form. */
  firstByForm: Map<string, number>;
  /** Persons by the surname of any of their names. */
  personsBySurname: Map<string, Set<KnownSpeaker>>;
  /** Candidates with a role: the role's words, its head noun last. */
  roles: { speaker: KnownSpeaker; words: string[] }[];
}

function indexRegistry(registry: KnownSpeaker[]): RegistryIndex {
  const firstByForm = new Map<string, number>();
  const personsBySurname = new Map<string, Set<KnownSpeaker>>();
  const roles: RegistryIndex['roles'] = [];
  registry.forEach((k, position) => {
    for (const name of [k.name, ...k.aliases]) {
      const w = words(name);
      const f = w.join(' ');
      if (f.length > 0 && !firstByForm.has(f)) firstByForm.set(f, position);
      if (k.kind === 'person') {
        const sn = w[w.length - 1] ?? '';
        const persons = personsBySurname.get(sn) ?? new Set<KnownSpeaker>();
        persons.add(k);
        personsBySurname.set(sn, persons);
      }
    }
    if (k.role) {
      const rw = words(k.role);
      if (rw.length > 0) roles.push({ speaker: k, words: rw });
    }
  });
  return { firstByForm, personsBySurname, roles };
}

/**
 * The names an entity is looked up by in the registry: a person the article names
 * in full only by full names ("Lucia Nakagawa" is not any "Nakagawa").
 */
export function lookupNames(e: { name: string; kind: string; aliases: Iterable<string> }): string[] {
  const names = [e.name, ...e.aliases];
  return e.kind === 'person' && form(e.name).includes(' ') ? names.filter((n) => form(n).includes(' ')) : names;
}

// Two full names may be one person when their first names share an initial:
// "Jennifer Psaki" and "Jen Psaki", not "Lucia Nakagawa" and "Ken Nakagawa".
function sameInitial(a: string[], b: string[]): boolean {
  return a.length < 2 || b.length < 2 || a[0]![0] === b[0]![0];
}

function findFor(e: Entity, registry: KnownSpeaker[], index: RegistryIndex): KnownSpeaker | null {
  const forms = lookupNames(e).map(form).filter((f) => f.length > 0);
  let first = Infinity;
  for (const f of forms) first = Math.min(first, index.firstByForm.get(f) ?? Infinity);
  if (first !== Infinity) return registry[first] ?? null;
  if (e.kind === 'person') {
    const w = words(e.name);
    const bySurname = [...(index.personsBySurname.get(w[w.length - 1] ?? '') ?? [])].filter((k) => sameInitial(w, words(k.name)));
    return bySurname.length === 1 ? bySurname[0]! : null;
  }
  if (e.kind === 'anonymous' && !e.plural) {
    // Every word of the registry role must appear in the descriptor, and the head noun must agree.
    const desc = new Set(forms.flatMap((f) => f.split(' ')));
    const head = words(e.name).pop() ?? '';
    const byRole = index.roles.filter((r) => r.words[r.words.length - 1] === head && r.words.every((w) => desc.has(w)));
    return byRole.length === 1 ? byRole[0]!.speaker : null;
  }
  return null;
}

/** Sets registryId, canonical name, role and kind on linked entities; returns a map merging entities linked to one speaker. */
export function linkRegistry(entities: Entity[], registry: KnownSpeaker[]): Map<number, number> {
  const merged = new Map<number, number>();
  if (registry.length === 0) return merged;
  const index = indexRegistry(registry);
  const firstFor = new Map<string, Entity>();
  for (const e of entities) {
    const k = findFor(e, registry, index);
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
