import { createHash } from 'node:crypto';
import { timeOrderedId } from '../db/ids.js';
import { extractInStages, lookupNames, type StagedExtraction } from '../extraction/index.js';
import { NotFoundError } from '../errors.js';
import type { ExtractionResult, KnownSpeaker, QuoteSpeaker, SpeakerEntity } from '../extraction/types.js';
import { type CandidateRow, type NewSpeaker, type SpeakerRepository } from '../speakers/repository.js';
import { nameKey, withoutArticle } from '../text/names.js';
import { normalizeName, normalizeQuoteText } from '../text/normalize.js';
import { presentArticleQuoteRow } from '../quotes/present.js';
import { statementPositionsOf } from '../quotes/statements.js';
import type {
  ArticleDetail,
  ArticleRepository,
  NewArticle,
  NewArticleGroup,
  NewQuote,
  WrittenGroup,
} from './repository.js';
import type { CreateArticle } from './schemas.js';

// Ingestion: extract outside any transaction (CPU work holds no connection), then
// write articles, their speakers and their quotes in one statement per group.

export interface IngestResult {
  id: string;
  created: boolean;
}

/** A written article: its stored id, and, when this write created it, the article as stored. */
interface WrittenArticle extends IngestResult {
  stored?: () => ArticleDetail;
}

/** An ingested article as stored, with its quotes. */
export interface IngestedArticle {
  created: boolean;
  article: ArticleDetail;
}

