import pg from 'pg';
import type { RequestSpec } from './load.js';
import { seededRandom } from './news-text.js';
import { cycle } from './processes.js';

// Request parameters drawn from the data set itself, so every request finds
// something: speakers that have quotes, words that occur, wordings on record.

export interface Samples {
  speakerIds: string[];
  quoteIds: string[];
  searchTerms: string[];
  claims: { quote: string; speaker?: string }[];
  speakerQueries: string[];
}

export async function drawSamples(url: string, seed = 11): Promise<Samples> {
  const rand = seededRandom(seed);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const quotes = (
      await client.query<{ id: string; speaker_id: string | null; normalized_text: string; name: string | null }>(
        `SELECT q.id, q.speaker_id, q.normalized_text, s.name
         FROM quotes q TABLESAMPLE SYSTEM (1) REPEATABLE (${seed}) LEFT JOIN speakers s ON s.id = q.speaker_id
         LIMIT 2000`,
      )
    ).rows;
    const speakers = (
      await client.query<{ name: string }>(`SELECT name FROM speakers WHERE kind = 'person' ORDER BY id LIMIT 500`)
    ).rows;
    const words = (q: (typeof quotes)[number]) => q.normalized_text.split(' ').filter((w) => w.length >= 4);
    const searchTerms: string[] = [];
    const claims: Samples['claims'] = [];
    for (const q of quotes) {
      const w = words(q);
      if (w.length >= 2) searchTerms.push(`${w[Math.floor(rand() * w.length)]} ${w[Math.floor(rand() * w.length)]}`);
      const all = q.normalized_text.split(' ');
      if (all.length >= 6 && claims.length < 500) {
        const from = Math.floor(rand() * (all.length - 5));
        const claim = all.slice(from, from + 6 + Math.floor(rand() * 6)).join(' ');
        claims.push({ quote: claim, ...(q.name && rand() < 0.7 ? { speaker: q.name } : {}) });
      }
    }
    // Look-ups as people type them: a surname, a full name with a typo, a prefix.
    const speakerQueries = speakers.map((s) => {
      const name = s.name;
      const r = rand();
      if (r < 0.4) return name.split(' ')[1]!;
      if (r < 0.7) {
        const i = 1 + Math.floor(rand() * (name.length - 2));
        return name.slice(0, i) + name.slice(i + 1);
      }
      return name.slice(0, Math.max(4, Math.floor(name.length * 0.6)));
    });
    return {
      speakerIds: [...new Set(quotes.map((q) => q.speaker_id).filter((id): id is string => id !== null))].slice(0, 500),
      quoteIds: quotes.map((q) => q.id).slice(0, 1000),
      searchTerms,
      claims,
      speakerQueries,
    };
  } finally {
    await client.end();
  }
}

/** The five read endpoints the benches measure, each drawing its requests from the samples in turn. */
export function readRequests(samples: Samples): { name: string; next: () => RequestSpec }[] {
  const speakerId = cycle(samples.speakerIds);
  const quoteId = cycle(samples.quoteIds);
  const term = cycle(samples.searchTerms);
  const claim = cycle(samples.claims);
  const speakerQuery = cycle(samples.speakerQueries);
  return [
    { name: 'list-by-speaker', next: () => ({ method: 'GET', path: `/v1/speakers/${speakerId()}/quotes` }) },
    { name: 'search', next: () => ({ method: 'GET', path: `/v1/quotes?q=${encodeURIComponent(term())}` }) },
    { name: 'verify', next: () => ({ method: 'POST', path: '/v1/verify', body: JSON.stringify(claim()) }) },
    { name: 'get-by-id', next: () => ({ method: 'GET', path: `/v1/quotes/${quoteId()}` }) },
    {
      name: 'speaker-lookup',
      next: () => ({ method: 'GET', path: `/v1/speakers?q=${encodeURIComponent(speakerQuery())}` }),
    },
  ];
}
