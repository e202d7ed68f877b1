import { afterEach, describe, expect, it, vi } from 'vitest';
import { sharedFile, sharedText } from './shared.js';

// What a clone with nothing beside it prints for each test file that skips.

afterEach(() => {
  vi.restoreAllMocks();
});

describe('files of ../shared', () => {
  it('are null when missing, after one line naming the file and the tests that skip', () => {
    const writes = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(sharedFile('no/such/file.txt', 'the tests of nothing')).toBeNull();
    expect(sharedText('no/such/file.txt', 'the tests of nothing')).toBeNull();
    expect(writes.mock.calls.map(([line]) => line)).toEqual([
      'test/support/shared.test.ts: skipping the tests of nothing: no ../shared/no/such/file.txt beside this checkout\n',
      'test/support/shared.test.ts: skipping the tests of nothing: no ../shared/no/such/file.txt beside this checkout\n',
    ]);
  });
});
