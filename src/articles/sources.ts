import { UnprocessableError } from '../errors.js';
import { storablePart } from '../http/schemas.js';
import { canonicalUrl } from '../web/canonical-url.js';
import type { PageFetcher } from '../web/fetch.js';
import { readPage, type PageArticle } from '../web/page.js';
import type { ExtractionPool } from '../extraction-pool/pool.js';
import { GroupWriter, type Outcome } from './group-writer.js';
import type { ArticleRepository } from './repository.js';
import { MAX_BODY_CHARS, type CreateArticle, type TextArticle } from './schemas.js';

// What a request to ingest stands for: its text as sent, or the main text and
// metadata of the page it sends or names (fetched here), the request's own fields
// first. A URL already stored is answered without fetching it again.

/** The text article a request stands for, or the id of the article already stored under its URL. */
export type Resolution = { article: TextArticle } | { existing: string };

/** Text as the database keeps it: no NUL, no unpaired surrogate, at most `max` characters, whole words. */
function storable(text: string | undefined, max: number): string | undefined {
  const clean = text === undefined ? undefined : storablePart(text).trim();
  if (!clean) return undefined;
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

/** A date a page gives, as an RFC 3339 date-time, when it is one between the years 1 and 9999. */
function pageDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  const year = date.getUTCFullYear();
  return Number.isNaN(date.getTime()) || year < 1 || year > 9999 ? undefined : date.toISOString();
}

const canonicalOf = (url: string | undefined) => (url ? (canonicalUrl(url) ?? undefined) : undefined);

/** The text article of a page, with the request's fields where it gives them. */
export function articleOfPage(
  input: CreateArticle,
  page: PageArticle,
  from: string | undefined,
  fetchedAt?: Date,
): TextArticle {
  const body = storable(page.text, Infinity);
  if (!body) throw new UnprocessableError('The page holds no article text to read quotes from.');
  if (body.length > MAX_BODY_CHARS) {
    throw new UnprocessableError(
      `The text of the page is longer than the ${MAX_BODY_CHARS} characters an article may have.`,
    );
  }
  return {
    title: input.title ?? storable(page.title, 1000) ?? storable(body.split('\n')[0], 1000)!,
    body,
    url: input.url,
    canonicalUrl: page.canonicalUrl ?? canonicalOf(from),
    fetchedAt,
    outlet: input.outlet ?? storable(page.outlet, 200),
    author: input.author ?? storable(page.author, 300),
    publishedAt: input.publishedAt ?? pageDate(page.publishedAt),
    language: input.language ?? page.language ?? 'en',
  };
}

/** A URL to look up, with its canonical form. */
interface UrlLookup {
  url: string;
  canonical?: string;
}

/** URLs looked up together: a few dozen requests share one query. */
const LOOKUP_GROUP = 50;

export class ArticleSources {
  /** Look-ups of URLs sent meanwhile by other requests go together (see GroupWriter). */
  private readonly lookups: GroupWriter<UrlLookup, string | undefined>;

  constructor(
    private readonly articles: ArticleRepository,
    private readonly fetcher: PageFetcher,
    /** Where large pages are read, off the event loop. */
    private readonly pool?: ExtractionPool,
  ) {
    this.lookups = new GroupWriter((group) => this.lookUp(group), LOOKUP_GROUP);
  }

  /** The stored article of each URL (by the URL or its canonical form), in one query. */
  private async lookUp(group: UrlLookup[]): Promise<Outcome<string | undefined>[]> {
    const stored = await this.articles.findExistingMany(
      group.map((l) => l.url),
      group.flatMap((l) => (l.canonical ? [l.canonical] : [])),
      [],
    );
    return group.map(({ url, canonical }) => ({
      ok: stored.get(`url:${url}`) ?? stored.get(`canonical:${canonical}`),
    }));
  }

  /** A page's main text and metadata: large pages are read in the extraction pool. */
  private readPage(html: string, url: string | undefined): Promise<PageArticle> {
    return this.pool ? this.pool.readPage(html, url) : Promise.resolve(readPage(html, url));
  }

  /**
   * The text article a request stands for. A URL alone is looked up first: when an
   * article is stored under it (or under its canonical form), its id is the answer
   * unless `refetch`; otherwise the page is fetched (FetchError says why not).
   */
  async resolve(input: CreateArticle, options: { refetch?: boolean } = {}): Promise<Resolution> {
    if (input.body !== undefined) {
      const { title, body, language } = input;
      return {
        article: { ...input, title: title!, body, canonicalUrl: canonicalOf(input.url), language: language ?? 'en' },
      };
    }
    if (input.html !== undefined) {
      return { article: articleOfPage(input, await this.readPage(input.html, input.url), input.url) };
    }
    const url = input.url!;
    if (!options.refetch) {
      const id = await this.lookups.submit({ url, canonical: canonicalOf(url) });
      if (id) return { existing: id };
    }
    const page = await this.fetcher.fetch(url);
    return { article: articleOfPage(input, await this.readPage(page.html, page.url), page.url, page.fetchedAt) };
  }
}
