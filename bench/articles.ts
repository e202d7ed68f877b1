import { randomUUID } from 'node:crypto';
import { newsTextGenerator } from './news-text.js';

// Articles of about 800 words for the ingest benchmark, each one new (a unique
// reference line), so that no request is answered from the duplicate check.

const WORDS = 800;

export function articleFactory(seed = 3): () => Record<string, string> {
  const next = newsTextGenerator(seed);
  const bodies: string[] = [];
  for (let i = 0; i < 200; i++) {
    let body = '';
    while (body.split(/\s+/).length < WORDS) body += next();
    bodies.push(body.trim());
  }
  let n = 0;
  return () => {
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
}
