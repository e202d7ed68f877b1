import { api } from './api.js';
import { deskLink, field, formatDate, h, marked, outLink, textOffset, uid } from './dom.js';
import { attempt, kindLegend, noteFields, say, speakerChooser } from './widgets.js';

// Article: the text with every quote marked, its speaker mention and cue too;
// choosing a quote shows its attribution and history, and editors correct it, add
// a quote the extractor missed from a selection, fix a span or delete a quote.

/** The article body with quotes, mentions and cues marked; `onPick` gets the quote chosen. */
export function markedBody(body, quotes, onPick) {
  const ranges = [];
  for (const q of quotes) {
    const classes = ['quote', `kind-${q.kind}`, q.relayedBy ? 'relayed' : '', q.status ? `status-${q.status}` : ''];
    ranges.push({
      start: q.start,
      end: q.end,
      make: (text) => {
        const mark = h(
          'mark',
          {
            class: classes.join(' ').trim(),
            'data-quote-id': q.id ?? '',
            tabindex: onPick ? 0 : undefined,
            role: onPick ? 'button' : undefined,
            title: [
              q.speaker?.name ?? 'unknown speaker',
              q.kind,
              q.confidence?.toFixed(2),
              q.sieve ? `sieve ${q.sieve}` : undefined,
              q.status,
            ]
              .filter(Boolean)
              .join(' · '),
          },
          text,
        );
        if (onPick) {
          mark.addEventListener('click', () => onPick(q, mark));
          mark.addEventListener('keydown', (event) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              onPick(q, mark);
            }
          });
        }
        return mark;
      },
    });
    const mention = q.speaker?.mention;
    if (mention)
      ranges.push({ start: mention.start, end: mention.end, make: (t) => h('span', { class: 'mention' }, t) });
    if (q.cue) ranges.push({ start: q.cue.start, end: q.cue.end, make: (t) => h('span', { class: 'cue' }, t) });
  }
  return h('div', { class: 'body', id: 'article-body' }, marked(body, ranges));
}

function historyList(items) {
  const side = (s) =>
    s.status === null
      ? 'nothing'
      : `${s.speaker?.name ?? 'no speaker'}, ${s.status}${s.start !== null ? `, ${s.start}–${s.end}` : ''}`;
  return h(
    'ol',
    { class: 'history' },
    items.map((r) =>
      h(
        'li',
        {},
        h('strong', {}, r.action),
        ` by ${r.by} on ${formatDate(r.at)}: ${side(r.from)} → ${side(r.to)}. `,
        r.reason ? h('q', {}, r.reason) : null,
      ),
    ),
  );
}

function spanInputs(start, end) {
  const from = h('input', { id: uid('start'), name: 'start', type: 'number', min: 0, required: true, value: start });
  const to = h('input', { id: uid('end'), name: 'end', type: 'number', min: 1, required: true, value: end });
  return { from, to, node: h('div', { class: 'row' }, field('Start offset', from), field('End offset', to)) };
}

/** The selection inside the body as offsets, or null. */
function selectedSpan(bodyEl) {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const start = textOffset(bodyEl, range.startContainer, range.startOffset);
  const end = textOffset(bodyEl, range.endContainer, range.endOffset);
  return start === null || end === null || end <= start ? null : { start, end };
}

/** A form that sends one change with who and why, then reloads the article. */
function changeForm(label, controls, send, reload, buttonClass) {
  const note = noteFields();
  const form = h(
    'form',
    { class: 'stack', 'aria-label': label },
    h(
      'fieldset',
      {},
      h('legend', {}, label),
      controls,
      note.nodes,
      h('div', {}, h('button', { type: 'submit', class: buttonClass }, label)),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const done = await attempt(() => send(note.read()), label);
    if (done !== undefined) await reload();
  });
  return form;
}

function quotePanel(q, body, reload) {
  const history = h('div', {}, h('p', { class: 'meta' }, 'Loading history…'));
  attempt(async () => {
    const answer = await api('GET', `/quotes/${q.id}/history`);
    history.replaceChildren(
      answer.items.length ? historyList(answer.items) : h('p', { class: 'meta' }, 'No changes yet.'),
    );
  }, 'Loading the history');
  const chooser = speakerChooser('New speaker');
  const status = h(
    'select',
    { id: uid('status'), name: 'status' },
    h('option', { value: 'confirmed' }, 'Confirm'),
    h('option', { value: 'rejected' }, 'Reject'),
  );
  const span = spanInputs(q.start, q.end);
  const useSelection = h('button', { type: 'button', class: 'secondary' }, 'Use the selected text');
  useSelection.addEventListener('click', () => {
    const selected = selectedSpan(body);
    if (!selected) return say('Select the words in the article first.', true);
    span.from.value = selected.start;
    span.to.value = selected.end;
  });
  const patch = (change) => (note) => api('PATCH', `/quotes/${q.id}`, { ...change(), ...note });
  return h(
    'section',
    { 'aria-labelledby': 'quote-heading', id: 'quote-panel' },
    h('h2', { id: 'quote-heading' }, 'Quote'),
    h('p', { class: 'quote-text' }, q.text),
    h(
      'dl',
      {},
      h('dt', {}, 'Speaker'),
      h('dd', { class: 'speaker' }, q.speaker ? deskLink(`speaker/${q.speaker.id}`, q.speaker.name) : 'unknown'),
      q.relayedBy ? [h('dt', {}, 'Relayed by'), h('dd', {}, q.relayedBy.name)] : null,
      h('dt', {}, 'Kind'),
      h('dd', {}, q.kind),
      h('dt', {}, 'Confidence'),
      h('dd', {}, q.confidence.toFixed(2)),
      h('dt', {}, 'Sieve'),
      h('dd', { class: 'sieve' }, q.sieve ?? 'not recorded'),
      h('dt', {}, 'Status'),
      h('dd', { class: 'status-value' }, q.status),
      h('dt', {}, 'Span'),
      h('dd', {}, `${q.start}–${q.end}`),
    ),
    h('h3', {}, 'History'),
    history,
    changeForm(
      'Change speaker',
      chooser.node,
      patch(() => ({ speaker: chooser.value() ?? undefined })),
      reload,
    ),
    changeForm(
      'Confirm or reject',
      field('Attribution', status),
      patch(() => ({ status: status.value })),
      reload,
    ),
    changeForm(
      'Fix span',
      [span.node, useSelection],
      patch(() => ({ start: Number(span.from.value), end: Number(span.to.value) })),
      reload,
    ),
    changeForm('Delete quote', [], (note) => api('DELETE', `/quotes/${q.id}`, note), reload, 'danger'),
  );
}

