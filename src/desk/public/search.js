import { api } from './api.js';
import { deskLink, field, formatDate, h, snippetNodes, uid } from './dom.js';
import { attempt } from './widgets.js';

// Search: the quote search with its filters, a page at a time.

const FILTERS = [
  ['q', 'Words', 'search'],
  ['speaker', 'Speaker (name, alias or id)', 'text'],
  ['outlet', 'Outlet', 'text'],
  ['publishedFrom', 'From', 'date'],
  ['publishedTo', 'To', 'date'],
];

export function quoteItem(q) {
  return h(
    'li',
    { class: 'quote-hit', 'data-quote-id': q.id },
    h('p', { class: 'quote-text' }, q.snippet ? snippetNodes(q.snippet) : q.text),
    h(
      'p',
      { class: 'meta' },
      h('span', { class: 'tag' }, q.kind),
      h('span', { class: 'tag' }, q.status),
      q.speaker ? deskLink(`speaker/${q.speaker.id}`, q.speaker.name) : 'unknown speaker',
      q.relayedBy ? [' via ', deskLink(`speaker/${q.relayedBy.id}`, q.relayedBy.name)] : null,
      ' · ',
      deskLink(`article/${q.article.id}?quote=${q.id}`, q.article.title),
      q.article.outlet ? ` · ${q.article.outlet}` : '',
      ` · ${formatDate(q.article.publishedAt)}`,
    ),
  );
}

export async function searchPage(_arg, params) {
  const inputs = Object.fromEntries(
    FILTERS.map(([name, , type]) => [name, h('input', { id: uid(name), name, type, value: params.get(name) ?? '' })]),
  );
  const kind = h(
    'select',
    { id: uid('kind'), name: 'kind' },
    ['', 'direct', 'partial', 'indirect'].map((k) =>
      h('option', { value: k, selected: params.get('kind') === k }, k || 'any kind'),
    ),
  );
  const list = h('ol', { class: 'results', id: 'search-results' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Next page');
  const count = h('p', { class: 'meta', role: 'status' });
  let cursor = null;
  let shown = 0;
  const query = () => ({
    ...Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.value.trim()])),
    kind: kind.value,
    limit: 20,
  });
  const load = async (next) => {
    const page = await api('GET', '/quotes', undefined, { ...query(), cursor: next ?? undefined });
    if (!next) {
      list.replaceChildren();
      shown = 0;
    }
    list.append(...page.items.map(quoteItem));
    shown += page.items.length;
    cursor = page.nextCursor;
    more.hidden = !cursor;
    count.textContent = `${shown} quotes shown${cursor ? ', more to come' : ''}.`;
  };
  more.addEventListener('click', () => attempt(() => load(cursor), 'Loading the next page'));
  const form = h(
    'form',
    { class: 'stack', role: 'search', 'aria-label': 'Quote search' },
    field(FILTERS[0][1], inputs.q),
    h(
      'div',
      { class: 'row' },
      FILTERS.slice(1).map(([name, label]) => field(label, inputs[name])),
      field('Kind', kind),
    ),
    h('div', {}, h('button', { type: 'submit' }, 'Search')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(() => load(null), 'Searching');
  });
  if ([...params.keys()].length) attempt(() => load(null), 'Searching');
  return h('section', {}, h('h1', {}, 'Search quotes'), form, count, list, more);
}
