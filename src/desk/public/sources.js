import { api } from './api.js';
import { chart } from './charts.js';
import { field, formatDate, h, scrollBox, uid } from './dom.js';
import { attempt } from './widgets.js';

// Sources: who an outlet quotes over time, as a chart and as a table.

const KINDS = ['person', 'organization', 'group', 'anonymous', 'unattributed'];
const COLOURS = ['#0b5cad', '#2f855a', '#b7791f', '#9f1239', '#4a5060'];

function kindChart(stats) {
  const x = stats.periods.map((p) => new Date(p.start).getTime() / 1000);
  return chart(
    'Quotes per period by speaker kind; the table below gives the figures.',
    {
      series: [{}, ...KINDS.map((k, i) => ({ label: k, stroke: COLOURS[i], width: 2, points: { show: true } }))],
      axes: [{}, { label: 'quotes' }],
    },
    [x, ...KINDS.map((k) => stats.periods.map((p) => p.bySpeakerKind[k]))],
  );
}

function table(stats) {
  const row = (label, c) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, label),
      h('td', { class: 'n' }, c.quotes),
      KINDS.map((k) => h('td', { class: 'n' }, c.bySpeakerKind[k])),
      h('td', { class: 'n' }, `${(c.anonymousShare * 100).toFixed(1)}%`),
      h(
        'td',
        {},
        c.topSpeakers
          .slice(0, 3)
          .map((s) => `${s.name} (${s.quotes})`)
          .join(', '),
      ),
    );
  return h(
    'table',
    { id: 'stats-table' },
    h('caption', {}, `Quotes per ${stats.interval}`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Period'),
        h('th', { scope: 'col' }, 'Quotes'),
        KINDS.map((k) => h('th', { scope: 'col' }, k)),
        h('th', { scope: 'col' }, 'Anonymous share'),
        h('th', { scope: 'col' }, 'Most quoted'),
      ),
    ),
    h(
      'tbody',
      {},
      stats.periods.map((p) => row(formatDate(p.start), p)),
      row('All', stats.totals),
    ),
  );
}

export async function sourcesPage(_arg, params) {
  const outlet = h('input', { id: uid('outlet'), name: 'outlet', value: params.get('outlet') ?? '' });
  const from = h('input', { id: uid('from'), name: 'from', type: 'date' });
  const to = h('input', { id: uid('to'), name: 'to', type: 'date' });
  const interval = h(
    'select',
    { id: uid('interval'), name: 'interval' },
    ['month', 'week', 'day', 'quarter', 'year'].map((i) => h('option', { value: i }, i)),
  );
  const out = h('div', {});
  const load = async () => {
    const stats = await api('GET', '/stats', undefined, {
      outlet: outlet.value.trim(),
      from: from.value,
      to: to.value,
      interval: interval.value,
    });
    out.replaceChildren(
      h(
        'h2',
        {},
        `${stats.totals.quotes} quotes · ${(stats.totals.anonymousShare * 100).toFixed(1)}% from anonymous sources`,
      ),
      stats.periods.length ? kindChart(stats) : null,
      scrollBox('Quotes per period, the figures', table(stats)),
    );
  };
  const form = h(
    'form',
    { class: 'row', 'aria-label': 'Sources' },
    field('Outlet', outlet),
    field('From', from),
    field('To', to),
    field('Per', interval),
    h('button', { type: 'submit' }, 'Show'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(load, 'Counting');
  });
  attempt(load, 'Counting');
  return h('section', {}, h('h1', {}, 'Sources'), form, out);
}
