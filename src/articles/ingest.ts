import { createHash } from 'node:crypto';
import { isForeignKeyViolation } from '../db/errors.js';
import type { ExtractionPool } from '../extraction-pool/pool.js';
import { timeOrderedId } from '../db/ids.js';
import { NotFoundError } from '../errors.js';
import type { ExtractedQuote, ExtractionResult } from '../extraction/types.js';
import { presentQuote, type QuoteSpeakerRef } from '../quotes/present.js';
import { statementPositionsOf } from '../quotes/statements.js';
import type { SpeakerRepository } from '../speakers/repository.js';
import { normalizeQuoteText, outletKey } from '../text/normalize.js';
import { eachAloneOnFailure, GroupWriter, type Outcome } from './group-writer.js';
import { extractWithRegistry } from './registry-linking.js';
import type {
  ArticleDetail,
  ArticleRepository,
  NewArticle,
  NewArticleGroup,
  NewQuote,
  WrittenGroup,
} from './repository.js';
import type { TextArticle } from './schemas.js';
import { planSpeakers } from './speaker-plan.js';

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

/** The hash an article's body is known by: bodies that differ only in whitespace have the same. */
export function bodyHash(body: string): string {
  return createHash('sha256').update(body.replace(/\s+/g, ' ').trim()).digest('hex');
}

/** What ingestion reports as it goes, for the service's metrics. */
export interface IngestionObserver {
  /** One article's text was read for quotes in this many seconds. */
  extracted(seconds: number): void;
  /** Articles were stored anew, with this many quotes in all. */
  stored(articles: number, quotes: number): void;
}

/** An article ready to be written: its row and its extraction. */
export interface PreparedArticle {
  article: NewArticle;
  extraction: ExtractionResult;
}

/**
 * Whether a write failed because a speaker it names is gone: a foreign key to a
 * speaker merged away, or a match key whose speaker was merged away between the
 * write's look-up and its insert (ingest_articles raises this).
 */
function isSpeakerGone(error: unknown): boolean {
  return isForeignKeyViolation(error) || (error instanceof Error && /neither found nor created/.test(error.message));
}

/** Articles per write: few round trips, and a failure sinks few. */
const WRITE_CHUNK = 50;

/** The keys an article is known by in findExistingMany's answer: its body hash, its URL and its canonical URL. */
function articleKeys(hash: string, input: TextArticle): string[] {
  return [
    `hash:${hash}`,
    ...(input.url ? [`url:${input.url}`] : []),
    ...(input.canonicalUrl ? [`canonical:${input.canonicalUrl}`] : []),
  ];
}

/** The id of the stored article with this body, URL or canonical URL, from findExistingMany's answer. */
function storedId(stored: Map<string, string>, hash: string, input: TextArticle): string | undefined {
  return articleKeys(hash, input)
    .map((k) => stored.get(k))
    .find(Boolean);
}

/** The stored articles with the bodies, URLs or canonical URLs of these, in one look-up. */
function findStored(articles: ArticleRepository, inputs: TextArticle[], hashes: string[]) {
  return articles.findExistingMany(
    inputs.flatMap((i) => (i.url ? [i.url] : [])),
    inputs.flatMap((i) => (i.canonicalUrl ? [i.canonicalUrl] : [])),
    hashes,
  );
}

/** An article to ingest, as prepared: already stored (its id), or extracted and ready to be written. */
type Preparation = { existing: string } | { prepared: PreparedArticle };

export class ArticleIngestion {
  private readonly preparer: GroupWriter<TextArticle, Preparation>;
  private readonly writer: GroupWriter<PreparedArticle, IngestedArticle>;

