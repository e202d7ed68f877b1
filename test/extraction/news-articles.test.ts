import { describe, expect, it } from 'vitest';
import { extractQuotes, type ExtractionResult } from '../../src/extraction/index.js';
import { presentExtractedQuote } from '../../src/extraction/present.js';
import { expectStagedLikeWhole, expectValidSpans } from '../support/extraction.js';
import { knownSpeakers, linkedQuotes, NEWS_ARTICLES, type ReadQuote } from '../support/news.js';

// The articles written for the tests, read by the engine: every quote a careful
// reader finds, with its offsets, speaker, mention and cue, and nothing else.

const read = (result: ExtractionResult): ReadQuote[] =>
  result.quotes.map((q) => {
    const { confidence: _confidence, sieve: _sieve, relayedBy, ...rest } = presentExtractedQuote(q);
    return { ...rest, relayedBy: relayedBy && { name: relayedBy.name, kind: relayedBy.kind } };
  });

describe.each(NEWS_ARTICLES.map((a) => [a.request.title, a] as const))('written article: %s', (_title, article) => {
  const text = article.request.body;
  const result = extractQuotes(text);
  const registry = knownSpeakers(article);
  const linked = extractQuotes(text, { registry });

  it('finds every quote with its offsets, kind, speaker, mention and cue', () => {
    expectValidSpans(text, result);
    expect(read(result)).toEqual(article.quotes);
  });

  it('keeps one speaker through all the names the article gives it', () => {
    const entitiesOf = new Map<string, Set<number>>();
    for (const [i, q] of result.quotes.entries()) {
      const name = article.quotes[i]!.speaker!.name ?? '';
      entitiesOf.set(name, (entitiesOf.get(name) ?? new Set()).add(q.speaker!.entity));
    }
    for (const [name, entities] of entitiesOf) expect(entities.size, name).toBe(1);
    const all = [...entitiesOf.values()].map((e) => [...e][0]);
    expect(new Set(all).size).toBe(all.length);
    // An anonymous source's other names are its aliases: "the official" is "a senior ... official".
    for (const entity of result.speakers.filter((s) => s.kind === 'anonymous')) {
      const mentions = result.quotes
        .filter((q) => q.speaker?.entity === entity.id)
        .map((q) => q.speaker!.mention!.text)
        .filter((m) => m !== entity.name);
      expect(entity.aliases).toEqual(expect.arrayContaining(mentions));
    }
  });

  it('never makes the author of the byline a speaker', () => {
    const names = [...result.speakers.map((s) => s.name), ...linked.speakers.map((s) => s.name)];
    expect(names.some((n) => n.includes(article.request.author.split(' ').at(-1)!))).toBe(false);
  });

  it('links speakers the registry knows, by surname and by role, and no one else', () => {
    expectValidSpans(text, linked);
    expect(read(linked)).toEqual(linkedQuotes(article));
    for (const [i, { speaker, linkedFrom }] of article.registry.entries()) {
      const entities = linked.speakers.filter((s) => s.registryId === `registry-${i}`);
      // One entity for all the names linked to one registry speaker, with its name and role.
      expect(entities.length, speaker.name).toBe(linkedFrom.length > 0 ? 1 : 0);
      for (const e of entities) expect(e).toMatchObject({ name: speaker.name, kind: speaker.kind, role: speaker.role });
    }
    for (const q of linked.quotes) {
      for (const s of [q.speaker, q.relayedBy]) {
        if (!s) continue;
        const known = registry.find((k) => k.name === s.name);
        expect(s.registryId, s.name ?? '').toBe(known?.id ?? null);
      }
    }
  });

  it('links a staged extraction as it links a whole one, without reading the text again', () => {
    expect(expectStagedLikeWhole(text, registry)).toEqual(linked);
  });

  it('returns the same result on a second call', () => {
    expect(extractQuotes(text)).toEqual(result);
  });
});
