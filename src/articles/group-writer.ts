// Group commit: items submitted while a group is being written wait, and are
// written together as the next group. Generic: ingestion prepares and writes
// articles through it.

/** What became of one item: its result, or the error that sank it. */
export type Outcome<T> = { ok: T } | { error: unknown };

/**
 * Runs `run` on the whole group; when it throws, runs it on each item alone, one
 * after another, so that one bad item costs only its own outcome and the others
 * still share the group's round trips when nothing fails.
 */
export async function eachAloneOnFailure<T, R>(
  items: T[],
  run: (items: T[]) => Promise<Outcome<R>[]>,
): Promise<Outcome<R>[]> {
  try {
    return await run(items);
  } catch (groupError) {
    if (items.length === 1) return [{ error: groupError }];
    const outcomes: Outcome<R>[] = [];
    for (const item of items) {
      try {
        const [outcome] = await run([item]);
        outcomes.push(outcome ?? { error: new Error('the group writer answered no result for an item') });
      } catch (error) {
        outcomes.push({ error });
      }
    }
    return outcomes;
  }
}

/**
 * Items submitted while a group is being written wait, and are written together
 * as the next group, up to `max` at a time. An item submitted to an idle writer
 * is written at once, so nothing waits on a timer; under load, concurrent
 * requests share a transaction and its round trips. A group whose write throws
 * is written again item by item: only the items that fail alone fail.
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
        const outcomes = await eachAloneOnFailure(
          group.map((g) => g.item),
          this.writeGroup,
        );
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
