import { describe, expect, it } from 'vitest';
import { timeOrderedId } from '../../src/db/ids.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('time-ordered ids', () => {
  it('are version 7 UUIDs carrying the time in milliseconds', () => {
    const at = Date.UTC(2026, 10, 28, 9, 30, 15, 123);
    const id = timeOrderedId(at);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it('sort by time, and differ within one millisecond', () => {
    const ids = [timeOrderedId(1_000), timeOrderedId(1_001), timeOrderedId(2_000_000_000_000)];
    expect([...ids].sort()).toEqual(ids);
    const same = Array.from({ length: 1000 }, () => timeOrderedId(5_000));
    expect(new Set(same).size).toBe(1000);
    for (const id of same) expect(id).toMatch(UUID_V7);
  });

  it('carry the time they are made for when times alternate', () => {
    const times = [7_000, 1_700_000_000_000, 7_000, 7_001, 0, 7_000];
    for (const at of times) {
      const id = timeOrderedId(at);
      expect(id).toMatch(UUID_V7);
      expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
    }
  });
});
