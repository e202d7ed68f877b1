import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../src/extraction/index.js';
import { statementPositionsOf } from '../../src/quotes/statements.js';

// Which quotes of an article are parts of one statement, as ingestion marks them.

function statements(text: string) {
  const quotes = extractQuotes(text).quotes;
  const positions = statementPositionsOf(text, quotes);
  return quotes.map((q, i) => [q.text, positions[i]]);
}

describe('statementPositionsOf', () => {
  it('joins the parts of a quotation split by its attribution', () => {
    expect(statements('"We start in May," the mayor said, "and we finish before the rains."')).toEqual([
      ['We start in May,', 0],
      ['and we finish before the rains.', 0],
    ]);
    expect(
      statements(
        '"The pool reopens on Monday," said Ines Calder, who manages the leisure centre for the district. "The showers will take longer."',
      ),
    ).toEqual([
      ['The pool reopens on Monday,', 0],
      ['The showers will take longer.', 0],
    ]);
  });

  it('joins a quotation that runs over paragraphs', () => {
    const text = 'Ines Calder said: "The pool reopens on Monday.\n\n"The showers will take longer."';
    expect(statements(text).map(([, p]) => p)).toEqual([0, 0]);
  });

  it("keeps apart quotes with the reporter's words or another sentence between them", () => {
    expect(
      statements(
        'Calder called the plan "a waste of money" and said it would "hurt the swimmers," the council heard.',
      ).map(([, p]) => p),
    ).toEqual([null, null]);
    expect(
      statements(
        '"The pool reopens on Monday," Ines Calder said. The council disagreed with her last week. "The showers will take longer," she said.',
      ).map(([, p]) => p),
    ).toEqual([null, null]);
  });

  it('keeps apart the words of two speakers', () => {
    expect(
      statements('"The pool reopens on Monday," Ines Calder said. "Not before June," Omar Reyes said.').map(
        ([, p]) => p,
      ),
    ).toEqual([null, null]);
  });
});
