import { createHash, randomUUID } from 'node:crypto';
import type { NewEvent } from '../db/events_table';

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

export type ParsedWebhook =
  | { ok: true; event: NewEvent; hasTimestamp: boolean }
  | { ok: false; status: 400 | 401; reason: 'bad_json' | 'bad_timestamp' | 'stale_timestamp' | 'future_timestamp'; message: string };

export function parseTimestamp(value: unknown): Date | undefined | 'invalid' {
  if (value === undefined || value === null) return undefined;
  let ms: number;
  if (typeof value === 'number' && Number.isFinite(value)) {
    ms = value > 1e12 ? value : value * 1000; // epoch milliseconds or seconds
  } else if (typeof value === 'string' && value.trim() !== '') {
    ms = /^\d+$/.test(value.trim()) ? parseTimestampDigits(value.trim()) : Date.parse(value);
  } else {
    return 'invalid';
  }
  return Number.isFinite(ms) ? new Date(ms) : 'invalid';
}

function parseTimestampDigits(digits: string): number {
  const n = Number(digits);
  return n > 1e12 ? n : n * 1000;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function parseWebhook(raw: Buffer, window: TimestampWindow, now: number = Date.now()): ParsedWebhook & { type?: string } {
  const text = raw.toString('utf8');
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
    },
  };
}
