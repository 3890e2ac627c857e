import type { Queryable } from './db';

/** relay_events: the webhooks as received. */
export interface NewEvent {
  id: string;
  dedupeKey: string;
  webhookId: string | null;
  type: string;
  locationId: string | null;
  body: string;
  eventTime: string;
  /** Until when a replay could pass the timestamp window (ISO), or 'infinity' for a body without a timestamp. */
  replayableUntil: string;
}

export interface FanoutEvent {
  id: string;
  webhook_id: string | null;
  type: string;
  location_id: string | null;
  body: string;
  event_time: Date;
  received_at: Date;
  fanout_attempts: number;
}

/**
 * Inserts a batch; returns the dedupe keys that were new (the others were already stored, or were stored once and
 * purged since: their tombstone answers for them). One multi-row statement: any row the database refuses fails it
 * all, so the ingest checks every row first (ingest/storable.ts) and falls back to one row at a time if it fails.
 */
export async function insertEvents(q: Queryable, events: NewEvent[]): Promise<Set<string>> {
  const result = await q.query<{ dedupe_key: string }>(
    `INSERT INTO relay_events (id, dedupe_key, webhook_id, type, location_id, body, event_time, replayable_until)
     SELECT id, dedupe_key, webhook_id, type, location_id, body, event_time, replayable_until
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, dedupe_key text, webhook_id text, type text,
                                               location_id text, body text, event_time timestamptz,
                                               replayable_until timestamptz)
      WHERE NOT EXISTS (SELECT 1 FROM relay_dedupe_tombstones t WHERE t.dedupe_key = r.dedupe_key)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING dedupe_key`,
    [
      JSON.stringify(
        events.map((e) => ({
          id: e.id,
          dedupe_key: e.dedupeKey,
          webhook_id: e.webhookId,
          type: e.type,
          location_id: e.locationId,
          body: e.body,
          event_time: e.eventTime,
          replayable_until: e.replayableUntil,
        })),
      ),
    ],
  );
  return new Set(result.rows.map((r) => r.dedupe_key));
}

/**
 * The next events to fan out, fairly across locations: the oldest `perLocation` of every location with events
 * waiting, then the batch takes each location's first, then each one's second, and so on, so a location importing
 * 20,000 contacts does not hold back another location's events. Within a location the order is arrival order (tag
 * snapshots depend on it). The locations are walked with a loose index scan (one index probe per location), not by
 * reading every waiting row. Events pausing after a failed try (fanout_retry_at) are skipped until then.
 * Only one instance fans out at a time (an advisory lock), so no row lock is needed.
 */
export async function claimForFanout(tx: Queryable, limit: number, perLocation: number): Promise<FanoutEvent[]> {
  // The predicate of relay_events_fanout_location_idx (migration 003), so every probe uses that index.
  const waiting = (e: string) => `${e}fanned_out_at IS NULL AND ${e}dead_lettered_at IS NULL`;
  const result = await tx.query<FanoutEvent>(
    `WITH RECURSIVE locations AS (
       (SELECT COALESCE(location_id, '') AS loc FROM relay_events WHERE ${waiting('')}
         ORDER BY COALESCE(location_id, '') LIMIT 1)
       UNION ALL
       SELECT (SELECT COALESCE(e.location_id, '') FROM relay_events e
                WHERE ${waiting('e.')} AND COALESCE(e.location_id, '') > l.loc
                ORDER BY COALESCE(e.location_id, '') LIMIT 1)
         FROM locations l WHERE l.loc IS NOT NULL
     )
     SELECT id, webhook_id, type, location_id, body, event_time, received_at, fanout_attempts FROM (
       SELECT x.*, row_number() OVER (PARTITION BY l.loc ORDER BY x.received_at, x.id) AS n
         FROM locations l
         CROSS JOIN LATERAL (
           SELECT e.id, e.webhook_id, e.type, e.location_id, e.body, e.event_time, e.received_at, e.fanout_attempts
             FROM relay_events e
            WHERE COALESCE(e.location_id, '') = l.loc AND ${waiting('e.')}
              AND (e.fanout_retry_at IS NULL OR e.fanout_retry_at <= now())
            ORDER BY e.received_at, e.id
            LIMIT $2) x
        WHERE l.loc IS NOT NULL
     ) ranked
     ORDER BY n, received_at, id
     LIMIT $1`,
    [limit, perLocation],
  );
  return result.rows;
}

export async function markFannedOut(tx: Queryable, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(`UPDATE relay_events SET fanned_out_at = now(), fanout_retry_at = NULL WHERE id = ANY($1::uuid[])`, [ids]);
}

/**
 * One failed try at fanning out an event, for a reason of its own: pause it (retryDelayMs, doubling each try) and
 * after `maxAttempts` tries set it aside (dead-lettered, with the reason). Returns whether it is dead-lettered now.
 */
export async function recordFanoutFailure(q: Queryable, id: string, reason: string, maxAttempts: number, retryDelayMs: number): Promise<boolean> {
  const result = await q.query<{ dead: boolean }>(
    `UPDATE relay_events
        SET fanout_attempts = fanout_attempts + 1,
            fanout_error = $2,
            fanout_retry_at = now() + make_interval(secs => $4::float8 * power(2, LEAST(fanout_attempts, 20)) / 1000),
            dead_lettered_at = CASE WHEN fanout_attempts + 1 >= $3 THEN now() END
      WHERE id = $1 AND fanned_out_at IS NULL AND dead_lettered_at IS NULL
      RETURNING dead_lettered_at IS NOT NULL AS dead`,
    [id, reason.slice(0, 500), maxAttempts, retryDelayMs],
  );
  return result.rows[0]?.dead ?? false;
}

