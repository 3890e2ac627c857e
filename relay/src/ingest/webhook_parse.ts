import { createHash, randomUUID } from 'node:crypto';
import type { NewEvent } from '../db/events_table';
import { UNINSTALL_TYPE } from '../events/kinds';
import type { IdProblem } from './storable';
import { decodeUtf8, idProblem } from './storable';

/**
 * Turns a verified raw body into the row to store. HighLevel's signed bodies carry `timestamp` and `webhookId`
 * (HighLevel docs, docs/oauth/WebhookAuthentication.md), but the per-event docs' examples show neither, so both are
 * treated as possibly absent: no webhookId → the body's SHA-256 is the dedupe key; no timestamp → nothing to judge
 * staleness by, so the signed body is accepted (refusing it would lose it for good) and dedupe alone stops replays
 * for the retention period.
 *
 * The window is lopsided on purpose. HighLevel retries a webhook only after a 429, with the identical body (same
 * webhookId and timestamp), up to six more times ten minutes apart plus jitter, about 1 h 10 min in the worst case
 * (docs/highlevel-api.md §9.4). The 5-minute window HighLevel's signature doc suggests (§9.3) would refuse those
 * retries with a 401, which HighLevel never retries: the event would be lost. So `maxAgeSeconds`
 * (RELAY_TIMESTAMP_TOLERANCE_SECONDS, default 2 h) covers the whole schedule, and the webhookId dedupe, not the clock,
 * stops a replay inside it (a stored event is kept as its dedupe record until its timestamp has left the window;
 * purgeEvents). Nothing genuine comes from the future, so that side allows clock skew only (`maxFutureSeconds`,
 * default 5 min).
 */
/** HighLevel's last retry of a webhook, worst case (docs/highlevel-api.md §9.4): a shorter window loses events. */
export const HIGHLEVEL_RETRY_SPAN_SECONDS = 70 * 60;

export interface TimestampWindow {
  maxAgeSeconds: number;
  maxFutureSeconds: number;
}

export type ParseRefusal = 'bad_json' | 'bad_encoding' | 'bad_timestamp' | 'stale_timestamp' | 'future_timestamp' | IdProblem;

export type ParsedWebhook =
  { ok: true; event: NewEvent; hasTimestamp: boolean } | { ok: false; status: 400 | 401 | 422; reason: ParseRefusal; message: string };

/**
 * HighLevel's `timestamp`: an ISO date, or epoch seconds or milliseconds (a number or a string of digits).
 * Anything that is not a real date (e.g. "99999999999999999999" or 1e20: past what a JavaScript date or PostgreSQL's
 * timestamptz can hold) is 'invalid'; a date outside the window is judged by the caller.
 */
export function parseTimestamp(value: unknown): Date | undefined | 'invalid' {
  if (value === undefined || value === null) return undefined;
  let ms: number;
  if (typeof value === 'number' && Number.isFinite(value)) {
    ms = value > 1e12 ? value : value * 1000; // epoch milliseconds or seconds
  } else if (typeof value === 'string' && value.trim() !== '' && value.length <= 64) {
    ms = /^\d+$/.test(value.trim()) ? parseTimestampDigits(value.trim()) : Date.parse(value);
  } else {
    return 'invalid';
  }
  const date = new Date(ms);
  return Number.isFinite(date.getTime()) ? date : 'invalid';
}

function parseTimestampDigits(digits: string): number {
  const n = Number(digits);
  return n > 1e12 ? n : n * 1000;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * The values of a body the relay stores in a column or an index of its own (the dedupe key, the location it routes
 * by, the contact its tag snapshot is kept for, the company an agency UNINSTALL names). One that PostgreSQL cannot
 * store exactly (U+0000, a lone surrogate) or that is far longer than any HighLevel id is refused with 422 at once:
 * it can never be stored, so 429 (retry) would only have HighLevel send it again for 70 minutes, and storing a
 * changed copy would route or dedupe it by something HighLevel never sent. Everything else in the body, whatever
 * its strings hold, is kept as received (see storable.ts).
 */
function routingIds(record: Record<string, unknown>, type: string): [string, unknown][] {
  const ids: [string, unknown][] = [
    ['webhookId', record.webhookId],
    ['locationId', record.locationId],
  ];
  if (type.startsWith('Contact')) ids.push(['id', record.id]);
  if (type === UNINSTALL_TYPE) ids.push(['companyId', record.companyId]);
  return ids;
}

export function parseWebhook(raw: Buffer, window: TimestampWindow, now: number = Date.now()): ParsedWebhook & { type?: string } {
  const text = decodeUtf8(raw);
  if (text === undefined) {
    return { ok: false, status: 400, reason: 'bad_encoding', message: 'body is not valid UTF-8' };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, reason: 'bad_json', message: 'body is not JSON' };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, status: 400, reason: 'bad_json', message: 'body is not a JSON object' };
  }
  const record = body as Record<string, unknown>;
  const timestamp = parseTimestamp(record.timestamp);
  if (timestamp === 'invalid') {
    return { ok: false, status: 400, reason: 'bad_timestamp', message: 'timestamp is not a date' };
  }
  if (timestamp && now - timestamp.getTime() > window.maxAgeSeconds * 1000) {
    return { ok: false, status: 401, reason: 'stale_timestamp', message: 'timestamp is older than the accepted window' };
  }
  if (timestamp && timestamp.getTime() - now > window.maxFutureSeconds * 1000) {
    return { ok: false, status: 401, reason: 'future_timestamp', message: 'timestamp is later than the current time allows' };
  }
  const webhookId = str(record.webhookId);
  const type = str(record.type) ?? 'unknown';
  for (const [field, value] of routingIds(record, type)) {
    const problem = typeof value === 'string' ? idProblem(value) : undefined;
    if (problem === 'id_unstorable') {
      return { ok: false, status: 422, reason: problem, message: `${field} holds a character the relay cannot store (U+0000 or half of a surrogate pair)` };
    }
    if (problem === 'id_too_long') {
      return { ok: false, status: 422, reason: problem, message: `${field} is longer than any HighLevel id` };
    }
  }
  return {
    ok: true,
    hasTimestamp: timestamp !== undefined,
    type,
    event: {
      id: randomUUID(),
      dedupeKey: webhookId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`,
      webhookId,
      type,
      locationId: str(record.locationId),
      body: text,
      eventTime: (timestamp ?? new Date(now)).toISOString(),
      // A replay of this body passes the timestamp window until then; without a timestamp, nothing ever dates it.
      replayableUntil: timestamp ? new Date(timestamp.getTime() + window.maxAgeSeconds * 1000).toISOString() : 'infinity',
    },
  };
}
