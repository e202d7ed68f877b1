import { extractInStages, lookupNames } from '../extraction/index.js';
import type { ExtractionPool } from '../extraction-pool/pool.js';
import type { ExtractionResult, KnownSpeaker } from '../extraction/types.js';
import type { CandidateRow, SpeakerRepository } from '../speakers/repository.js';
import { nameKey, withoutArticle } from '../text/names.js';

// Ingestion links the speakers an article quotes to the registry: the engine
// reads the article once, the registry is asked for the names its quotes point
// at, and the engine links the speakers it found to what the registry answers.

export interface RegistryLookup {
  /** Folded names, aliases and roles of the speakers quoted. */
  keys: string[];
  /** Full names of persons, with the surname to try when the full name is not registered. */
  fallbacks: { names: string[]; surname: string }[];
}

/** What to look up in the registry for the speakers (and relayers) of an extraction's quotes. */
export function registryLookup(result: ExtractionResult): RegistryLookup {
  const quoted = new Set<number | undefined>();
  for (const q of result.quotes) quoted.add(q.speaker?.entity).add(q.relayedBy?.entity);
  const keys = new Set<string>();
  const fallbacks: RegistryLookup['fallbacks'] = [];
  for (const s of result.speakers) {
    if (s.registryId || !quoted.has(s.id)) continue;
    const names: string[] = [];
    // A person is found by name (by full name when the article gives one); a role
    // ("transport minister") is shared by many and only identifies the unnamed
    // ("the Kremlin aide").
    for (const form of [...lookupNames(s), ...(s.role && s.kind !== 'person' ? [s.role] : [])]) {
      const key = nameKey(form);
      if (key.length < 3) continue;
      // A lone common noun ("leader", "ministry") names no one in particular; a lone
      // word only counts for persons and proper nouns ("Kremlin").
      if (s.kind !== 'person' && !key.includes(' ') && !/^\p{Lu}/u.test(withoutArticle(form))) continue;
      keys.add(key);
      if (s.kind === 'person' && key.includes(' ')) names.push(key);
    }
    const surname = names[0]?.split(' ').pop();
    if (surname && surname.length >= 3) fallbacks.push({ names, surname });
  }
  return { keys: [...keys], fallbacks };
}

/** Extraction time after which extracting a group lets other work run. */
const YIELD_AFTER_MS = 2;

/** Registry candidates offered to the engine for one article, at most. */
const CANDIDATES_PER_ARTICLE = 200;

/**
 * Extracts quotes, then links their speakers to the registry speakers the article
 * points at: those registered under a name, alias or role the article uses, and,
 * for a full name the registry does not know ("Jennifer Psaki" against a
 * registered "Jen Psaki"), those with the same surname. Each text is read once,
 * and the registry is asked once for all the articles (and once more for
 * surnames).
 */
export async function extractWithRegistry(
  docs: { body: string; authors: string[] }[],
  speakers: SpeakerRepository,
  /** Told the seconds each article's text took to extract. */
  onExtracted?: (seconds: number) => void,
  /** Where long texts are extracted, off the event loop; without it, every text is extracted inline. */
  pool?: ExtractionPool,
): Promise<ExtractionResult[]> {
  const staged: Staged[] = [];
  let since = performance.now();
  for (const d of docs) {
    const start = performance.now();
    if (pool && !pool.inline(d.body)) {
      // Read in a worker; linked there too, by reading it again with the candidates.
      const unlinked = await pool.extract(d.body, d.authors);
      onExtracted?.((performance.now() - start) / 1000);
      staged.push({
        unlinked,
        link: (registry) => (registry.length === 0 ? unlinked : pool.extract(d.body, d.authors, registry)),
      });
      since = performance.now();
      continue;
    }
    staged.push(extractInStages(d.body, { authors: d.authors }));
    const end = performance.now();
    onExtracted?.((end - start) / 1000);
    // Extraction is CPU work on the event loop. Between articles, answers from the
    // database are taken up, so that a finished write is followed by the next one
    // without waiting for a whole group of 50 to be read.
    if (end - since > YIELD_AFTER_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      since = performance.now();
    }
  }
  const lookups = staged.map((s) => (s.unlinked.quotes.length > 0 ? registryLookup(s.unlinked) : null));
  const byName = await candidatesFor(
    lookups.map((l) => l?.keys ?? []),
    speakers,
  );
  const surnames = lookups.map((l, i) => {
    if (!l) return [];
    const found = new Set(byName[i]!.flatMap((c) => c.keys));
    return l.fallbacks.filter((f) => !f.names.some((n) => found.has(n))).map((f) => f.surname);
  });
  const bySurname = await candidatesFor(surnames, speakers);
  const linked: ExtractionResult[] = [];
  for (const [i, s] of staged.entries()) {
    const known = new Set(byName[i]!.map((c) => c.id));
    const registry: KnownSpeaker[] = [...byName[i]!, ...bySurname[i]!.filter((c) => !known.has(c.id))];
    linked.push(registry.length === 0 ? s.unlinked : await s.link(registry.map(knownSpeaker)));
  }
  return linked;
}

/** An article read, to be linked to its registry candidates: inline (StagedExtraction), or in the pool. */
interface Staged {
  readonly unlinked: ExtractionResult;
  link(registry: KnownSpeaker[]): ExtractionResult | Promise<ExtractionResult>;
}

/** A candidate as the engine takes it: only its fields, so that it can be sent to a worker. */
function knownSpeaker({ id, name, kind, aliases, role, affiliation }: KnownSpeaker): KnownSpeaker {
  return { id, name, kind, aliases, role, affiliation };
}

/** For each list of terms, the registry's candidates for it (see SpeakerRepository.candidates), from one query for all. */
async function candidatesFor(termLists: string[][], speakers: SpeakerRepository): Promise<CandidateRow[][]> {
  const lists = termLists.map((terms) => new Set(terms.map(nameKey)));
  const asking = lists.filter((l) => l.size > 0).length;
  if (asking === 0) return lists.map(() => []);
  const rows = await speakers.candidates([...new Set(lists.flatMap((l) => [...l]))], CANDIDATES_PER_ARTICLE * asking);
  // The rows come best first; each article keeps its own first ones.
  return lists.map((keys) => rows.filter((c) => c.keys.some((k) => keys.has(k))).slice(0, CANDIDATES_PER_ARTICLE));
}
