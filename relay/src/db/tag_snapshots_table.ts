import type { SnapshotState } from '../events/tags';
import type { Queryable } from './db';

/** relay_tag_snapshots: the last tag list seen per contact (tags only; no other contact field is kept). */
export interface SnapshotKey {
  locationId: string;
  contactId: string;
}

export const snapshotKey = (k: SnapshotKey): string => `${k.locationId}\u0000${k.contactId}`;

export async function readSnapshots(q: Queryable, keys: SnapshotKey[]): Promise<Map<string, SnapshotState>> {
  const found = new Map<string, SnapshotState>();
  if (keys.length === 0) return found;
  const result = await q.query<{ location_id: string; contact_id: string; tags: string[]; event_time: Date }>(
    `SELECT s.location_id, s.contact_id, s.tags, s.event_time
       FROM relay_tag_snapshots s
       JOIN jsonb_to_recordset($1::jsonb) AS k(location_id text, contact_id text)
         ON k.location_id = s.location_id AND k.contact_id = s.contact_id`,
    [JSON.stringify(keys.map((k) => ({ location_id: k.locationId, contact_id: k.contactId })))],
  );
  for (const row of result.rows) {
    found.set(snapshotKey({ locationId: row.location_id, contactId: row.contact_id }), {
      tags: row.tags,
      eventTime: row.event_time,
    });
  }
  return found;
}

export async function writeSnapshots(q: Queryable, rows: (SnapshotKey & SnapshotState)[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO relay_tag_snapshots (location_id, contact_id, tags, event_time)
     SELECT location_id, contact_id, ARRAY(SELECT jsonb_array_elements_text(tags)), event_time
       FROM jsonb_to_recordset($1::jsonb) AS r(location_id text, contact_id text, tags jsonb, event_time timestamptz)
     ON CONFLICT (location_id, contact_id)
     DO UPDATE SET tags = EXCLUDED.tags, event_time = EXCLUDED.event_time, updated_at = now()`,
    [
      JSON.stringify(
        rows.map((r) => ({
          location_id: r.locationId,
          contact_id: r.contactId,
          tags: r.tags,
          event_time: r.eventTime.toISOString(),
        })),
      ),
    ],
  );
}

export async function deleteSnapshots(q: Queryable, keys: SnapshotKey[]): Promise<void> {
  if (keys.length === 0) return;
  await q.query(
    `DELETE FROM relay_tag_snapshots s
      USING jsonb_to_recordset($1::jsonb) AS k(location_id text, contact_id text)
      WHERE k.location_id = s.location_id AND k.contact_id = s.contact_id`,
    [JSON.stringify(keys.map((k) => ({ location_id: k.locationId, contact_id: k.contactId })))],
  );
}

export async function deleteSnapshotsOfLocations(q: Queryable, locationIds: string[]): Promise<void> {
  if (locationIds.length === 0) return;
  await q.query(`DELETE FROM relay_tag_snapshots WHERE location_id = ANY($1::text[])`, [locationIds]);
}
