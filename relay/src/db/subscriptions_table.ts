import type { Filters } from '../events/kinds';
import type { Queryable } from './db';

/** relay_subscriptions: one per Zap trigger (Zapier REST hook). */
export interface SubscriptionRow {
  id: string;
  location_id: string;
  company_id: string | null;
  event: string;
  filters: Filters;
  target_url: string;
  status: 'active' | 'disabled';
  created_at: Date;
  consecutive_failures: number;
  failing_since: Date | null;
  last_failure: string | null;
  disabled_at: Date | null;
  disabled_reason: string | null;
  paused_until: Date | null;
  pause_reason: string | null;
}

const COLUMNS = `id, location_id, company_id, event, filters, target_url, status, created_at, consecutive_failures,
  failing_since, last_failure, disabled_at, disabled_reason, paused_until, pause_reason`;

export interface NewSubscription {
  id: string;
  locationId: string;
  companyId: string | null;
  event: string;
  filters: Filters;
  targetUrl: string;
}

/** Filters are compared as canonical JSON (keys sorted), so `{a, b}` and `{b, a}` are the same subscription. */
export function canonicalFilters(filters: Filters): string {
  const sorted = Object.fromEntries(
    Object.entries(filters)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return JSON.stringify(sorted);
}

/**
 * Inserts unless an active subscription with the same location, event, filters and target exists (a retried
 * subscribe); returns the row and whether it is new. The advisory lock makes two racing retries create one row.
 */
export async function insertSubscription(tx: Queryable, sub: NewSubscription): Promise<{ row: SubscriptionRow; created: boolean }> {
  const filters = canonicalFilters(sub.filters);
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${sub.locationId}|${sub.event}|${sub.targetUrl}`]);
  const existing = await tx.query<SubscriptionRow>(
    `SELECT ${COLUMNS} FROM relay_subscriptions
      WHERE location_id = $1 AND event = $2 AND target_url = $3 AND filters = $4::jsonb AND status = 'active'
      LIMIT 1`,
    [sub.locationId, sub.event, sub.targetUrl, filters],
  );
  if (existing.rows[0]) return { row: existing.rows[0], created: false };
  const inserted = await tx.query<SubscriptionRow>(
    `INSERT INTO relay_subscriptions (id, location_id, company_id, event, filters, target_url)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6)
     RETURNING ${COLUMNS}`,
    [sub.id, sub.locationId, sub.companyId, sub.event, filters, sub.targetUrl],
  );
  const row = inserted.rows[0];
  if (!row) throw new Error('insert returned no row');
  return { row, created: true };
}

export async function getSubscription(q: Queryable, id: string): Promise<SubscriptionRow | undefined> {
  const result = await q.query<SubscriptionRow>(`SELECT ${COLUMNS} FROM relay_subscriptions WHERE id = $1`, [id]);
  return result.rows[0];
}

/** Deletes one; its deliveries go with it. Returns whether it existed. */
export async function deleteSubscription(q: Queryable, id: string): Promise<boolean> {
  const result = await q.query(`DELETE FROM relay_subscriptions WHERE id = $1`, [id]);
  return result.rowCount > 0;
}

export interface MatchableSubscription {
  id: string;
  location_id: string;
  event: string;
  filters: Filters;
  created_at: Date;
  target_url: string;
  consecutive_failures: number;
  /** Pacing (migration 003): the next free send slot, and a pause (breaker, Retry-After) new deliveries wait out. */
  next_slot_at: Date | null;
  paused_until: Date | null;
}

export async function activeForLocations(q: Queryable, locationIds: string[]): Promise<MatchableSubscription[]> {
  if (locationIds.length === 0) return [];
  const result = await q.query<MatchableSubscription>(
    `SELECT s.id, s.location_id, s.event, s.filters, s.created_at, s.target_url, s.consecutive_failures,
            p.next_slot_at, s.paused_until
       FROM relay_subscriptions s LEFT JOIN relay_hook_pace p ON p.subscription_id = s.id
      WHERE s.status = 'active' AND s.location_id = ANY($1::text[])`,
    [locationIds],
  );
  return result.rows;
}

/** Moves each subscription's next free send slot (fan-out only, so one writer). */
export async function writePace(q: Queryable, slots: { subscriptionId: string; nextSlotAt: Date }[]): Promise<void> {
  if (slots.length === 0) return;
  await q.query(
    `INSERT INTO relay_hook_pace (subscription_id, next_slot_at)
     SELECT subscription_id, next_slot_at FROM jsonb_to_recordset($1::jsonb) AS r(subscription_id uuid, next_slot_at timestamptz)
     ON CONFLICT (subscription_id) DO UPDATE SET next_slot_at = EXCLUDED.next_slot_at`,
    [JSON.stringify(slots.map((p) => ({ subscription_id: p.subscriptionId, next_slot_at: p.nextSlotAt.toISOString() })))],
  );
}

/** UNINSTALL: the subscriptions made before it (a reinstall's new ones stay). Returns how many went. */
export async function deleteForUninstall(q: Queryable, scope: { locationId?: string; companyId?: string }, before: Date): Promise<number> {
  if (scope.locationId) {
    const r = await q.query(`DELETE FROM relay_subscriptions WHERE location_id = $1 AND created_at <= $2`, [scope.locationId, before]);
    return r.rowCount;
  }
  if (scope.companyId) {
    const r = await q.query(`DELETE FROM relay_subscriptions WHERE company_id = $1 AND created_at <= $2`, [scope.companyId, before]);
    return r.rowCount;
  }
  return 0;
}

/** Locations whose subscriptions an agency-level UNINSTALL removes (for their tag snapshots). */
export async function locationsOfCompany(q: Queryable, companyId: string): Promise<string[]> {
  const r = await q.query<{ location_id: string }>(`SELECT DISTINCT location_id FROM relay_subscriptions WHERE company_id = $1`, [companyId]);
  return r.rows.map((row) => row.location_id);
}

/** A success ends a failure streak and closes the breaker (cheap: touches only rows that were failing). */
export async function clearFailures(q: Queryable, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await q.query(
    `UPDATE relay_subscriptions
        SET consecutive_failures = 0, failing_since = NULL, last_failure = NULL, breaker_opens = 0,
            paused_until = CASE WHEN pause_reason = 'breaker' THEN NULL ELSE paused_until END
      WHERE id = ANY($1::uuid[]) AND (consecutive_failures > 0 OR breaker_opens > 0)`,
    [[...ids].sort()],
  );
}

export interface BreakerSettings {
  /** Consecutive failures that open the breaker (and, while open, keep a subscription to one probe at a time). */
  failures: number;
  baseMs: number;
  maxMs: number;
}

export interface FailureRecord {
  disabled: boolean;
  consecutiveFailures: number;
  /** Set when this failure opened (or re-opened, after a failed probe) the breaker: pause the target until then. */
  breakerUntil: Date | undefined;
  targetUrl: string | undefined;
}

/**
 * Pauses every active subscription on a target until `until` (the breaker, or the target's own Retry-After) and
 * moves their pending deliveries due before then to after it, keeping their spacing, so no instance claims them
 * meanwhile and the claim does not have to step over them.
 */
export async function pauseTarget(q: Queryable, targetUrl: string, until: Date, reason: 'breaker' | 'retry_after'): Promise<void> {
  await q.query(
    `WITH subs AS (
       UPDATE relay_subscriptions
          SET paused_until = GREATEST(COALESCE(paused_until, $2::timestamptz), $2::timestamptz), pause_reason = $3
        WHERE target_url = $1 AND status = 'active'
        RETURNING id
     )
     UPDATE relay_deliveries d
        SET next_attempt_at = GREATEST($2::timestamptz, d.next_attempt_at + ($2::timestamptz - now()))
       FROM subs WHERE d.subscription_id = subs.id AND d.status = 'pending' AND d.next_attempt_at < $2::timestamptz`,
    [targetUrl, until.toISOString(), reason],
  );
}

const DISABLED_REASON = 'every delivery failed for the whole retry period';

/**
 * Counts one failed attempt (before the delivery row is updated, so a streak starts no later than the delivery's
 * first failure). Disables the subscription when it has failed every attempt for the whole retry period.
 * Returns true when this call disabled it.
 */
export async function recordFailure(q: Queryable, id: string, failure: string, retryPeriodSeconds: number, breaker: BreakerSettings): Promise<FailureRecord> {
  // The breaker opens when the streak reaches `failures` and it is not open already; a failure after its pause
  // ran out (the probe) opens it again for twice as long, up to maxMs.
  const result = await q.query<{ disabled: boolean; failures: number; breaker_until: Date | null; target_url: string }>(
    `WITH cur AS (
       SELECT id, status = 'active' AND COALESCE(failing_since, now()) <= now() - make_interval(secs => $3) AS disable,
              consecutive_failures + 1 >= $5 AND (paused_until IS NULL OR paused_until <= now()) AS trip,
              breaker_opens
         FROM relay_subscriptions WHERE id = $1 FOR UPDATE
     )
     UPDATE relay_subscriptions s
        SET consecutive_failures = s.consecutive_failures + 1,
            failing_since = COALESCE(s.failing_since, now()),
            last_failure = $2,
            status = CASE WHEN cur.disable THEN 'disabled' ELSE s.status END,
            disabled_at = CASE WHEN cur.disable THEN now() ELSE s.disabled_at END,
            disabled_reason = CASE WHEN cur.disable THEN $4 ELSE s.disabled_reason END,
            breaker_opens = CASE WHEN cur.trip THEN s.breaker_opens + 1 ELSE s.breaker_opens END,
            paused_until = CASE WHEN cur.trip
              THEN now() + make_interval(secs => LEAST($7::float8, $6::float8 * power(2, LEAST(cur.breaker_opens, 20))) / 1000)
              ELSE s.paused_until END,
            pause_reason = CASE WHEN cur.trip THEN 'breaker' ELSE s.pause_reason END
       FROM cur WHERE s.id = cur.id
     RETURNING cur.disable AS disabled, s.consecutive_failures AS failures,
               CASE WHEN cur.trip THEN s.paused_until END AS breaker_until, s.target_url`,
    [id, failure, retryPeriodSeconds, DISABLED_REASON, breaker.failures, breaker.baseMs, breaker.maxMs],
  );
  const row = result.rows[0];
  return {
    disabled: row?.disabled ?? false,
    consecutiveFailures: row?.failures ?? 0,
    breakerUntil: row?.breaker_until ?? undefined,
    targetUrl: row?.target_url,
  };
}

/**
 * A delivery just died (every attempt failed for the retry period): disable its subscription unless something
 * succeeded since that delivery first failed (then the streak started later, or there is none).
 */
export async function disableAfterDeath(q: Queryable, id: string, firstFailedAt: Date): Promise<boolean> {
  const result = await q.query(
    `UPDATE relay_subscriptions
        SET status = 'disabled', disabled_at = now(), disabled_reason = $3
      WHERE id = $1 AND status = 'active' AND failing_since IS NOT NULL AND failing_since <= $2`,
    [id, firstFailedAt, DISABLED_REASON],
  );
  return result.rowCount > 0;
}

export async function countSubscriptionsByStatus(q: Queryable): Promise<Record<'active' | 'disabled' | 'paused', number>> {
  const result = await q.query<{ active: number; disabled: number; paused: number }>(
    `SELECT count(*) FILTER (WHERE status = 'active')::int AS active, count(*) FILTER (WHERE status = 'disabled')::int AS disabled,
            count(*) FILTER (WHERE status = 'active' AND paused_until > now())::int AS paused
       FROM relay_subscriptions`,
  );
  const row = result.rows[0];
  return { active: row?.active ?? 0, disabled: row?.disabled ?? 0, paused: row?.paused ?? 0 };
}
