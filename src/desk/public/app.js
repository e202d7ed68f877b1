import { apiKey } from './api.js';
import { verifyPage } from './verify.js';

// The desk's pages, one at a time in <main>, chosen by the URL's fragment:
// #/verify, #/search?q=…, #/speaker/<id>, #/article/<id>, #/ingest, #/sources.
// Verify, the first page, comes with this module; each other page's module is
// fetched when the page is first opened.

const pages = {
  verify: async () => verifyPage,
  search: async () => (await import('./search.js')).searchPage,
  speaker: async () => (await import('./speakers.js')).speakerPage,
  article: async () => (await import('./articles.js')).articlePage,
  ingest: async () => (await import('./ingest.js')).ingestPage,
  sources: async () => (await import('./sources.js')).sourcesPage,
};

const view = document.getElementById('view');

async function show() {
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, arg] = (path || 'verify').split('/');
  const page = await (pages[name] ?? pages.verify)();
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
// "desk-ready": the first page is drawn (bench/desk.ts reads this mark).
show().then(() => performance.mark('desk-ready'));
