import { api } from './api.js';
import { chart } from './charts.js';
import { deskLink, field, formatDate, h, outLink, scrollBox, uid } from './dom.js';
import { quoteItem } from './search.js';
import { attempt, kindLegend, noteFields, speakerChooser } from './widgets.js';

// Speaker: who the speaker is, their quotes as a timeline, a count per outlet,
// and, for editors, aliases and merging.

async function speakerList(params) {
  const q = h('input', { id: uid('speaker-search'), name: 'q', type: 'search', value: params.get('q') ?? '' });
  const list = h('ul', { class: 'plain' });
  const load = async () => {
    const page = await api('GET', '/speakers', undefined, { q: q.value.trim(), limit: 50 });
    list.replaceChildren(
      ...page.items.map((s) =>
        h(
          'li',
          {},
          deskLink(`speaker/${s.id}`, s.name),
          h('span', { class: 'meta' }, ` · ${s.kind} · ${s.quoteCount} quotes`),
        ),
      ),
    );
  };
  const form = h(
    'form',
    { class: 'row', role: 'search', 'aria-label': 'Speakers' },
    field('Name, alias or role', q),
    h('button', { type: 'submit' }, 'Find'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(load, 'Finding speakers');
  });
  attempt(load, 'Listing speakers');
  return h('section', {}, h('h1', {}, 'Speakers'), form, list);
}

const KINDS = ['direct', 'partial', 'indirect', 'relayed'];
const COLOURS = ['#8a5a00', '#0b5cad', '#2f6b12', '#9f1239'];
const PAGE = 50;

/** A quote of the timeline, its words marked by kind as in the article view. */
function timelineItem(q) {
  const item = quoteItem(q);
  const words = item.querySelector('.quote-text');
  const classes = [q.kind === 'direct' ? '' : `kind-${q.kind}`, q.relayedBy ? 'relayed' : ''].join(' ').trim();
  words.replaceChildren(h('mark', { class: classes || undefined }, [...words.childNodes]));
  return item;
}

/**
 * The speaker's quotes, newest first, grouped by day, a page at a time: "More
 * quotes" fetches the next page, so that a speaker with thousands of quotes opens
 * at once.
 */
function quoteList(id) {
  const list = h('ol', { class: 'results timeline', id: 'speaker-quotes' });
  const days = new Map();
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'More quotes');
  const count = h('p', { class: 'meta', role: 'status' });
  let cursor;
  let shown = 0;
  const load = async () => {
    const page = await api('GET', `/speakers/${id}/quotes`, undefined, { limit: PAGE, sort: 'date', cursor });
    for (const q of page.items) {
      const day = formatDate(q.article.publishedAt);
      if (!days.has(day)) {
        const items = h('ol', { class: 'results' });
        days.set(day, items);
        list.append(h('li', {}, h('h3', {}, h('time', { datetime: day }, day)), items));
      }
      days.get(day).append(timelineItem(q));
    }
    shown += page.items.length;
    cursor = page.nextCursor ?? undefined;
    more.hidden = !cursor;
    count.textContent = `${shown} quotes shown${cursor ? ', newest first' : ''}.`;
  };
  more.addEventListener('click', () => attempt(load, 'Loading more quotes'));
  return { node: h('div', {}, count, list, more), load };
}

