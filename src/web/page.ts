import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { canonicalUrl } from './canonical-url.js';

// A news page as an article: its main text, read by Mozilla's Readability (the
// engine of Firefox's reader view) over linkedom's DOM, with its paragraphs kept,
// and its metadata from JSON-LD, OpenGraph and meta tags.

/** What a page says of itself; every field may be missing. */
export interface PageArticle {
  /** The main text: paragraphs separated by a blank line, entities decoded, boilerplate left out. */
  text: string;
  title?: string;
  author?: string;
  outlet?: string;
  /** As the page gives it; the caller checks that it is a date. */
  publishedAt?: string;
  /** The primary language subtag of the page (`en` for `en-GB`). */
  language?: string;
  /** The canonical form of the page's rel=canonical (or og:url) link, resolved against its URL. */
  canonicalUrl?: string;
}

/**
 * Elements whose text is never the story's: navigation, captions, asides, forms,
 * comments. Scripts stay until Readability has read the JSON-LD it uses for the title.
 * They are found in one walk of the tree by tag, role, id and class: linkedom
 * parses and compiles a CSS selector on every query, which cost more than the walk.
 */
const BOILERPLATE_TAGS = new Set([
  'noscript',
  'template',
  'nav',
  'aside',
  'footer',
  'header',
  'form',
  'button',
  'figcaption',
  'figure',
  'iframe',
  'svg',
]);
const BOILERPLATE_ROLES = new Set(['navigation', 'complementary']);
const BOILERPLATE_CLASSES = new Set(['comments', 'comment', 'related', 'share', 'newsletter']);

/** Any element of the tree (the root's type names an HTML element). */
type AnyElement = NonNullable<Element['firstElementChild']>;

function isBoilerplate(element: AnyElement): boolean {
  if (BOILERPLATE_TAGS.has(element.localName.toLowerCase())) return true;
  const role = element.getAttribute('role');
  if (role !== null && BOILERPLATE_ROLES.has(role)) return true;
  if (element.getAttribute('aria-hidden') === 'true' || element.getAttribute('id') === 'comments') return true;
  const classes = element.getAttribute('class');
  return classes !== null && classes.split(/\s+/).some((c) => BOILERPLATE_CLASSES.has(c));
}

/** Removes the boilerplate elements below `root`, with everything inside them. */
function removeBoilerplate(root: AnyElement): void {
  for (let child = root.firstElementChild; child;) {
    const next = child.nextElementSibling;
    if (isBoilerplate(child)) child.remove();
    else removeBoilerplate(child);
    child = next;
  }
}

/** Elements that end a paragraph: their text stands apart from what comes before and after. */
const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'BLOCKQUOTE',
  'DD',
  'DIV',
  'DL',
  'DT',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HR',
  'LI',
  'MAIN',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TD',
  'TH',
  'TR',
  'UL',
]);

const NEWS_TYPES =
  /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|Report|WebPage)$/;

type Json = unknown;
type Element = ReturnType<typeof parseHTML>['document']['documentElement'];
type Node = Element['firstChild'];

const clean = (s: unknown): string | undefined => {
  if (typeof s !== 'string') return undefined;
  const text = s.replace(/\s+/g, ' ').trim();
  return text || undefined;
};

