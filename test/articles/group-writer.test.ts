import { describe, expect, it } from 'vitest';
import { GroupWriter } from '../../src/articles/group-writer.js';

// The group commit of single-article ingests, with a stand-in for the transaction.

const tick = () => new Promise((r) => setImmediate(r));

function recordingWriter(max: number, fail: (item: number) => boolean = () => false) {
  const groups: number[][] = [];
  let release: (() => void) | null = null;
  const writer = new GroupWriter<number, string>(async (items) => {
    groups.push(items);
    await new Promise<void>((r) => (release = r));
    release = null;
    return items.map((i) => (fail(i) ? { error: new Error(`item ${i} failed`) } : { ok: `stored ${i}` }));
  }, max);
  return { writer, groups, finishGroup: () => release?.() };
}

describe('group writer', () => {
  it('writes an item submitted to an idle writer at once, alone', async () => {
    const { writer, groups, finishGroup } = recordingWriter(10);
    const done = writer.submit(1);
    await tick();
    expect(groups).toEqual([[1]]);
    finishGroup();
    await expect(done).resolves.toBe('stored 1');
  });

  it('groups what arrives while a group is written, up to the most a group takes', async () => {
    const { writer, groups, finishGroup } = recordingWriter(3);
    const all = [1, 2, 3, 4, 5, 6].map((i) => writer.submit(i));
    await tick();
    expect(groups).toEqual([[1]]);
    finishGroup();
    await tick();
    expect(groups).toEqual([[1], [2, 3, 4]]);
    finishGroup();
    await tick();
    expect(groups).toEqual([[1], [2, 3, 4], [5, 6]]);
    finishGroup();
    await expect(Promise.all(all)).resolves.toEqual([1, 2, 3, 4, 5, 6].map((i) => `stored ${i}`));
  });

  it('fails only the items whose write failed', async () => {
    const { writer, finishGroup } = recordingWriter(10, (i) => i === 3);
    const all = [1, 2, 3, 4].map((i) =>
      writer.submit(i).then(
        (r) => r,
        (e: Error) => e.message,
      ),
    );
    await tick();
    finishGroup();
    await tick();
    finishGroup();
    await expect(Promise.all(all)).resolves.toEqual(['stored 1', 'stored 2', 'item 3 failed', 'stored 4']);
  });

  it('fails a whole group whose write throws, and goes on with the next', async () => {
    let calls = 0;
    const writer = new GroupWriter<number, string>(async (items) => {
      calls++;
      if (calls === 1) throw new Error('connection lost');
      return items.map((i) => ({ ok: `stored ${i}` }));
    }, 10);
    await expect(writer.submit(1)).rejects.toThrow('connection lost');
    await expect(writer.submit(2)).resolves.toBe('stored 2');
  });

  it('writes a group that throws again item by item, so that only the item that fails alone fails', async () => {
    const calls: number[][] = [];
    let release: (() => void) | null = null;
    const writer = new GroupWriter<number, string>(async (items) => {
      calls.push(items);
      if (items.length === 1 && items[0] === 1) await new Promise<void>((r) => (release = r));
      if (items.includes(3)) throw new Error('item 3 is refused');
      return items.map((i) => ({ ok: `stored ${i}` }));
    }, 10);
    const all = [1, 2, 3, 4].map((i) =>
      writer.submit(i).then(
        (r) => r,
        (e: Error) => e.message,
      ),
    );
    await tick();
    release!();
    await expect(Promise.all(all)).resolves.toEqual(['stored 1', 'stored 2', 'item 3 is refused', 'stored 4']);
    expect(calls).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });
});
