import { createHash, randomUUID } from 'node:crypto';
import { extractQuotes } from '../extraction/index.js';
import type { ExtractionResult, KnownSpeaker, QuoteSpeaker, SpeakerEntity } from '../extraction/types.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { SpeakerRepository, NewSpeaker } from '../speakers/repository.js';
import { normalizeName, normalizeQuoteText } from '../text/normalize.js';
import type { ArticleRepository, NewArticle } from './repository.js';
import type { CreateArticle } from './schemas.js';

// Ingestion: extract outside the transaction (CPU work holds no connection), then
// write the article, its speakers and its quotes in one transaction.

export interface IngestResult {
  id: string;
  created: boolean;
}

export function bodyHash(body: string): string {
  return createHash('sha256').update(body.replace(/\r\n?/g, '\n').trim()).digest('hex');
}

/** Words a registry speaker would have to contain to be the one an entity refers to. */
export function lookupTerms(speakers: SpeakerEntity[]): string[] {
  const terms = new Set<string>();
  for (const s of speakers) {
    if (s.registryId) continue;
    for (const form of [s.name, ...s.aliases, ...(s.role ? [s.role] : [])]) {
      const folded = normalizeName(form).replace(/^(the|a|an)\s+/, '');
      if (folded.length < 3) continue;
      terms.add(folded);
      if (s.kind === 'person') {
        const surname = folded.split(' ').pop();
        if (surname && surname.length >= 3) terms.add(surname);
      }
    }
  }
  return [...terms];
}

/** Extracts quotes, then again with the registry speakers the first pass points at. */
export async function extractWithRegistry(
  body: string,
  authors: string[],
  speakers: SpeakerRepository,
): Promise<ExtractionResult> {
  const first = extractQuotes(body, { authors });
  if (first.quotes.length === 0) return first;
  const candidates: KnownSpeaker[] = await speakers.candidates(lookupTerms(first.speakers));
  if (candidates.length === 0) return first;
  return extractQuotes(body, { authors, registry: candidates });
}

function matchKey(entity: SpeakerEntity, articleId: string): string {
  const name = normalizeName(entity.name);
  // Anonymous sources and groups are only known to be the same within one article.
  return entity.kind === 'anonymous' || entity.kind === 'group'
    ? `${entity.kind}:${articleId}:${name}`
    : `${entity.kind}:${name}`;
}

export class ArticleIngestion {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly articles: ArticleRepository,
    private readonly speakers: SpeakerRepository,
  ) {}

  async ingest(input: CreateArticle): Promise<IngestResult> {
    const hash = bodyHash(input.body);
    const url = input.url ?? null;
    const existing = await this.articles.findExisting(url, hash);
    if (existing) return { id: existing, created: false };

    const extraction = await extractWithRegistry(input.body, input.author ? [input.author] : [], this.speakers);
    const article: NewArticle = {
      id: randomUUID(),
      title: input.title,
      body: input.body,
      bodyHash: hash,
      url,
      outlet: input.outlet ?? null,
      author: input.author ?? null,
      publishedAt: input.publishedAt ? new Date(input.publishedAt) : null,
      language: input.language,
    };

    return this.prisma.$transaction(async (tx) => {
      if (!(await this.articles.insertIfNew(tx, article))) {
        // Another request stored the same article first; its row is committed by now.
        const winner = await tx.article.findFirst({
          where: { OR: [{ bodyHash: hash }, ...(url ? [{ url }] : [])] },
          select: { id: true },
        });
        if (!winner) throw new Error('article insert conflicted but no conflicting article was found');
        return { id: winner.id, created: false };
      }
      const speakerIds = await this.storeSpeakers(tx, extraction, article.id);
      const idOf = (s: QuoteSpeaker | null) => (s ? (s.registryId ?? speakerIds.get(s.entity) ?? null) : null);
      await this.articles.insertQuotes(
        tx,
        article.id,
        extraction.quotes.map((q, position) => ({
          position,
          text: q.text,
          normalizedText: normalizeQuoteText(q.text),
          kind: q.kind,
          start: q.start,
          end: q.end,
          speakerId: idOf(q.speaker),
          relayedById: idOf(q.relayedBy),
          mentionText: q.speaker?.mention?.text ?? null,
          mentionStart: q.speaker?.mention?.start ?? null,
          mentionEnd: q.speaker?.mention?.end ?? null,
          cueText: q.cue?.text ?? null,
          cueStart: q.cue?.start ?? null,
          cueEnd: q.cue?.end ?? null,
          confidence: q.confidence,
        })),
      );
      return { id: article.id, created: true };
    });
  }

  /** Creates or finds a speaker for every entity a quote points at; returns entity id -> speaker id. */
  private async storeSpeakers(
    tx: Parameters<Parameters<PrismaClient['$transaction']>[0]>[0],
    extraction: ExtractionResult,
    articleId: string,
  ): Promise<Map<number, string>> {
    const listed = new Map(extraction.speakers.map((s) => [s.id, s]));
    const used = new Map<number, SpeakerEntity>();
    for (const ref of extraction.quotes.flatMap((q) => [q.speaker, q.relayedBy])) {
      if (!ref || ref.registryId || used.has(ref.entity)) continue;
      used.set(ref.entity, listed.get(ref.entity) ?? { id: ref.entity, name: ref.name, kind: ref.kind, role: null, aliases: [], registryId: null });
    }
    const entities = [...used.values()];
    const byKey = new Map<string, NewSpeaker>();
    const keyOfEntity = new Map<number, string>();
    for (const e of entities) {
      const key = matchKey(e, articleId);
      keyOfEntity.set(e.id, key);
      const previous = byKey.get(key);
      const aliases = [...new Set([...(previous?.aliases ?? []), ...e.aliases.filter((a) => a !== e.name)])];
      byKey.set(key, { matchKey: key, name: e.name, kind: e.kind, role: previous?.role ?? e.role, aliases });
    }
    const ids = await this.speakers.upsertByMatchKey(tx, [...byKey.values()]);
    return new Map([...keyOfEntity].map(([entity, key]) => [entity, ids.get(key)!]));
  }
}
