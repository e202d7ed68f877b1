import type { SpeakerKind } from './types.js';
import type { Mention } from './mentions.js';
import { lexicon } from './lexicon.js';
import { memoizeBounded } from './memo.js';
import { ARTICLES, leadingWords } from '../text/names.js';

// In-article coreference: one entity per speaker, reached from full names,
// surnames, descriptors ("the official" = "a senior administration official")
// and pronouns.

export interface Entity {
  id: number;
  name: string;
  kind: SpeakerKind;
  role: string | null;
  affiliation: string | null;
  aliases: Set<string>;
  registryId: string | null;
  /** Lower-cased surname of a person. */
  surname: string;
  /** Lower-cased head noun of a descriptor ("official"). */
  head: string;
  /** Descriptor words without the determiner, for "a senior official" = "a senior official". */
  key: string;
  plural: boolean;
  /** Offset of the latest mention, for pronouns and "the official". */
  lastSeen: number;
  /** Span of the latest mention: a carried-over quote points at it. */
  lastMention: { start: number; end: number };
  spoke: boolean;
  /** Known only by a pronoun ("it", "he") with nothing before it to refer to: a speaker with no name. */
  unnamed: boolean;
}

// A descriptor is known without its determiner: "two officials", "several aides".
const DETERMINER_RE = leadingWords([
  ...ARTICLES,
  'two',
  'three',
  'four',
  'five',
  'six',
  'several',
  'some',
  'many',
  'multiple',
  'one',
  'another',
]);

function surnameOf(name: string): string {
  const parts = name
    .split(/\s+/)
    .filter((p) => p.length > 0 && !lexicon.nameSuffixes.has(p.toLowerCase().replace(/,$/, '')));
  const last = parts[parts.length - 1] ?? name;
  return last.toLowerCase().replace(/[.,]$/, '');
}

function firstNameOf(name: string): string {
  const parts = name.split(/\s+/);
  return parts.length > 1 ? (parts[0] ?? '').toLowerCase() : '';
}

interface PersonName {
  surname: string;
  firstName: string;
  /** Words in the name: the longer form of a name is the fuller one. */
  length: number;
}

// A person is named again and again in an article, and the same people from one
// article to the next.
const personNameOf = memoizeBounded(
  (name: string): PersonName => ({
    surname: surnameOf(name),
    firstName: firstNameOf(name),
    length: name.split(/\s+/).length,
  }),
  4096,
);

