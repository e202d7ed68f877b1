import { api } from './api.js';
import { deskLink, field, formatDate, h, marked, outLink, uid } from './dom.js';
import { attempt } from './widgets.js';

// Verify: a claimed quote against the record, with the verdict in plain words,
// what the claim changes, and each match inside a window of its article.

const VERDICTS = {
  verified: 'Verified: said as quoted',
  wording_differs: 'The wording differs from the record',
  misattributed: 'Misattributed: someone else said it',
  not_found: 'Not found on record',
};

const diffMarks = (differences, side) =>
  differences
    .filter((d) => d[side])
    .map((d) => ({
      start: d[side].start,
      end: d[side].end,
      make: (t) => h('mark', { class: 'diff', title: d.kind }, t),
    }));

/** The match's words highlighted inside its window of the article. */
function contextOf(match) {
  const parts = match.parts.length ? match.parts : [{ start: match.start, end: match.end }];
  const ranges = parts.map((p) => ({
    start: p.start - match.context.start,
    end: p.end - match.context.start,
    make: (t) => h('mark', { class: 'evidence' }, t),
  }));
  return h('p', { class: 'context' }, marked(match.context.text, ranges));
}

function matchItem(match, first) {
  return h(
    'li',
    {},
    h(
      'p',
      { class: 'meta' },
      first ? h('strong', {}, 'First appearance · ') : null,
      `${match.match} wording · similarity ${match.similarity.toFixed(2)} · attribution ${match.attribution}`,
    ),
    contextOf(match),
    h(
      'p',
      { class: 'meta' },
      'Said by ',
      match.speaker ? deskLink(`speaker/${match.speaker.id}`, match.speaker.name) : 'an unknown speaker',
      match.relayedBy ? [' (relayed by ', deskLink(`speaker/${match.relayedBy.id}`, match.relayedBy.name), ')'] : null,
      ' in ',
      deskLink(`article/${match.article.id}`, match.article.title),
      match.article.outlet ? ` · ${match.article.outlet}` : '',
      ` · ${formatDate(match.seenAt)} · `,
      outLink(match.article.url, 'original'),
    ),
  );
}

function resultView(result, body) {
  const claimReview = h('pre', { hidden: true, 'aria-label': 'ClaimReview JSON-LD' });
  const copy = async () => {
    const review = await api('POST', '/verify', body, { format: 'claimreview' });
    const text = JSON.stringify(review, null, 2);
    claimReview.textContent = text;
    claimReview.hidden = false;
    await navigator.clipboard.writeText(text).catch(() => undefined);
  };
  const best = result.firstSeen ?? result.matches[0];
  return h(
    'section',
    { 'aria-labelledby': 'verdict-heading', id: 'result' },
    h('h2', { id: 'verdict-heading' }, 'Verdict'),
    h('p', { class: `verdict ${result.verdict}`, 'data-verdict': result.verdict }, VERDICTS[result.verdict]),
    h('p', { class: 'explanation' }, result.explanation),
    best && best.differences.length
      ? [
          h('h2', {}, 'Claim and record'),
          h(
            'p',
            {},
            h('span', { class: 'tag' }, 'claim'),
            h('span', { class: 'claim' }, marked(result.claim.quote, diffMarks(best.differences, 'claim'))),
          ),
          h(
            'p',
            {},
            h('span', { class: 'tag' }, 'record'),
            h('span', { class: 'record' }, marked(best.text, diffMarks(best.differences, 'record'))),
          ),
        ]
      : null,
    result.matches.length
      ? [
          h('h2', {}, 'Matches'),
          h(
            'ol',
            { class: 'results' },
            result.matches.map((m) => matchItem(m, m === result.firstSeen)),
          ),
        ]
      : null,
    h(
      'button',
      { type: 'button', class: 'secondary', onclick: () => attempt(copy, 'Copying the ClaimReview') },
      'Copy ClaimReview JSON-LD',
    ),
    claimReview,
  );
}

export async function verifyPage() {
  const quote = h('textarea', { id: uid('claim'), name: 'quote', required: true, rows: 3 });
  const speaker = h('input', { id: uid('claimed-speaker'), name: 'speaker' });
  const before = h('input', { id: uid('before'), name: 'before', type: 'date' });
  const out = h('div', {});
  const form = h(
    'form',
    { class: 'stack', 'aria-label': 'Claim to verify' },
    field('Claimed quote', quote),
    h('div', { class: 'row' }, field('Claimed speaker (optional)', speaker), field('Said before (optional)', before)),
    h('div', {}, h('button', { type: 'submit' }, 'Verify')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { quote: quote.value };
    if (speaker.value.trim()) body.speaker = speaker.value.trim();
    if (before.value) body.before = before.value;
    out.replaceChildren();
    const result = await attempt(() => api('POST', '/verify', body), 'Verifying');
    if (result) {
      out.replaceChildren(resultView(result, body));
      out.querySelector('.verdict').setAttribute('tabindex', '-1');
      out.querySelector('.verdict').focus();
    }
  });
  return h('section', {}, h('h1', {}, 'Verify a quote'), form, out);
}
