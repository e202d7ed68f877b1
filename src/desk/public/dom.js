// Building the page: every text from the service goes into the page as text
// (DOM text nodes), never as HTML, so stored quotes and names cannot run code.

/** An element with attributes, listeners (onclick …) and children (nodes or text). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** A link to a page of the desk. */
export const deskLink = (path, text) => h('a', { href: `#/${path}` }, text);

/** A link out, only for http(s) addresses. */
export function outLink(url, text) {
  return typeof url === 'string' && /^https?:\/\//i.test(url)
    ? h('a', { href: url, rel: 'noopener noreferrer' }, text)
    : text;
}

/** A labelled control: the label names the control by its id. */
export function field(label, control) {
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
}

/**
 * A box that scrolls sideways when its content is wider than the page (a table at
 * phone width): a named region that takes focus, so the keyboard can scroll it too.
 */
export const scrollBox = (label, content) =>
  h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': label }, content);

let ids = 0;
export const uid = (base) => `${base}-${++ids}`;

/**
 * `text` with the ranges marked: each range { start, end, make(text) } turns its
 * slice into the node make() answers; ranges that overlap an earlier one are skipped.
 */
export function marked(text, ranges) {
  const nodes = [];
  let at = 0;
  for (const range of [...ranges].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (range.start < at || range.end > text.length || range.end <= range.start) continue;
    if (range.start > at) nodes.push(text.slice(at, range.start));
    nodes.push(range.make(text.slice(range.start, range.end)));
    at = range.end;
  }
  if (at < text.length) nodes.push(text.slice(at));
  return nodes;
}

const ENTITIES = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" };

/** A search snippet (HTML-escaped text with <mark> tags) as text nodes and mark elements. */
export function snippetNodes(snippet) {
  const parts = snippet.split(/(<\/?mark>)/);
  const nodes = [];
  let inMark = false;
  for (const part of parts) {
    if (part === '<mark>') inMark = true;
    else if (part === '</mark>') inMark = false;
    else if (part) {
      const text = part.replace(/&(lt|gt|amp|quot|#39);/g, (e) => ENTITIES[e]);
      nodes.push(inMark ? h('mark', {}, text) : text);
    }
  }
  return nodes;
}

/** The offset in `root`'s text of a point (node, offset) of a selection, or null outside it. */
export function textOffset(root, node, offset) {
  if (!root.contains(node)) return null;
  if (node.nodeType !== Node.TEXT_NODE) {
    // A point between children: the text before the child at `offset`.
    const child = node.childNodes[offset];
    if (!child) return textOffset(root, node, 0) + node.textContent.length;
    const walker = document.createTreeWalker(child, NodeFilter.SHOW_TEXT);
    const first = walker.nextNode();
    return first ? textOffset(root, first, 0) : null;
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let at = 0;
  for (let current = walker.nextNode(); current; current = walker.nextNode()) {
    if (current === node) return at + offset;
    at += current.textContent.length;
  }
  return null;
}

export const formatDate = (value) => (value ? new Date(value).toISOString().slice(0, 10) : 'no date');
