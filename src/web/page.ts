import { Readability } from '@mozilla/readability';
import { Parser } from 'htmlparser2';
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
 * comments. They are left out, with everything inside them, as the page is first
 * scanned (see scanPage), so that the DOM Readability reads holds the story's part
 * of the page only.
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

type Attributes = Record<string, string>;

function isBoilerplate(name: string, attributes: Attributes): boolean {
  if (BOILERPLATE_TAGS.has(name)) return true;
  const role = attributes.role;
  if (role !== undefined && BOILERPLATE_ROLES.has(role)) return true;
  if (attributes['aria-hidden'] === 'true' || attributes.id === 'comments') return true;
  const classes = attributes.class;
  return classes !== undefined && classes.split(/\s+/).some((c) => BOILERPLATE_CLASSES.has(c));
}

/** Elements without content or end tag (htmlparser2's list): no end tag is written for them. */
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/**
 * Kept elements whose text the parser passes on as written (no entities decoded):
 * it is written back as it came. Scripts and styles, the others, are left out.
 */
const RAW_TEXT_ELEMENTS = new Set(['xmp']);

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const ATTRIBUTE_NAME = /^[^\s"'>/=]+$/;

function startTag(name: string, attributes: Attributes): string {
  let tag = `<${name}`;
  for (const key in attributes) {
    if (ATTRIBUTE_NAME.test(key)) tag += ` ${key}="${escapeAttribute(attributes[key]!)}"`;
  }
  return `${tag}>`;
}

const isJsonLd = (attributes: Attributes) => attributes.type?.trim().toLowerCase() === 'application/ld+json';

/** What one pass of a streaming parser over a page finds: its metadata, and the page without its boilerplate. */
interface PageScan {
  /** The page again as HTML: in its head only the title and meta tags; its body without boilerplate, scripts and styles. */
  html: string;
  lang?: string;
  /** The text of the first title element. */
  title?: string;
  /** The text of the first h1 of the story's part of the page (boilerplate left out). */
  h1?: string;
  /** The content of each meta tag by its property or name, in lower case; the first one that has content. */
  meta: Map<string, string>;
  /** The first rel=canonical link: its href, or null when it has none. */
  canonicalHref?: string | null;
  /** The text of each JSON-LD script, boilerplate or not. */
  jsonLd: string[];
}

/**
 * Scans a page once with htmlparser2 (the tokenizer linkedom itself uses, with the
 * same options, so that the kept part parses into the same tree): its metadata is
 * read from the whole page, and the page is written again without the elements
 * that are never the story (boilerplate, scripts, styles, links). linkedom then
 * builds a DOM of that part only: every node it makes costs a WeakMap entry and
 * garbage-collector work, and Readability scores every node it is given.
 */
function scanPage(html: string): PageScan {
  const scan: PageScan = { html: '', meta: new Map(), jsonLd: [] };
  const head: string[] = [];
  const body: string[] = [];
  let htmlAttributes: Attributes = {};
  let bodyAttributes: Attributes = {};
  /** Open elements left out, the outermost one included; 0 when writing. */
  let skipping = 0;
  let inHead = false;
  /** Inside the title kept in the head, whose text is kept. */
  let inKeptHeadElement = false;
  /** Writing the text of a raw-text element as it came (RAW_TEXT_ELEMENTS). */
  let raw = false;
  /** Collecting the text of the first title or of a JSON-LD script. */
  let capture: { tag: 'title' | 'script'; text: string } | undefined;
  let titleSeen = false;
  /** Open elements inside the first kept h1, itself included, while its text is collected. */
  let h1Depth = 0;

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'meta') {
          const content = clean(attributes.content);
          if (content) {
            for (const attribute of ['property', 'name']) {
              const key = attributes[attribute]?.toLowerCase();
              if (key && !scan.meta.has(key)) scan.meta.set(key, content);
            }
          }
        } else if (name === 'link' && scan.canonicalHref === undefined) {
          if ((attributes.rel ?? '').toLowerCase().split(/\s+/).includes('canonical'))
            scan.canonicalHref = attributes.href ?? null;
        } else if (name === 'title' && !titleSeen) {
          titleSeen = true;
          capture = { tag: 'title', text: '' };
        } else if (name === 'script' && isJsonLd(attributes)) {
          capture = { tag: 'script', text: '' };
        } else if (name === 'html' && skipping === 0) {
          if (scan.lang === undefined && attributes.lang !== undefined) scan.lang = attributes.lang;
          htmlAttributes = { ...htmlAttributes, ...attributes };
          return;
        }
        if (skipping > 0) {
          skipping++;
          return;
        }
        if (name === 'head') {
          inHead = true;
          return;
        }
        if (name === 'body') {
          inHead = false;
          bodyAttributes = { ...bodyAttributes, ...attributes };
          return;
        }
        const keep = inHead
          ? name === 'title' || name === 'meta'
          : !isBoilerplate(name, attributes) && name !== 'script' && name !== 'style' && name !== 'link';
        if (!keep) {
          skipping = 1;
          return;
        }
        if (h1Depth > 0) h1Depth++;
        else if (name === 'h1' && scan.h1 === undefined && !inHead) {
          h1Depth = 1;
          scan.h1 = '';
        }
        raw = RAW_TEXT_ELEMENTS.has(name);
        if (inHead && name !== 'meta') inKeptHeadElement = true;
        (inHead ? head : body).push(startTag(name, attributes));
      },
      ontext(text) {
        if (capture) capture.text += text;
        if (skipping > 0) return;
        // In the head, only the text of a kept element: whitespace between head elements is dropped.
        if (inHead && !inKeptHeadElement) return;
        if (h1Depth > 0) scan.h1 += text;
        (inHead ? head : body).push(raw ? text : escapeText(text));
      },
      onclosetag(name) {
        if (capture?.tag === name) {
          if (name === 'title') scan.title = capture.text;
          else scan.jsonLd.push(capture.text);
          capture = undefined;
        }
        if (skipping > 0) {
          skipping--;
          return;
        }
        if (name === 'html') return;
        if (name === 'head') {
          inHead = false;
          return;
        }
        if (name === 'body') return;
        raw = false;
        inKeptHeadElement = false;
        if (h1Depth > 0) h1Depth--;
        if (!VOID_ELEMENTS.has(name)) (inHead ? head : body).push(`</${name}>`);
      },
    },
    { lowerCaseAttributeNames: false, decodeEntities: true },
  );
  parser.end(html);
  scan.html = `<!DOCTYPE html>${startTag('html', htmlAttributes)}<head>${head.join('')}</head>${startTag('body', bodyAttributes)}${body.join('')}</body></html>`;
  return scan;
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
type LinkedDocument = ReturnType<typeof parseHTML>['document'];

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