function addQuoteForm(article, body, reload) {
  const span = spanInputs('', '');
  const kind = h(
    'select',
    { id: uid('kind'), name: 'kind' },
    ['direct', 'partial', 'indirect'].map((k) => h('option', { value: k }, k)),
  );
  const chooser = speakerChooser('Speaker', { allowNone: true });
  const take = h('button', { type: 'button', class: 'secondary', id: 'take-selection' }, 'Take the selected text');
  const preview = h('p', { class: 'meta', 'aria-live': 'polite' });
  take.addEventListener('click', () => {
    const selected = selectedSpan(body);
    if (!selected) return say('Select the words of the quote in the article first.', true);
    span.from.value = selected.start;
    span.to.value = selected.end;
    preview.textContent = `“${article.body.slice(selected.start, selected.end)}”`;
  });
  return changeForm(
    'Add a missed quote',
    [
      h('p', { class: 'meta' }, 'Select the words in the article, then take them; or give the offsets.'),
      take,
      preview,
      span.node,
      field('Kind', kind),
      chooser.node,
    ],
    (note) =>
      api('POST', `/articles/${article.id}/quotes`, {
        start: Number(span.from.value),
        end: Number(span.to.value),
        kind: kind.value,
        speaker: chooser.value(),
        ...note,
      }),
    reload,
  );
}

async function articleList(params) {
  const outlet = h('input', { id: uid('outlet'), name: 'outlet', value: params.get('outlet') ?? '' });
  const list = h('ul', { class: 'plain' });
  const load = async () => {
    const page = await api('GET', '/articles', undefined, { outlet: outlet.value.trim(), limit: 50 });
    list.replaceChildren(
      ...page.items.map((a) =>
        h(
          'li',
          {},
          deskLink(`article/${a.id}`, a.title),
          h(
            'span',
            { class: 'meta' },
            ` · ${a.outlet ?? 'no outlet'} · ${formatDate(a.publishedAt)} · ${a.quoteCount ?? ''} quotes`,
          ),
        ),
      ),
    );
  };
  const form = h(
    'form',
    { class: 'row', 'aria-label': 'Articles' },
    field('Outlet', outlet),
    h('button', { type: 'submit' }, 'List'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(load, 'Listing articles');
  });
  attempt(load, 'Listing articles');
  return h('section', {}, h('h1', {}, 'Articles'), form, list);
}

export async function articlePage(id, params) {
  if (!id) return articleList(params);
  const section = h('section', {}, h('h1', {}, 'Article'));
  const render = async (pickId) => {
    const article = await api('GET', `/articles/${id}`);
    const panel = h('div', { id: 'side' });
    const reload = async () => {
      const current = panel.querySelector('#quote-panel') ? pickId : undefined;
      await render(current);
    };
    const pick = (q, mark) => {
      pickId = q.id;
      for (const m of body.querySelectorAll('mark.selected')) m.classList.remove('selected');
      mark.classList.add('selected');
      panel.replaceChildren(quotePanel(q, body, reload), addQuoteForm(article, body, reload));
    };
    const body = markedBody(article.body, article.quotes, pick);
    panel.replaceChildren(addQuoteForm(article, body, reload));
    section.replaceChildren(
      h('h1', {}, article.title),
      h(
        'p',
        { class: 'meta' },
        `${article.outlet ?? 'no outlet'} · ${formatDate(article.publishedAt)} · ${article.quotes.length} quotes · `,
        outLink(article.url, 'original'),
      ),
      kindLegend(h('span', { class: 'mention' }, 'speaker mention'), ' · ', h('span', { class: 'cue' }, 'cue')),
      h('div', { class: 'two' }, body, panel),
    );
    const chosen = pickId && body.querySelector(`mark[data-quote-id="${CSS.escape(pickId)}"]`);
    if (chosen) chosen.click();
  };
  await attempt(() => render(params.get('quote') ?? undefined), 'Loading the article');
  return section;
}
