import type { Caller } from './service.js';

// The callers of the keys looked up lately, by the key's digest, so that a request
// costs a hash and a map look-up rather than a query: without it every request
// with a stored key read the keys table before its own work, which halved the
// throughput of the cheapest reads.
//
// What is kept is trusted only while this process hears of every change to the
// keys: a trigger announces each one on the channel `api_keys` (migration
// 20261208090000_api_key_changes), and hearing one forgets everything. While the
// listening connection is down, nothing is kept and every key is looked up. A
// look-up that was under way when a change was heard keeps nothing either: it may
// have read the keys as they were. Entries also lapse after `ttlMs`, and the
// oldest go when `maxEntries` are held. Keys that turned out unknown are kept apart,
// up to `maxEntries` of them too: one sent again is not looked up again, and a flood
// of made-up keys cannot push out the callers kept for real keys.

interface Entry {
  caller: Caller | null;
  expires: number;
}

export class KeyCache {
  /** Keys that have a caller, and keys that turned out unknown (caller null). */
  private readonly callers = new Map<string, Entry>();
  private readonly unknown = new Map<string, Entry>();
  /** Counts what was forgotten: a look-up keeps its answer only if nothing was since it began. */
  private generation = 0;
  private heard = false;

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  /** The caller kept for the key with this digest (null: kept as unknown); undefined when none is. */
  peek(digest: string): Caller | null | undefined {
    const kept = this.callers.get(digest) ?? this.unknown.get(digest);
    return kept && kept.expires > Date.now() ? kept.caller : undefined;
  }

  /** The caller of the key with this digest: the one kept, or the one `lookUp` finds. */
  async get(digest: string, lookUp: () => Promise<Caller | null>): Promise<Caller | null> {
    const known = this.peek(digest);
    if (known !== undefined) return known;
    const generation = this.generation;
    const caller = await lookUp();
    if (this.heard && generation === this.generation) {
      // A lapsed entry goes, wherever it was; the new one goes last in its map.
      this.callers.delete(digest);
      this.unknown.delete(digest);
      const entries = caller ? this.callers : this.unknown;
      if (entries.size >= this.maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(digest, { caller, expires: Date.now() + this.ttlMs });
    }
    return caller;
  }

  /** The keys may have changed: what is kept goes, and look-ups under way keep nothing. */
  forget(): void {
    this.generation++;
    this.callers.clear();
    this.unknown.clear();
  }

  /** Whether changes are heard: kept callers are used only while they are. */
  setTrusted(trusted: boolean): void {
    this.heard = trusted;
    this.forget();
  }

  get trusted(): boolean {
    return this.heard;
  }

  get size(): number {
    return this.callers.size + this.unknown.size;
  }
}
