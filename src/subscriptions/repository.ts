import type pg from 'pg';
import { Prisma } from '../generated/prisma/client.js';
import type { SpeakerKind } from '../extraction/types.js';

/** A subscription as the API shows it: its speaker followed through merges, and no secret. */
export interface SubscriptionRow {
  id: string;
  speaker: { id: string; name: string; kind: SpeakerKind } | null;
  q: string | null;
  callbackUrl: string;
  createdAt: Date;
}

export interface NewSubscription {
  id: string;
  speakerId: string | null;
  q: string | null;
  callbackUrl: string;
  secret: string;
}

/** Where and how a subscription's events are posted. */
export interface DeliveryTarget {
  callbackUrl: string;
  secret: string;
}

export interface DeliveryAttempt {
  id: string;
  subscriptionId: string;
  eventId: string;
  quoteId: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface DeliveryRow {
  id: string;
  eventId: string;
  quoteId: string;
  attempt: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  attemptedAt: Date;
}

const SUBSCRIPTION_SELECT = Prisma.sql`
  SELECT sub.id, sub.q, sub.callback_url AS "callbackUrl", sub.created_at AS "createdAt",
         CASE WHEN sp.id IS NULL THEN NULL ELSE json_build_object('id', sp.id, 'name', sp.name, 'kind', sp.kind) END AS speaker
  FROM subscriptions sub
  LEFT JOIN speaker_merges m ON m.source_id = sub.speaker_id
  LEFT JOIN speakers sp ON sp.id = COALESCE(m.target_id, sub.speaker_id)`;

export class SubscriptionRepository {
  constructor(private readonly pool: pg.Pool) {}

  private async rows<T extends pg.QueryResultRow>(statement: Prisma.Sql): Promise<T[]> {
    return (await this.pool.query<T>(statement.text, statement.values)).rows;
  }

  async create(s: NewSubscription): Promise<void> {
    await this.rows(Prisma.sql`
      INSERT INTO subscriptions (id, speaker_id, q, callback_url, secret)
      VALUES (${s.id}::uuid, ${s.speakerId}::uuid, ${s.q}, ${s.callbackUrl}, ${s.secret})`);
  }

  /** Whether the words make a query that can match anything (not only stop words). */
  async searchable(q: string): Promise<boolean> {
    const [row] = await this.rows<{ nodes: number }>(
      Prisma.sql`SELECT numnode(websearch_to_tsquery('english', immutable_unaccent(${q}))) AS nodes`,
    );
    return (row?.nodes ?? 0) > 0;
  }

  async get(id: string): Promise<SubscriptionRow | null> {
    const [row] = await this.rows<SubscriptionRow>(Prisma.sql`${SUBSCRIPTION_SELECT} WHERE sub.id = ${id}::uuid`);
    return row ?? null;
  }

  /** Newest first, after the keyset (createdAt, id) of the previous page; limit + 1 rows. */
  list(limit: number, after?: { createdAt: Date; id: string }): Promise<SubscriptionRow[]> {
    const where = after
      ? Prisma.sql`WHERE (sub.created_at, sub.id) < (${after.createdAt}, ${after.id}::uuid)`
      : Prisma.empty;
    return this.rows(
      Prisma.sql`${SUBSCRIPTION_SELECT} ${where} ORDER BY sub.created_at DESC, sub.id DESC LIMIT ${limit + 1}`,
    );
  }

  /** Deletes the subscription and its deliveries; false when there was none. */
  async delete(id: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM subscriptions WHERE id = $1::uuid', [id]);
    return (result.rowCount ?? 0) > 0;
  }

  async target(id: string): Promise<DeliveryTarget | null> {
    const [row] = await this.rows<DeliveryTarget>(
      Prisma.sql`SELECT callback_url AS "callbackUrl", secret FROM subscriptions WHERE id = ${id}::uuid`,
    );
    return row ?? null;
  }

  /** Records an attempt, numbered after the earlier attempts of its event; nothing when the subscription is gone. */
  async recordAttempt(a: DeliveryAttempt): Promise<void> {
    await this.rows(Prisma.sql`
      INSERT INTO subscription_deliveries (id, subscription_id, event_id, quote_id, attempt, status_code, error, duration_ms)
      SELECT ${a.id}::uuid, sub.id, ${a.eventId}::uuid, ${a.quoteId}::uuid,
             (SELECT count(*) + 1 FROM subscription_deliveries d WHERE d.event_id = ${a.eventId}::uuid),
             ${a.statusCode}::int, ${a.error}, ${a.durationMs}::int
      FROM subscriptions sub WHERE sub.id = ${a.subscriptionId}::uuid`);
  }

  /** A subscription's delivery attempts, newest first, after the keyset of the previous page; limit + 1 rows. */
  deliveries(subscriptionId: string, limit: number, after?: { attemptedAt: Date; id: string }): Promise<DeliveryRow[]> {
    const keyset = after
      ? Prisma.sql`AND (attempted_at, id) < (${after.attemptedAt}, ${after.id}::uuid)`
      : Prisma.empty;
    return this.rows(Prisma.sql`
      SELECT id, event_id AS "eventId", quote_id AS "quoteId", attempt, status_code AS "statusCode", error,
             duration_ms AS "durationMs", attempted_at AS "attemptedAt"
      FROM subscription_deliveries
      WHERE subscription_id = ${subscriptionId}::uuid ${keyset}
      ORDER BY attempted_at DESC, id DESC LIMIT ${limit + 1}`);
  }
}
