import { api } from './api.js';
import { deskLink, field, formatDate, h, outLink, uid } from './dom.js';
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

function timeline(quotes) {
  const byDay = new Map();
  for (const q of quotes) {
    const day = formatDate(q.article.publishedAt);
    if (!byDay.has(day)) byDay.set(day, []);
    byDay.get(day).push(q);
  }
  return h(
    'ol',
    { class: 'results timeline' },
    [...byDay].map(([day, items]) =>
      h('li', {}, h('h3', {}, h('time', { datetime: day }, day)), h('ol', { class: 'results' }, items.map(quoteItem))),
    ),
  );
}

function outletTable(quotes) {
  const counts = new Map();
  for (const q of quotes)
    counts.set(q.article.outlet ?? 'no outlet', (counts.get(q.article.outlet ?? 'no outlet') ?? 0) + 1);
  return h(
    'table',
    {},
    h('caption', {}, 'Quotes per outlet, of those shown'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Outlet'), h('th', { scope: 'col' }, 'Quotes'))),
    h(
      'tbody',
      {},
      [...counts]
        .sort((a, b) => b[1] - a[1])
        .map(([outlet, n]) => h('tr', {}, h('td', {}, outlet), h('td', { class: 'n' }, n))),
    ),
  );
}

export async function speakerPage(id, params) {
  if (!id) return speakerList(params);
  const section = h('section', {}, h('h1', {}, 'Speaker'));
  await attempt(async () => {
    const [speaker, page] = await Promise.all([
      api('GET', `/speakers/${id}`),
      api('GET', `/speakers/${id}/quotes`, undefined, { limit: 100 }),
    ]);
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
      h(
        'div',
        { class: 'two' },
        h('div', {}, h('h2', {}, 'Timeline'), timeline(page.items)),
        h('div', {}, outletTable(page.items), aliasForm, mergeForm),
      ),
    );
  }, 'Loading the speaker');
  return section;
}
