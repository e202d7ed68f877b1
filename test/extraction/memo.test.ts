import { describe, expect, it } from 'vitest';
import { memoizeBounded } from '../../src/extraction/memo.js';

describe('memoizeBounded', () => {
  it('computes each key once while it is kept', () => {
    const computed: string[] = [];
    const upper = memoizeBounded((s) => (computed.push(s), s.toUpperCase()), 10);
    expect([upper('a'), upper('b'), upper('a')]).toEqual(['A', 'B', 'A']);
    expect(computed).toEqual(['a', 'b']);
  });

  it('forgets its oldest key first once full', () => {
    const computed: string[] = [];
    const length = memoizeBounded((s) => (computed.push(s), s.length), 2);
    length('a');
    length('bb');
    length('ccc');
    length('bb');
    length('a');
    expect(computed).toEqual(['a', 'bb', 'ccc', 'a']);
  });
});
