// Registry names and article names recur from one article to the next: their
// folded forms are kept rather than computed again. The cache is bounded so
// that a long-running server reading ever new names keeps a flat footprint; it
// forgets its oldest entry first.

/** `compute` with its latest `max` answers kept, by argument. Answers are shared: callers must not change them. */
export function memoizeBounded<T>(compute: (key: string) => T, max: number): (key: string) => T {
  const kept = new Map<string, T>();
  return (key) => {
    const found = kept.get(key);
    if (found !== undefined) return found;
    const value = compute(key);
    if (kept.size >= max) kept.delete(kept.keys().next().value!);
    kept.set(key, value);
    return value;
  };
}
