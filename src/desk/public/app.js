import { apiKey } from './api.js';
import { articlePage } from './articles.js';
import { ingestPage } from './ingest.js';
import { searchPage } from './search.js';
import { sourcesPage } from './sources.js';
import { speakerPage } from './speakers.js';
import { verifyPage } from './verify.js';

// The desk's pages, one at a time in <main>, chosen by the URL's fragment:
// #/verify, #/search?q=…, #/speaker/<id>, #/article/<id>, #/ingest, #/sources.

const pages = {
  verify: verifyPage,
  search: searchPage,
  speaker: speakerPage,
  article: articlePage,
  ingest: ingestPage,
  sources: sourcesPage,
};

const view = document.getElementById('view');

async function show() {
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, arg] = (path || 'verify').split('/');
  const page = pages[name] ?? verifyPage;
  for (const link of document.querySelectorAll('nav a')) {
    if (link.getAttribute('href') === `#/${name}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const content = await page(arg ? decodeURIComponent(arg) : undefined, new URLSearchParams(query));
  view.replaceChildren(content);
  document.title = `${content.querySelector('h1')?.textContent ?? 'Desk'} · Quote desk`;
}

window.addEventListener('hashchange', () => {
  show().then(() => view.focus());
});

const keyForm = document.getElementById('key-form');
const keyInput = document.getElementById('api-key');
const keyState = document.getElementById('key-state');
const showKeyState = () => {
  keyState.textContent = apiKey.get() ? 'Key kept for this tab.' : 'No key: reading only, where the service allows it.';
};
keyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (keyInput.value.trim()) apiKey.set(keyInput.value.trim());
  keyInput.value = '';
  showKeyState();
});
document.getElementById('forget-key').addEventListener('click', () => {
  apiKey.clear();
  showKeyState();
});
showKeyState();
show();
