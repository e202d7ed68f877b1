import type pg from 'pg';
import { Prisma } from '../generated/prisma/client.js';
import type { SpeakerKind } from '../extraction/types.js';
import { outletKey } from '../text/normalize.js';
import { OUTLETS_LISTED, type INTERVALS } from './schemas.js';

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

/** A speaker's quotes by kind in a period, or in all periods when `period` is null. */
export interface QuoteKindCountRow {
  period: Date | null;
  quotes: number;
  direct: number;
  partial: number;
  indirect: number;
  relayed: number;
}

export interface OutletCountRow {
  outlet: string | null;
  quotes: number;
}

/** The period of a quote's date, as a SQL expression: one of INTERVALS, checked by the schema. */
const periodOf = (interval: StatsFilter['interval']) =>
  // Written into the statement so that the grouped expression is the same in SELECT and GROUP BY.
  Prisma.raw(`(date_trunc('${interval}', q.published_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`);

function dateConditions(filter: { from?: Date; to?: Date }): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (filter.from) where.push(Prisma.sql`q.published_at >= ${filter.from}`);
  if (filter.to) where.push(Prisma.sql`q.published_at <= ${filter.to}`);
  return where;
}

// Quotes counted through the (outlet, published_at, id) index when an outlet is given.
export class StatsRepository {
  constructor(private readonly pool: pg.Pool) {}

  async counts(filter: StatsFilter): Promise<{ kinds: KindCountRow[]; top: TopSpeakerRow[] }> {
    const where: Prisma.Sql[] = [Prisma.sql`TRUE`, ...dateConditions(filter)];
    if (filter.outlet) where.push(Prisma.sql`q.outlet = ${outletKey(filter.outlet)}`);
    const conditions = Prisma.join(where, ' AND ');
    const period = periodOf(filter.interval);
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

  /**
   * A speaker's quotes by kind per period and in all, and per outlet, through the
   * (speaker_id, published_at, id) index; `exists` says whether there is such a speaker.
   */
  async speakerTimeline(
    speakerId: string,
    filter: Omit<StatsFilter, 'outlet' | 'top'>,
  ): Promise<{ exists: boolean; periods: QuoteKindCountRow[]; outlets: OutletCountRow[] }> {
    const conditions = Prisma.join([Prisma.sql`q.speaker_id = ${speakerId}::uuid`, ...dateConditions(filter)], ' AND ');
    const period = periodOf(filter.interval);
    const periods = Prisma.sql`
      SELECT ${period} AS period, count(*)::int AS quotes,
             count(*) FILTER (WHERE q.kind = 'direct')::int AS direct,
             count(*) FILTER (WHERE q.kind = 'partial')::int AS partial,
             count(*) FILTER (WHERE q.kind = 'indirect')::int AS indirect,
             count(*) FILTER (WHERE q.relayed_by_id IS NOT NULL)::int AS relayed
      FROM quotes q
      WHERE ${conditions}
      GROUP BY GROUPING SETS ((${period}), ())
      ORDER BY period NULLS FIRST`;
    // Quotes keep their outlet folded to lower case; the name shown is the articles'.
    const outlets = Prisma.sql`
      SELECT min(a.outlet) AS outlet, count(*)::int AS quotes
      FROM quotes q JOIN articles a ON a.id = q.article_id
      WHERE ${conditions}
      GROUP BY q.outlet
      ORDER BY quotes DESC, outlet NULLS LAST
      LIMIT ${OUTLETS_LISTED}`;
    const [found, periodRows, outletRows] = await Promise.all([
      this.pool.query<{ exists: boolean }>('SELECT EXISTS (SELECT 1 FROM speakers WHERE id = $1::uuid) AS exists', [
        speakerId,
      ]),
      this.pool.query<QuoteKindCountRow>(periods.text, periods.values),
      this.pool.query<OutletCountRow>(outlets.text, outlets.values),
    ]);
    return { exists: found.rows[0]!.exists, periods: periodRows.rows, outlets: outletRows.rows };
  }
}