export interface DeadLetter {
  id: string;
  webhook_id: string | null;
  type: string;
  location_id: string | null;
  received_at: Date;
  fanout_attempts: number;
  fanout_error: string | null;
  dead_lettered_at: Date;
}

/** The dead-lettered events, oldest first (ids, type, location and reason only: never the body). */
export async function listDeadLetters(q: Queryable, limit: number): Promise<DeadLetter[]> {
  const result = await q.query<DeadLetter>(
    `SELECT id, webhook_id, type, location_id, received_at, fanout_attempts, fanout_error, dead_lettered_at
       FROM relay_events WHERE dead_lettered_at IS NOT NULL ORDER BY dead_lettered_at, id LIMIT $1`,
    [limit],
  );
  return result.rows;
}

/** An operator's retry: the event goes back to the fan-out queue with its tries reset. Returns whether it was there. */
export async function retryDeadLetter(q: Queryable, id: string): Promise<boolean> {
  const result = await q.query(
    `UPDATE relay_events SET dead_lettered_at = NULL, fanout_attempts = 0, fanout_retry_at = NULL
      WHERE id = $1 AND dead_lettered_at IS NOT NULL`,
    [id],
  );
  return result.rowCount > 0;
}

/** An operator's drop: the event is deleted (its dedupe key kept as a tombstone). Returns whether it was there. */
export async function dropDeadLetter(q: Queryable, id: string): Promise<boolean> {
  const result = await q.query(
    `WITH gone AS (DELETE FROM relay_events WHERE id = $1 AND dead_lettered_at IS NOT NULL RETURNING dedupe_key, replayable_until)
     INSERT INTO relay_dedupe_tombstones (dedupe_key, replayable_until)
     SELECT dedupe_key, COALESCE(replayable_until, 'infinity') FROM gone
     ON CONFLICT (dedupe_key) DO UPDATE SET replayable_until = GREATEST(relay_dedupe_tombstones.replayable_until, EXCLUDED.replayable_until)
     RETURNING 1`,
    [id],
  );
  return result.rowCount > 0;
}

export async function countDeadLetters(q: Queryable): Promise<number> {
  const result = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM relay_events WHERE dead_lettered_at IS NOT NULL');
  return result.rows[0]?.n ?? 0;
}

/**
 * Deletes events whose bodies (contact data) are no longer needed: fanned out, no delivery still pending, and older
 * than the retention period; dead-lettered ones once older than their own retention. Their deliveries go with them
 * (ON DELETE CASCADE). Each one's dedupe key stays behind as a tombstone for as long as a replay of it could still
 * pass the timestamp window (forever for a body without a timestamp: nothing dates a replay of it), so a replay
 * after the purge is answered "duplicate" instead of being stored and delivered again. Returns how many went.
 */
export async function purgeEvents(q: Queryable, retentionSeconds: number, deadLetterRetentionSeconds: number, limit: number): Promise<number> {
  const result = await q.query<{ n: number }>(
    `WITH gone AS (
       DELETE FROM relay_events
        WHERE id IN (
          SELECT e.id FROM relay_events e
           WHERE e.received_at < now() - make_interval(secs => $1)
             AND ((e.fanned_out_at IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM relay_deliveries d WHERE d.event_id = e.id AND d.status = 'pending'))
                  OR e.dead_lettered_at < now() - make_interval(secs => $3))
           LIMIT $2)
       RETURNING dedupe_key, COALESCE(replayable_until, 'infinity'::timestamptz) AS until
     ), kept AS (
       INSERT INTO relay_dedupe_tombstones (dedupe_key, replayable_until)
       SELECT dedupe_key, until FROM gone WHERE until > now()
       ON CONFLICT (dedupe_key) DO UPDATE
         SET replayable_until = GREATEST(relay_dedupe_tombstones.replayable_until, EXCLUDED.replayable_until)
     )
     SELECT count(*)::int AS n FROM gone`,
    [retentionSeconds, limit, deadLetterRetentionSeconds],
  );
  return result.rows[0]?.n ?? 0;
}

/** Tombstones and API nonces past their time. Returns how many went. */
export async function purgeExpiredRecords(q: Queryable): Promise<number> {
  const t = await q.query(`DELETE FROM relay_dedupe_tombstones WHERE replayable_until < now()`);
  const n = await q.query(`DELETE FROM relay_api_nonces WHERE expires_at < now()`);
  return t.rowCount + n.rowCount;
}

export interface EventBacklog {
  awaitingFanout: number;
  /** Age in seconds of the oldest event not yet fanned out or with a delivery pending; 0 when none. */
  oldestUndeliveredSeconds: number;
}

export async function eventBacklog(q: Queryable): Promise<EventBacklog> {
  const result = await q.query<{ awaiting: number; oldest: number | null }>(
    `SELECT (SELECT count(*)::int FROM relay_events WHERE fanned_out_at IS NULL AND dead_lettered_at IS NULL) AS awaiting,
            EXTRACT(EPOCH FROM now() - LEAST(
              (SELECT min(received_at) FROM relay_events WHERE fanned_out_at IS NULL AND dead_lettered_at IS NULL),
              (SELECT min(e.received_at) FROM relay_deliveries d JOIN relay_events e ON e.id = d.event_id
                WHERE d.status = 'pending')))::float8 AS oldest`,
  );
  const row = result.rows[0];
  return { awaitingFanout: row?.awaiting ?? 0, oldestUndeliveredSeconds: Math.max(0, row?.oldest ?? 0) };
}

export async function countEvents(q: Queryable): Promise<number> {
  const result = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM relay_events');
  return result.rows[0]?.n ?? 0;
}
