import { randomUUID } from 'node:crypto';
import { newsTextGenerator } from './news-text.js';

// Articles of about 800 words for the ingest benchmark, each one new (a unique
// reference line), so that no request is answered from the duplicate check.
//
// How much of an article is speech is set by `quoteShare`, the share of its
// paragraphs that quote someone. The default, 0.64, gives about 28 quotes per
// 800 words, as many attributions as the annotators of the PolNeAR corpus marked
// in its news (27.4 per 800 words in the dev split; the engine finds 14 per 800
// words in those articles). A share of 1 gives about 51 quotes per 800 words,
// the stress case.

export const WORDS = 800;
export const NEWS_QUOTE_SHARE = 0.64;

export interface ArticleFactory {
  (): Record<string, string>;
  /** The distinct bodies the factory cycles through. */
  bodies: readonly string[];
}

export function articleFactory(options: { seed?: number; quoteShare?: number } = {}): ArticleFactory {
  const next = newsTextGenerator(options.seed ?? 3, {
    quoteShare: options.quoteShare ?? NEWS_QUOTE_SHARE,
    words: WORDS,
  });
  const bodies = Array.from({ length: 200 }, () => next().trim());
  let n = 0;
  const make = () => {
    const tag = randomUUID();
    n++;
    return {
      title: `Bench article ${n}`,
      body: `${bodies[n % bodies.length]}\n\nReference ${tag}.`,
      url: `https://bench.example.com/${tag}`,
      outlet: 'Bench Ledger',
      publishedAt: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
    };
  };
  return Object.assign(make, { bodies });
}
