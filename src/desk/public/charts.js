import { h } from './dom.js';

// Charts with uPlot, served by the service beside these modules. The library is
// fetched the first time a page draws a chart, not with the desk's first page.

let library;

function load(tag, attrs) {
  return new Promise((resolve, reject) => {
    const el = h(tag, attrs);
    el.addEventListener('load', resolve);
    el.addEventListener('error', () => reject(new Error(`${attrs.href ?? attrs.src} did not load`)));
    document.head.append(el);
  });
}

/** uPlot, once its script and style sheet are in the page. */
function chartLibrary() {
  const url = (file) => new URL(`./vendor/${file}`, import.meta.url).href;
  library ??= Promise.all([
    load('link', { rel: 'stylesheet', href: url('uPlot.min.css') }),
    load('script', { src: url('uPlot.iife.min.js') }),
  ]).then(
    () => window.uPlot,
    (error) => {
      library = undefined;
      throw error;
    },
  );
  return library;
}

/**
 * A holder for a chart described by `label` (the table beside it gives the
 * figures); the chart is drawn into it once the library is in.
 */
export function chart(label, options, data) {
  const holder = h('div', { class: 'chart', role: 'img', 'aria-label': label });
  const width = Math.max(300, Math.min(900, document.getElementById('view').clientWidth - 40));
  chartLibrary().then(
    (uPlot) => requestAnimationFrame(() => new uPlot({ width, height: 280, ...options }, data, holder)),
    () => holder.append(h('p', { class: 'meta' }, 'The chart could not be drawn; the table gives the figures.')),
  );
  return holder;
}
