import type { KnownSpeaker } from './types.js';
import type { Entity } from './coref.js';
import { memoizeBounded } from './memo.js';
import { ARTICLES } from '../text/names.js';

// Linking to the registry works from a short candidate list: a name or alias
// match first, then a unique surname match, then a unique role match for
// descriptors ("the Kremlin aide" -> the speaker whose role is Kremlin aide).
// The candidates are indexed once per article, so that linking costs the same
// whether an article's names bring back five candidates or two hundred.

const norm = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const DETERMINERS = new Set<string>([...ARTICLES, 'two', 'three', 'several', 'some', 'one']);

interface NameForm {
  /** The words without determiners. */
  words: readonly string[];
  /** The words joined by single spaces. */
  form: string;
}

// Sized for a batch's candidates and article names many times over.
const nameFormOf = memoizeBounded((s: string): NameForm => {
  const words = norm(s)
    .split(' ')
    .filter((w) => w && !DETERMINERS.has(w));
  return { words, form: words.join(' ') };
}, 8192);

const words = (s: string): readonly string[] => nameFormOf(s).words;
// Names compare without case, punctuation or a leading article: "the White House" = "White House".
const form = (s: string): string => nameFormOf(s).form;

interface RegistryIndex {
  /** Registry position of the first candidate with each name or alias form. */
  firstByForm: Map<string, number>;
  /** Persons by the surname of any of their names, each once, in registry order. */
  personsBySurname: Map<string, KnownSpeaker[]>;
  /** Candidates with a role: the role's words, its head noun last. */
  roles: { speaker: KnownSpeaker; words: readonly string[] }[];
}

function indexRegistry(registry: KnownSpeaker[]): RegistryIndex {
  const index: RegistryIndex = { firstByForm: new Map(), personsBySurname: new Map(), roles: [] };
  for (let position = 0; position < registry.length; position++) {
    const k = registry[position]!;
    indexName(index, k, position, k.name);
    for (const alias of k.aliases) indexName(index, k, position, alias);
    if (k.role) {
      const rw = words(k.role);
      if (rw.length > 0) index.roles.push({ speaker: k, words: rw });
    }
  }
  return index;
}

function indexName(
  { firstByForm, personsBySurname }: RegistryIndex,
  k: KnownSpeaker,
  position: number,
  name: string,
): void {
  const { words: w, form: f } = nameFormOf(name);
  if (f.length > 0 && !firstByForm.has(f)) firstByForm.set(f, position);
  if (k.kind !== 'person') return;
  const sn = w[w.length - 1] ?? '';
  const persons = personsBySurname.get(sn);
  // A candidate's names are indexed one after the other: it can only already be last.
  if (!persons) personsBySurname.set(sn, [k]);
  else if (persons[persons.length - 1] !== k) persons.push(k);
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
function sameInitial(a: readonly string[], b: readonly string[]): boolean {
  return a.length < 2 || b.length < 2 || a[0]![0] === b[0]![0];
}

function findFor(e: Entity, registry: KnownSpeaker[], index: RegistryIndex): KnownSpeaker | null {
  const names = lookupNames(e);
  let first = Infinity;
  for (const n of names) {
    const f = form(n);
    const position = f.length > 0 ? index.firstByForm.get(f) : undefined;
    if (position !== undefined && position < first) first = position;
  }
  if (first !== Infinity) return registry[first] ?? null;
  if (e.kind === 'person') {
    const w = words(e.name);
    return onlyOne(index.personsBySurname.get(w[w.length - 1] ?? ''), (k) => sameInitial(w, words(k.name)));
  }
  if (e.kind === 'anonymous' && !e.plural) {
    // Every word of the registry role must appear in the descriptor, and the head noun must agree.
    const desc = new Set(names.flatMap(words));
    const w = words(e.name);
    const head = w[w.length - 1] ?? '';
    const byRole = onlyOne(
      index.roles,
      (r) => r.words[r.words.length - 1] === head && r.words.every((rw) => desc.has(rw)),
    );
    return byRole ? byRole.speaker : null;
  }
  return null;
}

/** The one item of `items` that passes `test`; null when none or several do. */
function onlyOne<T>(items: readonly T[] | undefined, test: (item: T) => boolean): T | null {
  let found: T | null = null;
  if (items) {
    for (const item of items) {
      if (!test(item)) continue;
      if (found !== null) return null;
      found = item;
    }
  }
  return found;
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