function jsonLdMetadata(scripts: string[]): PageMetadata {
  for (const script of scripts) {
    let value: Json;
    try {
      value = JSON.parse(script);
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

function metaTagMetadata(scan: PageScan): PageMetadata {
  const meta = (...names: string[]) => names.map((name) => scan.meta.get(name)).find(Boolean);
  const author = meta('author', 'article:author', 'byl', 'parsely-author', 'dc.creator');
  return {
    title: meta('og:title', 'twitter:title', 'parsely-title'),
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

/** What separates a headline from the site's name, or a section's, in a page's title. */
const TITLE_SEPARATOR = /\s+(?:[|\-\u2013\u2014\u00b7\u2022\u00bb/]|::)\s+/;

/** A name folded for comparison: lower case, letters and digits only. */
const folded = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The headline a page's title element gives, without the site's name: a title
 * such as "Lock gates reopen | Canal Herald" is split at its separators, the parts
 * naming the site (its outlet, or its host name: "canalherald.com") are left out,
 * and the part that is the page's first heading is the headline. Undefined when
 * the title does not tell the headline from the rest.
 */
export function headlineOfTitle(title: string, h1: string | undefined, siteNames: string[]): string | undefined {
  const parts = title
    .split(TITLE_SEPARATOR)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return undefined;
  const sites = new Set(siteNames.map(folded).filter(Boolean));
  const story = parts.filter((p) => !sites.has(folded(p)));
  const heading = h1 === undefined ? '' : folded(h1);
  if (heading) {
    const match = story.find((p) => folded(p) === heading);
    if (match) return match;
  }
  if (story.length === 1 && story.length < parts.length) return story[0];
  return undefined;
}

/** Names a page's site goes by, to be told apart from its headline: its outlet, and its host name with and without the top-level domain. */
function siteNames(outlets: (string | undefined)[], url: string | undefined): string[] {
  const names = outlets.filter((o): o is string => Boolean(o));
  if (url) {
    try {
      const host = new URL(url).hostname.replace(/^www\./, '');
      names.push(host, host.split('.').slice(0, -1).join('.'));
    } catch {
      // No host to name the site by.
    }
  }
  return names;
}

function pageCanonical(scan: PageScan, base: string | undefined) {
  const href = scan.canonicalHref ?? scan.meta.get('og:url');
  if (!href?.trim()) return undefined;
  try {
    return canonicalUrl(new URL(href.trim(), base).toString()) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The elements below `root` with one of these tag names, in document order. Readability
 * finds elements by tag names alone (its _getAllNodesWithTag) through querySelectorAll,
 * which linkedom parses and compiles as a CSS selector on every call, for a seventh
 * of the time Readability takes; this walk finds the same elements. Iterative, so that
 * a deeply nested page cannot exhaust the stack.
 */
function elementsWithTag(from: NonNullable<Node> | LinkedDocument, tagNames: string[]): Element[] {
  // One tag name (most calls): linkedom's getElementsByTagName, a linear pass over its node list.
  if (tagNames.length === 1) return [...(from as Element).getElementsByTagName(tagNames[0]!)] as Element[];
  const wanted = new Set(tagNames.map((t) => t.toUpperCase()));
  const found: Element[] = [];
  // From a document, the walk starts at its root element: linkedom gives a doctype no next sibling.
  const root = (from.nodeType === 9 ? (from as LinkedDocument).documentElement : from) as Element;
  if (root !== from && wanted.has(root.tagName.toUpperCase())) found.push(root);
  let node = root.firstChild;
  while (node) {
    if (node.nodeType === 1 && wanted.has((node as Element).tagName.toUpperCase())) found.push(node as Element);
    if (node.firstChild) {
      node = node.firstChild;
      continue;
    }
    // Up to the nearest ancestor with a next sibling, short of the root.
    let up: NonNullable<Node> = node;
    while (up !== root && !up.nextSibling && up.parentNode) up = up.parentNode as unknown as NonNullable<Node>;
    node = up === root ? null : up.nextSibling;
  }
  return found;
}

/** Whether an element is shown, as Readability's _isProbablyVisible asks, from its attributes: no CSSStyleDeclaration is built. */
function probablyVisible(node: Element): boolean {
  const style = node.getAttribute('style');
  if (style && /(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)\s*(!important\s*)?(;|$)/i.test(style))
    return false;
  if (node.hasAttribute('hidden')) return false;
  return node.getAttribute('aria-hidden') !== 'true' || node.className.includes('fallback-image');
}

/**
 * Readability's steps replaced where only the text is read: elements by tag name
 * through a walk (see elementsWithTag); visibility from attributes; no scripts to
 * remove (the scan left none); and no post-processing of the content (absolute
 * links, nested elements simplified), which changes markup, not text.
 */
const TEXT_ONLY_READER = {
  _getAllNodesWithTag: elementsWithTag,
  _isProbablyVisible: probablyVisible,
  _removeScripts: () => {},
  _postProcessContent: () => {},
};

/** Reads a page's main text and metadata; `url` is where the page is from, to resolve its links. */
export function readPage(html: string, url?: string): PageArticle {
  const scan = scanPage(html);
  const fromLd = jsonLdMetadata(scan.jsonLd);
  const fromMeta = metaTagMetadata(scan);
  const lang = scan.lang?.trim().split(/[-_]/)[0]?.toLowerCase();
  const canonical = pageCanonical(scan, url);

  const { document } = parseHTML(scan.html);
  const reader = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
    charThreshold: 200,
    // The scan has read the page's JSON-LD already.
    disableJSONLD: true,
    // Only the text is read: classes need not be stripped, nor the content serialized.
    keepClasses: true,
    serializer: (node) => node,
  });
  Object.assign(reader, TEXT_ONLY_READER);
  const parsed = reader.parse();
  const content = (parsed?.content as unknown as Node) ?? document.body;
  const titleElement = clean(scan.title);
  const title =
    fromLd.title ??
    fromMeta.title ??
    (titleElement &&
      headlineOfTitle(
        titleElement,
        clean(scan.h1),
        siteNames([fromLd.outlet, fromMeta.outlet, clean(parsed?.siteName)], url),
      )) ??
    clean(parsed?.title) ??
    titleElement;
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
