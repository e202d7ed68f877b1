import { describe, expect, it } from 'vitest';
import {
  compareCodePoints,
  pyContainsWholeWord,
  pyFixed,
  pyFloatRepr,
  pyIndex,
  pyRound,
  pySplitWhitespace,
  pyStrip,
} from '../../src/evaluation/python-compat.js';

// Expected values are what CPython 3.11 prints for the same expressions.
describe('Python semantics the scorer relies on', () => {
  it('rounds exact binary ties to even, as round() and %.3f do', () => {
    expect(pyRound(1 / 32, 4)).toBe(0.0312); // round(0.03125, 4)
    expect(pyRound(3 / 32, 4)).toBe(0.0938); // round(0.09375, 4)
    expect(pyFixed(1 / 16, 3)).toBe('0.062'); // '%.3f' % 0.0625
    expect(pyFixed(0.0005, 3)).toBe('0.001'); // 0.0005 is above the tie in binary
    expect(pyRound(2 / 3, 4)).toBe(0.6667);
  });

  it('prints floats as repr() does', () => {
    expect(pyFloatRepr(0)).toBe('0.0');
    expect(pyFloatRepr(1)).toBe('1.0');
    expect(pyFloatRepr(0.014)).toBe('0.014');
    expect(pyFloatRepr(0.0001)).toBe('0.0001');
    expect(pyFloatRepr(0.00001)).toBe('1e-05');
    expect(pyFloatRepr(1e16)).toBe('1e+16');
    expect(pyFloatRepr(123.5)).toBe('123.5');
  });

  it('orders by code point, not UTF-16 unit', () => {
    expect(['\uff01', '\u{1F600}'].sort(compareCodePoints)).toEqual(['\uff01', '\u{1F600}']);
    expect(['\uff01', '\u{1F600}'].sort()).toEqual(['\u{1F600}', '\uff01']);
  });

  it('splits on Python whitespace and strips given characters', () => {
    expect(pySplitWhitespace(' Ann\x1cLee\u00a0Jr. ')).toEqual(['Ann', 'Lee', 'Jr.']);
    expect(pySplitWhitespace('a\ufeffb')).toEqual(['a\ufeffb']);
    expect(pyStrip('..lee,.', '.,')).toBe('lee');
  });

  it('finds whole words with Unicode word boundaries', () => {
    expect(pyContainsWholeWord('herr gauß sagte', 'gauß')).toBe(true);
    expect(pyContainsWholeWord('gaußen', 'gauß')).toBe(false);
    expect(pyContainsWholeWord('müller', 'ller')).toBe(false);
    expect(pyContainsWholeWord('o\u2019neill', 'neill')).toBe(true);
    expect(pyContainsWholeWord('x_lee', 'lee')).toBe(false);
    // \b before a non-word character needs a word character ahead of it.
    expect(pyContainsWholeWord('a (b)', '(b)')).toBe(false);
    expect(pyContainsWholeWord('a(b)c', '(b)')).toBe(true);
  });

  it('indexes like a Python list', () => {
    const xs = [10, 20, 30];
    expect(pyIndex(xs, -1)).toBe(30);
    expect(pyIndex(xs, 3)).toBeUndefined();
    expect(pyIndex(xs, -4)).toBeUndefined();
    expect(pyIndex(xs, 1.5)).toBeUndefined();
    expect(pyIndex(xs, true)).toBe(20);
    expect(pyIndex(xs, null)).toBeUndefined();
  });
});
