import path from 'node:path';
import { randomUUID } from 'node:crypto';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** The seed article (its text from ../shared/seed) as POST /v1/articles takes it, with its metadata. */
export function seedArticleRequest(body: string) {
  return {
    title: 'Biden & Putin Hold Call For Second Time This Month Amid Rising Tensions',
    body,
    url: 'https://floridian.example/2021/12/30/biden-putin-call',
    outlet: 'The Floridian',
    author: 'Mona Salama',
    publishedAt: '2021-12-30T20:00:00Z',
  };
}

/** A short article of our own with a direct quote, unique on each call. */
export function sampleArticle(overrides: Record<string, unknown> = {}) {
  const tag = randomUUID();
  return {
    title: `Council approves budget ${tag}`,
    body:
      `The city council approved the budget on Tuesday after a long debate (${tag}).\n\n` +
      '"This budget keeps every library open," Mayor Dana Whitfield said after the vote. ' +
      '"We did not have to choose between parks and schools."',
    url: `https://news.example.org/budget-${tag}`,
    outlet: 'Example Gazette',
    author: 'Sam Reporter',
    publishedAt: '2026-03-04T10:00:00Z',
    ...overrides,
  };
}
