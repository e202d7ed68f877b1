import type pg from 'pg';
import { Prisma } from '../generated/prisma/client.js';
import type { SpeakerKind } from '../extraction/types.js';
import { outletKey } from '../text/normalize.js';
import type { INTERVALS } from './schemas.js';

export interface StatsFilter {
  outlet?: string;
  from?: Date;
  to?: Date;
  interval: (typeof INTERVALS)[number];
  top: number;
}

/** A count for a period, or for all periods when `period` is null. */
export interface KindCountRow {
  period: Date | null;
  kind: SpeakerKind | 'unattributed';
  quotes: number;
}

export interface TopSpeakerRow {
  period: Date | null;
  id: string;
  name: string;
  kind: SpeakerKind;
  quotes: number;
}

// Quotes counted through the (outlet, published_at, id) index when an outlet is given.
export class StatsRepository {
  constructor(private readonly pool: pg.Pool) {}

  async counts(filter: StatsFilter): Promise<{ kinds: KindCountRow[]; top: TopSpeakerRow[] }> {
    const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
    if (filter.outlet) where.push(Prisma.sql`q.outlet = ${outletKey(filter.outlet)}`);
    if (filter.from) where.push(Prisma.sql`q.published_at >= ${filter.from}`);
    if (filter.to) where.push(Prisma.sql`q.published_at <= ${filter.to}`);
    const conditions = Prisma.join(where, ' AND ');
    // The interval is one of INTERVALS (checked by the schema): written into the
    // statement so that the grouped expression is the same in SELECT and GROUP BY.
    const period = Prisma.raw(
      `(date_trunc('${filter.interval}', q.published_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`,
    );
    const kinds = Prisma.sql`
      SELECT ${period} AS period, COALESCE(s.kind::text, 'unattributed') AS kind, count(*)::int AS quotes
      FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id
      WHERE ${conditions}
      GROUP BY GROUPING SETS ((${period}, COALESCE(s.kind::text, 'unattributed')), (COALESCE(s.kind::text, 'unattributed')))`;
    const top = Prisma.sql`
      SELECT period, id, name, kind, quotes FROM (
        SELECT ${period} AS period, s.id, s.name, s.kind::text AS kind, count(*)::int AS quotes,
               row_number() OVER (PARTITION BY ${period} ORDER BY count(*) DESC, s.name, s.id) AS place
        FROM quotes q JOIN speakers s ON s.id = q.speaker_id
        WHERE ${conditions} AND s.kind <> 'anonymous'
        GROUP BY GROUPING SETS ((${period}, s.id), (s.id))
      ) ranked
      WHERE place <= ${filter.top}
      ORDER BY period NULLS FIRST, place`;
    const [kindRows, topRows] = await Promise.all([
      this.pool.query<KindCountRow>(kinds.text, kinds.values),
      this.pool.query<TopSpeakerRow>(top.text, top.values),
    ]);
    return { kinds: kindRows.rows, top: topRows.rows };
  }
}
