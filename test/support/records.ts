import { createHash } from 'node:crypto';
import type { QuoteKind, SpeakerKind } from '../../src/extraction/types.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { normalizeQuoteText } from '../../src/text/normalize.js';

// Writes articles, speakers and quotes straight to the database, so tests of
// search, verification and corrections do not depend on what the extractor finds.

export interface SpeakerSpec {
  name: string;
  kind?: SpeakerKind;
  aliases?: string[];
  role?: string;
}

export interface RecordSpec {
  text: string;
  speaker?: SpeakerSpec | null;
  relayedBy?: SpeakerSpec | null;
  kind?: QuoteKind;
  status?: 'machine' | 'confirmed' | 'rejected';
  outlet?: string;
  publishedAt?: string;
  title?: string;
  url?: string;
  before?: string;
  after?: string;
}

export async function recordQuotes(prisma: PrismaClient, specs: RecordSpec[]) {
  const speakers = new Map<string, string>();
  const speakerId = async (spec: SpeakerSpec | null | undefined) => {
    if (!spec) return null;
    const known = speakers.get(spec.name);
    if (known) return known;
    const row = await prisma.speaker.create({
      data: { name: spec.name, kind: spec.kind ?? 'person', aliases: spec.aliases ?? [], role: spec.role ?? null },
    });
    speakers.set(spec.name, row.id);
    return row.id;
  };
  const quotes = [];
  for (const [i, spec] of specs.entries()) {
    const before = spec.before ?? `Paragraph ${i} opens the story. The statement read: "`;
    const body = `${before}${spec.text}${spec.after ?? '," a source said. More text follows here.'}`;
    const publishedAt = spec.publishedAt ? new Date(spec.publishedAt) : new Date(Date.UTC(2024, 0, 1 + i));
    const article = await prisma.article.create({
      data: {
        title: spec.title ?? `Story ${i}`,
        body,
        bodyHash: createHash('sha256')
          .update(body + i + Math.random())
          .digest('hex'),
        outlet: spec.outlet ?? 'Test Wire',
        url: spec.url ?? null,
        publishedAt,
      },
    });
    const quote = await prisma.quote.create({
      data: {
        articleId: article.id,
        position: 0,
        text: spec.text,
        normalizedText: normalizeQuoteText(spec.text),
        kind: spec.kind ?? 'direct',
        start: before.length,
        end: before.length + spec.text.length,
        speakerId: await speakerId(spec.speaker),
        relayedById: await speakerId(spec.relayedBy),
        confidence: 0.9,
        status: spec.status ?? 'machine',
        outlet: article.outlet?.toLowerCase() ?? null,
        publishedAt,
      },
    });
    quotes.push({ ...quote, article });
  }
  return { quotes, speakers };
}