/** The text of a DOM subtree, one paragraph per block, whitespace inside a paragraph folded to one space. */
function blockText(root: Node): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const text = current.replace(/[\s\u00a0]+/g, ' ').trim();
    if (text) paragraphs.push(text);
    current = '';
  };
  const walk = (node: Node) => {
    if (!node) return;
    if (node.nodeType === 3) {
      current += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const name = (node as Element).tagName.toUpperCase();
    if (name === 'BR') {
      flush();
      return;
    }
    const block = BLOCKS.has(name);
    if (block) flush();
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}

/** Every object in a JSON-LD value, @graph members included. */
function* ldObjects(value: Json): Generator<Record<string, Json>> {
  if (Array.isArray(value)) {
    for (const v of value) yield* ldObjects(v);
  } else if (value && typeof value === 'object') {
    const object = value as Record<string, Json>;
    yield object;
    if (object['@graph']) yield* ldObjects(object['@graph']);
  }
}

const ldTypes = (o: Record<string, Json>): string[] =>
  (Array.isArray(o['@type']) ? o['@type'] : [o['@type']]).filter((t): t is string => typeof t === 'string');

/** Names of a JSON-LD author or publisher: a string, a Person or Organization, or a list of them. */
function ldNames(value: Json): string[] {
  if (typeof value === 'string') return clean(value) && !/^https?:/i.test(value) ? [clean(value)!] : [];
  if (Array.isArray(value)) return value.flatMap(ldNames);
  if (value && typeof value === 'object') return ldNames((value as Record<string, Json>).name);
  return [];
}

interface PageMetadata {
  title?: string;
  author?: string;
  outlet?: string;
  publishedAt?: string;
}

type Document = ReturnType<typeof parseHTML>['document'];

function jsonLdMetadata(document: Document): PageMetadata {
  for (const script of document.getElementsByTagName('script')) {
    if (script.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json') continue;
    let value: Json;
    try {
      value = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    for (const o of ldObjects(value)) {
      if (!ldTypes(o).some((t) => NEWS_TYPES.test(t)) || ldTypes(o).includes('WebPage')) continue;
      const authors = ldNames(o.author);
      return {
        title: clean(o.headline) ?? clean(o.name),
        author: authors.length > 0 ? authors.join(', ') : undefined,
        outlet: ldNames(o.publisher)[0],
        publishedAt: clean(o.datePublished) ?? clean(o.dateCreated),
      };
    }
  }
  return {};
}

/** The content of each meta tag by its property or name, in lower case; the first one that has content. */
function metaContents(document: Document): Map<string, string> {
  const contents = new Map<string, string>();
  for (const element of document.getElementsByTagName('meta')) {
    const content = clean(element.getAttribute('content'));
    if (!content) continue;
    for (const attribute of ['property', 'name']) {
      const key = element.getAttribute(attribute)?.toLowerCase();
      if (key && !contents.has(key)) contents.set(key, content);
    }
  }
  return contents;
}

function metaTagMetadata(document: Document, contents: Map<string, string>): PageMetadata {
  const meta = (...names: string[]) => names.map((name) => contents.get(name)).find(Boolean);
  const author = meta('author', 'article:author', 'byl', 'parsely-author', 'dc.creator');
  return {
    title:
      meta('og:title', 'twitter:title', 'parsely-title') ??
      clean(document.getElementsByTagName('title')[0]?.textContent),
    author: author && !/^https?:/i.test(author) ? author.replace(/^by\s+/i, '') : undefined,
    outlet: meta('og:site_name', 'application-name', 'publisher'),
    publishedAt: meta(
      'article:published_time',
      'og:article:published_time',
      'parsely-pub-date',
      'date',
      'dc.date',
      'dc.date.issued',
      'pubdate',
    ),
  };
}

function pageCanonical(document: Document, contents: Map<string, string>, base: string | undefined) {
  const link = [...document.getElementsByTagName('link')].find((l) =>
    (l.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'),
  );
  const href = link?.getAttribute('href') ?? contents.get('og:url');
  if (!href?.trim()) return undefined;
  try {
    return canonicalUrl(new URL(href.trim(), base).toString()) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Reads a page's main text and metadata; `url` is where the page is from, to resolve its links. */
export function readPage(html: string, url?: string): PageArticle {
  const { document } = parseHTML(html);
  const fromLd = jsonLdMetadata(document);
  const contents = metaContents(document);
  const fromMeta = metaTagMetadata(document, contents);
  const lang = document.documentElement?.getAttribute('lang')?.trim().split(/[-_]/)[0]?.toLowerCase();
  const canonical = pageCanonical(document, contents, url);

  if (document.documentElement) removeBoilerplate(document.documentElement);
  // Readability changes the document it reads; the metadata was taken first.
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
    charThreshold: 200,
    serializer: (node) => node,
  }).parse();
  const content = (parsed?.content as unknown as Node) ?? document.body;
  const title = fromLd.title ?? fromMeta.title ?? clean(parsed?.title);
  const paragraphs = content ? blockText(content).split('\n\n') : [];
  // The headline is the title, not the first paragraph of the text.
  if (title && paragraphs[0] === title) paragraphs.shift();
  return {
    text: paragraphs.join('\n\n'),
    title,
    author: fromLd.author ?? fromMeta.author ?? clean(parsed?.byline)?.replace(/^by\s+/i, ''),
    outlet: fromLd.outlet ?? fromMeta.outlet ?? clean(parsed?.siteName),
    publishedAt: fromLd.publishedAt ?? fromMeta.publishedAt ?? clean(parsed?.publishedTime),
    language: lang && /^[a-z]{2,3}$/.test(lang) ? lang : undefined,
    canonicalUrl: canonical,
  };
}