function singular(w: string): string {
  if (w.endsWith('people')) return 'person';
  if (w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

// Lookups scan at most this many recent candidates, so that an adversarial
// text with thousands of look-alike names stays linear.
const RECENT = 50;

function recent<T>(xs: T[] | undefined): T[] {
  if (!xs) return [];
  return xs.length > RECENT ? xs.slice(xs.length - RECENT) : xs;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export class EntityTable {
  readonly list: Entity[] = [];
  private authors: Set<string>;
  private readonly ids = new Map<number, Entity>();
  private readonly bySurname = new Map<string, Entity[]>();
  private readonly byKey = new Map<string, Entity>();
  private readonly byHead = new Map<string, Entity[]>();
  private readonly byRoleHead = new Map<string, Entity[]>();
  private readonly byKind = new Map<string, Entity[]>();

  constructor(authors: string[]) {
    this.authors = new Set();
    for (const a of authors) {
      const s = a.trim().toLowerCase();
      if (s) {
        this.authors.add(s);
        this.authors.add(surnameOf(s));
      }
    }
  }

  byId(id: number): Entity | undefined {
    return this.ids.get(id);
  }

  isAuthor(m: Mention): boolean {
    if (m.kind !== 'person') return false;
    const n = m.name.toLowerCase();
    return this.authors.has(n) || (!n.includes(' ') && this.authors.has(n));
  }

  private indexRole(e: Entity): void {
    if (!e.role) return;
    const head = singular((e.role.split(/\s+/).pop() ?? '').toLowerCase());
    if (head) push(this.byRoleHead, head, e);
  }

  private create(m: Mention, kind: SpeakerKind): Entity {
    const e: Entity = {
      id: this.list.length + 1,
      name: m.name,
      kind,
      // A source without a name is known by its description: "the Kremlin aide" has the role "Kremlin aide".
      role: m.role ?? (kind === 'anonymous' ? m.text.replace(DETERMINER_RE, '') : null),
      affiliation: m.affiliation ?? null,
      aliases: new Set(),
      registryId: null,
      surname: kind === 'person' ? personNameOf(m.name).surname : '',
      head: singular(m.head),
      key: m.text.replace(DETERMINER_RE, '').toLowerCase(),
      plural: m.plural,
      lastSeen: m.start,
      lastMention: { start: m.start, end: m.end },
      spoke: false,
      unnamed: m.kind === 'pronoun',
    };
    this.list.push(e);
    this.ids.set(e.id, e);
    if (kind === 'person') push(this.bySurname, e.surname, e);
    if (m.kind !== 'pronoun') this.byKey.set(`${kind}:${e.key}`, e);
    if (kind === 'anonymous') push(this.byHead, e.head, e);
    push(this.byKind, kind, e);
    this.indexRole(e);
    return e;
  }

  private touch(e: Entity, m: Mention): Entity {
    if (m.start >= e.lastSeen) e.lastMention = { start: m.start, end: m.end };
    e.lastSeen = Math.max(e.lastSeen, m.start);
    const form = m.kind === 'person' ? m.name : m.text;
    if (form !== e.name && m.kind !== 'pronoun') e.aliases.add(form);
    if (!e.affiliation && m.affiliation) e.affiliation = m.affiliation;
    if (!e.role && m.role) {
      e.role = m.role;
      this.indexRole(e);
    }
    return e;
  }

  /** The entity a mention refers to, created when new. */
  resolve(m: Mention): Entity {
    switch (m.kind) {
      case 'person':
        return this.resolvePerson(m);
      case 'pronoun':
        return this.resolvePronoun(m);
      case 'anonymous':
        return this.resolveDescriptor(m);
      default: {
        const key = m.text.replace(DETERMINER_RE, '').toLowerCase();
        const found = this.byKey.get(`${m.kind}:${key}`);
        if (found) return this.touch(found, m);
        // "both sides", "the two leaders": the group named just before.
        if (m.kind === 'group' && lexicon.genericGroupHeads.has(m.head) && /^(both|the|the two)\s/i.test(m.text)) {
          const best = this.latest(recent(this.byKind.get('group')), m.start, () => true);
          if (best) return this.touch(best, m);
        }
        return this.create(m, m.kind);
      }
    }
  }

  private latest(candidates: Entity[], before: number, ok: (e: Entity) => boolean): Entity | null {
    let best: Entity | null = null;
    for (const e of candidates) if (e.lastSeen <= before && ok(e) && (!best || e.lastSeen > best.lastSeen)) best = e;
    return best;
  }

  private resolvePerson(m: Mention): Entity {
    const { surname, firstName: first, length } = personNameOf(m.name);
    let best: Entity | null = null;
    for (const e of recent(this.bySurname.get(surname))) {
      const ef = personNameOf(e.name).firstName;
      if (first && ef && ef !== first) continue;
      if (!best || e.lastSeen > best.lastSeen) best = e;
    }
    if (!best) return this.create(m, 'person');
    if (length > personNameOf(best.name).length) {
      best.aliases.add(best.name);
      best.name = m.name;
    }
    return this.touch(best, m);
  }

  private resolvePronoun(m: Mention): Entity {
    const p = m.head;
    const wantPlural = p === 'they' || p === 'we';
    // "he" and "she" refer to people: a named person, or a source described by a person noun ("the official").
    const ok = (e: Entity): boolean =>
      wantPlural
        ? e.plural || e.kind === 'group' || e.kind === 'organization'
        : p === 'it'
          ? e.kind === 'organization'
          : e.kind === 'person' || (e.kind === 'anonymous' && !e.plural && lexicon.anonymousHeads.has(e.head));
    const kinds = wantPlural
      ? ['group', 'organization', 'anonymous']
      : p === 'it'
        ? ['organization']
        : ['person', 'anonymous'];
    let best: Entity | null = null;
    for (const k of kinds) {
      const cand = this.latest(recent(this.byKind.get(k)), m.start, ok);
      if (cand && (!best || cand.lastSeen > best.lastSeen)) best = cand;
    }
    if (best) {
      if (m.start >= best.lastSeen) {
        best.lastSeen = m.start;
        best.lastMention = { start: m.start, end: m.end };
      }
      return best;
    }
    // Nothing to refer to: the pronoun stands for a speaker of its own, so that
    // the quotes it attributes still carry over to the next ones.
    return this.create(m, wantPlural ? 'group' : p === 'it' ? 'organization' : 'person');
  }

  private resolveDescriptor(m: Mention): Entity {
    const key = m.text.replace(DETERMINER_RE, '').toLowerCase();
    const head = singular(m.head);
    const same = this.byKey.get(`anonymous:${key}`);
    if (same) return this.touch(same, m);
    if (m.definite) {
      // "the official", "the Biden official": the latest source with that head noun.
      const anon = this.latest(
        recent(this.byHead.get(head)),
        m.start,
        (e) => e.kind === 'anonymous' && e.plural === m.plural,
      );
      const person = this.latest(recent(this.byRoleHead.get(head)), m.start, (e) => e.kind === 'person' && !m.plural);
      const best = anon && person ? (anon.lastSeen >= person.lastSeen ? anon : person) : (anon ?? person);
      if (best) return this.touch(best, m);
    }
    return this.create(m, 'anonymous');
  }
}