export function bodyHash(body: string): string {
  return createHash('sha256').update(body.replace(/\r\n?/g, '\n').trim()).digest('hex');
}

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
): Promise<ExtractionResult[]> {
  const staged: StagedExtraction[] = [];
  let since = performance.now();
  for (const d of docs) {
    staged.push(extractInStages(d.body, { authors: d.authors }));
    // Extraction is CPU work on the event loop. Between articles, answers from the
    // database are taken up, so that a finished write is followed by the next one
    // without waiting for a whole group of 50 to be read.
    if (performance.now() - since > YIELD_AFTER_MS) {
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
  return staged.map((s, i) => {
    const known = new Set(byName[i]!.map((c) => c.id));
    const registry: KnownSpeaker[] = [...byName[i]!, ...bySurname[i]!.filter((c) => !known.has(c.id))];
    return registry.length === 0 ? s.unlinked : s.link(registry);
  });
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

function matchKey(entity: SpeakerEntity, articleId: string): string {
  const name = normalizeName(entity.name);
  // Anonymous sources and groups are only known to be the same within one article.
  return entity.kind === 'anonymous' || entity.kind === 'group'
    ? `${entity.kind}:${articleId}:${name}`
    : `${entity.kind}:${name}`;
}

/** An article ready to be written: its row and its extraction. */
export interface PreparedArticle {
  article: NewArticle;
  extraction: ExtractionResult;
}

/** Articles per write: few round trips, and a failure sinks few. */
const WRITE_CHUNK = 50;

/**
 * Group commit: items submitted while a group is being written wait, and are
 * written together as the next group, up to `max` at a time. An item submitted
 * to an idle writer is written at once, so nothing waits on a timer; under load,
 * concurrent requests share a transaction and its round trips.
 */
export class GroupWriter<T, R> {
  private readonly pending: { item: T; resolve: (r: R | PromiseLike<R>) => void; reject: (e: unknown) => void }[] = [];
  private writing = false;

  constructor(
    /** Writes a group; answers a result (or a promise of one, settled after the group) or an error for each item, in order. */
    private readonly writeGroup: (items: T[]) => Promise<(R | PromiseLike<R> | { error: unknown })[]>,
    private readonly max: number,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.pending.length > 0) {
        const group = this.pending.splice(0, this.max);
        let results: (R | PromiseLike<R> | { error: unknown })[];
        try {
          results = await this.writeGroup(group.map((g) => g.item));
        } catch (error) {
          results = group.map(() => ({ error }));
        }
        group.forEach((g, i) => {
          const r = results[i];
          if (r === undefined) g.reject(new Error('the group writer answered fewer results than items'));
          else if (typeof r === 'object' && r !== null && 'error' in r) g.reject(r.error);
          else g.resolve(r as R | PromiseLike<R>);
        });
      }
    } finally {
      this.writing = false;
    }
  }
}

/** The keys an article is known by in findExistingMany's answer: its body hash, and its URL if it has one. */
function articleKeys(hash: string, url: string | null | undefined): string[] {
  return [`hash:${hash}`, ...(url ? [`url:${url}`] : [])];
}

/** The id of the stored article with this body or URL, from findExistingMany's answer. */
function storedId(stored: Map<string, string>, hash: string, url: string | null | undefined): string | undefined {
  return articleKeys(hash, url)
    .map((k) => stored.get(k))
    .find(Boolean);
}

/** An article to ingest, as prepared: already stored (its id), or extracted and ready to be written. */
type Preparation = { existing: string } | { prepared: PreparedArticle };

export class ArticleIngestion {
  private readonly preparer: GroupWriter<CreateArticle, Preparation>;
  private readonly writer: GroupWriter<PreparedArticle, IngestedArticle>;

  constructor(
    private readonly articles: ArticleRepository,
    private readonly speakers: SpeakerRepository,
  ) {
    this.preparer = new GroupWriter((inputs) => this.prepareGroup(inputs), WRITE_CHUNK);
    this.writer = new GroupWriter((items) => this.writeAndRead(items), WRITE_CHUNK);
  }

  /**
   * Ingests one article and answers it as stored. Articles sent meanwhile by other
   * requests are prepared with it (one look-up for those already stored, one for
   * registry speakers), and written with it in one statement that still lands each
   * article whole or not at all (see writeChunk); the group is read back together.
   */
  async ingest(input: CreateArticle): Promise<IngestedArticle> {
    const preparation = await this.preparer.submit(input);
    if ('existing' in preparation) {
      const article = await this.articles.getWithQuotes(preparation.existing);
      if (article) return { created: false, article };
      // Deleted since the look-up: ingest it anew.
      const [prepared] = await this.prepare([{ input, hash: bodyHash(input.body) }]);
      return this.writer.submit(prepared!);
    }
    return this.writer.submit(preparation.prepared);
  }

  /**
   * Prepares a group of single-article requests: those already stored are found
   * by one look-up, the others extracted together. Two requests with the same
   * article in one group are both extracted; the write answers the second with
   * the first's id.
   */
  private async prepareGroup(inputs: CreateArticle[]): Promise<Preparation[]> {
    const hashes = inputs.map((i) => bodyHash(i.body));
    const stored = await this.articles.findExistingMany(
      inputs.flatMap((i) => (i.url ? [i.url] : [])),
      hashes,
    );
    const existing = inputs.map((input, i) => storedId(stored, hashes[i]!, input.url));
    const fresh = inputs.flatMap((input, i) => (existing[i] ? [] : [{ input, hash: hashes[i]! }]));
    const prepared = await this.prepare(fresh);
    let next = 0;
    return existing.map((id) => (id ? { existing: id } : { prepared: prepared[next++]! }));
  }

  /**
   * Writes a group and answers each article as stored: those it created from what
   * was written, and those already stored (found by URL or body) by reading them,
   * while the writer goes on with the next group.
   */
  private async writeAndRead(
    items: PreparedArticle[],
  ): Promise<(IngestedArticle | Promise<IngestedArticle> | { error: unknown })[]> {
    const written = await this.writeChunk(items);
    const existing = [...new Set(written.flatMap((w) => ('id' in w && !w.stored ? [w.id] : [])))];
    const read = existing.length > 0 ? this.articles.getManyWithQuotes(existing) : null;
    return written.map((w) => {
      if (!('id' in w)) return w;
      if (w.stored) return { created: w.created, article: w.stored() };
      return read!.then((found) => {
        const article = found.get(w.id);
        // Deleted between the write and the read: nothing to answer with.
        if (!article) throw new NotFoundError('article', w.id);
        return { created: w.created, article };
      });
    });
  }

  /**
   * Ingests many articles: one look-up for those already stored, extraction of the
   * others, then writes of a few dozen articles at a time (see writeChunk). An article
   * repeating an earlier one of the batch (same URL or body) answers that one's id.
   */
  async ingestMany(inputs: CreateArticle[]): Promise<(IngestResult | { error: unknown })[]> {
    const hashes = inputs.map((i) => bodyHash(i.body));
    const stored = await this.articles.findExistingMany(
      inputs.flatMap((i) => (i.url ? [i.url] : [])),
      hashes,
    );
    const results: (IngestResult | { error: unknown } | undefined)[] = new Array(inputs.length);
    const firstOf = new Map<string, number>();
    const repeats: [number, number][] = [];
    const fresh: { index: number; input: CreateArticle; hash: string }[] = [];
    for (const [index, input] of inputs.entries()) {
      const keys = articleKeys(hashes[index]!, input.url);
      const known = storedId(stored, hashes[index]!, input.url);
      if (known) {
        results[index] = { id: known, created: false };
        continue;
      }
      const earlier = keys.map((k) => firstOf.get(k)).find((i) => i !== undefined);
      if (earlier !== undefined) {
        repeats.push([index, earlier]);
        continue;
      }
      for (const k of keys) firstOf.set(k, index);
      fresh.push({ index, input, hash: hashes[index]! });
    }
    // Chunk by chunk: the next chunk is extracted while the previous one is written.
    let writing: Promise<void> = Promise.resolve();
    for (let i = 0; i < fresh.length; i += WRITE_CHUNK) {
      const chunk = fresh.slice(i, i + WRITE_CHUNK);
      const prepared = await this.prepare(chunk);
      await writing;
      writing = this.writeChunk(prepared).then((written) =>
        written.forEach((r, j) => (results[chunk[j]!.index] = 'id' in r ? { id: r.id, created: r.created } : r)),
      );
    }
    await writing;
    for (const [index, earlier] of repeats) {
      const first = results[earlier]!;
      results[index] = 'id' in first ? { id: first.id, created: false } : first;
    }
    return results as (IngestResult | { error: unknown })[];
  }

  /**
   * Writes a few dozen articles in one statement. Each lands whole or not at all:
   * when the statement fails, the articles are written one by one, and only those
   * that fail alone get an error.
   */
  private async writeChunk(items: PreparedArticle[]): Promise<(WrittenArticle | { error: unknown })[]> {
    try {
      return await this.write(items);
    } catch (groupError) {
      if (items.length === 1) return [{ error: groupError }];
      const results: (WrittenArticle | { error: unknown })[] = [];
      for (const item of items) {
        try {
          results.push(...(await this.write([item])));
        } catch (error) {
          results.push({ error });
        }
      }
      return results;
    }
  }

  /** Extraction happens outside any transaction: CPU work holds no connection. */
  private async prepare(items: { input: CreateArticle; hash: string }[]): Promise<PreparedArticle[]> {
    const extractions = await extractWithRegistry(
      items.map(({ input }) => ({ body: input.body, authors: input.author ? [input.author] : [] })),
      this.speakers,
    );
    return items.map(({ input, hash }, i) => ({
      extraction: extractions[i]!,
      article: {
        id: timeOrderedId(),
        title: input.title,
        body: input.body,
        bodyHash: hash,
        url: input.url ?? null,
        outlet: input.outlet ?? null,
        author: input.author ?? null,
        publishedAt: input.publishedAt ? new Date(input.publishedAt) : null,
        language: input.language,
      },
    }));
  }

  /** Writes articles, their speakers and their quotes; answers each article's stored id, and the article as stored. */
  private async write(items: PreparedArticle[]): Promise<WrittenArticle[]> {
    const group: NewArticleGroup = { articles: [], speakers: [], quotes: [] };
    const quotesOf: NewQuote[][] = [];
    for (const { article, extraction } of items) {
      group.articles.push(article);
      const publishedAt = article.publishedAt ?? new Date();
      const plan = speakersOf(extraction, article.id);
      for (const sp of plan.speakers) group.speakers.push({ ...sp, articleId: article.id });
      const key = (s: QuoteSpeaker | null) => (s && !s.registryId ? plan.keyOfEntity.get(s.entity)! : null);
      const statements = statementPositionsOf(article.body, extraction.quotes);
      const quotes = extraction.quotes.map((q, position): NewQuote => ({
        // Time-ordered, so that new quotes go to the end of the primary key's index.
        id: timeOrderedId(),
        articleId: article.id,
        outlet: article.outlet,
        publishedAt,
        position,
        text: q.text,
        normalizedText: normalizeQuoteText(q.text),
        kind: q.kind,
        start: q.start,
        end: q.end,
        speakerId: q.speaker?.registryId ?? null,
        speakerKey: key(q.speaker),
        relayedById: q.relayedBy?.registryId ?? null,
        relayedByKey: key(q.relayedBy),
        mentionText: q.speaker?.mention?.text ?? null,
        mentionStart: q.speaker?.mention?.start ?? null,
        mentionEnd: q.speaker?.mention?.end ?? null,
        cueText: q.cue?.text ?? null,
        cueStart: q.cue?.start ?? null,
        cueEnd: q.cue?.end ?? null,
        confidence: q.confidence,
        statementPosition: statements[position]!,
      }));
      quotesOf.push(quotes);
      group.quotes.push(...quotes);
    }
    const written = await this.articles.writeGroup(group);
    return items.map(({ article }, i) => {
      const s = written.articles.get(article.id);
      if (!s) throw new Error(`no answer for article ${article.id}`);
      const createdAt = s.createdAt;
      return s.created && createdAt
        ? { id: s.storedId, created: true, stored: () => storedArticle(article, createdAt, quotesOf[i]!, written) }
        : { id: s.storedId, created: s.created };
    });
  }
}

/** An article this ingestion created, as reading it back would give it. */
function storedArticle(article: NewArticle, createdAt: Date, quotes: NewQuote[], written: WrittenGroup): ArticleDetail {
  const speaker = (id: string | null, key: string | null) => {
    const found = id ?? (key === null ? null : (written.speakerIds.get(key) ?? null));
    const known = found === null ? undefined : written.speakers.get(found);
    if (found !== null && !known) throw new Error(`the write gave no name for speaker ${found}`);
    return { id: found, name: known?.name ?? null, kind: known?.kind ?? null };
  };
  const { id, title, url, outlet, author, publishedAt, language, body } = article;
  return {
    id,
    title,
    url,
    outlet,
    author,
    publishedAt,
    language,
    createdAt,
    body,
    quotes: quotes.map((q) => {
      const s = speaker(q.speakerId, q.speakerKey);
      const r = speaker(q.relayedById, q.relayedByKey);
      return presentArticleQuoteRow({
        id: q.id,
        text: q.text,
        kind: q.kind,
        start: q.start,
        end: q.end,
        mention_text: q.mentionText,
        mention_start: q.mentionStart,
        mention_end: q.mentionEnd,
        cue_text: q.cueText,
        cue_start: q.cueStart,
        cue_end: q.cueEnd,
        confidence: q.confidence,
        // The column's default: a new quote's attribution is the machine's.
        status: 'machine',
        speaker_id: s.id,
        speaker_name: s.name,
        speaker_kind: s.kind,
        relayed_id: r.id,
        relayed_name: r.name,
        relayed_kind: r.kind,
      });
    }),
  };
}

/** The speakers to find or create for every entity a quote points at, and each entity's match key. */
function speakersOf(
  extraction: ExtractionResult,
  articleId: string,
): { speakers: NewSpeaker[]; keyOfEntity: Map<number, string> } {
  const listed = new Map(extraction.speakers.map((s) => [s.id, s]));
  const used = new Map<number, SpeakerEntity>();
  for (const ref of extraction.quotes.flatMap((q) => [q.speaker, q.relayedBy])) {
    if (!ref || ref.registryId || used.has(ref.entity)) continue;
    used.set(
      ref.entity,
      listed.get(ref.entity) ?? {
        id: ref.entity,
        name: ref.name,
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
    byKey.set(key, { matchKey: key, name: e.name, kind: e.kind, role: previous?.role ?? e.role, aliases });
  }
  return { speakers: [...byKey.values()], keyOfEntity };
}
