import { describe, it } from 'vitest';
import { extractQuotes } from '../../src/extraction/index.js';
import { expectValidResult } from '../support/result-invariants.js';

// Inputs that make regex-heavy extractors backtrack or go quadratic. Speed targets
// live in bench/extraction.ts; here each case only has to finish, and the timeout
// turns a runaway into a failure.

const TIMEOUT_MS = 10_000;
const MB = 1 << 20;

const repeatTo = (unit: string, length: number): string =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

const cases: [string, () => string][] = [
  ['100k straight double quotes', () => '"'.repeat(100_000)],
  ['100k mixed quote marks', () => repeatTo('"“”«»„\'‘’', 100_000)],
  ['alternating open and close curly quotes', () => repeatTo('“”', 200_000)],
  ['opening curly quotes never closed', () => repeatTo('“a ', 300_000)],
  ['1 MB without spaces or newlines', () => repeatTo('abcdefghijKLMNOPQRSTuvwxyz0123456789', MB)],
  ['1 MB of one line of words', () => repeatTo('the senator said that we will win the vote ', MB)],
  ['1 MB of one line with a quote mark every word', () => repeatTo('"the senator said ', MB)],
  ['said said said', () => repeatTo('said ', MB)],
  ['said, said, said with names', () => repeatTo('Ann Lee said, ', MB)],
  ['according to according to', () => repeatTo('according to ', MB)],
  ['capitalized names without end', () => repeatTo('Ann Lee Bob Stone ', MB)],
  ['one quote opened and 1 MB before it closes', () => `“${repeatTo('word ', MB)}” she said.`],
  ['a 1 MB quote per paragraph', () => repeatTo('“We will win the vote,” Ann Lee said.\n“And more.\n', MB)],
  ['commas and reporting verbs only', () => repeatTo(', said, told, ', MB)],
  ['100k newlines', () => '\n'.repeat(100_000)],
  ['emoji between quote marks', () => repeatTo('"\u{1F600}"', 200_000)],
  ['lone surrogates and quote marks', () => repeatTo('\ud800"\udc00“', 200_000)],
];

describe('extractQuotes on adversarial input', () => {
  for (const [name, build] of cases) {
    it(
      `finishes on ${name}`,
      () => {
        const text = build();
        expectValidResult(text, extractQuotes(text));
      },
      TIMEOUT_MS,
    );
  }
});
