import { api, editor, UUID } from './api.js';
import { field, h, uid } from './dom.js';

// Pieces the pages share: the status line, the "who and why" of a change, and
// choosing a speaker.

const status = document.getElementById('status');

/** Says `text` in the status line (read out by screen readers). */
export function say(text, isError = false) {
  status.textContent = text;
  status.classList.toggle('error', isError);
}

/** Runs `work`, saying what went wrong if it fails. */
export async function attempt(work, doing) {
  try {
    say(`${doing}…`);
    const result = await work();
    say(`${doing}: done.`);
    return result;
  } catch (error) {
    say(`${doing} failed: ${error.message}`, true);
    return undefined;
  }
}

/** The "who" and "why" every change asks for. */
export function noteFields() {
  const who = h('input', { id: uid('who'), name: 'by', required: true, value: editor.get(), autocomplete: 'nickname' });
  const why = h('textarea', { id: uid('why'), name: 'reason', required: true, rows: 2 });
  return {
    nodes: [field('Who makes the change', who), field('Why (the evidence)', why)],
    read() {
      editor.set(who.value.trim());
      return { by: who.value.trim(), reason: why.value.trim() };
    },
  };
}

/** A speaker chooser: a name or id to look up, and the speakers found, to choose from. */
export function speakerChooser(label, { allowNone = false } = {}) {
  const input = h('input', { id: uid('speaker-q'), type: 'search', autocomplete: 'off' });
  const select = h('select', { id: uid('speaker'), name: 'speaker' });
  const reset = () => {
    select.replaceChildren(
      allowNone ? h('option', { value: '' }, 'No speaker (unknown)') : h('option', { value: '' }, '—'),
    );
  };
  reset();
  const find = async () => {
    const q = input.value.trim();
    if (!q) return;
    const found = UUID.test(q)
      ? { items: [await api('GET', `/speakers/${q}`)] }
      : await api('GET', '/speakers', undefined, { q, limit: 10 });
    reset();
    for (const s of found.items) {
      select.append(h('option', { value: s.id }, `${s.name} · ${s.kind} · ${s.quoteCount} quotes`));
    }
    if (found.items.length > 0) select.selectedIndex = 1;
  };
  const button = h(
    'button',
    { type: 'button', class: 'secondary', onclick: () => attempt(find, 'Finding speakers') },
    'Find',
  );
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      attempt(find, 'Finding speakers');
    }
  });
  return {
    node: h('div', { class: 'row' }, field(`${label}: name or id`, input), button, field(label, select)),
    value: () => select.value || null,
  };
}

/** What the marks of quotes mean, with `more` after them. */
export function kindLegend(...more) {
  const marks = [
    h('mark', {}, 'direct'),
    h('mark', { class: 'kind-partial' }, 'partial'),
    h('mark', { class: 'kind-indirect' }, 'indirect'),
    h('mark', { class: 'relayed' }, 'relayed'),
  ];
  return h(
    'p',
    { class: 'meta' },
    marks.map((m) => [m, ' ']),
    more.length ? ['· ', more] : null,
  );
}
