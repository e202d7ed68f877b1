import { api } from './api.js';
import { deskLink, field, h, uid } from './dom.js';
import { markedBody } from './articles.js';
import { attempt } from './widgets.js';

// Ingest: paste an article, see what extraction finds, then store it; or give a
// page's address, which the service fetches and reads.

const quotesCount = (quotes) => `${quotes.length} ${quotes.length === 1 ? 'quote' : 'quotes'}`;

export async function ingestPage() {
  const title = h('input', { id: uid('title'), name: 'title', required: true });
  const outlet = h('input', { id: uid('outlet'), name: 'outlet' });
  const publishedAt = h('input', { id: uid('published'), name: 'publishedAt', type: 'date' });
  const body = h('textarea', { id: uid('body'), name: 'body', required: true, rows: 12 });
  const out = h('div', { id: 'ingest-result' });
  // A stored article with its quotes marked, and the way to its page for correcting them.
  const showStored = (article, heading) =>
    out.replaceChildren(
      h('h2', {}, heading),
      h('p', {}, deskLink(`article/${article.id}`, `Open “${article.title}” to check and correct it`)),
      markedBody(article.body, article.quotes),
    );
  const preview = async () => {
    const result = await api('POST', '/extract', { text: body.value });
    out.replaceChildren(
      h('h2', {}, `Before storing: ${quotesCount(result.quotes)} found`),
      markedBody(body.value, result.quotes),
    );
  };
  const store = async () => {
    const article = await api('POST', '/articles', {
      title: title.value.trim(),
      body: body.value,
      ...(outlet.value.trim() ? { outlet: outlet.value.trim() } : {}),
      ...(publishedAt.value ? { publishedAt: publishedAt.value } : {}),
    });
    showStored(article, `Stored: ${quotesCount(article.quotes)}`);
  };
  const form = h(
    'form',
    { class: 'stack', 'aria-label': 'Article to ingest' },
    field('Title', title),
    h('div', { class: 'row' }, field('Outlet', outlet), field('Published', publishedAt)),
    field('Text', body),
    h(
      'div',
      { class: 'row' },
      h(
        'button',
        { type: 'button', class: 'secondary', onclick: () => form.reportValidity() && attempt(preview, 'Extracting') },
        'Preview quotes',
      ),
      h('button', { type: 'submit' }, 'Store article'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(store, 'Storing the article');
  });

  const address = h('input', { id: uid('url'), name: 'url', type: 'url', required: true, placeholder: 'https://' });
  const fetchPage = async () => {
    const article = await api('POST', '/articles', { url: address.value.trim() });
    showStored(article, `Stored: ${quotesCount(article.quotes)} from “${article.title}”`);
  };
  const byAddress = h(
    'form',
    { class: 'stack', 'aria-label': 'Page to ingest by its address' },
    field('Page address (URL)', address),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Fetch and store page')),
  );
  byAddress.addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(fetchPage, 'Fetching the page');
  });
  return h(
    'section',
    {},
    h('h1', {}, 'Ingest an article'),
    form,
    h('h2', {}, 'Or a page by its address'),
    h('p', {}, 'The service fetches the page and reads its text, title, author, outlet and date.'),
    byAddress,
    out,
  );
}
