import { Prisma } from '../generated/prisma/client.js';

// A merge deletes the speaker it folds in and records where it went
// (speaker_merges). What names a speaker (a correction, an alias, an article)
// locks it before using it: a merge under way holds the row, so the lock waits
// for the merge to end, and a speaker merged away is followed to the one it went
// into. The request then ends on the surviving speaker instead of on a key that
// no longer exists.

/** Runs one statement and answers its rows (Prisma's $queryRaw, or a pg client's query). */
export type RunStatement = <T>(statement: Prisma.Sql) => Promise<T[]>;

export interface LivingSpeaker {
  id: string;
  name: string;
  aliases: string[];
}

const LOCKS = {
  /** To change the speaker's row. */
  update: Prisma.raw('FOR UPDATE'),
  /** To point a quote at it: a merge (FOR UPDATE) waits, and so does this. */
  keyShare: Prisma.raw('FOR KEY SHARE'),
};

/** Merges in a row a request may follow: chains are kept flat, so more than one means merges racing. */
const MAX_HOPS = 5;

/**
 * Locks the speaker with this id, or, when it was merged, the speaker it was
 * merged into; null when neither exists.
 */
export async function lockLivingSpeaker(
  run: RunStatement,
  id: string,
  lock: keyof typeof LOCKS,
): Promise<LivingSpeaker | null> {
  let current = id;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const [speaker] = await run<LivingSpeaker>(
      Prisma.sql`SELECT id, name, aliases FROM speakers WHERE id = ${current}::uuid ${LOCKS[lock]}`,
    );
    if (speaker) return speaker;
    const [merged] = await run<{ target: string }>(
      Prisma.sql`SELECT target_id::text AS target FROM speaker_merges WHERE source_id = ${current}::uuid`,
    );
    if (!merged) return null;
    current = merged.target;
  }
  return null;
}

/** Records that `sourceId` was merged into `targetId`, inside the merge's transaction, keeping chains flat. */
export async function recordMerge(run: RunStatement, sourceId: string, targetId: string): Promise<void> {
  await run(Prisma.sql`UPDATE speaker_merges SET target_id = ${targetId}::uuid WHERE target_id = ${sourceId}::uuid`);
  await run(
    Prisma.sql`INSERT INTO speaker_merges (source_id, target_id) VALUES (${sourceId}::uuid, ${targetId}::uuid)
               ON CONFLICT (source_id) DO UPDATE SET target_id = EXCLUDED.target_id, merged_at = now()`,
  );
}

/** Where merged speakers went, for those of `ids` that were merged. */
export async function survivorsOf(run: RunStatement, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await run<{ source: string; target: string }>(
    Prisma.sql`SELECT source_id::text AS source, target_id::text AS target FROM speaker_merges WHERE source_id = ANY(${ids}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.source, r.target]));
}