/** The speaker's quotes counted per period and per outlet: a chart, its figures, and a table of outlets. */
function overview(id) {
  const interval = h(
    'select',
    { id: uid('interval'), name: 'interval' },
    ['month', 'week', 'day', 'quarter', 'year'].map((i) => h('option', { value: i }, i)),
  );
  const out = h('div', {});
  const outlets = h('div', {});
  const load = async () => {
    const t = await api('GET', `/speakers/${id}/timeline`, undefined, { interval: interval.value });
    const x = t.periods.map((p) => new Date(p.start).getTime() / 1000);
    const figures = h(
      'table',
      { id: 'timeline-table' },
      h('caption', {}, `Quotes per ${t.interval}`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Period'),
          h('th', { scope: 'col' }, 'Quotes'),
          KINDS.map((k) => h('th', { scope: 'col' }, k)),
        ),
      ),
      h(
        'tbody',
        {},
        [...t.periods.map((p) => [formatDate(p.start), p]), ['All', t.totals]].map(([label, c]) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, label),
            h('td', { class: 'n' }, c.quotes),
            KINDS.map((k) => h('td', { class: 'n' }, c[k])),
          ),
        ),
      ),
    );
    out.replaceChildren(
      t.periods.length
        ? chart(
            `Quotes per ${t.interval} by kind; the figures below give the counts.`,
            {
              series: [
                {},
                ...KINDS.map((k, i) => ({ label: k, stroke: COLOURS[i], width: 2, points: { show: true } })),
              ],
              axes: [{}, { label: 'quotes' }],
            },
            [x, ...KINDS.map((k) => t.periods.map((p) => p[k]))],
          )
        : h('p', { class: 'meta' }, 'No quotes on record.'),
      h('details', {}, h('summary', {}, 'Figures'), scrollBox('Quotes per period, the figures', figures)),
    );
    outlets.replaceChildren(
      h(
        'table',
        { id: 'outlet-table' },
        h('caption', {}, 'Quotes per outlet'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Outlet'), h('th', { scope: 'col' }, 'Quotes'))),
        h(
          'tbody',
          {},
          t.outlets.map((o) => h('tr', {}, h('td', {}, o.outlet ?? 'no outlet'), h('td', { class: 'n' }, o.quotes))),
        ),
      ),
    );
  };
  const form = h(
    'form',
    { class: 'row', 'aria-label': 'Quotes over time' },
    field('Per', interval),
    h('button', { type: 'submit' }, 'Show'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(load, 'Counting quotes');
  });
  return { node: h('div', {}, form, out), outlets, load };
}

export async function speakerPage(id, params) {
  if (!id) return speakerList(params);
  const section = h('section', {}, h('h1', {}, 'Speaker'));
  await attempt(async () => {
    const speaker = await api('GET', `/speakers/${id}`);
    const counts = overview(id);
    const quotes = quoteList(id);
    // Counts and the first page of quotes fill in once the page is shown.
    attempt(() => Promise.all([counts.load(), quotes.load()]), 'Loading the quotes');
    const aliases = h('input', { id: uid('aliases'), name: 'aliases', required: true });
    const aliasForm = h(
      'form',
      { class: 'stack', 'aria-label': 'Add aliases' },
      h(
        'fieldset',
        {},
        h('legend', {}, 'Add aliases'),
        field('Aliases, separated by commas', aliases),
        h('div', {}, h('button', { type: 'submit' }, 'Add aliases')),
      ),
    );
    aliasForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const list = aliases.value
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean);
      if (await attempt(() => api('POST', `/speakers/${id}/aliases`, { aliases: list }), 'Adding aliases'))
        location.reload();
    });
    const into = speakerChooser('Merge into');
    const note = noteFields();
    const force = h('input', { id: uid('force'), type: 'checkbox', name: 'force' });
    const mergeForm = h(
      'form',
      { class: 'stack', 'aria-label': 'Merge' },
      h(
        'fieldset',
        {},
        h('legend', {}, 'Merge this speaker into another'),
        into.node,
        h('div', { class: 'row' }, force, h('label', { for: force.id }, 'Merge even if the kinds differ')),
        note.nodes,
        h('div', {}, h('button', { type: 'submit', class: 'danger' }, 'Merge')),
      ),
    );
    mergeForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const target = into.value();
      const { by, reason } = note.read();
      const merged =
        target &&
        (await attempt(
          () => api('POST', `/speakers/${id}/merge`, { into: target, by, reason, force: force.checked }),
          'Merging',
        ));
      if (merged) location.hash = `#/speaker/${merged.id}`;
    });
    section.replaceChildren(
      h('h1', {}, speaker.name),
      h(
        'dl',
        {},
        h('dt', {}, 'Kind'),
        h('dd', {}, speaker.kind),
        h('dt', {}, 'Aliases'),
        h('dd', {}, speaker.aliases.join(', ') || 'none'),
        h('dt', {}, 'Role'),
        h('dd', {}, speaker.role ?? '—'),
        h('dt', {}, 'Affiliation'),
        h('dd', {}, speaker.affiliation ?? '—'),
        h('dt', {}, 'Wikidata'),
        h(
          'dd',
          {},
          speaker.wikidataId ? outLink(`https://www.wikidata.org/wiki/${speaker.wikidataId}`, speaker.wikidataId) : '—',
        ),
        h('dt', {}, 'Quotes'),
        h('dd', {}, speaker.quoteCount),
      ),
      kindLegend(),
      h('h2', {}, 'Quotes over time'),
      counts.node,
      h(
        'div',
        { class: 'two' },
        h('div', {}, h('h2', {}, 'Timeline'), quotes.node),
        h('div', {}, counts.outlets, aliasForm, mergeForm),
      ),
    );
  }, 'Loading the speaker');
  return section;
}
