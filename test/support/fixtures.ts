import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const SEED_ARTICLE_PATH = path.resolve(REPO_ROOT, '../shared/seed/floridian-2021-12-30-biden-putin-call.txt');

export function seedArticleText(): string {
  return readFileSync(SEED_ARTICLE_PATH, 'utf8');
}

/** The seed article as POST /v1/articles takes it, with its metadata. */
export function seedArticleRequest() {
  return {
    title: 'Biden & Putin Hold Call For Second Time This Month Amid Rising Tensions',
    body: seedArticleText(),
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
