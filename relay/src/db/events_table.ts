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
}

export interface FanoutEvent {
  id: string;
  webhook_id: string | null;
  type: string;
  location_id: string | null;
  body: string;
  event_time: Date;
  received_at: Date;
}

/** Inserts a batch; returns the dedupe keys that were new (the others were already stored). */
export async function insertEvents(q: Queryable, events: NewEvent[]): Promise<Set<string>> {
  const result = await q.query<{ dedupe_key: string }>(
    `INSERT INTO relay_events (id, dedupe_key, webhook_id, type, location_id, body, event_time)
     SELECT id, dedupe_key, webhook_id, type, location_id, body, event_time
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, dedupe_key text, webhook_id text, type text,
                                               location_id text, body text, event_time timestamptz)
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
        })),
      ),
    ],
  );
  return new Set(result.rows.map((r) => r.dedupe_key));
}

/** The oldest events not yet fanned out, locked so a second instance takes the next ones. */
export async function claimForFanout(tx: Queryable, limit: number): Promise<FanoutEvent[]> {
  const result = await tx.query<FanoutEvent>(
    `SELECT id, webhook_id, type, location_id, body, event_time, received_at
       FROM relay_events
      WHERE fanned_out_at IS NULL
      ORDER BY received_at, id
      LIMIT $1
      FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  return result.rows;
}

export async function markFannedOut(tx: Queryable, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(`UPDATE relay_events SET fanned_out_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
}

/**
 * Deletes events that are fanned out, have no delivery still pending, and are older than the retention period
 * (their bodies carry contact data). Their deliveries go with them (ON DELETE CASCADE). Returns how many went.
 * A row is also the webhookId's dedupe record, so it stays until its HighLevel `timestamp` is older than the replay
 * window (`replayWindowSeconds`): by then a replay or a late retry of it is refused as stale instead of stored anew.
 */
export async function purgeEvents(q: Queryable, retentionSeconds: number, replayWindowSeconds: number, limit: number): Promise<number> {
  const result = await q.query(
    `DELETE FROM relay_events
      WHERE id IN (
        SELECT e.id FROM relay_events e
         WHERE e.received_at < now() - make_interval(secs => $1)
           AND e.event_time < now() - make_interval(secs => $3)
           AND e.fanned_out_at IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM relay_deliveries d WHERE d.event_id = e.id AND d.status = 'pending')
         LIMIT $2)`,
    [retentionSeconds, limit, replayWindowSeconds],
  );
  return result.rowCount;
}

export interface EventBacklog {
  awaitingFanout: number;
  /** Age in seconds of the oldest event not yet fanned out or with a delivery pending; 0 when none. */
  oldestUndeliveredSeconds: number;
}

export async function eventBacklog(q: Queryable): Promise<EventBacklog> {
  const result = await q.query<{ awaiting: number; oldest: number | null }>(
    `SELECT (SELECT count(*)::int FROM relay_events WHERE fanned_out_at IS NULL) AS awaiting,
            EXTRACT(EPOCH FROM now() - LEAST(
              (SELECT min(received_at) FROM relay_events WHERE fanned_out_at IS NULL),
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
