import type { TagDiff } from '../events/tags';
import type { Queryable } from './db';

/** relay_deliveries: the queue. One row per (event, subscription); claimed with FOR UPDATE SKIP LOCKED. */
export interface NewDelivery {
  id: string;
  eventId: string;
  subscriptionId: string;
  event: string;
  tags: TagDiff | null;
  /** Inserted already claimed by this instance (first attempt counted, due again when the lease ends). */
  claimed: boolean;
  /** When it may be sent (its hook's pacing slot, or after a pause); undefined = now. Ignored when claimed. */
  dueAt?: Date | undefined;
}

export interface ClaimedDelivery {
  id: string;
  event_id: string;
  subscription_id: string;
  event: string;
  tags: TagDiff | null;
  attempts: number;
  created_at: Date;
  webhook_id: string | null;
  location_id: string | null;
  body: string;
  received_at: Date;
  target_url: string;
  /** The subscription's failure streak at claim time: a success only needs to reset it when it is > 0. */
  consecutive_failures: number;
}

/** Inserts; returns the ids inserted (a re-run after a crash skips rows already there) and their created_at. */
export async function insertDeliveries(tx: Queryable, rows: NewDelivery[], leaseMs: number): Promise<Map<string, Date>> {
  if (rows.length === 0) return new Map();
  const result = await tx.query<{ id: string; created_at: Date }>(
    `INSERT INTO relay_deliveries (id, event_id, subscription_id, event, tags, attempts, next_attempt_at)
     SELECT id, event_id, subscription_id, event, tags,
            CASE WHEN claimed THEN 1 ELSE 0 END,
            CASE WHEN claimed THEN now() + make_interval(secs => $2::float8 / 1000) ELSE COALESCE(due_at, now()) END
       FROM jsonb_to_recordset($1::jsonb)
            AS r(id uuid, event_id uuid, subscription_id uuid, event text, tags jsonb, claimed boolean, due_at timestamptz)
     ON CONFLICT (event_id, subscription_id) DO NOTHING
     RETURNING id, created_at`,
    [
      JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          event_id: r.eventId,
          subscription_id: r.subscriptionId,
          event: r.event,
          tags: r.tags,
          claimed: r.claimed,
          due_at: r.dueAt?.toISOString() ?? null,
        })),
      ),
      leaseMs,
    ],
  );
  return new Map(result.rows.map((r) => [r.id, r.created_at]));
}

export interface ClaimLimits {
  /** Subscriptions this instance cannot start more of right now (at their or their target's limit): skipped. */
  skip: string[];
  /** At most this many rows of one subscription per claim... */
  perSubscription: number;
  /** ...and one while it has failed this many times in a row (its breaker is half-open: one probe at a time). */
  probeAfter: number;
}

/**
 * Takes up to `limit` due deliveries of active, unpaused subscriptions and pushes their due time out by the lease:
 * if this process dies mid-delivery, the row comes due again when the lease ends and another instance (or this
 * one, restarted) sends it. SKIP LOCKED lets instances claim side by side without waiting or taking the same rows.
 */
export async function claimDeliveries(q: Queryable, limit: number, leaseMs: number, limits: ClaimLimits): Promise<ClaimedDelivery[]> {
  // migrations/003_faults.sql: the statement, prepared once per connection.
  const result = await q.query<ClaimedDelivery>('SELECT * FROM relay_claim_deliveries_isolated($1, $2, $3::uuid[], $4, $5)', [
    limit,
    leaseMs,
    limits.skip,
    limits.perSubscription,
    limits.probeAfter,
  ]);
  return result.rows;
}

/**
 * Hands back claimed deliveries this instance will not send (their target was paused meanwhile, or it is stopping):
 * due at `dueAt` again, the claim's attempt not counted. Only rows still at the attempt this instance claimed.
 */