  constructor(
    private readonly articles: ArticleRepository,
    private readonly speakers: SpeakerRepository,
    private readonly observer?: IngestionObserver,
    /** Where long articles are extracted, off the event loop. */
    private readonly pool?: ExtractionPool,
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
  async ingest(input: TextArticle): Promise<IngestedArticle> {
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
  private async prepareGroup(inputs: TextArticle[]): Promise<Outcome<Preparation>[]> {
    const hashes = inputs.map((i) => bodyHash(i.body));
    const stored = await findStored(this.articles, inputs, hashes);
    const existing = inputs.map((input, i) => storedId(stored, hashes[i]!, input));
    const fresh = inputs.flatMap((input, i) => (existing[i] ? [] : [{ input, hash: hashes[i]! }]));
    const prepared = await this.prepare(fresh);
    let next = 0;
    return existing.map((id) => ({ ok: id ? { existing: id } : { prepared: prepared[next++]! } }));
  }

  /**
   * Writes a group and answers each article as stored: those it created from what
   * was written, and those already stored (found by URL or body) by reading them,
   * while the writer goes on with the next group.
   */
  private async writeAndRead(items: PreparedArticle[]): Promise<Outcome<IngestedArticle | Promise<IngestedArticle>>[]> {
    const written = await this.writeChunk(items);
    const existing = [...new Set(written.flatMap((w) => ('ok' in w && !w.ok.stored ? [w.ok.id] : [])))];
    const read = existing.length > 0 ? this.articles.getManyWithQuotes(existing) : null;
    return written.map((w) => {
      if (!('ok' in w)) return w;
      const { id, created, stored } = w.ok;
      if (stored) return { ok: { created, article: stored() } };
      return {
        ok: read!.then((found) => {
          const article = found.get(id);
          // Deleted between the write and the read: nothing to answer with.
          if (!article) throw new NotFoundError('article', id);
          return { created, article };
        }),
      };
    });
  }

  /**
   * Ingests many articles: one look-up for those already stored, extraction of the
   * others, then writes of a few dozen articles at a time (see writeChunk). An article
   * repeating an earlier one of the batch (same URL or body) answers that one's id.
   */
  async ingestMany(inputs: TextArticle[]): Promise<Outcome<IngestResult>[]> {
    const hashes = inputs.map((i) => bodyHash(i.body));
    const stored = await findStored(this.articles, inputs, hashes);
    const results: (Outcome<IngestResult> | undefined)[] = new Array(inputs.length);
    const firstOf = new Map<string, number>();
    const repeats: [number, number][] = [];
    const fresh: { index: number; input: TextArticle; hash: string }[] = [];
    for (const [index, input] of inputs.entries()) {
      const keys = articleKeys(hashes[index]!, input);
      const known = storedId(stored, hashes[index]!, input);
      if (known) {
        results[index] = { ok: { id: known, created: false } };
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
      const preparations = await eachAloneOnFailure(chunk, async (c) => (await this.prepare(c)).map((ok) => ({ ok })));
      const ready: { index: number; prepared: PreparedArticle }[] = [];
      preparations.forEach((p, j) => {
        if ('ok' in p) ready.push({ index: chunk[j]!.index, prepared: p.ok });
        else results[chunk[j]!.index] = p;
      });
      await writing;
      writing = this.writeChunk(ready.map((r) => r.prepared)).then((written) =>
        written.forEach(
          (r, j) => (results[ready[j]!.index] = 'ok' in r ? { ok: { id: r.ok.id, created: r.ok.created } } : r),
        ),
      );
    }
    await writing;
    for (const [index, earlier] of repeats) {
      const first = results[earlier]!;
      results[index] = 'ok' in first ? { ok: { id: first.ok.id, created: false } } : first;
    }
    return results as Outcome<IngestResult>[];
  }

  /**
   * Writes a few dozen articles in one statement. Each lands whole or not at all:
   * when the statement fails, the articles are written one by one, and only those
   * that fail alone get an error.
   */
  private async writeChunk(items: PreparedArticle[]): Promise<Outcome<WrittenArticle>[]> {
    if (items.length === 0) return [];
    return eachAloneOnFailure(items, async (group) => (await this.writeLinked(group)).map((ok) => ({ ok })));
  }

  /**
   * Writes articles; when a speaker they were linked to was merged away meanwhile
   * (the write then fails on the speaker's key, after waiting for the merge), links
   * them to the registry again, which now answers the speaker it was merged into,
   * and writes once more.
   */
  private async writeLinked(items: PreparedArticle[]): Promise<WrittenArticle[]> {
    try {
      return await this.write(items);
    } catch (error) {
      if (!isSpeakerGone(error)) throw error;
      return this.write(await this.relink(items));
    }
  }

  /** The articles extracted and linked to the registry anew, as rows unchanged. */
  private async relink(items: PreparedArticle[]): Promise<PreparedArticle[]> {
    const extractions = await extractWithRegistry(
      items.map(({ article }) => ({ body: article.body, authors: article.author ? [article.author] : [] })),
      this.speakers,
      undefined,
      this.pool,
    );
    return items.map(({ article }, i) => ({ article, extraction: extractions[i]! }));
  }

  /** Extraction happens outside any transaction: CPU work holds no connection. */
  private async prepare(items: { input: TextArticle; hash: string }[]): Promise<PreparedArticle[]> {
    const extractions = await extractWithRegistry(
      items.map(({ input }) => ({ body: input.body, authors: input.author ? [input.author] : [] })),
      this.speakers,
      this.observer && ((seconds) => this.observer!.extracted(seconds)),
      this.pool,
    );
    return items.map(({ input, hash }, i) => ({
      extraction: extractions[i]!,
      article: {
        id: timeOrderedId(),
        title: input.title,
        body: input.body,
        bodyHash: hash,
        url: input.url ?? null,
        canonicalUrl: input.canonicalUrl ?? null,
        fetchedAt: input.fetchedAt ?? null,
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
      const plan = planSpeakers(extraction, article.id);
      for (const sp of plan.speakers) group.speakers.push({ ...sp, articleId: article.id });
      const statements = statementPositionsOf(article.body, extraction.quotes);
      const quotes = extraction.quotes.map((q, position): NewQuote => ({
        // Time-ordered, so that new quotes go to the end of the primary key's index.
        id: timeOrderedId(),
        articleId: article.id,
        outlet: article.outlet === null ? null : outletKey(article.outlet),
        publishedAt,
        position,
        text: q.text,
        normalizedText: normalizeQuoteText(q.text),
        kind: q.kind,
        start: q.start,
        end: q.end,
        speakerId: q.speaker?.registryId ?? null,
        speakerKey: plan.keyOf(q.speaker),
        relayedById: q.relayedBy?.registryId ?? null,
        relayedByKey: plan.keyOf(q.relayedBy),
        mentionText: q.speaker?.mention?.text ?? null,
        mentionStart: q.speaker?.mention?.start ?? null,
        mentionEnd: q.speaker?.mention?.end ?? null,
        cueText: q.cue?.text ?? null,
        cueStart: q.cue?.start ?? null,
        cueEnd: q.cue?.end ?? null,
        confidence: q.confidence,
        sieve: q.sieve,
        statementPosition: statements[position]!,
      }));
      quotesOf.push(quotes);
      group.quotes.push(...quotes);
    }
    const written = await this.articles.writeGroup(group);
    const created = items.flatMap(({ article }, i) => (written.articles.get(article.id)?.created ? [i] : []));
    if (created.length > 0) {
      this.observer?.stored(
        created.length,
        created.reduce((sum, i) => sum + quotesOf[i]!.length, 0),
      );
    }
    return items.map(({ article }, i) => {
      const s = written.articles.get(article.id);
      if (!s) throw new Error(`no answer for article ${article.id}`);
      const createdAt = s.createdAt;
      return s.created && createdAt
        ? {
            id: s.storedId,
            created: true,
            stored: () => storedArticle(article, createdAt, items[i]!.extraction.quotes, quotesOf[i]!, written),
          }
        : { id: s.storedId, created: s.created };
    });
  }
}

/** An article this ingestion created, as reading it back would give it: its quotes as extracted, with the ids written. */
function storedArticle(
  article: NewArticle,
  createdAt: Date,
  extracted: ExtractedQuote[],
  quotes: NewQuote[],
  written: WrittenGroup,
): ArticleDetail {
  const speaker = (id: string | null, key: string | null): QuoteSpeakerRef | null => {
    const found = id ?? (key === null ? null : (written.speakerIds.get(key) ?? null));
    if (found === null) return null;
    const known = written.speakers.get(found);
    if (!known) throw new Error(`the write gave no name for speaker ${found}`);
    return { id: found, name: known.name, kind: known.kind };
  };
  const { id, title, url, canonicalUrl, fetchedAt, outlet, author, publishedAt, language, body } = article;
  return {
    id,
    title,
    url,
    canonicalUrl,
    fetchedAt,
    outlet,
    author,
    publishedAt,
    language,
    createdAt,
    body,
    quotes: quotes.map((q, i) => {
      const e = extracted[i]!;
      return presentQuote({
        id: q.id,
        text: e.text,
        kind: e.kind,
        start: e.start,
        end: e.end,
        speaker: speaker(q.speakerId, q.speakerKey),
        mention: e.speaker?.mention ?? null,
        cue: e.cue ?? null,
        relayedBy: speaker(q.relayedById, q.relayedByKey),
        confidence: e.confidence,
        sieve: e.sieve,
        // The column's default: a new quote's attribution is the machine's.
        status: 'machine',
      });
    }),
  };
}
