// Group commit: items submitted while a group is being written wait, and are
// written together as the next group. Generic: ingestion prepares and writes
// articles through it.

/** What became of one item: its result, or the error that sank it. */
export type Outcome<T> = { ok: T } | { error: unknown };

/**
 * Items submitted while a group is being written wait, and are written together
 * as the next group, up to `max` at a time. An item submitted to an idle writer
 * is written at once, so nothing waits on a timer; under load, concurrent
 * requests share a transaction and its round trips.
 */
export class GroupWriter<T, R> {
  private readonly pending: { item: T; resolve: (r: R | PromiseLike<R>) => void; reject: (e: unknown) => void }[] = [];
  private writing = false;

  constructor(
    /** Writes a group; answers an outcome for each item, in order (a result may be a promise, settled after the group). */
    private readonly writeGroup: (items: T[]) => Promise<Outcome<R | PromiseLike<R>>[]>,
    private readonly max: number,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.pending.length > 0) {
        const group = this.pending.splice(0, this.max);
        let outcomes: Outcome<R | PromiseLike<R>>[];
        try {
          outcomes = await this.writeGroup(group.map((g) => g.item));
        } catch (error) {
          outcomes = group.map(() => ({ error }));
        }
        group.forEach((g, i) => {
          const outcome = outcomes[i];
          if (outcome === undefined) g.reject(new Error('the group writer answered fewer results than items'));
          else if ('ok' in outcome) g.resolve(outcome.ok);
          else g.reject(outcome.error);
        });
      }
    } finally {
      this.writing = false;
    }
  }
}