export async function releaseClaims(q: Queryable, held: { id: string; attempts: number }[], dueAt: Date): Promise<void> {
  if (held.length === 0) return;
  await q.query(
    `UPDATE relay_deliveries d SET next_attempt_at = $2::timestamptz, attempts = d.attempts - 1
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, attempts int)
      WHERE d.id = r.id AND d.status = 'pending' AND d.attempts = r.attempts`,
    [JSON.stringify(held), dueAt.toISOString()],
  );
}

/**
 * Pushes out the leases of deliveries this instance still works on. Only rows still pending and still at the
 * attempt this instance claimed: a row whose lease did run out and that another instance claimed since (attempts
 * moved on) is left to that instance.
 */
export async function renewLeases(q: Queryable, held: { id: string; attempts: number }[], leaseMs: number): Promise<number> {
  if (held.length === 0) return 0;
  const result = await q.query(
    `UPDATE relay_deliveries d
        SET next_attempt_at = now() + make_interval(secs => $2::float8 / 1000)
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, attempts int)
      WHERE d.id = r.id AND d.status = 'pending' AND d.attempts = r.attempts`,
    [JSON.stringify(held), leaseMs],
  );
  return result.rowCount;
}

export async function markDelivered(q: Queryable, done: { id: string; status: number }[]): Promise<void> {
  if (done.length === 0) return;
  await q.query(
    `UPDATE relay_deliveries d
        SET status = 'delivered', delivered_at = now(), last_status = r.status, last_error = NULL
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, status int)
      WHERE d.id = r.id AND d.status = 'pending'`,
    [JSON.stringify(done)],
  );
}

/** Schedules the next attempt; returns when the first attempt failed. */
export async function reschedule(q: Queryable, id: string, delayMs: number, lastStatus: number | null, error: string): Promise<Date | undefined> {
  const result = await q.query<{ first_failed_at: Date }>(
    `UPDATE relay_deliveries
        SET next_attempt_at = now() + make_interval(secs => $2::float8 / 1000), last_status = $3, last_error = $4,
            first_failed_at = COALESCE(first_failed_at, now())
      WHERE id = $1 AND status = 'pending'
      RETURNING first_failed_at`,
    [id, delayMs, lastStatus, error],
  );
  return result.rows[0]?.first_failed_at;
}

/** Gives a delivery up; returns when its first attempt failed (undefined if it was no longer pending). */
export async function markDead(q: Queryable, id: string, lastStatus: number | null, error: string): Promise<Date | undefined> {
  const result = await q.query<{ first_failed_at: Date }>(
    `UPDATE relay_deliveries
        SET status = 'dead', last_status = $2, last_error = $3, first_failed_at = COALESCE(first_failed_at, now())
      WHERE id = $1 AND status = 'pending'
      RETURNING first_failed_at`,
    [id, lastStatus, error],
  );
  return result.rows[0]?.first_failed_at;
}

/** A disabled subscription's queue: given up, counted as dead. Returns how many. */
export async function killPendingOf(q: Queryable, subscriptionId: string, reason: string): Promise<number> {
  const result = await q.query(`UPDATE relay_deliveries SET status = 'dead', last_error = $2 WHERE subscription_id = $1 AND status = 'pending'`, [
    subscriptionId,
    reason,
  ]);
  return result.rowCount;
}

export async function countPendingDeliveries(q: Queryable): Promise<number> {
  const result = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM relay_deliveries WHERE status = 'pending'`);
  return result.rows[0]?.n ?? 0;
}

export interface DeliveryCounts {
  pending: number;
  delivered: number;
  dead: number;
}

export async function deliveryCountsOf(q: Queryable, subscriptionId: string): Promise<DeliveryCounts> {
  const result = await q.query<{ status: keyof DeliveryCounts; n: number }>(
    `SELECT status, count(*)::int AS n FROM relay_deliveries WHERE subscription_id = $1 GROUP BY status`,
    [subscriptionId],
  );
  const counts = { pending: 0, delivered: 0, dead: 0 };
  for (const row of result.rows) counts[row.status] = row.n;
  return counts;
}
