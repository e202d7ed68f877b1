import { describe, expect, it } from 'vitest';
import { headlineOfTitle, readPage } from '../../src/web/page.js';

// Reading a page: what is left out of its text, and which title it is stored under.

const story = [
  'The harbour authority approved the new breakwater on Tuesday after a year of hearings.',
  '“We have waited long enough for this wall,” said Ines Varga, who chairs the fishermen’s cooperative.',
  'Construction is to start in the spring and last two summers, the authority said in a statement.',
];

function page(head: string, body: string): string {
  return `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`;
}

const paragraphs = story.map((p) => `<p>${p}</p>`).join('');

describe('readPage', () => {
  it('leaves out elements the page hides, by style, by the hidden attribute and by aria-hidden', () => {
    const hidden = [
      '<p style="display: none">A paragraph hidden by its style.</p>',
      '<p style="color:red;VISIBILITY:hidden !important">A paragraph made invisible.</p>',
      '<p hidden>A paragraph with the hidden attribute.</p>',
      '<p aria-hidden="true">A paragraph hidden from readers of the page.</p>',
    ].join('');
    const read = readPage(page('<title>Breakwater approved</title>', `<article>${paragraphs}${hidden}</article>`));
    expect(read.text.split('\n\n')).toEqual(story);
    // A style that hides nothing hides nothing.
    const shown = readPage(
      page('<title>Breakwater approved</title>', `<article>${paragraphs}<p style="display:block">Shown.</p></article>`),
    );
    expect(shown.text.split('\n\n').at(-1)).toBe('Shown.');
  });

  it('leaves the byline and the JSON-LD out of the text, and reads the author from the JSON-LD', () => {
    const jsonLd = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Breakwater approved',
      author: { '@type': 'Person', name: 'Tomas Reyes' },
    });
    const read = readPage(
      page(
        `<title>Breakwater approved</title><script type="application/ld+json">${jsonLd}</script>`,
        `<article><h1>Breakwater approved</h1><div class="byline">By Tomas Reyes</div>${paragraphs}` +
          `<script type="application/ld+json">${jsonLd}</script></article>`,
      ),
    );
    expect(read.text.split('\n\n')).toEqual(story);
    expect(read.author).toBe('Tomas Reyes');
    expect(read.title).toBe('Breakwater approved');
  });

  it("takes the headline from a title that also names the site, without the site's name", () => {
    const body = `<article><h1>Lock gates reopen</h1>${paragraphs}</article>`;
    // The first heading is one part of the title.
    expect(readPage(page('<title>Lock gates reopen | Canal Herald</title>', body)).title).toBe('Lock gates reopen');
    // The site's name, from its meta tags or its host name, is not the headline.
    expect(
      readPage(
        page(
          '<title>Canal Herald - Water levels fall</title><meta property="og:site_name" content="Canal Herald">',
          `<article>${paragraphs}</article>`,
        ),
      ).title,
    ).toBe('Water levels fall');
    expect(
      readPage(
        page('<title>Water levels fall — canalherald.com</title>', `<article>${paragraphs}</article>`),
        'https://www.canalherald.com/x',
      ).title,
    ).toBe('Water levels fall');
    // OpenGraph's title comes first, as it is.
    expect(
      readPage(
        page('<title>Lock gates reopen | Canal Herald</title><meta property="og:title" content="Gates open">', body),
      ).title,
    ).toBe('Gates open');
  });
});

describe('headlineOfTitle', () => {
  it('answers only when the title tells its headline from the rest', () => {
    expect(headlineOfTitle('Lock gates reopen', 'Lock gates reopen', [])).toBeUndefined();
    expect(headlineOfTitle('Lock gates reopen | Canal Herald', undefined, [])).toBeUndefined();
    expect(headlineOfTitle('Lock gates reopen | Canal Herald', undefined, ['Canal Herald'])).toBe('Lock gates reopen');
    // A heading that names the site is not taken for the headline.
    expect(headlineOfTitle('Lock gates reopen | Canal Herald', 'Canal Herald', ['canal herald'])).toBe(
      'Lock gates reopen',
    );
    // A hyphen inside a word is no separator.
    expect(headlineOfTitle('Re-opening of the lock', 'Re-opening of the lock', [])).toBeUndefined();
  });
});
